"""A PGWP's language-test report is read: which test and variant, when, the four results and their CLB levels."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
import types
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from tests import docfactory as make
from tests import reportfactory as report
from tests.acceptance.test_permit_types import PGWP, _pgwp
from tests.conftest import invoke

# What permit-check.toml says about the language test is left out: the report alone must speak.
REPORT_ONLY = PGWP.replace("[language]\nlistening = 8\nreading = 7\nwriting = 7\nspeaking = 7\n", "").replace(
    "[documents.language-test]\nissued = 2026-03-01\n", "")


def _scan(tmp_path: Path, lines: list[str], answers: str = REPORT_ONLY, name: str = "ielts.pdf") -> dict:
    return _scan_files(tmp_path, {name: report.report_pdf(lines)}, answers)


def _scan_files(tmp_path: Path, files: dict[str, bytes], answers: str = REPORT_ONLY) -> dict:
    folder = _pgwp(tmp_path / "docs", answers)
    (folder / "ielts.pdf").unlink()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    result = invoke("scan", folder, "--format", "json", "--as-of", "2026-11-28", "--jobs", "1")
    return {"exit": result.exit_code, "json": json.loads(result.stdout), "text": invoke(
        "scan", folder, "--as-of", "2026-11-28", "--jobs", "1").stdout}


def _findings(scanned: dict) -> dict[str, dict]:
    return {finding["rule"]: finding for finding in scanned["json"]["findings"]}


def test_an_ielts_academic_report_is_not_ready_with_the_reason(tmp_path: Path) -> None:
    scanned = _scan(tmp_path, report.ielts_lines("ACADEMIC"))
    finding = _findings(scanned)["language-test.not-approved-test"]
    assert finding["severity"] == "error" and finding["path"] == "ielts.pdf"
    assert "IELTS Academic" in finding["message"] and "does not accept" in finding["message"]
    assert scanned["exit"] == 1 and "NOT READY" in scanned["text"]


@pytest.mark.parametrize(("lines", "name"), [(report.ielts_lines("ACADEMIC"), "ielts.pdf"),
                                             (report.pte_lines("PTE Academic"), "pte.pdf")])
def test_the_test_named_in_a_message_takes_no_article_it_may_not_fit(tmp_path: Path, lines: list[str],
                                                                      name: str) -> None:
    """The message said "ielts.pdf is a IELTS Academic result": a name after "a" needs "an" when it is IELTS."""
    message = _findings(_scan(tmp_path, lines, name=name))["language-test.not-approved-test"]["message"]
    assert not re.search(r"\ban? (IELTS|PTE|CELPIP|TOEFL|TEF|TCF|Duolingo)\b", message), message


def test_a_celpip_report_under_clb_7_is_an_error_for_a_university_graduate(tmp_path: Path) -> None:
    scanned = _scan(tmp_path, report.celpip_lines(scores=(9, 6, 8, 9)), name="celpip.pdf")
    finding = _findings(scanned)["language-test.report-level-too-low"]
    assert finding["severity"] == "error" and finding["path"] == "celpip.pdf"
    assert "CLB 6" in finding["message"] and "level 7" in finding["message"]
    assert scanned["exit"] == 1


def test_the_same_celpip_report_is_enough_for_a_college_graduate(tmp_path: Path) -> None:
    college = REPORT_ONLY.replace('level = "university"', 'level = "college"')
    scanned = _scan(tmp_path, report.celpip_lines(scores=(9, 6, 8, 9)), college, name="celpip.pdf")
    assert not {"language-test.report-level-too-low", "language-test.report-level-too-low-college"} & set(
        _findings(scanned))
    low = _scan(tmp_path / "low", report.celpip_lines(scores=(9, 4, 8, 9)), college, name="celpip.pdf")
    assert "NCLC" not in _findings(low)["language-test.report-level-too-low-college"]["message"]


def test_a_25_month_old_result_is_an_error_with_the_date_read_from_the_report(tmp_path: Path) -> None:
    scanned = _scan(tmp_path, report.ielts_lines(test_date="20/10/2024"))
    finding = _findings(scanned)["language-test.too-old"]
    assert finding["severity"] == "error" and "769 days" in finding["message"]
    assert "language-test.date-unknown" not in _findings(scanned)


def test_the_answers_date_wins_over_the_report(tmp_path: Path) -> None:
    answered = REPORT_ONLY + "[documents.language-test]\nissued = 2026-03-01\n"
    scanned = _scan(tmp_path, report.ielts_lines(test_date="20/10/2024"), answered)
    assert "language-test.too-old" not in _findings(scanned)


@pytest.mark.parametrize(("lines", "name"), [
    (report.ielts_lines(), "ielts.pdf"),
    (report.celpip_lines(), "celpip.pdf"),
    (report.pte_lines(), "pte-core.pdf"),
    (report.tef_lines(), "tef.pdf"),
    (report.tcf_lines(), "tcf.pdf"),
])
def test_approved_reports_at_the_level_pass(tmp_path: Path, lines: list[str], name: str) -> None:
    scanned = _scan(tmp_path, lines, name=name)
    assert not [rule for rule in _findings(scanned) if rule.startswith("language-test.report")
                or rule in ("language-test.not-approved-test", "language-test.too-old")]


@pytest.mark.parametrize(("lines", "name", "test"), [
    (report.celpip_lines("CELPIP-General LS"), "celpip.pdf", "CELPIP-General LS"),
    (report.pte_lines("PTE Academic"), "pte.pdf", "PTE Academic"),
])
def test_variants_ircc_does_not_designate_are_errors(tmp_path: Path, lines: list[str], name: str, test: str) -> None:
    finding = _findings(_scan(tmp_path, lines, name=name))["language-test.not-approved-test"]
    assert test in finding["message"]


def test_a_report_missing_an_ability_is_flagged(tmp_path: Path) -> None:
    lines = [line for line in report.celpip_lines() if not line.startswith("Speaking")]
    # The answers give the levels: what is left to say is that the report does not show all four.
    levels = REPORT_ONLY + "[language]\nlistening = 9\nreading = 8\nwriting = 8\nspeaking = 9\n"
    finding = _findings(_scan(tmp_path, lines, levels, name="celpip.pdf"))["language-test.report-abilities-missing"]
    assert "3 of the four" in finding["message"] and finding["severity"] == "warning"
    # Without them the speaking level is unknown: the error says so, the warning would repeat it.
    found = _findings(_scan(tmp_path / "b", lines, name="celpip.pdf"))
    assert "speaking" in found["language-test.levels-unknown"]["message"]
    assert "language-test.report-abilities-missing" not in found


def test_no_name_or_score_from_the_report_reaches_the_report(tmp_path: Path) -> None:
    scanned = _scan(tmp_path, report.ielts_lines("ACADEMIC"))
    assert "X1234567" not in scanned["text"] + str(scanned["json"])
    assert "26CA004512TRE" not in scanned["text"] + str(scanned["json"])


def _report_photo(lines: list[str]) -> bytes:
    """A report photographed or scanned: its lines drawn on a page, as JPEG."""
    image = Image.new("RGB", (1700, 2200), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=40)
    for row, line in enumerate(lines):
        draw.text((100, 100 + row * 70), line, fill="black", font=font)
    return make.jpeg_bytes(image, quality=90)


def test_a_photographed_report_is_read_through_the_ocr_engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The wiring to the OCR engine's interface (ocr_pages(images) -> texts), with a stand-in engine."""
    lines = report.celpip_lines(scores=(9, 6, 8, 9), test_date="October 20, 2024")
    engine = types.ModuleType("permit_check.files.inspectors.ocr")
    engine.require_ocr = lambda: None  # type: ignore[attr-defined]
    engine.ocr_text = lambda image: "\n".join(lines) if image.size == (1700, 2200) else ""  # type: ignore[attr-defined]
    engine.ocr_pages = lambda images: map(engine.ocr_text, images)  # type: ignore[attr-defined]
    engine.read_mrzs = lambda images: []  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "permit_check.files.inspectors.ocr", engine)
    folder = _pgwp(tmp_path / "docs", REPORT_ONLY)
    (folder / "ielts.pdf").unlink()
    (folder / "celpip.jpg").write_bytes(_report_photo(lines))
    found = {finding["rule"]: finding for finding in json.loads(invoke(
        "scan", folder, "--format", "json", "--as-of", "2026-11-28", "--jobs", "1").stdout)["findings"]}
    assert "CLB 6" in found["language-test.report-level-too-low"]["message"]
    assert "769 days" in found["language-test.too-old"]["message"]


