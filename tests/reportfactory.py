"""Language-test reports laid out as the testing organisations print them: a header naming the test and
its module, the candidate's details (a made-up person), the test date, the four results and an overall."""

from __future__ import annotations

from collections.abc import Sequence

from tests import docfactory as make

Scores = tuple[float | int, float | int, float | int, float | int]  # listening, reading, writing, speaking


def _fmt(value: float | int, decimal: str = ".") -> str:
    return f"{value:.1f}".replace(".", decimal) if isinstance(value, float) else str(value)


# The NOTE every IELTS Test Report Form prints, Academic and General Training alike, wrapped as on the form: it
# names both modules, so neither may be taken for the report's own.
IELTS_NOTE = (
    "NOTE Admission to undergraduate and post graduate courses should be based on the ACADEMIC Reading and Writing",
    "Modules. GENERAL TRAINING Reading and Writing Modules are not designed to test the full range of language",
    "skills required for academic purposes. It is recommended that the candidate's language ability as indicated",
    "in this Test Report Form be re-assessed after two years from the date of the test.",
)


def ielts_lines(module: str = "GENERAL TRAINING", scores: Scores = (8.0, 7.0, 7.0, 7.5),
                test_date: str = "14/03/2026", decimal: str = ".") -> list[str]:
    """An IELTS Test Report Form: the module stands alone in the header, results in a row of labels. `decimal`
    is how the bands' decimal point comes out (a French copy's comma, OCR's "6 .5", a middle dot)."""
    listening, reading, writing, speaking = scores
    return ["IELTS", "Test Report Form", module,
            *IELTS_NOTE,
            "Centre Number  CA512   Date  " + test_date, "Candidate Number  004512",
            "Candidate Details", "Family Name  TREMBLAY", "First Name(s)  NOOR", "Candidate ID  X1234567",
            "Date of Birth  21/07/1993   Sex (M/F)  F", "Country or Region of Origin  Lebanon",
            "First Language  Arabic", "Test Results",
            "Listening  Reading  Writing  Speaking  Overall Band Score  CEFR Level",
            f"{_fmt(listening, decimal)}  {_fmt(reading, decimal)}  {_fmt(writing, decimal)}  "
            f"{_fmt(speaking, decimal)}  {_fmt(round(sum(scores) / 4 * 2) / 2, decimal)}  C1",
            f"Test Date  {test_date}", "Administrator Comments",
            "Validation stamp   Test Report Form Number 26CA004512TRE"]


def celpip_lines(variant: str = "CELPIP-General", scores: Scores = (9, 8, 8, 9),
                 test_date: str = "March 14, 2026") -> list[str]:
    listening, reading, writing, speaking = scores
    return ["Paragon Testing Enterprises", f"{variant} Test", "Official Score Report",
            "Test Taker: Noor Tremblay", "CELPIP ID: CP0012345678", f"Test Date: {test_date}",
            "Test Location: Vancouver, BC", "Test Taker's Scores",
            f"Listening  {listening}", f"Reading  {reading}", f"Writing  {writing}", f"Speaking  {speaking}",
            "Scores are reported as CELPIP levels. Overall scores are not provided."]


def pte_lines(variant: str = "PTE Core", scores: Scores = (72, 70, 75, 73),
              test_date: str = "14 Mar 2026") -> list[str]:
    listening, reading, writing, speaking = scores
    return ["Pearson", f"{variant} Score Report", "Test Taker ID: PTE123456789", "Name: Noor Tremblay",
            f"Date of Test: {test_date}", "Country of Citizenship: Lebanon",
            f"Overall Score: {round(sum(scores) / 4)}", "Communicative Skills",
            f"Listening {listening}", f"Reading {reading}", f"Speaking {speaking}", f"Writing {writing}"]


def tef_lines(scores: Scores = (470, 480, 460, 500), test_date: str = "14/03/2026") -> list[str]:
    listening, reading, writing, speaking = scores
    return ["Chambre de commerce et d'industrie de Paris Ile-de-France - Le français des affaires",
            "Test d'évaluation de français pour le Canada (TEF Canada)", "Attestation de résultats",
            "Nom : TREMBLAY", "Prénom : Noor", "Numéro de candidat : 0045123",
            f"Date du test : {test_date}", "Centre d'examen : Alliance française de Montréal",
            f"Compréhension de l'oral : {listening} / 699", f"Compréhension de l'écrit : {reading} / 699",
            f"Expression écrite : {writing} / 699", f"Expression orale : {speaking} / 699"]


def tcf_lines(scores: Scores = (470, 480, 11, 12), test_date: str = "14/03/2026") -> list[str]:
    listening, reading, writing, speaking = scores
    return ["France Éducation international", "Test de connaissance du français - TCF Canada",
            "Attestation de résultats", "Nom : TREMBLAY   Prénom : Noor", f"Date de session : {test_date}",
            f"Compréhension orale (CO) : {listening}", f"Compréhension écrite (CE) : {reading}",
            f"Expression écrite (EE) : {writing} / 20", f"Expression orale (EO) : {speaking} / 20"]


def report_pdf(lines: Sequence[str]) -> bytes:
    """The report as a one-page text PDF."""
    return make.text_pdf([list(lines)])
