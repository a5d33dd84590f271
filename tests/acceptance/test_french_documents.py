"""Documents in French are placed by their names and by their words, as English ones are: an EIMT is the LMIA,
an "offre d'emploi" the job offer, an "attestation d'emploi" the employment reference, a "diplôme" the education."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import docfactory as make
from tests.conftest import BASE_ANSWERS, scan_json

LMIA_BASIS = BASE_ANSWERS.replace('basis = "open"', 'basis = "lmia"')
# (file name that says nothing, the document's first words) -> the item its words make it
BY_TEXT = [
    ("document-1.pdf", "Emploi et Développement social Canada\nÉtude d'impact sur le marché du travail (EIMT) "
                       "favorable\nNuméro d'EIMT : 9876543", "lmia"),
    ("document-2.pdf", "Robotique Érable inc.\nOffre d'emploi\nNous avons le plaisir de vous offrir le poste de "
                       "développeuse logicielle.", "job-offer"),
    ("document-3.pdf", "Attestation d'emploi\nNous confirmons que Madame Tremblay occupe le poste de développeuse "
                       "depuis 2016.", "employment-reference"),
    ("document-4.pdf", "Université de Montréal\nRelevé de notes\nBaccalauréat en informatique, 2014", "education"),
]


def _placed(folder: Path) -> dict[str, str | None]:
    return {file["path"]: file["item"] for file in scan_json(folder).json()["files"]}


@pytest.mark.parametrize(("name", "words", "item"), BY_TEXT)
def test_a_french_document_is_placed_by_its_words(complete: Path, name: str, words: str, item: str) -> None:
    make.write(complete / name, make.text_pdf([words]))
    assert _placed(complete)[name] == item


def test_french_names_are_placed_and_the_lmia_is_not_missing(complete: Path) -> None:
    (complete / "permit-check.toml").write_text(LMIA_BASIS, encoding="utf-8")
    for name, (_, words, _) in zip(["eimt.pdf", "offre-emploi.pdf", "lettre-employeur.pdf", "diplôme.pdf"], BY_TEXT,
                                   strict=True):
        make.write(complete / name, make.text_pdf([words]))
    placed = _placed(complete)
    assert [placed[name] for name in ("eimt.pdf", "offre-emploi.pdf", "lettre-employeur.pdf", "diplôme.pdf")] == [
        "lmia", "job-offer", "employment-reference", "education"]
    assert "lmia.missing" not in scan_json(complete).rules()


@pytest.mark.parametrize(("name", "words", "item"), [
    ("casier.pdf", "Extrait de casier judiciaire\nNéant", "police-certificate"),
    ("scan-7.pdf", "Certificat de police\nAucune condamnation", "police-certificate"),
    ("scan-8.pdf", "République française\nActe de mariage\nLe 12 juin 2020", "marriage-certificate"),
])
def test_french_certificates(complete: Path, name: str, words: str, item: str) -> None:
    make.write(complete / name, make.text_pdf([words]))
    assert _placed(complete)[name] == item
