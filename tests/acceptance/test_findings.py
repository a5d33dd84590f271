"""Every finding the scan can produce, each provoked by a real file in an otherwise complete folder."""

from __future__ import annotations

import os
import shutil
import zlib
from pathlib import Path

import pytest

from tests import docfactory as make
from tests.conftest import BASE_ANSWERS, scan_json


def test_complete_folder_is_ready(complete: Path) -> None:
    result = scan_json(complete)
    report = result.json()
    assert result.exit_code == 0, result.rules()
    assert report["ready"] is True
    assert report["summary"]["error"] == 0
    statuses = {item["id"]: item["status"] for item in report["items"]}
    assert statuses["application-form"] == "ok"
    assert statuses["passport"] == "ok"
    assert statuses["representative"] == "not-applicable"
    assert statuses["letter-of-explanation"] == "optional"


# --------------------------------------------------------------------------- missing and slots


def test_missing_required_item(complete: Path) -> None:
    (complete / "imm5645.pdf").unlink()
    result = scan_json(complete)
    finding = result.finding("family-information.missing")
    assert result.exit_code == 1
    assert finding["severity"] == "error" and finding["path"] is None
    item = next(item for item in result.json()["items"] if item["id"] == "family-information")
    assert item["status"] == "missing"


def test_two_files_for_one_slot(complete: Path) -> None:
    make.write(complete / "passport-page-2.pdf", make.scan_pdf(1, seed=21, width=850, height=1100, noise=0.05))
    finding = scan_json(complete).finding("passport.one-file")
    assert "passport.pdf" in finding["message"] and "passport-page-2.pdf" in finding["message"]
    assert "Merge" in finding["hint"]


def test_paper_applications_may_have_several_files_per_item(complete: Path) -> None:
    shutil.copy(complete / "passport.pdf", complete / "passport-page-2.pdf")
    result = scan_json(complete, "--channel", "paper")
    assert "passport.one-file" not in result.rules()


def test_photo_in_png_is_refused(complete: Path) -> None:
    (complete / "photo.jpg").unlink()
    make.write(complete / "photo.png", make.image_bytes(make.photo_image(seed=3), "PNG"))
    finding = scan_json(complete).finding("photo.content-type")
    assert finding["path"] == "photo.png"
    assert "PNG image" in finding["message"] and "JPEG" in finding["hint"]


def test_scan_over_the_secure_account_limit(complete: Path) -> None:
    make.write(complete / "passport.pdf", make.scan_pdf(
        2, seed=9, width=2480, height=3508, dpi=300, noise=0.14, quality=85))
    assert (complete / "passport.pdf").stat().st_size > 4 * 1024 * 1024
    finding = scan_json(complete).finding("passport.max-size")
    assert "4 MB" in finding["message"] and "150 DPI" in finding["hint"]


def test_portal_limit_is_2_mb(complete: Path) -> None:
    make.write(complete / "passport.pdf", make.scan_pdf(3, seed=5, noise=0.12, quality=92))
    size = (complete / "passport.pdf").stat().st_size
    assert 2 * 1024 * 1024 < size < 4 * 1024 * 1024
    assert "passport.max-size" not in scan_json(complete).rules()
    assert "2 MB" in scan_json(complete, "--channel", "ircc-portal").finding("passport.max-size")["message"]


def _passport_jpeg_of(size: int) -> bytes:
    """A real passport scan as JPEG, padded after its end marker (as some scanners leave it) to `size` bytes."""
    data = make.jpeg_bytes(make.photo_image(seed=4), quality=90)
    return data + b"\0" * (size - len(data))


@pytest.mark.parametrize(("size", "rule"), [
    (3_999_999, None),
    (4_000_001, "passport.size-uncertain"),
    (4_194_304, "passport.size-uncertain"),
    (4_194_305, "passport.max-size"),
])
def test_four_mb_read_both_ways(complete: Path, size: int, rule: str | None) -> None:
    """IRCC's "4 MB" is refused above 4,194,304 bytes, and may be from 4,000,000."""
    (complete / "passport.pdf").unlink()
    make.write(complete / "passport.jpg", _passport_jpeg_of(size))
    rules = [found for found in scan_json(complete).rules() if found.startswith("passport.") and "size" in found]
    assert rules == ([rule] if rule else [])


