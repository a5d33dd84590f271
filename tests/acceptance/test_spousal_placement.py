"""A spousal folder holds two people's documents: a name that says the file is the spouse's or partner's puts it
in the principal's items, never in the applicant's own passport or photo slot."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import docfactory as make
from tests.acceptance.test_permit_types import _letter, _passport, _sowp
from tests.conftest import scan_json

# A principal's permit whose words also name the occupation, as real permits do: its name must win.
PERMIT = _letter("Work permit", "Occupation: software engineer, NOC 21231")


def _placed(folder: Path) -> dict[str, str | None]:
    return {file["path"]: file["item"] for file in scan_json(folder).json()["files"]}


@pytest.mark.parametrize("name", ["husband-work-permit.pdf", "work-permit-wife.pdf", "permis-conjoint.pdf",
                                  "permis-mari.pdf", "principal-status.pdf"])
def test_the_principals_permit_goes_to_its_item(tmp_path: Path, name: str) -> None:
    folder = _sowp(tmp_path / "docs")
    (folder / "principal-work-permit.pdf").unlink()
    make.write(folder / name, PERMIT)
    placed = _placed(folder)
    assert placed[name] == "principal-status"
    assert placed["employer-letter.pdf"] == "principal-employment"


def test_the_principals_employment_letter_goes_to_its_item(tmp_path: Path) -> None:
    folder = _sowp(tmp_path / "docs")
    (folder / "employer-letter.pdf").unlink()
    make.write(folder / "husband-employment-letter.pdf", _letter("Maple Robotics Inc.", "Verification letter"))
    assert _placed(folder)["husband-employment-letter.pdf"] == "principal-employment"


@pytest.mark.parametrize("name", ["passport-husband.pdf", "passeport-mari.pdf", "spouse passport.pdf",
                                  "principal-passport.pdf"])
def test_the_spouses_passport_is_not_the_applicants(tmp_path: Path, name: str) -> None:
    folder = _sowp(tmp_path / "docs", **{"passport_pdf": _passport()})
    make.write(folder / name, _passport())
    result = scan_json(folder)
    assert _placed(folder)[name] is None
    finding = result.finding("file.other-person")
    assert finding["path"] == name and "not placed in Passport or travel document" in finding["message"]
    assert "passport.one-file" not in result.rules() and result.exit_code == 0
    french = scan_json(folder, "--lang", "fr").finding("file.other-person")
    assert "document de votre époux ou conjoint" in french["message"]


def test_marriage_is_not_a_husband(tmp_path: Path) -> None:
    # "mari" (French for husband) is a word of its own: a marriage certificate is never taken for his document.
    assert _placed(_sowp(tmp_path / "docs"))["marriage-certificate.pdf"] == "marriage-certificate"
