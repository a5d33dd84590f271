"""`read` runs the scan's own stages on its one file: it concludes what a scan concludes of the same file, with
the same page limits, says which pages those limits left unread, and lists every MRZ it found."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from permit_check.commands import scan
from permit_check.files.inspectors import page_images
from permit_check.files.ircc_forms import ircc_form
from permit_check.files.walk import walk
from permit_check.rules.evaluation import ExaminedFile
from permit_check.rules.text_facts import text_facts
from tests import docfactory as make
from tests import passports
from tests import reportfactory as report
from tests.acceptance.test_read import _hostile_files
from tests.conftest import PASSPORT, REPO, invoke

pytestmark = pytest.mark.skipif(passports.ocrb_font_path() is None, reason="the OCR-B font (fonts-ocr-b) is missing")

AMARA = passports.Holder(surname="Okafor", given_names="Amara", number="P9876543", country="NGA", nationality="NGA",
                         birth_date="910314", expiry_date="300101")


def _read(path: Path, *extra: str) -> dict[str, Any]:
    result = invoke("read", path, "--format", "json", *extra)
    assert result.exit_code == 0, result.stderr
    reading: dict[str, Any] = json.loads(result.stdout)
    return reading


def _scanned(folder: Path, monkeypatch: pytest.MonkeyPatch, *extra: str) -> dict[str, tuple[dict[str, Any], str]]:
    """Each file's facts and text as the scan of `folder` had them when it judged the folder."""
    seen: dict[str, tuple[dict[str, Any], str]] = {}
    judge = scan.evaluate

    def spy(checklist: Any, channel: Any, case: Any, examined: list[ExaminedFile], **options: Any) -> Any:
        seen.update((one.facts["path"], (one.facts, one.text_of())) for one in examined)
        return judge(checklist, channel, case, examined, **options)

    monkeypatch.setattr(scan, "evaluate", spy)
    result = invoke("scan", folder, "--format", "json", "--jobs", "1", "--no-cache", *extra)
    assert result.exit_code in (0, 1), result.stderr
    return seen


def _agree(reading: dict[str, Any], facts: dict[str, Any], text: str) -> list[str]:
    """What read and the scan both say of the file and say differently."""
    differ = []
    if "timeout" in ((reading["problem"] or {}).get("kind"), (facts.get("problem") or {}).get("kind")):
        return differ  # a file that ran out of time says nothing either way
    if reading["kind"] != facts["kind"]:
        differ.append(f"kind {reading['kind']} / {facts['kind']}")
    form = ircc_form(facts)
    if form and reading["form"]:
        said = {key: reading["form"][key] for key in ("number", "edition", "validated", "language")}
        if said != {key: form.record().to_record()[key] for key in said}:
            differ.append("form")
    if facts.get("mrz") and reading["mrz"] != facts["mrz"]:
        differ.append("mrz")
    if "mrz" in facts and reading["mrzs"] != (facts.get("mrzs") or ([facts["mrz"]] if facts["mrz"] else [])):
        differ.append("mrzs")
    test = text_facts(text, dt.date.today().year, facts["name"]).get("language_test")
    if test and "test" in test and reading["language_test"]:
        keys = ("test", "variant", "date", "scores", "clb")
        if {key: test.get(key) for key in keys} != {key: reading["language_test"][key] for key in keys}:
            differ.append("language_test")
    return differ