def test_an_ocr_engine_that_cannot_run_is_one_line_and_exit_3(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from permit_check.errors import EnvironmentProblem

    def missing() -> None:
        raise EnvironmentProblem("the OCR engine is not installed: run 'apt-get install tesseract-ocr'")

    engine = types.ModuleType("permit_check.files.inspectors.ocr")
    engine.require_ocr = missing  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "permit_check.files.inspectors.ocr", engine)
    folder = _pgwp(tmp_path / "docs", REPORT_ONLY)
    (folder / "ielts.pdf").unlink()
    (folder / "celpip.jpg").write_bytes(_report_photo(report.celpip_lines()))
    result = invoke("scan", folder, "--as-of", "2026-11-28", "--jobs", "1")
    assert result.exit_code == 3 and result.stderr.count("\n") == 1 and "tesseract-ocr" in result.stderr
    assert "Traceback" not in result.stderr
    (folder / "celpip.jpg").unlink()
    (folder / "celpip.pdf").write_bytes(make.scan_pdf(1, seed=3, width=600, height=800))  # a scan: needs OCR too
    result = invoke("scan", folder, "--as-of", "2026-11-28", "--jobs", "1")
    assert result.exit_code == 3 and result.stderr.count("\n") == 1 and "tesseract-ocr" in result.stderr
    (folder / "celpip.pdf").write_bytes(report.report_pdf(report.celpip_lines()))  # words: no OCR needed
    # ...but the passport scan's machine-readable zone is still read by OCR
    assert invoke("scan", folder, "--as-of", "2026-11-28", "--jobs", "1").exit_code == 3
    (folder / "passport.pdf").unlink()
    assert invoke("scan", folder, "--as-of", "2026-11-28", "--jobs", "1").exit_code in (0, 1)


