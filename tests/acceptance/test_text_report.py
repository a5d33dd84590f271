"""The text report says which file each finding is about, shows under -q what it counts, and reads right in
English and in French (numbers, punctuation, agreement)."""

from __future__ import annotations

import random
import re
import shutil
from html import unescape
from pathlib import Path

from permit_check.model import Context
from permit_check.rules.checks.identity import Statement, consistency_findings
from tests import docfactory as make
from tests.conftest import AS_OF, AS_OF_DAY, REPO, invoke, scan_json

EXAMPLES = REPO / "examples"


def _text(folder: Path, *extra: str | Path) -> str:
    return invoke("scan", folder, "--as-of", AS_OF, "--jobs", "1", "--no-color", *extra).stdout


def _copy(example: str, tmp_path: Path) -> Path:
    folder = tmp_path / example
    shutil.copytree(EXAMPLES / example, folder)
    return folder


def test_a_finding_names_its_file_when_the_item_has_several(tmp_path: Path) -> None:
    folder = _copy("returned-application", tmp_path)
    (folder / "old-drafts").mkdir()
    make.write(folder / "old-drafts" / "imm1295.pdf", make.xfa_form_pdf(
        "1295", edition="09-2023", datasets=make.imm1295_datasets(validated=False, family_name="Okafor")))
    for lang, colon in (("en", ": "), ("fr", " : ")):
        lines = _text(folder, "--lang", lang).splitlines()
        files = next(index for index, line in enumerate(lines) if line.strip() == "imm1295.pdf, old-drafts/imm1295.pdf")
        validated = next(line for line in lines[files:] if "IMM 1295" in line and "valid" in line)
        assert f"imm1295.pdf{colon}" in validated and "old-drafts/imm1295.pdf" not in validated, validated
        # A message that names its file already is left as it is.
        older = next(line for line in lines[files:] if "old-drafts/imm1295.pdf" in line)
        assert older.split()[1].startswith("old-drafts/imm1295.pdf"), older
    single = _text(EXAMPLES / "returned-application")
    assert "  IMM 1295 was never validated" in single  # one file in the item: nothing to tell apart


def test_quiet_shows_errors_only_and_its_summary_says_what_it_hides(tmp_path: Path) -> None:
    folder = _copy("ready-application", tmp_path)
    (folder / "passport.pdf").rename(folder / "passport#1.pdf")  # a warning on an item that is in order
    quiet = _text(folder, "-q")
    assert "passport#1.pdf" not in quiet and not re.search(r"^ +warning ", quiet, re.M)
    assert "Every item is in order." in quiet
    assert "Summary: 0 errors in 10 files; -q hides 1 warning." in quiet
    assert "passport#1.pdf" in _text(folder)
    (folder / "cv.pdf").unlink()  # a recommended item missing: a warning, so not "in order"
    without_cv = _text(folder, "-q")
    assert "Every item is in order." not in without_cv and "No item has an error." in without_cv
    assert "-q hides 2 warnings." in without_cv
    returned = _text(EXAMPLES / "returned-application", "-q")
    assert not re.search(r"^ +info ", returned, re.M) and "When the photo was taken is not known" not in returned
    assert "Summary: 6 errors in 9 files; -q hides 1 note." in returned
    shown = len(re.findall(r"^ +error ", returned, re.M))
    assert shown == 6
    assert "Show only errors" in invoke("scan", "--help").stdout


def test_pack_summary_counts_only_what_it_shows(tmp_path: Path) -> None:
    folder = _copy("ready-application", tmp_path)
    (folder / "photo.jpg").unlink()
    make.write(folder / "photo.png", make.image_bytes(make.photo_image(seed=3), "PNG"))  # undated: a note
    result = invoke("pack", folder, "--output", tmp_path / "upload", "--as-of", AS_OF)
    assert result.exit_code == 0, result.stdout
    assert "Summary: 0 errors in 10 files; permit-check scan also shows 1 note." in result.stdout  # pack has no -q
    assert "1 note" not in result.stdout.replace("also shows 1 note", "")


def test_identity_messages_read_as_sentences() -> None:
    found = [Statement("permit-check.toml", None, None, {"given_names": "Noor", "family_name": "Tremblay"}),
             Statement("imm5645.pdf (IMM 5645)", "imm5645.pdf", "family-information",
                       {"given_names": "Nour", "family_name": "Tremblai"})]
    messages = [finding.message for finding in consistency_findings(found, Context(as_of=AS_OF_DAY))]
    assert messages == ["imm5645.pdf (IMM 5645) does not give the same family name as permit-check.toml.",
                        "imm5645.pdf (IMM 5645) does not give the same given names as permit-check.toml."]


