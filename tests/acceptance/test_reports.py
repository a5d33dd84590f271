"""Every output format from the same scans: HTML in a real browser, SARIF against its schema, JUnit, GitHub,
batch scans of several folders, baselines and colour."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from jsonschema import Draft4Validator, Draft202012Validator, FormatChecker

from permit_check.files.resources import load_schema
from permit_check.model import (
    Batch,
    ChecklistRef,
    FileResult,
    Finding,
    ItemResult,
    ItemStatus,
    Report,
    Severity,
    TypeChosenBy,
    TypeSource,
)
from permit_check.reports import RENDERERS, RenderOptions
from tests import docfactory as make
from tests.conftest import AS_OF, REPO, invoke

EXAMPLES = REPO / "examples"
CHROMIUM = "/usr/bin/chromium"


def _scan(*args: str | Path) -> Any:
    return invoke("scan", *args, "--as-of", AS_OF, "--jobs", "1")


def _examples(tmp_path: Path) -> tuple[Path, Path]:
    """Copies of both examples, so that tests may add files to them."""
    returned, ready = tmp_path / "returned", tmp_path / "ready"
    shutil.copytree(EXAMPLES / "returned-application", returned)
    shutil.copytree(EXAMPLES / "ready-application", ready)
    return returned, ready


# =========================================================================== HTML


def test_html_is_one_self_contained_page(tmp_path: Path) -> None:
    result = _scan(EXAMPLES / "returned-application", "--format", "html")
    page = result.stdout
    assert result.exit_code == 1
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page
    assert "<link" not in page and "@import" not in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "default-src 'none'" in page  # the page itself forbids any request
    for text in ("Not ready:", "6 errors to fix before you submit", "Family Information (IMM 5645 or IMM 5707)",
                 "How to fix:", "Merge them into one PDF", "work-permit-outside-canada", "IRCC secure account"):
        assert text in page, text


def test_html_escapes_file_names() -> None:
    name = "<script>alert(1)</script>.pdf"
    finding = Finding("file.unrecognised", Severity.WARNING, f"{name} does not match", "Rename it.", None, name)
    report = Report("9.9", ChecklistRef("t", "1", "Test"), "docs", AS_OF, "secure-account", "IRCC secure account",
                    TypeSource(TypeChosenBy.TYPE), (ItemResult("passport", "Passport", True, ItemStatus.MISSING),),
                    (FileResult(name, "application/pdf", "pdf", 1, None, findings=(finding,)),), (finding,))
    page = RENDERERS["html"](Batch("9.9", AS_OF, (report,)), RenderOptions())
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;.pdf" in page


def test_html_escapes_a_real_hostile_file_name(tmp_path: Path) -> None:
    _, ready = _examples(tmp_path)
    make.write(ready / "<img src=x onerror=alert(1)>.pdf", make.text_pdf(["hello"]))
    page = _scan(ready, "--format", "html").stdout
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;.pdf" in page


def test_many_findings_start_collapsed(tmp_path: Path) -> None:
    _, ready = _examples(tmp_path)
    for index in range(160):
        (ready / f"extra-{index:03}.pdf").write_bytes(b"")
    page = _scan(ready, "--format", "html").stdout
    assert not re.search(r'<details class="item"[^>]* open>', page)
    small = _scan(EXAMPLES / "returned-application", "--format", "html").stdout
    assert re.search(r'<details class="item"[^>]* open>', small)


@pytest.fixture(scope="module")
def browser() -> Any:
    if not Path(CHROMIUM).exists():
        pytest.fail("the HTML report is tested in Chromium: apt-get install chromium (make test does it as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        yield launched
        launched.close()


def test_html_prints_with_every_section_open(browser: Any, tmp_path: Path) -> None:
    _, ready = _examples(tmp_path)
    for index in range(160):
        (ready / f"extra-{index:03}.pdf").write_bytes(b"")
    report = tmp_path / "large.html"
    _scan(ready, "--format", "html", "--output", report)
    page = browser.new_page()
    page.goto(report.as_uri())
    assert "extra-159.pdf is empty" not in page.inner_text("body")  # collapsed on screen (not in the first few)
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert "extra-159.pdf is empty" in page.inner_text("body")
    assert page.pdf()[:5] == b"%PDF-"
    page.close()


# =========================================================================== SARIF, JUnit, GitHub


def test_sarif_validates_against_the_official_schema(tmp_path: Path) -> None:
    returned, ready = _examples(tmp_path)
    result = _scan(returned, ready, "--format", "sarif")
    log = json.loads(result.stdout)
    schema = json.loads((REPO / "schemas" / "external" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    assert [error.message for error in Draft4Validator(schema).iter_errors(log)] == []
    results = log["runs"][0]["results"]
    assert len(results) == 7  # 6 errors and 1 note in the returned example, none in the ready one
    levels = sorted(result["level"] for result in results)
    assert levels == ["error"] * 6 + ["note"]
    uris = {result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for result in results}
    assert "photo.png" in uris and "permit-check.toml" in uris
    rule_ids = [rule["id"] for rule in log["runs"][0]["tool"]["driver"]["rules"]]
    assert all(rule_ids[result["ruleIndex"]] == result["ruleId"] for result in results)


def test_junit_has_one_case_per_item_per_folder(tmp_path: Path) -> None:
    returned, ready = _examples(tmp_path)
    root = ET.fromstring(_scan(returned, ready, "--format", "junit").stdout)
    suites = root.findall("testsuite")
    assert [suite.get("name") for suite in suites] == [returned.as_posix(), ready.as_posix()]
    tests = 19 + 5  # items of work-permit-outside-canada, and its rules about any file or the application
    assert [len(suite.findall("testcase")) for suite in suites] == [tests, tests]
    failed = [case.get("name") for case in suites[0].findall("testcase") if case.find("failure") is not None]
    assert len(failed) == 6 and suites[0].get("failures") == "6" and suites[1].get("failures") == "0"
    assert root.get("tests") == str(2 * tests) and root.get("failures") == "6"
    assert any((name or "").endswith("[family-information]") for name in failed)


def test_github_annotations_and_step_summary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    returned, ready = _examples(tmp_path)
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = _scan(returned, ready, "--format", "github")
    lines = result.stdout.splitlines()
    assert result.exit_code == 1 and len(lines) == 7
    assert sum(line.startswith("::error file=") for line in lines) == 6
    assert f"::error file={returned.as_posix()}/photo.png,title=photo.content-type (work-permit-outside-canada)::" \
        in result.stdout
    table = summary.read_text(encoding="utf-8")
    assert table.startswith("earlier step\n## permit-check")
    shown = html.unescape(table)  # names are written as entities wherever Markdown would act on them
    assert f"| {returned.as_posix()} | work-permit-outside-canada | **no** | 6 | 0 |" in shown
    assert f"| {ready.as_posix()} | work-permit-outside-canada | yes | 0 | 0 |" in shown


def test_a_folder_name_cannot_put_links_or_html_in_the_step_summary(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / 'x<a href="https:&#47;&#47;evil.example">Click<img src=x>[y](https:&#47;&#47;evil.example)'
    folder.mkdir()
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    _scan(folder, "--format", "github", "--type", "work-permit-outside-canada")
    table = summary.read_text(encoding="utf-8").split("| --- |", 1)[1]
    for active in ("<a", "<img", "](", "https:", "&#47;"):
        assert active not in table, active


def test_github_escapes_workflow_command_characters() -> None:
    finding = Finding("file.unrecognised", Severity.WARNING, "100% sure,\nreally", "fix: it", None, "a,b:c.pdf")
    report = Report("9.9", ChecklistRef("t", "1", "Test"), "docs", AS_OF, "secure-account", "x",
                    TypeSource(TypeChosenBy.TYPE), (), (), (finding,))
    line = RENDERERS["github"](Batch("9.9", AS_OF, (report,)), RenderOptions()).strip()
    assert line == "::warning file=docs/a%2Cb%3Ac.pdf,title=file.unrecognised (t)::100%25 sure,%0Areally Fix: fix: it"


# =========================================================================== batch


def test_batch_json_text_and_exit_code(tmp_path: Path) -> None:
    returned, ready = _examples(tmp_path)
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "permit-check.toml").write_text("type = [", encoding="utf-8")
    result = _scan(ready, returned, broken, tmp_path / "missing", "--format", "json")
    document = json.loads(result.stdout)
    validator = Draft202012Validator(load_schema("report"), format_checker=FormatChecker())
    assert [error.message for error in validator.iter_errors(document)] == []
    assert [report["folder"] for report in document["reports"]] == [ready.as_posix(), returned.as_posix()]
    assert [error["folder"] for error in document["errors"]] == [broken.as_posix(), (tmp_path / "missing").as_posix()]
    assert document["summary"] == {"folders": 4, "ready": 1, "error": 6, "warning": 0, "info": 1, "suppressed": 0}
    assert document["ready"] is False
    assert result.exit_code == 3  # the worst: a folder with an invalid permit-check.toml
    text = _scan(ready, returned, "--no-color").stdout
    assert "Folder" in text and "2 folders: 1 ready, 1 not ready." in text
    assert re.search(rf"{re.escape(returned.as_posix())}\s+work-permit-outside-canada\s+no\s+6\s+0", text)
    assert _scan(ready, ready).exit_code == 0


def test_single_folder_errors_still_stop_with_their_code(tmp_path: Path) -> None:
    assert _scan(tmp_path / "missing").exit_code == 2


# =========================================================================== baseline and colour


def test_baseline_lets_only_new_findings_fail(tmp_path: Path) -> None:
    returned, _ = _examples(tmp_path)
    baseline = tmp_path / "baseline.json"
    assert _scan(returned, "--format", "json", "--output", baseline).exit_code == 1
    again = _scan(returned, "--format", "json", "--baseline", baseline)
    assert again.exit_code == 0
    report = json.loads(again.stdout)
    assert report["findings"] == [] and report["summary"]["suppressed"] == 7
    make.write(returned / "notes.pdf", b"")
    newer = _scan(returned, "--baseline", baseline)
    assert newer.exit_code == 1
    assert "notes.pdf is empty" in newer.stdout and "7 known from the baseline not shown" in newer.stdout
    assert "IMM 1295 was never validated" not in newer.stdout  # known from the baseline
    assert json.loads(_scan(returned, "--format", "json", "--baseline", baseline).stdout)["summary"] == {
        "error": 1, "warning": 1, "info": 0, "files": 10, "suppressed": 7}


def test_baseline_must_be_a_report(tmp_path: Path) -> None:
    bogus = tmp_path / "baseline.json"
    bogus.write_text('{"hello": 1}', encoding="utf-8")
    result = _scan(EXAMPLES / "ready-application", "--baseline", bogus)
    assert result.exit_code == 2 and "not a permit-check JSON report" in result.stderr


def test_colour_only_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    coloured = _scan(EXAMPLES / "returned-application", "--color").stdout
    assert "\033[31m" in coloured and "\033[1;31mNOT READY" in coloured
    monkeypatch.setenv("NO_COLOR", "1")
    plain = _scan(EXAMPLES / "returned-application").stdout
    assert "\033[" not in plain
    assert re.sub(r"\033\[[0-9;]*m", "", coloured) == plain
