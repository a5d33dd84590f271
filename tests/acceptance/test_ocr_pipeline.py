"""Where OCR runs in a scan: which files' MRZ is read, when, and in which process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from permit_check.files import gather
from tests import docfactory as make
from tests import passports
from tests.conftest import AS_OF, BASE_ANSWERS, PASSPORT, REPO, scan_json

pytestmark = pytest.mark.skipif(passports.ocrb_font_path() is None, reason="the OCR-B font (fonts-ocr-b) is missing")

# What a phone scanner app's OCR writes in the invisible text layer of a passport's bio-data page.
SCANNER_WORDS = ["PASSPORT / PASSEPORT", "CANADA", "Surname / Nom", "TREMBLAY", "Given names / Prénoms", "NOOR"]


def _searchable_passport_scan(holder: passports.Holder) -> bytes:
    page = passports.on_scanner_bed(passports.document_page(holder, dpi=200), dpi=200, seed=3)
    return make.searchable_scan_pdf([(page, SCANNER_WORDS)])


def _placed(result_files: list[dict[str, object]], path: str) -> object:
    return next(file["item"] for file in result_files if file["path"] == path)


def test_a_scan_its_text_places_in_the_passport_slot_has_its_mrz_read(complete: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A searchable scan named as the scanner app named it: only its text says it is a passport. Its MRZ is read
    like a passport.pdf's, and an expiry before the end of work is the same finding as when stated; a re-scan
    answered from the cache does not read it again."""
    (complete / "imm1295.pdf").unlink()  # no form states the expiry: it can only come from the MRZ
    (complete / "passport.pdf").unlink()
    (complete / "permit-check.toml").write_text(
        BASE_ANSWERS + "\n[documents.passport]\nexpires = 2027-06-01\n", encoding="utf-8")
    make.write(complete / "scan0001.pdf", _searchable_passport_scan(passports.replace(PASSPORT, expiry_date="310630")))
    stated = scan_json(complete).finding("passport.expires-before-work-end")

    (complete / "permit-check.toml").write_text(BASE_ANSWERS, encoding="utf-8")
    make.write(complete / "scan0001.pdf", _searchable_passport_scan(passports.replace(PASSPORT, expiry_date="270601")))
    result = scan_json(complete)
    assert _placed(result.json()["files"], "scan0001.pdf") == "passport"
    assert "passport.expiry-unknown" not in result.rules()
    assert result.finding("passport.expires-before-work-end") == stated

    def no_ocr(task: object) -> None:
        raise AssertionError("OCR ran on a cached file")

    monkeypatch.setattr(gather, "_mrz_task", no_ocr)
    assert scan_json(complete).rules() == result.rules()


def test_a_scan_placed_by_its_text_without_a_bio_data_page_is_warned_about(complete: Path) -> None:
    (complete / "passport.pdf").unlink()
    page = passports.on_scanner_bed(passports.document_page(PASSPORT, dpi=200, with_mrz=False), dpi=200, seed=3)
    make.write(complete / "scan0001.pdf", make.searchable_scan_pdf([(page, SCANNER_WORDS)]))
    finding = scan_json(complete).finding("passport.mrz-missing")
    assert finding["path"] == "scan0001.pdf"