def test_sizes_are_written_as_ircc_writes_them(complete: Path) -> None:
    (complete / "passport.pdf").unlink()
    make.write(complete / "passport.jpg", _passport_jpeg_of(4_194_305))
    finding = scan_json(complete).finding("passport.max-size")
    assert finding["severity"] == "error" and "is 4.2 MB" in finding["message"] and "at most 4 MB" in finding["message"]
    french = scan_json(complete, "--lang", "fr").finding("passport.max-size")
    assert "4,2 Mo" in french["message"]
    make.write(complete / "passport.jpg", _passport_jpeg_of(4_300_000))
    assert "is 4.3 MB" in scan_json(complete).finding("passport.max-size")["message"]  # 4,300,000 bytes
    make.write(complete / "passport.jpg", _passport_jpeg_of(4_100_000))
    uncertain = scan_json(complete).finding("passport.size-uncertain")
    assert uncertain["severity"] == "warning" and "4,100,000 bytes" in uncertain["message"]
    assert "4,000,000" in uncertain["hint"]
    french_uncertain = scan_json(complete, "--lang", "fr").finding("passport.size-uncertain")
    assert "4\u202f100\u202f000 octets" in french_uncertain["message"]


def test_word_file_named_pdf(complete: Path) -> None:
    make.write(complete / "letter-of-explanation.pdf", make.docx_bytes(["Letter of explanation", "Dear officer"]))
    finding = scan_json(complete).finding("letter-of-explanation.extension-mismatch")
    assert "Word document (.docx)" in finding["message"]
    assert ".docx" in finding["hint"]


def test_a_misnamed_file_is_told_to_take_its_real_extension_where_its_slot_accepts_it(complete: Path) -> None:
    (complete / "passport.pdf").rename(complete / "passport.jpg")
    finding = scan_json(complete).finding("passport.extension-mismatch")
    assert "really a PDF document" in finding["message"] and "rename it to .pdf" in finding["hint"]


def test_a_misnamed_file_is_not_told_to_become_what_its_slot_refuses(complete: Path) -> None:
    """The family form's slot takes PDF only: saving it as the Word document its name promises would be refused."""
    (complete / "imm5645.pdf").rename(complete / "imm5645.docx")
    result = scan_json(complete)
    finding = result.finding("family-information.extension-mismatch")
    assert finding["hint"].startswith("Rename it to .pdf") and "Word" not in finding["hint"]
    assert "family-information.content-type" not in result.rules()


# --------------------------------------------------------------------------- bad files


def test_zero_byte_file(complete: Path) -> None:
    (complete / "passport.pdf").write_bytes(b"")
    result = scan_json(complete)
    assert result.finding("passport.empty")["severity"] == "error"
    item = next(item for item in result.json()["items"] if item["id"] == "passport")
    assert item["status"] == "invalid"


def test_truncated_pdf(complete: Path) -> None:
    whole = make.scan_pdf(2, seed=4, width=600, height=800)
    (complete / "passport.pdf").write_bytes(make.truncated(whole, 0.7))
    result = scan_json(complete)
    rules = result.rules()
    assert "passport.truncated" in rules or "passport.damaged" in rules, rules


def test_pdf_cut_after_its_last_object_is_truncated(complete: Path) -> None:
    whole = make.text_pdf(["Passport copy"] * 3)
    cut = whole[: whole.rindex(b"startxref")]
    (complete / "passport.pdf").write_bytes(cut)
    assert "end-of-file" in scan_json(complete).finding("passport.truncated")["message"]


def test_garbage_named_pdf_is_damaged(complete: Path) -> None:
    (complete / "passport.pdf").write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 200 + b"\n%%EOF\n")
    finding = scan_json(complete).finding("passport.damaged")
    assert finding["path"] == "passport.pdf"
    assert "(" in finding["message"]  # the parser's reason is quoted


def test_pdf_with_an_open_password(complete: Path) -> None:
    make.write(complete / "passport.pdf", make.text_pdf(["Passport"], user_password="s3cret"))
    finding = scan_json(complete).finding("passport.password-protected")
    assert "password" in finding["hint"].lower()


def test_ircc_form_encrypted_with_empty_password_is_inspected(complete: Path) -> None:
    result = scan_json(complete)
    file = next(file for file in result.json()["files"] if file["path"] == "imm1295.pdf")
    assert file["form"] == {"number": "1295", "edition": "09-2023", "validated": True, "language": "en"}
    assert file["item"] == "application-form"
    assert not [rule for rule in result.rules() if rule.startswith("application-form.")]