@pytest.mark.skipif(importlib.util.find_spec("permit_check.files.inspectors.ocr") is None,
                    reason="needs the OCR engine (permit_check.files.inspectors.ocr), not installed here")
def test_a_photographed_report_is_read_by_the_real_ocr_engine(tmp_path: Path) -> None:
    lines = report.celpip_lines(scores=(9, 6, 8, 9))
    scanned = _scan_files(tmp_path, {"celpip.jpg": _report_photo(lines)})
    assert "CLB 6" in _findings(scanned)["language-test.report-level-too-low"]["message"]


# Bands with a decimal comma (a French copy), or as OCR writes a point ("6 .5") or a middle dot: the report's
# listening 5.5 is CLB 6, under the university graduate's 7. Read as 5, 5, 7, 0, it was "CLB 3".
ODD_BANDS = (5.5, 7.0, 6.5, 7.5)


@pytest.mark.parametrize("decimal", [",", " .", "\u00b7", ", "])
def test_a_text_report_with_any_decimal_mark_is_judged_on_its_real_bands(tmp_path: Path, decimal: str) -> None:
    scanned = _scan(tmp_path, report.ielts_lines(scores=ODD_BANDS, decimal=decimal))
    finding = _findings(scanned)["language-test.report-level-too-low"]
    assert "CLB 6" in finding["message"]
    assert "language-test.report-abilities-missing" not in _findings(scanned)