def test_a_passports_mrz_is_read_as_soon_as_its_file_is_examined(complete: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The slowest work starts first: the passport is examined before the other files and its MRZ read next,
    by the same workers, rather than in a stage of its own after every file was examined."""
    for number in range(6):
        make.write(complete / f"reference-{number}.pdf", make.text_pdf([f"Reference letter {number}"]))
    log = tmp_path / "tasks.log"
    examine, read_mrz = gather._examine_task, gather._mrz_task

    def spy_examine(task: tuple[gather.Entry, float]) -> object:
        with log.open("a") as handle:  # the tasks run in forked workers: they report through a file
            handle.write(f"examine {task[0].name}\n")
        return examine(task)

    def spy_mrz(task: tuple[gather.Entry, str]) -> dict[str, object]:
        with log.open("a") as handle:
            handle.write(f"mrz {task[0].name}\n")
        return read_mrz(task)

    monkeypatch.setattr(gather, "_examine_task", spy_examine)
    monkeypatch.setattr(gather, "_mrz_task", spy_mrz)
    result = scan_json(complete)
    assert not [rule for rule in result.rules() if "mrz" in rule]  # its MRZ was read, and agrees
    tasks = log.read_text().splitlines()
    assert tasks[:2] == ["examine passport.pdf", "mrz passport.pdf"], tasks
    assert len(tasks) == len(list(complete.iterdir())), tasks  # every other file examined once, no MRZ read again


def test_a_spouses_passport_is_not_read_by_ocr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The spousal checklist refuses a name that says the passport is the principal's: it is not the applicant's
    passport, so its MRZ is not read."""
    folder = tmp_path / "docs"
    make.write(folder / "passport.pdf", passports.scanned_pdf([passports.passport_scan(PASSPORT)]))
    make.write(folder / "husband-passport.pdf", passports.scanned_pdf([passports.passport_scan(PASSPORT, seed=2)]))
    log = tmp_path / "ocr.log"
    original = gather._mrz_task

    def spy(task: tuple[gather.Entry, str]) -> dict[str, object]:
        with log.open("a") as handle:
            handle.write(task[0].name + "\n")
        return original(task)

    monkeypatch.setattr(gather, "_mrz_task", spy)
    scan_json(folder, "--type", "spousal-open-work-permit")
    assert log.read_text().split() == ["passport.pdf"]


# A scan in its own process: which modules the parent process ended up loading.
PARENT = """
import datetime, json, sys
from pathlib import Path
from permit_check.commands.scan import ScanOptions, run
report = run(ScanOptions(folder=Path(sys.argv[1]), as_of=datetime.date.fromisoformat(sys.argv[2]), jobs=2))
print(json.dumps({"rules": [finding.rule for finding in report.findings],
                  "loaded": sorted(name for name in ("cv2", "numpy") if name in sys.modules)}))
"""


def test_the_ocr_engine_loads_in_the_workers_never_in_the_parent(complete: Path) -> None:
    """The engine and its image libraries are loaded by the workers that read a passport; the parent, which only
    hands out the work, never loads them (and a worker that reads no passport never pays for them)."""
    make.write(complete / "passport.pdf", _searchable_passport_scan(passports.replace(PASSPORT, expiry_date="270601")))
    completed = subprocess.run([sys.executable, "-c", PARENT, str(complete), AS_OF], cwd=REPO, capture_output=True,
                               text=True, check=True, timeout=300)
    outcome = json.loads(completed.stdout)
    assert "passport.mrz-expiry" in outcome["rules"]  # the MRZ was read (and differs from the form's expiry)
    assert outcome["loaded"] == []


def test_read_looks_for_the_mrz_in_a_searchable_scans_picture(tmp_path: Path) -> None:
    """A searchable scan has words (the scanner app's OCR) and the page's picture: read finds its MRZ in the
    picture as scan does, and says that it looked there."""
    from tests.conftest import invoke

    scan = make.write(tmp_path / "scan0001.pdf", _searchable_passport_scan(PASSPORT))
    result = invoke("read", scan, "--format", "json")
    assert result.exit_code == 0, result.stderr
    reading = json.loads(result.stdout)
    assert reading["mrz"]["check_digits_valid"] is True
    assert (reading["mrz"]["surname"], reading["mrz"]["number"]) == ("TREMBLAY", PASSPORT.number)
    assert any("looked for in the pictures" in note for note in reading["notes"])
    assert "no text layer" not in " ".join(reading["notes"])
    assert "looked for in the pictures" in invoke("read", scan).stdout
