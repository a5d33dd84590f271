"""permit-check letter: every document a letter names is listed, its reasons stay attached, a point is "in order"
only when the folder's checks can verify it, and a judicial-review window that has passed says so."""

from __future__ import annotations

import json
from pathlib import Path

from tests import docfactory as make
from tests.conftest import AS_OF, invoke

REQUEST_EN = """Immigration, Refugees and Citizenship Canada
November 24, 2026

Dear Applicant,

We are processing your application for a work permit. In order to continue processing your
application, we require additional documents.

Please submit the following documents within 30 days of the date of this letter:

- a police certificate from India
- proof of funds: bank statements for the last 6 months
- an updated employment reference letter
- a notarized copy of the land title deed for your house

Please upload the documents through your IRCC secure account.
"""

RETURN_EN = """Immigration, Refugees and Citizenship Canada
November 18, 2026
Dear Applicant,
Your application for a work permit is being returned because it is incomplete, in accordance with
sections 10 and 12 of the Immigration and Refugee Protection Regulations.
The following items were missing or incomplete:
- Proof of financial support: bank statements not provided.
- Application form (IMM 1295): not validated.
- Family Information form (IMM 5645): not signed.
- Passport: biographic data page missing.
- Photo.
- Language test results: the results are not from an approved language test.
Your fee will be refunded.
"""

FAIRNESS_EN = """Immigration, Refugees and Citizenship Canada
Date: November 20, 2026

PROCEDURAL FAIRNESS LETTER

Dear Applicant,
I have reviewed your application for a work permit. Before a final decision is made, I am giving you the
opportunity to respond to the following concerns. I have concerns that the job offer submitted in support of
your application is not genuine within the meaning of section 203 of the Regulations.
You have 30 days from the date of this letter to respond to these concerns."""

OLD_REFUSAL_EN = """Embassy of Canada, Visa Section
Date: March 3, 2024
Dear Applicant,
I have reviewed your application for a work permit. I am not satisfied that you will leave Canada at the end of
your stay, as required by paragraph 200(1)(b) of the Regulations. Your application is refused."""


def _letter(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "letter.txt"
    path.write_text(text, encoding="utf-8")
    return path


def _json(*args: str | Path) -> dict[str, object]:
    result = invoke("letter", *args, "--format", "json")
    assert result.exit_code in (0, 1), result.stderr
    data: dict[str, object] = json.loads(result.stdout)
    return data


def _items(reading: dict[str, object]) -> dict[str, dict[str, object]]:
    return {item["id"]: item for item in reading["items"]}  # type: ignore[attr-defined,index]


def test_a_request_lists_every_document_it_names(tmp_path: Path) -> None:
    letter = _letter(tmp_path, REQUEST_EN)
    reading = _json(letter, "--as-of", AS_OF)
    assert list(_items(reading)) == ["police-certificate", "employment-reference"]
    assert [kind["id"] for kind in reading["documents_without_item"]] == ["proof-of-funds"]  # type: ignore[attr-defined]
    assert reading["unidentified_documents"] == 1
    text = invoke("letter", letter, "--as-of", AS_OF).stdout
    assert "Proof of funds" in text
    assert "1 document(s) permit-check could not identify: check it yourself" in text
    assert "land title" not in text  # the letter's own words are never echoed


def test_a_french_request_names_the_documents_in_french(tmp_path: Path) -> None:
    letter = _letter(tmp_path, "Le 24 novembre 2026\nMadame, Monsieur,\nNous avons besoin des documents suivants. "
                               "Veuillez fournir dans les 30 jours :\n\n- un certificat de police\n"
                               "- une preuve de fonds (relevés bancaires des six derniers mois)\n")
    text = invoke("letter", letter, "--as-of", AS_OF).stdout
    assert "Preuve de fonds" in text and "Certificat" in text


def test_a_return_keeps_every_reason_and_every_document(tmp_path: Path) -> None:
    reading = _json(_letter(tmp_path, RETURN_EN), "--as-of", AS_OF)
    items = _items(reading)
    assert items["language-test"]["reasons"] == ["not from an approved language test"]
    assert items["family-information"]["reasons"] == ["not signed"]
    assert [kind["id"] for kind in reading["documents_without_item"]] == ["proof-of-funds"]  # type: ignore[attr-defined]
    assert reading["unidentified_documents"] == 0


def test_in_order_only_when_the_folder_can_verify_the_point(tmp_path: Path, complete: Path) -> None:
    letter = _letter(tmp_path, RETURN_EN)
    reading = _json(letter, complete, "--as-of", AS_OF)
    states = {item: record["state"] for item, record in _items(reading).items()}
    assert states == {"application-form": "in-order",  # the form is validated: the folder checks show it
                      "family-information": "file-present",  # a signature cannot be checked
                      "passport": "file-present",  # nor the pages of a scan
                      "photo": "in-order",  # missing, and now there
                      "language-test": "to-do"}
    assert _items(reading)["language-test"]["in_checklist"] is False
    result = invoke("letter", letter, complete, "--as-of", AS_OF)
    assert "Passport or travel document: biographic data page missing  [a file is there: check that it answers" \
        in result.stdout
    assert "not signed  [now in order]" not in result.stdout
    assert result.exit_code == 1


def test_an_officers_concern_is_never_in_order_and_the_verdict_says_points_remain(tmp_path: Path,
                                                                                  complete: Path) -> None:
    make.write(complete / "job-offer.pdf", make.text_pdf(["Offer of employment\nPosition: Software developer"]))
    assert invoke("scan", complete, "--as-of", AS_OF).exit_code == 0
    letter = _letter(tmp_path, FAIRNESS_EN)
    result = invoke("letter", letter, complete, "--as-of", AS_OF)
    assert "Job offer or employment contract  [a file is there: check that it answers this point]" in result.stdout
    assert "[now in order]" not in result.stdout
    last = result.stdout.strip().splitlines()[-1]
    assert "READY TO SUBMIT" not in result.stdout
    assert last.startswith("NOT DONE: the folder has no errors, but 2 point(s) of the letter remain")
    assert result.exit_code == 1
    french = invoke("letter", letter, complete, "--as-of", AS_OF, "--lang", "fr").stdout
    assert french.strip().splitlines()[-1].startswith("PAS TERMINÉ")


def test_a_judicial_review_window_that_has_passed_says_it_closed(tmp_path: Path) -> None:
    letter = _letter(tmp_path, OLD_REFUSAL_EN)
    text = invoke("letter", letter, "--as-of", "2026-12-01").stdout
    assert "the window closed on 2024-05-02" in text and "(by 2024-05-02)" not in text
    windows = _json(letter, "--as-of", "2026-12-01")["judicial_review"]["windows"]  # type: ignore[index]
    assert [(window["closes"], window["closed"]) for window in windows] == [("2024-05-02", True)]
    still_open = _json(letter, "--as-of", "2024-04-01")["judicial_review"]["windows"]  # type: ignore[index]
    assert [window["closed"] for window in still_open] == [False]
    assert "(by 2024-05-02)" in invoke("letter", letter, "--as-of", "2024-04-01").stdout