@pytest.mark.skipif(importlib.util.find_spec("permit_check.files.inspectors.ocr") is None,
                    reason="needs the OCR engine (permit_check.files.inspectors.ocr), not installed here")
@pytest.mark.parametrize("decimal", [",", " ."])
def test_a_photographed_report_with_a_decimal_comma_is_read_by_ocr(tmp_path: Path, decimal: str) -> None:
    photo = _report_photo(report.ielts_lines(scores=ODD_BANDS, decimal=decimal))
    scanned = _scan_files(tmp_path, {"ielts.jpg": photo})
    assert "CLB 6" in _findings(scanned)["language-test.report-level-too-low"]["message"]
    reading = json.loads(invoke("read", make.write(tmp_path / "ielts.jpg", photo), "--format", "json").stdout)
    assert reading["language_test"]["scores"] == {"listening": 5.5, "reading": 7, "writing": 6.5, "speaking": 7.5}
    assert reading["language_test"]["unreadable"] == []


@pytest.mark.skipif(importlib.util.find_spec("permit_check.files.inspectors.ocr") is None,
                    reason="needs the OCR engine (permit_check.files.inspectors.ocr), not installed here")
def test_bands_ocr_mangles_are_unreadable_never_a_guessed_level(tmp_path: Path) -> None:
    """Tesseract reads a printed middle dot as ':' or '-' ("5:5 7:0 6-5"), or drops it ("65"): no band and no
    level may come of that; the report is said to be missing results, and read says which are unreadable."""
    photo = _report_photo(report.ielts_lines(scores=ODD_BANDS, decimal="\u00b7"))
    scanned = _scan_files(tmp_path, {"ielts.jpg": photo})
    found = _findings(scanned)
    too_low = found.get("language-test.report-level-too-low")
    assert too_low is None or "CLB 6" in too_low["message"]
    reading = json.loads(invoke("read", make.write(tmp_path / "ielts.jpg", photo), "--format", "json").stdout)
    test = reading["language_test"]
    truth = dict(zip(("listening", "reading", "writing", "speaking"), ODD_BANDS, strict=True))
    for ability, band in (test["scores"] or {}).items():
        if band is not None:
            assert band == truth[ability], ability  # a band read is the printed one
    unread = [ability for ability, band in (test["scores"] or dict.fromkeys(truth)).items() if band is None]
    assert test["unreadable"] == unread
    if unread:
        assert found["language-test.levels-unknown"]["severity"] == "error"
        text = invoke("read", tmp_path / "ielts.jpg").stdout
        assert "unreadable" in text


# A report the tool cannot tell the test of, a date after --as-of, an answer the report contradicts: never READY.

@pytest.mark.parametrize(("spelled", "test"), [
    ("International English Language Testing System", "ielts-general"),
    ("Canadian English Language Proficiency Index Program", "celpip-general"),
])
def test_a_report_that_spells_out_its_test_s_name_is_read(tmp_path: Path, spelled: str, test: str) -> None:
    """An IELTS report that never says "IELTS" passed silently as an unknown document with "date unknown"."""
    lines = report.ielts_lines(scores=(5.5, 7.0, 6.5, 7.5)) if test.startswith("ielts") else report.celpip_lines(
        scores=(9, 6, 8, 9))
    short = "IELTS" if test.startswith("ielts") else "CELPIP"
    lines = [line.replace(f"{short} ID", "ID").replace(short, spelled) for line in lines]
    assert not any(short in line for line in lines)
    found = _findings(_scan(tmp_path, lines, name="language-test.pdf"))
    assert "CLB 6" in found["language-test.report-level-too-low"]["message"]
    assert not {"language-test.test-not-read", "language-test.date-unknown"} & set(found)


@pytest.mark.parametrize("name", ["Test d’évaluation de français pour le Canada", "TEST DE CONNAISSANCE DU FRANÇAIS"])
def test_the_french_tests_are_known_by_their_french_names(name: str) -> None:
    from permit_check.rules.text_facts import language_test
    assert language_test(f"{name}\nAttestation de résultats") is not None
    assert language_test("Test d'évaluation de français adapté au Québec (TEFAQ)") is None  # not TEF Canada