def test_pdf_nested_too_deeply(complete: Path) -> None:
    make.write(complete / "passport.pdf", make.deep_page_tree_pdf(3000))
    result = scan_json(complete, "-v")
    assert "goes past the PDF reader's safety limits." in result.finding("passport.too-complex")["message"]
    assert "passport.pdf: LimitReachedError: Maximum page tree depth reached" in result.stderr


def test_image_claiming_too_many_pixels(complete: Path) -> None:
    (complete / "photo.jpg").unlink()
    make.write(complete / "photo.png", _png_header_only(100_000, 100_000))
    assert scan_json(complete).finding("photo.too-large")["severity"] == "error"


def _png_header_only(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")

    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 2, 0, 0, 0])
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 64))


def test_truncated_jpeg(complete: Path) -> None:
    whole = (complete / "photo.jpg").read_bytes()
    (complete / "photo.jpg").write_bytes(whole[: len(whole) // 2])
    finding = scan_json(complete).finding("photo.truncated")
    assert "truncated" in finding["message"]


def test_docx_zip_bomb(complete: Path) -> None:
    make.write(complete / "letter-of-explanation.docx", make.docx_bytes(["Dear officer"], padding=80 * 1024 * 1024))
    assert (complete / "letter-of-explanation.docx").stat().st_size < 200_000
    finding = scan_json(complete).finding("letter-of-explanation.too-large")
    assert "implausible" in finding["message"]


# --------------------------------------------------------------------------- placement


def test_unrecognised_file(complete: Path) -> None:
    make.write(complete / "scan0042.pdf", make.scan_pdf(1, seed=8, width=400, height=500))
    result = scan_json(complete)
    finding = result.finding("file.unrecognised")
    assert finding["severity"] == "warning" and finding["item"] is None and finding["path"] == "scan0042.pdf"
    assert result.exit_code == 0  # a warning does not fail the default --fail-on error
    assert scan_json(complete, "--fail-on", "warning").exit_code == 1


def test_form_of_another_application(complete: Path) -> None:
    make.write(complete / "sponsor-form.pdf", make.xfa_form_pdf("1344", edition="06-2019"))
    finding = scan_json(complete).finding("file.wrong-form")
    assert "IMM 1344" in finding["message"] and "Sponsor" in finding["message"]


def test_form_is_matched_by_content_not_name(complete: Path) -> None:
    (complete / "imm5645.pdf").rename(complete / "document-3.pdf")
    result = scan_json(complete)
    assert result.exit_code == 0, result.rules()
    file = next(file for file in result.json()["files"] if file["path"] == "document-3.pdf")
    assert file["item"] == "family-information"


def test_static_form_recognised_from_its_page_text(complete: Path) -> None:
    """A flattened copy of IMM 5645 (no XFA) still shows its footer in the page text."""
    (complete / "imm5645.pdf").unlink()
    make.write(complete / "scan-7.pdf", make.text_pdf([["FAMILY INFORMATION", "IMM 5645 (01-2021) E"]]))
    result = scan_json(complete)
    file = next(file for file in result.json()["files"] if file["path"] == "scan-7.pdf")
    assert file["item"] == "family-information"


def test_document_matched_by_its_text(complete: Path) -> None:
    make.write(complete / "document.pdf", make.text_pdf([["Letter of explanation", "Dear officer,"]]))
    result = scan_json(complete)
    file = next(file for file in result.json()["files"] if file["path"] == "document.pdf")
    assert file["item"] == "letter-of-explanation"


# --------------------------------------------------------------------------- IRCC forms


def test_application_form_never_validated(complete: Path) -> None:
    make.write(complete / "imm1295.pdf", make.xfa_form_pdf(
        "1295", edition="09-2023", datasets=make.imm1295_datasets(validated=False)))
    finding = scan_json(complete).finding("application-form.not-validated")
    assert "Validate" in finding["hint"]


def test_a_type_guessed_from_a_shared_form_is_not_ready(tmp_path: Path) -> None:
    """IMM 5710 is the form of an extension, a PGWP and a spousal permit: a guess must not be READY."""
    folder = tmp_path / "docs"
    folder.mkdir()
    make.write(folder / "imm5710.pdf", make.xfa_form_pdf("5710", edition="06-2019", datasets=make.imm5710_datasets(
        validated=True, status_to="2027-03-31")))
    result = scan_json(folder)
    finding = result.finding("application.type-guessed")
    assert finding["severity"] == "error" and "Post-Graduation Work Permit" in finding["message"]
    assert "pgwp" in finding["hint"] and result.json()["checklist"]["id"] == "work-permit-inside-canada"
    # The form's own status expiry is used: no "expiry not known" while the form says it.
    assert "status-document.date-unknown" not in result.rules()
    (folder / "permit-check.toml").write_text('type = "pgwp"\n', encoding="utf-8")
    assert "application.type-guessed" not in scan_json(folder).rules()


def test_the_work_basis_comes_from_the_application_form(complete: Path) -> None:
    """An LMIA-based IMM 1295 (code LMOS) needs the LMIA, whatever permit-check.toml leaves out."""
    (complete / "permit-check.toml").write_text(BASE_ANSWERS.replace('basis = "open"\n', ""), encoding="utf-8")
    assert "lmia.missing" in scan_json(complete).rules()


def test_application_form_as_a_scan(complete: Path) -> None:
    make.write(complete / "imm1295.pdf", make.scan_pdf(1, seed=3, width=600, height=800))
    finding = scan_json(complete).finding("application-form.not-fillable-pdf")
    # A printed or scanned form has no barcode page: online, the application is returned.
    assert finding["severity"] == "error" and "returned" in finding["hint"]
    assert "application-form.not-fillable-pdf" not in scan_json(complete, "--channel", "paper").rules()


# --------------------------------------------------------------------------- photo rules


def test_photo_too_small(complete: Path) -> None:
    make.write(complete / "photo.jpg", make.jpeg_bytes(make.photo_image(seed=4, width=300, height=400), quality=95))
    finding = scan_json(complete).finding("photo.min-pixels")
    assert "300 x 400" in finding["message"]


def test_photo_in_black_and_white(complete: Path) -> None:
    make.write(complete / "photo.jpg", make.jpeg_bytes(make.photo_image(seed=4, colour=False), quality=95))
    assert "mode L" in scan_json(complete).finding("photo.colour")["message"]


def test_photo_too_compressed(complete: Path) -> None:
    make.write(complete / "photo.jpg", make.jpeg_bytes(make.photo_image(seed=4), quality=5))
    assert (complete / "photo.jpg").stat().st_size < 60_000
    finding = scan_json(complete).finding("photo.min-size")
    assert finding["severity"] == "warning"


# --------------------------------------------------------------------------- file names


@pytest.mark.parametrize(
    ("name", "rule"),
    [
        ("passport#copy.pdf", "file-name.characters"),
        ("1.passport.pdf", "file-name.extra-dots"),
        ("passport-" + "x" * 100 + ".pdf", "file-name.length"),
    ],
)
def test_file_name_rules(complete: Path, name: str, rule: str) -> None:
    (complete / "passport.pdf").rename(complete / name)
    finding = scan_json(complete).finding(rule)
    assert finding["severity"] == "warning" and finding["path"] == name and finding["item"] == "passport"


# --------------------------------------------------------------------------- folder entries


def test_symlink_out_of_the_folder_is_not_followed(complete: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.pdf"
    outside.write_bytes(make.text_pdf(["Private notes"]))
    (complete / "notes.pdf").symlink_to(outside)
    finding = scan_json(complete).finding("file.symlink-outside")
    assert finding["path"] == "notes.pdf"


def test_link_to_a_folder_outside_says_it_is_a_folder(complete: Path, tmp_path: Path) -> None:
    outside = tmp_path / "statements"
    outside.mkdir()
    make.write(outside / "bank-statement.pdf", make.text_pdf(["Private notes"]))
    (complete / "bank").symlink_to(outside, target_is_directory=True)
    result = scan_json(complete)
    finding = result.finding("file.folder-link-outside")
    assert finding["path"] == "bank" and finding["severity"] == "warning"
    assert "a link to a folder outside" in finding["message"] and "file" not in finding["message"]
    assert "file.symlink-outside" not in result.rules()
    french = scan_json(complete, "--lang", "fr").finding("file.folder-link-outside")
    assert "un lien vers un dossier" in french["message"]


def test_link_to_a_folder_it_is_in_is_one_finding_and_not_followed(complete: Path) -> None:
    (complete / "scans").mkdir()
    (complete / "scans" / "back").symlink_to("..", target_is_directory=True)
    (complete / "here").symlink_to(complete, target_is_directory=True)
    (complete / "above").symlink_to(complete.parent, target_is_directory=True)
    result = scan_json(complete)
    loops = [finding for finding in result.json()["findings"] if finding["rule"] == "file.link-loop"]
    assert [finding["path"] for finding in loops] == ["above", "here", "scans/back"]
    assert all("loop" in finding["message"] and finding["severity"] == "warning" for finding in loops)
    # Not followed: the folder's documents are read once, under their own names.
    assert not [rule for rule in result.rules() if rule.endswith((".copy", ".one-file"))]
    assert sorted(file["path"] for file in result.json()["files"]) == [
        "above", "here", "imm1295.pdf", "imm5645.pdf", "passport.pdf", "photo.jpg", "scans/back"]


def test_broken_link_and_link_loop(complete: Path) -> None:
    (complete / "gone.pdf").symlink_to(complete / "does-not-exist.pdf")
    (complete / "loop-a.pdf").symlink_to(complete / "loop-b.pdf")
    (complete / "loop-b.pdf").symlink_to(complete / "loop-a.pdf")
    paths = [finding["path"] for finding in scan_json(complete).json()["findings"]
             if finding["rule"] == "file.broken-link"]
    assert paths == ["gone.pdf", "loop-a.pdf", "loop-b.pdf"]


def test_link_inside_the_folder_is_read(complete: Path) -> None:
    (complete / "passport.pdf").rename(complete / "passport-original.pdf")
    os.mkdir(complete / "originals")
    (complete / "passport-original.pdf").rename(complete / "originals" / "passport-original.pdf")
    (complete / "passport.pdf").symlink_to(Path("originals") / "passport-original.pdf")
    result = scan_json(complete)
    # Both the link and its target are documents: the same one under two names, to be sent once.
    assert result.finding("passport.copy")["path"] == "originals/passport-original.pdf"


def test_named_pipe_is_not_opened(complete: Path) -> None:
    os.mkfifo(complete / "pipe.pdf")
    finding = scan_json(complete).finding("file.not-a-file")
    assert finding["path"] == "pipe.pdf"


def test_os_litter_and_hidden_folders_are_ignored(complete: Path) -> None:
    (complete / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (complete / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0")
    (complete / ".git").mkdir()
    (complete / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    paths = [file["path"] for file in scan_json(complete).json()["files"]]
    assert paths == ["imm1295.pdf", "imm5645.pdf", "passport.pdf", "photo.jpg"]


def test_documents_in_subfolders_are_found(complete: Path) -> None:
    (complete / "identity").mkdir()
    (complete / "passport.pdf").rename(complete / "identity" / "passport.pdf")
    result = scan_json(complete)
    assert result.exit_code == 0
    assert "identity/passport.pdf" in [file["path"] for file in result.json()["files"]]


# --------------------------------------------------------------------------- application answers


def test_no_answers_file_is_noted(complete: Path) -> None:
    (complete / "permit-check.toml").unlink()
    result = scan_json(complete)
    finding = result.finding("application.no-answers")
    assert finding["severity"] == "info" and "representative" in finding["message"]
    # The IMM 1295's own permit-type code (LMIA-based work) names the permit type.
    assert result.json()["type_source"] == "the permit type named in the application form"
    assert "application.type-guessed" not in result.rules()


def test_lmia_exempt_needs_an_offer_number(complete: Path) -> None:
    text = BASE_ANSWERS.replace('basis = "open"', 'basis = "lmia-exempt"')
    (complete / "permit-check.toml").write_text(text)
    assert scan_json(complete).finding("job-offer.offer-number-unknown")["severity"] == "warning"
    (complete / "permit-check.toml").write_text(text.replace("[work]", '[work]\noffer_number = "1234567"'))
    assert scan_json(complete).finding("job-offer.offer-number-format")["severity"] == "error"
    (complete / "permit-check.toml").write_text(text.replace("[work]", '[work]\noffer_number = "A1234567"'))
    rules = scan_json(complete).rules()
    assert not [rule for rule in rules if "offer-number" in rule]


def test_a_broken_file_gets_one_finding_not_a_cascade(complete: Path) -> None:
    """An empty photo is 'empty', not also 'too small' and 'not in colour'."""
    (complete / "photo.jpg").write_bytes(b"")
    (complete / "imm1295.pdf").write_bytes(b"%PDF-1.7\n" + b"\x00" * 100 + b"\n%%EOF\n")
    rules = [rule for rule in scan_json(complete).rules() if rule.startswith(("photo.", "application-form."))]
    assert rules == ["application-form.damaged", "photo.empty"]
