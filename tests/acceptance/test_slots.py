"""Several files in one upload slot: copies, older versions of a form, parts of one document; subfolders."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests import docfactory as make
from tests.conftest import AS_OF, BASE_ANSWERS, invoke, scan_json


def _draft_1295(**data: object) -> bytes:
    """Last month's IMM 1295: never validated, with a name the applicant has since corrected."""
    values = {"family_name": "Tremblai", "given_name": "Nour", "dob": "1993-07-12", "validated": False, **data}
    edition = str(values.pop("edition", "09-2023"))
    return make.xfa_form_pdf("1295", edition=edition, datasets=make.imm1295_datasets(edition=edition, **values))


def test_an_exact_copy_is_not_merged(complete: Path) -> None:
    shutil.copyfile(complete / "passport.pdf", complete / "passport (1).pdf")
    result = scan_json(complete)
    finding = result.finding("passport.copy")
    assert finding["severity"] == "warning" and finding["path"] == "passport (1).pdf"
    assert "exact copy of passport.pdf" in finding["message"] and "delete" in finding["hint"]
    assert "passport.one-file" not in result.rules()
    copy = next(file for file in result.json()["files"] if file["path"] == "passport (1).pdf")
    assert copy["kept_instead"] == "passport.pdf"
    assert result.exit_code == 0  # nothing wrong with the application itself


def test_an_old_draft_in_a_subfolder_is_an_older_version_not_a_part(complete: Path) -> None:
    (complete / "old-drafts").mkdir()
    make.write(complete / "old-drafts" / "imm1295.pdf", _draft_1295())
    result = scan_json(complete)
    finding = result.finding("application-form.older-version")
    assert finding["severity"] == "error" and finding["path"] == "old-drafts/imm1295.pdf"
    assert "imm1295.pdf is the one to keep (it is validated)" in finding["message"]
    assert "merge" not in (finding["message"] + finding["hint"]).lower()
    # The draft's own problems are those of a file that is not sent: one finding says it all.
    about_draft = [found["rule"] for found in result.json()["findings"] if found["path"] == "old-drafts/imm1295.pdf"]
    assert about_draft == ["application-form.older-version"]
    assert not [rule for rule in result.rules() if rule.startswith("identity.") or rule.endswith(".one-file")]
    note = result.finding("application.subfolders")
    assert note["severity"] == "info" and "old-drafts/ (1 file)" in note["message"]
    assert "--exclude old-drafts" in note["hint"]


def test_the_newer_edition_is_the_one_to_keep(complete: Path) -> None:
    make.write(complete / "imm1295-2019.pdf", _draft_1295(validated=True, edition="10-2019", family_name="Tremblay",
                                                          given_name="Noor", dob="1993-07-21"))
    finding = scan_json(complete).finding("application-form.older-version")
    assert finding["path"] == "imm1295-2019.pdf" and "newer edition" in finding["message"]


def test_pages_of_one_document_are_still_to_be_merged(complete: Path) -> None:
    (complete / "passport.pdf").unlink()
    for page in (1, 2):
        make.write(complete / f"passport-page-{page}.jpg", make.jpeg_bytes(make.photo_image(seed=10 + page)))
    finding = scan_json(complete).finding("passport.one-file")
    assert "passport-page-1.jpg and passport-page-2.jpg" in finding["message"] and "Merge" in finding["hint"]


def test_exclude_leaves_a_subfolder_out(complete: Path) -> None:
    (complete / "old-drafts").mkdir()
    make.write(complete / "old-drafts" / "imm1295.pdf", _draft_1295())
    make.write(complete / "notes.bak", b"scratch")
    result = scan_json(complete, "--exclude", "old-drafts", "--exclude", "*.bak")
    assert result.exit_code == 0, result.rules()
    assert [file["path"] for file in result.json()["files"]] == ["imm1295.pdf", "imm5645.pdf", "passport.pdf",
                                                                   "photo.jpg"]
    assert "application.subfolders" not in result.rules()
    (complete / "permit-check.toml").write_text('exclude = ["old-drafts/", "*.bak"]\n' + BASE_ANSWERS,
                                                encoding="utf-8")
    assert scan_json(complete).exit_code == 0