def test_a_file_in_the_language_slot_whose_test_cannot_be_read_is_not_ready(tmp_path: Path) -> None:
    """A CV copied in as language-test.pdf was READY TO SUBMIT with only "date unknown"."""
    cv = make.text_pdf([["Curriculum vitae", "Noor Tremblay", "2019-2023 Bachelor of Commerce, Université Laval"]])
    scanned = _scan_files(tmp_path, {"language-test.pdf": cv})
    finding = _findings(scanned)["language-test.test-not-read"]
    assert finding["severity"] == "error" and finding["path"] == "language-test.pdf"
    assert "language-test.pdf" in finding["message"] and "could not be read" in finding["message"]
    assert 'test = "ielts-general"' in finding["hint"] and "[language]" in finding["hint"]
    assert scanned["exit"] == 1 and "NOT READY" in scanned["text"]
    # The answer settles it: no finding, and the report is then read by that test's chart.
    answered = _scan_files(tmp_path / "answered", {"language-test.pdf": cv},
                           REPORT_ONLY + '[language]\ntest = "ielts-general"\n')
    assert "language-test.test-not-read" not in _findings(answered)
    folder = _pgwp(tmp_path / "fr", REPORT_ONLY)
    (folder / "ielts.pdf").rename(folder / "language-test.pdf")
    (folder / "language-test.pdf").write_bytes(cv)
    french = invoke("scan", folder, "--lang", "fr", "--format", "json", "--as-of", "2026-11-28", "--jobs", "1")
    [message] = [finding["message"] for finding in json.loads(french.stdout)["findings"]
                 if finding["rule"] == "language-test.test-not-read"]
    assert "n'a pas pu être lu" in message


def test_a_test_date_after_as_of_is_an_error(tmp_path: Path) -> None:
    folder = _pgwp(tmp_path / "docs", REPORT_ONLY)
    (folder / "ielts.pdf").write_bytes(report.report_pdf(report.ielts_lines(test_date="10/02/2027")))
    result = invoke("scan", folder, "--format", "json", "--as-of", "2026-11-20", "--jobs", "1")
    finding = _findings({"json": json.loads(result.stdout)})["language-test.date-after-as-of"]
    assert finding["severity"] == "error" and "82 days after" in finding["message"]
    assert "--as-of" in finding["message"]
    assert "2027" not in finding["message"] and result.exit_code == 1
    answered = REPORT_ONLY + "[documents.language-test]\nissued = 2027-01-01\n"  # the answer's date too
    assert "language-test.date-after-as-of" in _findings(_scan(tmp_path / "a", report.ielts_lines(), answered))


def test_an_answer_the_report_contradicts_is_said(tmp_path: Path) -> None:
    answered = REPORT_ONLY + '[language]\ntest = "ielts-academic"\n'
    scanned = _scan(tmp_path, report.ielts_lines(), answered)
    found = _findings(scanned)
    finding = found["language-test.answer-disagrees"]
    assert finding["severity"] == "error" and finding["path"] == "ielts.pdf"
    assert "IELTS General Training" in finding["message"] and "IELTS Academic" in finding["message"]
    assert "[language]" in finding["message"] and "ielts.pdf" in finding["hint"]
    # A [language] section with a test and no levels does not "cover fewer than four abilities".
    assert "language-test.all-four-abilities" not in found and scanned["exit"] == 1
    # An answer that only leaves the variant open agrees with the report.
    agreeing = _scan(tmp_path / "b", report.ielts_lines(), REPORT_ONLY + '[language]\ntest = "ielts"\n')
    assert "language-test.answer-disagrees" not in _findings(agreeing)
    other = _scan(tmp_path / "c", report.tef_lines(), REPORT_ONLY + '[language]\ntest = "tcf"\n', name="tef.pdf")
    assert "TCF Canada" in _findings(other)["language-test.answer-disagrees"]["message"]