def test_file_name_warning_says_ascii_and_suggests_a_name_for_the_item(complete: Path) -> None:
    (complete / "imm5645.pdf").rename(complete / "Família-Québec.pdf")
    make.write(complete / "Notas Québec.pdf", make.text_pdf(["Questions"]))
    result = scan_json(complete)
    found = [finding for finding in result.json()["findings"] if finding["rule"] == "file-name.characters"]
    family = next(finding for finding in found if finding["path"] == "Família-Québec.pdf")
    assert family["item"] == "family-information"
    assert "outside A-Z, a-z, 0-9" in family["message"] and "accents" in family["message"]
    assert "ASCII" not in family["message"]  # '#', '?' and '%' are ASCII, and are warned about too
    assert "letters" not in family["message"]  # é is a letter: the rule is about ASCII
    assert family["hint"].startswith("Rename it family-information.pdf.") and "passport" not in family["hint"]
    assert "IRCC publishes no rule on file names" in family["hint"]  # the rule is advice, not IRCC's
    stray = next(finding for finding in found if finding["path"] == "Notas Québec.pdf")
    assert stray["hint"].startswith("Rename it Notas-Quebec.pdf.")
    french = scan_json(complete, "--lang", "fr").json()["findings"]
    family_fr = next(finding for finding in french if finding["rule"] == "file-name.characters"
                     and finding["path"] == "Família-Québec.pdf")
    assert "hors de A-Z, a-z, 0-9" in family_fr["message"]
    assert family_fr["hint"].startswith("Renommez-le family-information.pdf.")


def test_size_fix_fits_the_kind_of_file(complete: Path) -> None:
    photo = complete / "photo.jpg"
    photo.write_bytes(photo.read_bytes() + random.Random(1).randbytes(4_300_000))  # still a JPEG, now 4.1+ MB
    result = scan_json(complete)
    finding = result.finding("photo.max-size")
    assert "PDF" not in finding["hint"] and "JPEG quality" in finding["hint"], finding["hint"]
    french = scan_json(complete, "--lang", "fr").finding("photo.max-size")
    assert "PDF" not in french["hint"] and "qualité JPEG" in french["hint"]
    assert re.search(r"fait 4,\d Mo", french["message"]), french["message"]


def test_french_pack_writes_sizes_with_a_decimal_comma(complete: Path, tmp_path: Path) -> None:
    comments = b"".join(b"%" + random.Random(line).randbytes(60).hex().encode() + b"\n" for line in range(25_000))
    make.write(complete / "passport.pdf", make.raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(comments) + comments + b"\nendstream"]))
    result = invoke("pack", complete, "--output", tmp_path / "upload", "--channel", "ircc-portal", "--as-of", AS_OF,
                    "--lang", "fr")
    assert "encore 2,9 Mo, au-delà de la limite de 2 Mo" in result.stdout, result.stdout
    assert not re.search(r"\d\.\d Mo", result.stdout)
    assert "Aucun fichier pour Passeport ou titre de voyage (requis)." in result.stdout  # not "(required)"


def test_french_wording_of_conversion_fixes() -> None:
    text = _text(EXAMPLES / "returned-application", "--lang", "fr")
    photo = next(line for line in text.splitlines() if "solution : Export" in line)
    assert "Exportez-le" not in photo  # la photo: the pronoun would not agree
    assert "Exportez ou convertissez le fichier en JPEG (.jpg)" in photo


def test_french_punctuation_has_its_space(tmp_path: Path) -> None:
    folder = _copy("returned-application", tmp_path)
    (folder / "old-drafts").mkdir()
    make.write(folder / "old-drafts" / "imm1295.pdf", make.xfa_form_pdf(
        "1295", edition="09-2023", datasets=make.imm1295_datasets(validated=False, family_name="Okafor")))
    outputs = [_text(folder, "--lang", "fr"), _text(folder, "--lang", "fr", "-v"), _text(folder, "--lang", "fr", "-q")]
    html = invoke("scan", folder, "--lang", "fr", "--format", "html", "--as-of", AS_OF).stdout
    body = unescape(re.sub(r"<style>.*?</style>|<script>.*?</script>|<[^>]+>", " ", html, flags=re.S))
    for output in [*outputs, body]:
        # A French ; : ! ? has a space before it (no-break or not); a colon inside a URL or a time is no word.
        glued = [match.group(0) for match in re.finditer(r"\S{0,20}[^\s\u00a0\u202f\[(][;!?](?=\s|$)|"
                                                          r"\S{0,20}[^\s\u00a0\u202f/]:(?=\s|$)", output, re.M)]
        assert glued == [], glued
    shown = invoke("checklists", "show", "work-permit-outside-canada", "--lang", "fr").stdout
    assert "id : work-permit-outside-canada" in shown
    assert "4 Mo par fichier ; un fichier par emplacement de téléversement ; pdf" in shown
