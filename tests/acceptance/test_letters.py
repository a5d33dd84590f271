"""permit-check letter: returns and refusals in English and French, and text that is neither."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests import docfactory as make
from tests.conftest import AS_OF, invoke

RETURN_EN = """Dear Applicant,
As your application does not meet the requirements of R 10 of the Immigration and Refugee Protection Regulations,
it is considered incomplete and is being returned to you along with your processing fee.
A copy of your application has not been retained; no record has been retained.
Missing: Family Information form (IMM 5645), a digital photo.
If you submit an application, please pay particular attention to all the forms, documents, signatures and fees."""

RETURN_FR = """Madame, Monsieur,
Votre demande ne satisfait pas aux exigences de l'article 10 du Règlement sur l'immigration et la protection
des réfugiés. Elle est incomplète et vous est retournée avec vos frais de traitement, qui seront remboursés.
Aucune copie de votre demande n'a été conservée.
Documents manquants : formulaire Renseignements sur la famille (IMM 5645) et passeport.
Si vous présentez une nouvelle demande, veuillez porter une attention particulière à tous les formulaires."""

REFUSAL_EN = """Following an examination of your application, I am not satisfied that you meet the requirements of the
Act and the Regulations for the reasons explained below. I am therefore refusing your application.
I am not satisfied that you will leave Canada at the end of your stay, as stipulated in paragraph 200(1)(b)
of the IRPR, based on your family ties in Canada and in your country of residence, your travel history and
your current employment situation.
You were not able to demonstrate that you will be able to adequately perform the work you seek."""

REFUSAL_FR = """À la suite de l'examen de votre demande, je ne suis pas convaincue que vous satisfaites aux exigences
de la Loi et du Règlement. Par conséquent, votre demande est refusée.
Je ne suis pas convaincue que vous quitterez le Canada à la fin de votre séjour, aux termes de l'alinéa
200(1)b) du RIPR, compte tenu de vos liens familiaux au Canada et de votre situation financière.
Vous n'avez pas démontré que vous seriez en mesure d'exercer adéquatement l'emploi."""

NEITHER = """Hello Jane, the team lunch is moved to Friday at noon. Please bring the quarterly numbers
and the draft of the newsletter. Thanks, Sam"""

CRIMINAL_EN = """I am refusing your application. I am not satisfied that you are admissible: there are reasonable
grounds to believe you are inadmissible for criminality under section 36 of the Act."""


def _letter(tmp_path: Path, text: str, pdf: bool) -> Path:
    if pdf:
        return make.write(tmp_path / "decision.pdf", make.text_pdf(["\n".join(text.splitlines())]))
    path = tmp_path / "decision.txt"
    path.write_text(text, encoding="utf-8")
    return path


def _read(path: Path, *extra: str | Path) -> dict[str, object]:
    result = invoke("letter", path, "--format", "json", *extra)
    assert result.exit_code in (0, 1), result.stderr
    data: dict[str, object] = json.loads(result.stdout)
    return data


@pytest.mark.parametrize("pdf", [True, False])
@pytest.mark.parametrize(("text", "kind", "language", "items"), [
    (RETURN_EN, "return", "en", ["family-information", "photo"]),
    (RETURN_FR, "return", "fr", ["family-information", "passport"]),
])
def test_returns(tmp_path: Path, pdf: bool, text: str, kind: str, language: str, items: list[str]) -> None:
    reading = _read(_letter(tmp_path, text, pdf))
    assert (reading["kind"], reading["language"]) == (kind, language)
    assert [item["id"] for item in reading["items"]] == items  # type: ignore[attr-defined,index]
    assert reading["grounds"] == []


@pytest.mark.parametrize("pdf", [True, False])
@pytest.mark.parametrize(("text", "language", "grounds"), [
    (REFUSAL_EN, "en", ["leave-canada", "perform-work", "family-ties", "travel-history", "employment-situation"]),
    (REFUSAL_FR, "fr", ["leave-canada", "perform-work", "family-ties", "financial-status"]),
])
def test_refusals(tmp_path: Path, pdf: bool, text: str, language: str, grounds: list[str]) -> None:
    reading = _read(_letter(tmp_path, text, pdf))
    assert (reading["kind"], reading["language"]) == ("refusal", language)
    assert [ground["id"] for ground in reading["grounds"]] == grounds  # type: ignore[attr-defined,index]
    items = [item["id"] for item in reading["items"]]  # type: ignore[attr-defined,index]
    assert "cv" in items and "employment-reference" in items


def test_french_refusal_reads_in_french(tmp_path: Path) -> None:
    text = invoke("letter", _letter(tmp_path, REFUSAL_FR, False)).stdout
    assert "Vous pourriez ne pas quitter le Canada à la fin de votre séjour" in text


def test_criminal_and_medical_grounds_say_to_consult(tmp_path: Path) -> None:
    path = _letter(tmp_path, CRIMINAL_EN, False)
    reading = _read(path)
    assert reading["grounds"][0]["id"] == "criminal"  # type: ignore[index]
    assert reading["grounds"][0]["consult_representative"] is True  # type: ignore[index]
    assert "consult a licensed immigration representative" in invoke("letter", path).stdout


def test_unknown_wording_is_an_honest_could_not_classify(tmp_path: Path) -> None:
    reading = _read(_letter(tmp_path, NEITHER, False))
    assert reading["kind"] == "unknown" and reading["items"] == []
    assert str(reading["reason"]).startswith("could not classify: it has none of the wording")


def test_letter_with_folder_marks_what_is_now_addressed(tmp_path: Path, complete: Path) -> None:
    letter = _letter(tmp_path, RETURN_EN, True)
    (complete / "imm5645.pdf").unlink()
    result = invoke("letter", letter, complete, "--as-of", AS_OF)
    assert result.exit_code == 1
    assert "Family Information (IMM 5645 or IMM 5707)  [still to do]" in result.stdout
    assert "Digital photo  [now in order]" in result.stdout
    assert result.stdout.index("What the letter says is missing") < result.stdout.index("Summary:")
    reading = _read(letter, complete, "--as-of", AS_OF)
    assert [(item["id"], item["addressed"]) for item in reading["items"]] == [  # type: ignore[attr-defined,index]
        ("family-information", False), ("photo", True)]
    assert reading["report"]["checklist"]["id"] == "work-permit-outside-canada"  # type: ignore[index]


def test_letter_usage_errors(tmp_path: Path) -> None:
    assert invoke("letter", tmp_path / "none.pdf").exit_code == 2
    scanned = make.write(tmp_path / "scan.pdf", make.scan_pdf(1, seed=1, width=300, height=400))
    result = invoke("letter", scanned)
    assert result.exit_code == 2 and "no text could be read" in result.stderr
    photo = make.write(tmp_path / "p.jpg", make.jpeg_bytes(make.photo_image(seed=1, width=60, height=80)))
    assert "must be a PDF" in invoke("letter", photo).stderr