def test_an_academic_report_with_the_words_general_training_elsewhere_is_not_ready(tmp_path: Path) -> None:
    """Its NOTE (and a stray "General Training" line) made an Academic report READY as General Training."""
    lines = report.ielts_lines("ACADEMIC")
    assert _findings(_scan(tmp_path / "a", lines))["language-test.not-approved-test"]["severity"] == "error"
    lines.insert(4, "General Training")  # two module fields: the variant is not known
    scanned = _scan(tmp_path / "b", lines)
    assert _findings(scanned)["language-test.variant-not-read"]["severity"] == "error"
    assert scanned["exit"] == 1 and "NOT READY" in scanned["text"]
    reading = json.loads(invoke("read", make.write(tmp_path / "ielts.pdf", report.report_pdf(
        report.ielts_lines("ACADEMIC"))), "--format", "json").stdout)
    assert reading["language_test"]["variant"] == "Academic"


@pytest.mark.parametrize(("lines", "unknown"), [
    # the overall band only
    ([line for line in report.ielts_lines() if not line.startswith(("Listening", "8.0"))] + ["Overall Band Score 7.5"],
     ["listening", "reading", "writing", "speaking"]),
    # three of the four
    ([line for line in report.ielts_lines() if not line.startswith(("Listening", "8.0"))]
     + ["Listening 8.0", "Reading 7.0", "Writing 7.0"], ["speaking"]),
    # a band off the scale (9.5) is unreadable
    (report.ielts_lines(scores=(9.5, 7.0, 7.0, 7.5)), ["listening"]),
])
def test_a_level_neither_the_report_nor_the_answers_give_is_not_ready(tmp_path: Path, lines: list[str],
                                                                       unknown: list[str]) -> None:
    """READY with only a note (or a warning for 3 of 4): the level decides PGWP eligibility."""
    scanned = _scan(tmp_path / "a", lines)
    found = _findings(scanned)
    finding = found["language-test.levels-unknown"]
    assert finding["severity"] == "error" and finding["path"] == "ielts.pdf" and "ielts.pdf" in finding["message"]
    for ability in unknown:
        assert ability in finding["message"] and f"{ability} = " in finding["hint"]
    for ability in {"listening", "reading", "writing", "speaking"} - set(unknown):
        assert ability not in finding["message"]
    assert "[language]" in finding["hint"] and "permit-check.toml" in finding["hint"]
    assert "language-test.report-abilities-missing" not in found  # one finding says it
    assert scanned["exit"] == 1 and "NOT READY" in scanned["text"]
    # The answers settle it: the report's missing results remain a warning.
    levels = "".join(f"{ability} = 8\n" for ability in unknown)
    answered = _scan(tmp_path / "b", lines, REPORT_ONLY + "[language]\n" + levels)
    assert "language-test.levels-unknown" not in _findings(answered)
    assert answered["exit"] == 0 or "language-test.report-abilities-missing" in _findings(answered)


def test_the_unknown_levels_are_named_in_french(tmp_path: Path) -> None:
    folder = _pgwp(tmp_path / "docs", REPORT_ONLY)
    (folder / "ielts.pdf").write_bytes(report.report_pdf(report.ielts_lines(scores=(9.5, 7.0, 7.0, 7.5))))
    french = invoke("scan", folder, "--lang", "fr", "--format", "json", "--as-of", "2026-11-28", "--jobs", "1")
    [finding] = [finding for finding in json.loads(french.stdout)["findings"]
                 if finding["rule"] == "language-test.levels-unknown"]
    assert "compréhension de l'oral" in finding["message"] and "listening = " in finding["hint"]


def test_a_fully_read_report_needs_no_levels_in_the_answers(tmp_path: Path) -> None:
    scanned = _scan(tmp_path, report.ielts_lines())
    assert "language-test.levels-unknown" not in _findings(scanned) and scanned["exit"] == 0