def test_french_wording(complete: Path) -> None:
    shutil.copyfile(complete / "passport.pdf", complete / "passport (1).pdf")
    (complete / "old-drafts").mkdir()
    make.write(complete / "old-drafts" / "imm1295.pdf", _draft_1295())
    result = scan_json(complete, "--lang", "fr")
    assert "copie exacte de passport.pdf" in result.finding("passport.copy")["message"]
    assert "il est validé" in result.finding("application-form.older-version")["message"]
    assert "old-drafts/ (1 fichier)" in result.finding("application.subfolders")["message"]


def test_pack_keeps_one_copy_and_the_current_version(complete: Path, tmp_path: Path) -> None:
    shutil.copyfile(complete / "passport.pdf", complete / "passport (1).pdf")
    (complete / "old-drafts").mkdir()
    make.write(complete / "old-drafts" / "imm1295.pdf", _draft_1295())
    result = invoke("pack", complete, "--output", tmp_path / "upload", "--as-of", AS_OF)
    assert result.exit_code == 0, result.stdout + result.stderr
    manifest = json.loads((tmp_path / "upload" / "permit-check-manifest.json").read_text(encoding="utf-8"))
    inputs = {entry["output"]: [source["path"] for source in entry["inputs"]] for entry in manifest["files"]}
    assert inputs["passport.pdf"] == ["passport.pdf"] and inputs["application-form.pdf"] == ["imm1295.pdf"]
    left = {entry["path"]: entry["reason"] for entry in manifest["left_out"]}
    assert "passport.pdf is packed instead" in left["passport (1).pdf"]
    assert "imm1295.pdf is packed instead" in left["old-drafts/imm1295.pdf"]


def _imm5707() -> bytes:
    """The other family information form (IMM 5707), filled for the same applicant."""
    fields = {"page1/SectionA/Applicant/AppName": "TREMBLAY, Noor", "page1/SectionA/Applicant/AppDOB": "1993-07-21"}
    return make.xfa_form_pdf("5707", edition="06-2019", dynamic=False, template_edition=None,
                             page_text=["FAMILY INFORMATION"],
                             datasets=make.static_form_datasets("5707", "06-2019", fields, number_field="formNum"))


def test_two_alternative_forms_in_one_slot_keep_the_first_listed(complete: Path) -> None:
    make.write(complete / "imm5707.pdf", _imm5707())
    result = scan_json(complete)
    finding = result.finding("family-information.alternative-form")
    assert finding["path"] == "imm5707.pdf" and finding["severity"] == "error"
    assert "Keep one: imm5645.pdf (IMM 5645" in finding["hint"]
    assert "merge them" not in (finding["message"] + finding["hint"]).lower()
    assert "family-information.one-file" not in result.rules()
    french = scan_json(complete, "--lang", "fr").finding("family-information.alternative-form")
    assert "Gardez-en un : imm5645.pdf" in french["hint"]


def test_pack_packs_the_kept_alternative_form(complete: Path, tmp_path: Path) -> None:
    make.write(complete / "imm5707.pdf", _imm5707())
    result = invoke("pack", complete, "--output", tmp_path / "upload", "--as-of", AS_OF)
    manifest = json.loads((tmp_path / "upload" / "permit-check-manifest.json").read_text(encoding="utf-8"))
    inputs = {entry["output"]: [source["path"] for source in entry["inputs"]] for entry in manifest["files"]}
    assert inputs["family-information.pdf"] == ["imm5645.pdf"], result.stdout
    left = {entry["path"]: entry["reason"] for entry in manifest["left_out"]}
    assert "imm5645.pdf is packed instead" in left["imm5707.pdf"]


def test_two_different_photos_are_candidates_never_merged(complete: Path, tmp_path: Path) -> None:
    make.write(complete / "photo 2.png", make.image_bytes(make.photo_image(seed=7, width=630, height=810), "PNG"))
    result = scan_json(complete)
    finding = result.finding("photo.one-photo")
    assert finding["severity"] == "error" and "photo 2.png" in finding["message"]
    assert "never merged" in finding["hint"] and "photo.one-file" not in result.rules()
    packed = invoke("pack", complete, "--output", tmp_path / "upload", "--as-of", AS_OF)
    assert packed.exit_code == 1 and "NOT PACKED photo: 2 different photos" in packed.stdout
    assert not (tmp_path / "upload" / "photo.jpg").exists()
