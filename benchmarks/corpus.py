"""A deterministic benchmark corpus: about 2,000 application files of every kind a scan meets.

    python benchmarks/corpus.py [--out benchmarks/.corpus] [--seed 2026]

Writes the files and, beside them, a manifest (<out>.manifest.json) saying what each file truly is
(kind, and the finding it should provoke), so that a benchmark can also check it was measuring the
right thing. The same seed gives the same bytes.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tests import docfactory as make  # noqa: E402 - the builders live with the tests

# How many files of each sort (2,027 in all) and what each is.
PLAN = {
    "text-pdf": 560,         # letters, contracts, CVs: 1-50 pages with a text layer
    "scan-pdf": 300,         # phone-app scans: 1-5 JPEG pages, no text
    "aes-empty-password": 60,
    "aes-user-password": 40,
    "rc4-empty-password": 30,
    "rc4-user-password": 20,
    "xfa-form": 120,         # IRCC forms, AES with an empty password
    "acroform": 40,
    "jpeg-scan": 320,
    "png-scan": 100,
    "tiff-scan": 60,
    "docx": 150,
    "wrong-extension": 80,   # a DOCX named .pdf, a JPEG named .png...
    "truncated-pdf": 50,
    "garbage": 30,
    "junk-before-header": 20,
    "empty": 47,
}


class Corpus:
    def __init__(self, out: Path, seed: int) -> None:
        self.out = out
        self.rng = random.Random(seed)
        self.manifest: dict[str, dict[str, str]] = {}
        # Distinct scanned pages, reused across documents: encoding JPEGs is the slow part of generating.
        self.pages = [make.jpeg_bytes(make.scan_image(1275, 1650, seed=seed + index, noise=0.10), quality=72, dpi=150)
                      for index in range(24)]

    def add(self, name: str, data: bytes, kind: str, expect: str) -> None:
        client = f"client-{self.rng.randrange(40):02}"
        path = self.out / client / name
        make.write(path, data)
        self.manifest[f"{client}/{name}"] = {"kind": kind, "expect": expect}

    def text_pdf(self, index: int) -> bytes:
        pages = self.rng.choice([1, 1, 2, 3, 5, 8, 12, 20, 35, 50])
        words = ["Offer of employment", "Curriculum vitae", "Reference letter", "Bank statement", "Letter"]
        lines = [f"{self.rng.choice(words)} {index}", *(f"Line {line} of page text" for line in range(40))]
        return make.text_pdf([lines] * pages)

    def scan_pdf(self) -> bytes:
        from pypdf import PdfWriter

        writer = PdfWriter()
        for _ in range(self.rng.randint(1, 5)):
            make._add_image_page(writer, self.rng.choice(self.pages), 1275, 1650, 150)
        return make._finish(writer, None, None, None, None)

    def build(self) -> None:
        rng = self.rng
        for index in range(PLAN["text-pdf"]):
            self.add(f"document-{index:04}.pdf", self.text_pdf(index), "pdf", "unrecognised or placed by text")
        for index in range(PLAN["scan-pdf"]):
            self.add(f"scan-{index:04}.pdf", self.scan_pdf(), "pdf", "unrecognised")
        for algorithm, label in (("AES-128", "aes"), ("RC4-128", "rc4")):
            for password, sort in (("", "empty-password"), ("secret", "user-password")):
                for index in range(PLAN[f"{label}-{sort}"]):
                    data = self._encrypted(index, password, algorithm)
                    expect = "password-protected" if password else "opens"
                    self.add(f"{label}-{sort}-{index:03}.pdf", data, "pdf", expect)
        forms = [("1295", "09-2023", True), ("5645", "01-2021", False), ("5707", "08-2024", False),
                 ("5476", "11-2025", False), ("1344", "06-2019", False)]
        for index in range(PLAN["xfa-form"]):
            number, edition, dynamic = forms[index % len(forms)]
            self.add(f"form-{index:03}-imm{number}.pdf", make.xfa_form_pdf(number, edition=edition, dynamic=dynamic),
                     "pdf", f"IMM {number}")
        for index in range(PLAN["acroform"]):
            data = make.xfa_form_pdf("5645", edition="01-2021", dynamic=False, user_password=None,
                                     acro_fields=[f"field{field}" for field in range(20)])
            self.add(f"acroform-{index:03}.pdf", data, "pdf", "IMM 5645")
        for index in range(PLAN["jpeg-scan"]):
            self.add(f"photo-scan-{index:04}.jpg", rng.choice(self.pages), "jpeg", "unrecognised")
        for index in range(PLAN["png-scan"]):
            image = make.scan_image(900, 1200, seed=index, noise=0.03)
            self.add(f"page-{index:03}.png", make.image_bytes(image, "PNG"), "png", "unrecognised")
        for index in range(PLAN["tiff-scan"]):
            image = make.scan_image(800, 1000, seed=index, noise=0.02, colour=False)
            self.add(f"fax-{index:03}.tif", make.image_bytes(image, "TIFF"), "tiff", "unrecognised")
        for index in range(PLAN["docx"]):
            self.add(f"letter-{index:03}.docx", make.docx_bytes([f"Letter {index}", "Dear officer"] * 20), "docx",
                     "unrecognised or placed by text")
        for index in range(PLAN["wrong-extension"]):
            if index % 2:
                self.add(f"cv-{index:03}.pdf", make.docx_bytes(["Curriculum vitae"]), "docx", "extension-mismatch")
            else:
                self.add(f"picture-{index:03}.png", rng.choice(self.pages), "jpeg", "extension-mismatch")
        for index in range(PLAN["truncated-pdf"]):
            self.add(f"cut-{index:03}.pdf", make.truncated(self.scan_pdf(), rng.uniform(0.2, 0.9)), "pdf", "truncated")
        for index in range(PLAN["garbage"]):
            self.add(f"broken-{index:03}.pdf", b"%PDF-1.4\n" + rng.randbytes(rng.randint(100, 50_000)), "pdf",
                     "damaged")
        for index in range(PLAN["junk-before-header"]):
            self.add(f"junk-{index:03}.pdf", b"\x00" * 300 + self.text_pdf(index), "pdf", "opens")
        for index in range(PLAN["empty"]):
            self.add(f"empty-{index:03}.pdf", b"", "empty", "empty")

    def _encrypted(self, index: int, password: str, algorithm: str) -> bytes:
        from pypdf import PdfReader, PdfWriter

        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make.text_pdf([f"Statement {index}"]))))
        writer.encrypt(user_password=password, owner_password="owner", algorithm=algorithm)
        buffer = io.BytesIO()
        writer.write(buffer)
        return buffer.getvalue()


def manifest_path(out: Path) -> Path:
    return out.with_name(out.name + ".manifest.json")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=HERE / ".corpus")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    if args.out.exists():
        shutil.rmtree(args.out)
    corpus = Corpus(args.out, args.seed)
    corpus.build()
    # Beside the corpus, not in it: the manifest is not an application document.
    manifest_path(args.out).write_text(json.dumps(corpus.manifest, indent=1, sort_keys=True), encoding="utf-8")
    total = sum(path.stat().st_size for path in args.out.rglob("*") if path.is_file())
    print(f"wrote {len(corpus.manifest)} files, {total / 1e6:.0f} MB, in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