def test_read_concludes_what_a_scan_of_the_same_file_concludes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hostile = tmp_path / "hostile"
    for name, data in _hostile_files().items():
        make.write(hostile / name, data)
    bio_data = passports.on_scanner_bed(passports.document_page(PASSPORT, dpi=200), dpi=200, seed=1)
    make.write(hostile / "passport.pdf", passports.scanned_pdf([bio_data]))
    make.write(hostile / "ielts-results.pdf", report.report_pdf(report.ielts_lines()))
    make.write(hostile / "tcf-canada.pdf", report.report_pdf(report.tcf_lines()))
    folders = [(REPO / "examples" / "ready-application", ()), (REPO / "examples" / "returned-application", ()),
               (hostile, ("--type", "work-permit-outside-canada"))]
    compared = {"kind": 0, "form": 0, "mrz": 0, "language_test": 0}
    for folder, options in folders:
        copy = shutil.copytree(folder, tmp_path / "copies" / folder.name)
        seen = _scanned(copy, monkeypatch, "--timeout", "5", *options)
        for entry in walk(copy):
            facts, text = seen[entry.path]
            reading = _read(entry.absolute, "--timeout", "5")
            assert not _agree(reading, facts, text), (entry.path, _agree(reading, facts, text))
            compared["kind"] += 1
            compared["form"] += bool(ircc_form(facts) and reading["form"])
            compared["mrz"] += bool(facts.get("mrz") and reading["mrz"])
            compared["language_test"] += bool(reading["language_test"] and "test" in (
                text_facts(text, 2026, facts["name"]).get("language_test") or {}))
    # Each thing compared on more than one file: the comparison is not empty.
    assert min(compared.values()) >= 2, compared


def test_read_finds_the_mrz_on_any_page_the_scan_reads(tmp_path: Path) -> None:
    """The bio-data page as the fourth page of a scanned PDF: the scan reads a passport's first 40 pages, and so
    does read (it read only 3, and said no zone was found)."""
    blank = passports.on_scanner_bed(passports.document_page(PASSPORT, dpi=200, with_mrz=False), dpi=200, seed=2)
    bio_data = passports.on_scanner_bed(passports.document_page(PASSPORT, dpi=200), dpi=200, seed=1)
    scan_pdf = make.write(tmp_path / "passport.pdf", passports.scanned_pdf([blank, blank, blank, bio_data]))
    reading = _read(scan_pdf)
    assert reading["mrz"]["number"] == PASSPORT.number and reading["mrz"]["check_digits_valid"] is True
    assert reading["unread_pages"] == []


def test_read_says_which_pages_the_limits_left_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages past the page limit, or over the pixel cap, were never looked at: read says which and why, in the
    words of the scan's passport.mrz-unchecked, as JSON (`unread_pages`) and as a line of text."""
    blank = passports.on_scanner_bed(passports.document_page(PASSPORT, dpi=200, with_mrz=False), dpi=200, seed=2)
    bio_data = passports.on_scanner_bed(passports.document_page(PASSPORT, dpi=200), dpi=200, seed=1)
    path = make.write(tmp_path / "passport.pdf", passports.scanned_pdf([blank, blank, bio_data]))
    monkeypatch.setattr(page_images, "MAX_PAGES", 2)  # the workers are forked from this process
    reading = _read(path)
    assert reading["mrz"] is None and reading["mrzs"] == []
    assert reading["unread_pages"] == [{"page": 3, "why": "pages", "limit": 2,
                                        "reason": "the pages from page 3 on are past the first 2 read"}]
    assert "Pages not read: the pages from page 3 on are past the first 2 read" in invoke("read", path).stdout
    french = invoke("read", path, "--lang", "fr").stdout
    assert "Pages non lues : " in french and "page 3" in french

    monkeypatch.setattr(page_images, "MAX_PAGES", 40)
    monkeypatch.setattr(page_images, "MAX_PAGE_PIXELS", bio_data.width * bio_data.height - 1)
    reading = _read(path)
    assert [(page["page"], page["why"]) for page in reading["unread_pages"]] == [(1, "pixels"), (2, "pixels"),
                                                                                 (3, "pixels")]
    assert reading["unread_pages"][0]["reason"] == "page 1 is a picture of more than 3 million pixels"
    assert _read(path, "--redact")["unread_pages"] == reading["unread_pages"]  # page numbers only: nothing hidden


def test_read_lists_every_machine_readable_zone(tmp_path: Path) -> None:
    """Two passports scanned on one sheet: both zones are listed (`mrz` stays the first), shown, and redacted."""
    sheet = passports.together_on_scanner_bed([passports.document_page(PASSPORT, dpi=200),
                                               passports.document_page(AMARA, dpi=200, seed=2)], dpi=200, seed=1)
    path = make.write(tmp_path / "passports.jpg", make.jpeg_bytes(sheet, quality=90))
    reading = _read(path)
    assert sorted(zone["number"] for zone in reading["mrzs"]) == [AMARA.number, PASSPORT.number]
    assert reading["mrz"] == reading["mrzs"][0]
    text = invoke("read", path).stdout
    assert "Passport MRZ (zone 1 of 2): TD3, check digits valid" in text
    assert "Passport MRZ (zone 2 of 2): TD3, check digits valid" in text
    assert "surname: OKAFOR" in text and "surname: TREMBLAY" in text
    hidden = invoke("read", path, "--redact").stdout
    assert "OKAFOR" not in hidden and "TREMBLAY" not in hidden and PASSPORT.number not in hidden
    single = _read(make.write(tmp_path / "passport.jpg", make.jpeg_bytes(
        passports.passport_scan(PASSPORT, dpi=200, seed=3), quality=90)))
    assert single["mrzs"] == [single["mrz"]] and "zone 1 of" not in invoke("read", tmp_path / "passport.jpg").stdout


def test_a_stage_that_runs_out_of_time_is_said_in_the_scans_words(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading a PDF's words outlives --timeout: read keeps what the file was found to be, and says what could not
    be done in the very words the scan says it in (they were "it could not be checked", the whole file lost)."""
    import time

    from permit_check.files import gather

    def slow_text(task: Any) -> Any:
        time.sleep(30)

    monkeypatch.setattr(gather, "_text_task", slow_text)  # the workers are forked from this process
    folder = tmp_path / "docs"
    path = make.write(folder / "letter.pdf", make.text_pdf(["Dear officer, a letter of explanation"]))
    reading = _read(path, "--timeout", "1")
    assert (reading["kind"], reading["pages"]) == ("pdf", 1)
    assert reading["problem"] == {"kind": "timeout", "reason": "its text could not be read within 1 s"}
    scanned = invoke("scan", folder, "--type", "work-permit-outside-canada", "--timeout", "1", "--no-cache",
                     "--format", "json")
    finding = scanned.finding("file.timeout")
    assert finding["message"] == (
        "letter.pdf could not be checked: its text could not be read within 1 s. The time limit may be too short for "
        "this machine, or the file may be damaged or unusually complex.")
    # A clean file that only needed more time is not told only to re-save it: the hint names the limit and a longer one.
    assert finding["hint"].startswith("Check it again with more time: --timeout 30 (the limit was 1 s).")
    french = invoke("scan", folder, "--type", "work-permit-outside-canada", "--timeout", "0.5", "--no-cache",
                    "--format", "json", "--lang", "fr").finding("file.timeout")
    assert "--timeout 30" in french["hint"] and "0,5 s" in french["hint"] and "Vérifiez" in french["hint"]


def test_a_file_replaced_after_it_was_named_is_not_read_as_the_other(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The file is swapped for another between read looking at it and a worker opening it: as in a scan, the worker
    finds it is not the file it was given and reads nothing of the other."""
    from permit_check.commands import read as read_command
    from permit_check.files.walk import Entry

    looked_at = read_command.file_entry

    def then_swapped(path: Path) -> Entry:
        entry = looked_at(path)
        other = make.write(path.with_name("other.pdf"), report.report_pdf(report.ielts_lines()))
        other.replace(path)
        return entry

    monkeypatch.setattr(read_command, "file_entry", then_swapped)
    path = make.write(tmp_path / "letter.pdf", make.text_pdf(["Dear officer, a letter of explanation"]))
    reading = _read(path)
    assert reading["problem"] == {"kind": "unreadable", "reason": (
        "it was replaced (or made a link) while being checked: check the folder again")}
    assert reading["language_test"] is None and reading["kind"] == "other"


def test_the_file_name_completes_the_test_as_in_a_scan(tmp_path: Path) -> None:
    """An IELTS report that does not print its module, named for it: the scan takes it for General Training, with
    its CLB levels, and so does read (it said "IELTS", variant unknown)."""
    lines = [line for line in report.ielts_lines(module="") if "ACADEMIC" not in line]
    path = make.write(tmp_path / "ielts-general-training.pdf", report.report_pdf(lines))
    test = _read(path)["language_test"]
    assert (test["test"], test["variant"]) == ("IELTS", "General Training")
    assert test["clb"] == {"listening": 9, "reading": 9, "writing": 9, "speaking": 10}
