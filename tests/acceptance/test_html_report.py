"""The HTML report an applicant acts on: verdict, what to fix first, every item's state, details; for screens
(1280 and 390 px, light and dark) and for paper, checked in the system's Chromium."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import unicodedata
from html import unescape
from pathlib import Path
from typing import Any

import pytest

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
from permit_check.rules.checks import REGISTRY
from tests import docfactory as make
from tests.conftest import AS_OF, REPO, invoke

EXAMPLES = REPO / "examples"
CHROMIUM = "/usr/bin/chromium"
FOLD = 800  # the height of a laptop's browser window at 1280 px wide


def _html(folder: Path, *extra: str | Path) -> str:
    return invoke("scan", folder, "--format", "html", "--as-of", AS_OF, "--jobs", "1", *extra).stdout


def _write_html(folder: Path, output: Path, *extra: str | Path) -> Path:
    invoke("scan", folder, "--format", "html", "--as-of", AS_OF, "--jobs", "1", "--output", output, *extra)
    return output


def _applicant_view(page: str) -> str:
    """The page without its consultant section."""
    before, found, after = page.partition('<details class="consultant">')
    assert found, "no consultant section"
    return before + after.partition("</details>")[2]


def _consultant_view(page: str) -> str:
    return page.partition('<details class="consultant">')[2].partition("</details>")[0]


def _fix_first(page: str) -> list[str]:
    """The entries of the fix-first list, tags removed."""
    listed = re.search(r'<ol class="fix-first"[^>]*>(.*?)</ol>', page, re.S)
    assert listed, "no fix-first list"
    return [re.sub(r"<[^>]+>", "", entry).strip() for entry in re.findall(r"<li>(.*?)</li>", listed.group(1), re.S)]


def _returned_with_an_old_draft(tmp_path: Path) -> Path:
    """The returned example plus an old draft of the form in a subfolder and a file that fits no item."""
    folder = tmp_path / "returned"
    shutil.copytree(EXAMPLES / "returned-application", folder)
    (folder / "old-drafts").mkdir()
    make.write(folder / "old-drafts" / "imm1295.pdf", make.xfa_form_pdf(
        "1295", edition="09-2023", datasets=make.imm1295_datasets(validated=False, family_name="Okafor")))
    make.write(folder / "notes.pdf", make.text_pdf(["Things to ask the employer"]))
    return folder


def _report(findings: list[Finding], items: tuple[ItemResult, ...]) -> Report:
    files = tuple(FileResult(path, "application/pdf", "pdf", 1, finding_item,
                             findings=tuple(finding for finding in findings if finding.path == path))
                  for path, finding_item in {(finding.path, finding.item) for finding in findings if finding.path})
    return Report("9.9", ChecklistRef("t", "1", "Test"), "docs", AS_OF, "secure-account", "IRCC secure account",
                  TypeSource(TypeChosenBy.TYPE), items, files, tuple(findings))


# =========================================================================== what the page says, in order


def test_fix_first_is_ordered_by_what_gets_an_application_returned() -> None:
    def finding(rule: str, severity: Severity, message: str, item: str, path: str | None = None) -> Finding:
        # A built-in check's finding carries the check's rank, as Check.finding gives it; a checklist rule's has none.
        check = REGISTRY.get(rule.split(".", 1)[-1])
        return Finding(rule, severity, message, "Do it.", item, path, rank=check.rank if check else None)

    findings = [  # in the order a scan might list them: the list must reorder them
        finding("photo.date-unknown", Severity.INFO, "Photo date unknown.", "photo", "photo.jpg"),
        finding("passport.file-name.characters", Severity.WARNING, "Odd name.", "passport", "passport#.pdf"),
        finding("passport.six-months", Severity.ERROR, "Passport expires soon.", "passport", "passport#.pdf"),
        finding("photo.max-size", Severity.ERROR, "Photo too large.", "photo", "photo.jpg"),
        finding("identity.given-names", Severity.ERROR, "Names differ.", "form", "form.pdf"),
        finding("form.damaged", Severity.ERROR, "Form damaged.", "form", "form.pdf"),
        finding("form.not-validated", Severity.ERROR, "Form not validated.", "form", "form.pdf"),
        finding("family.missing", Severity.ERROR, "No family form.", "family"),
    ]
    items = (ItemResult("form", "Application form", True, ItemStatus.INVALID, ("form.pdf",)),
             ItemResult("family", "Family form", True, ItemStatus.MISSING),
             ItemResult("passport", "Passport", True, ItemStatus.INVALID, ("passport#.pdf",)),
             ItemResult("photo", "Photo", True, ItemStatus.INVALID, ("photo.jpg",)))
    page = RENDERERS["html"](Batch("9.9", AS_OF, (_report(findings, items),)), RenderOptions())
    listed = _fix_first(page)
    order = ["No family form.", "Form not validated.", "Form damaged.", "Passport expires soon.", "Photo too large.",
             "Names differ."]
    assert [next(message for message in order if message in entry) for entry in listed] == order
    assert "2 more in the details below." in page  # the warning and the note


def test_returned_example_fix_first_and_every_item(tmp_path: Path) -> None:
    page = _html(EXAMPLES / "returned-application")
    listed = _fix_first(page)
    assert len(listed) == 6
    assert listed[0].startswith("Error Family Information (IMM 5645 or IMM 5707)")  # missing: returned for it
    assert "IMM 1295 was never validated" in listed[1]
    assert "cv.pdf is named .pdf but is really a Word document" in listed[2]  # an officer cannot open it
    grid = re.search(r'<table class="grid">(.*?)</table>', page, re.S)
    assert grid
    rows = {re.sub(r"<[^>]+>", " ", title).strip(): state for title, state in re.findall(
        r'<tr><td>(.*?)</td><td><span class="state ([a-z-]+)">', grid.group(1))}
    assert len(rows) == 19  # every item of the checklist
    assert rows["Family Information (IMM 5645 or IMM 5707)"] == "missing"
    assert rows["Digital photo"] == "problem" and rows["Job offer or employment contract"] == "ok"
    assert rows["Use of a Representative (IMM 5476)"] == "not-needed" and rows["Fee payment receipt"] == "not-needed"
    assert rows["Letter of explanation (Client Information)"] == "optional"


def test_items_that_depend_on_answers_not_given(tmp_path: Path) -> None:
    folder = tmp_path / "returned"
    shutil.copytree(EXAMPLES / "returned-application", folder)
    (folder / "permit-check.toml").unlink()
    page = _html(folder, "--type", "work-permit-outside-canada")
    assert '<span class="state depends">Depends on your answers</span>' in page
    applicant = _applicant_view(page)
    words = " ".join(unescape(re.sub(r"<[^>]+>", " ", applicant)).split())
    assert "Not ready: 6 errors to fix; answer 2 questions below" in words
    listed = _fix_first(page)
    assert listed[0].startswith("Question Will you work in health care")  # it decides what is missing
    assert "Questions to answer" in applicant
    # The notes list item ids and answer keys: the page names the items and asks the questions.
    assert "taken as not needed: Use of a Representative (IMM 5476); Authority to Release" in words
    for technical in ("release-of-information", "work.basis", "health_or_childcare", "[work]"):
        assert technical not in applicant, technical
    consultant = _consultant_view(page)
    assert "work.health_or_childcare" in consultant and "health_or_childcare = true | false" in consultant


def test_no_technical_text_in_the_applicants_view(tmp_path: Path) -> None:
    folder = _returned_with_an_old_draft(tmp_path)
    (folder / "job-offer.pdf").unlink()  # missing: its condition quotes permit-check.toml
    page = _html(folder)
    applicant = _applicant_view(page)
    assert "No file for Job offer or employment contract (for employer-specific work)." in applicant
    for technical in ("work.basis", "[representative]", "marital_status", "checklists show",
                      "job-offer.missing", "application-form.not-validated", "file.unrecognised",
                      "work-permit-outside-canada"):
        assert technical not in applicant, technical
    consultant = _consultant_view(page)
    for technical in ("job-offer.missing", "application-form.older-version", "file.unrecognised",
                      "permit-check checklists show work-permit-outside-canada", "work.basis = &#34;lmia&#34;",
                      "work-permit-outside-canada"):
        assert technical in consultant, technical


def test_badges_do_not_repeat_and_file_chips_are_clean(tmp_path: Path) -> None:
    page = _html(_returned_with_an_old_draft(tmp_path))
    unplaced = page.partition("Files not placed in any item")[2].partition("</details>")[0]
    assert "notes.pdf" in unplaced
    assert len(re.findall(r">Warning<", unplaced)) == 1  # the file's one finding, not the file as well
    assert "(<code>" not in page and "( old-drafts" not in page
    assert '<span class="chip">old-drafts/imm1295.pdf</span>' in page


def test_strict_content_security_policy() -> None:
    page = _html(EXAMPLES / "returned-application")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert policy
    assert "'unsafe-inline'" not in policy.group(1) and policy.group(1).startswith("default-src 'none';")
    style = re.search(r"<style>(.*?)</style>", page, re.S)
    assert style
    digest = base64.b64encode(hashlib.sha256(style.group(1).encode()).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in policy.group(1)
    assert " style=" not in page  # inline style attributes would need 'unsafe-inline'


# =========================================================================== in the browser


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


@pytest.mark.parametrize(("case", "visible"), [
    ("returned-application", ["Not ready: 6 errors to fix before you submit.", "Fix these first",
                              "No file for Family Information (IMM 5645 or IMM 5707)", "Every item", "Missing",
                              "How to fix:", "photo.png is a PNG image"]),
    ("ready-application", ["Ready to submit: no errors or warnings found.", "Every item", "OK",
                           "Use of a Representative (IMM 5476)"]),
])
@pytest.mark.parametrize("width", [1280, 390])
def test_html_report_at_desktop_and_phone_widths(browser: Any, tmp_path: Path, case: str, visible: list[str],
                                                 width: int) -> None:
    report = _write_html(EXAMPLES / case, tmp_path / f"{case}.html")
    page = browser.new_page(viewport={"width": width, "height": FOLD})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(report.as_uri())
    text = page.inner_text("body")
    for expected in visible:
        assert expected in text, expected
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # no sideways scrolling
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(244, 246, 248)"  # the stylesheet applied: the policy let it through
    if case == "returned-application" and width == 1280:
        bottom = page.evaluate("document.querySelector('ol.fix-first').getBoundingClientRect().bottom")
        assert bottom <= FOLD  # the whole list is on the first screen
    page.close()
    assert requests == [report.as_uri()]  # the page itself and nothing else


def test_state_and_title_stay_apart_in_the_text(browser: Any, tmp_path: Path) -> None:
    """Copied or read aloud, a state and the title after it are two words (PROBLÈMEDemande was one)."""
    report = _write_html(EXAMPLES / "returned-application", tmp_path / "fr.html", "--lang", "fr")
    page = browser.new_page()
    page.goto(report.as_uri())
    text = page.inner_text("body")
    page.close()
    assert re.search(r"(?i)problème demande de permis de travail", text)
    assert not re.search(r"(Problème|PROBLÈME|Manquant|MANQUANT|OK)(?=[A-ZÉ])", text)


def test_dark_mode(browser: Any, tmp_path: Path) -> None:
    report = _write_html(EXAMPLES / "returned-application", tmp_path / "report.html")
    page = browser.new_page(color_scheme="dark")
    page.goto(report.as_uri())

    def luminance(colour: str) -> float:
        red, green, blue = (int(value) for value in re.findall(r"\d+", colour)[:3])
        return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255

    style = page.evaluate("""() => { const body = getComputedStyle(document.body);
        const verdict = getComputedStyle(document.querySelector('.verdict'));
        return [body.backgroundColor, body.color, verdict.backgroundColor, verdict.color]; }""")
    page.close()
    assert luminance(style[0]) < 0.15 and luminance(style[1]) > 0.8
    assert luminance(style[2]) < 0.3 and luminance(style[3]) > 0.6


def _page_text_by_height(pdf: bytes) -> list[list[tuple[float, str]]]:
    """Each page's text runs with their height on the page (0 at the bottom, 1 at the top)."""
    import io

    from pypdf import PdfReader

    pages = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        height = float(page.mediabox.height)
        runs: list[tuple[float, str]] = []

        def collect(text: str, cm: list[float], tm: list[float], _font: Any, _size: Any,
                    runs: list[tuple[float, str]] = runs, height: float = height) -> None:
            if text.strip():
                # NFKC: the PDF writes "fi" as one ligature glyph.
                runs.append(((tm[4] * cm[1] + tm[5] * cm[3] + cm[5]) / height, unicodedata.normalize("NFKC", text)))

        page.extract_text(visitor_text=collect)
        pages.append(runs)
    return pages


@pytest.mark.parametrize(("case", "pages", "first_page"), [
    ("returned-application", (2, 6), ["Not ready:", "Fix these first", "Family Information"]),
    ("ready-application", (1, 3), ["Ready to submit:", "Every item"]),
])
def test_printed_to_pdf(browser: Any, tmp_path: Path, case: str, pages: tuple[int, int],
                        first_page: list[str]) -> None:
    report = _write_html(EXAMPLES / case, tmp_path / "report.html")
    page = browser.new_page()
    page.goto(report.as_uri())
    pdf = page.pdf(format="A4", margin={"top": "15mm", "bottom": "15mm", "left": "15mm", "right": "15mm"})
    page.close()
    printed = _page_text_by_height(pdf)
    assert pages[0] <= len(printed) <= pages[1]
    top_half = " ".join(text for height, text in printed[0] if height > 0.5)
    for expected in first_page:
        assert expected in top_half, expected  # page 1 starts with the verdict, not with white space
    assert min(height for height, _ in printed[0]) < 0.25  # ...and is filled down to its bottom part
    everything = " ".join(text for runs in printed for _, text in runs)
    assert "\u25b8" not in everything and "\u25be" not in everything  # no screen-only triangles
    assert "For your consultant" in everything and "permit-check checklists show" in everything  # opened


def test_several_folders_printed_start_with_the_summary_and_the_first_folder(browser: Any, tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    invoke("scan", EXAMPLES / "returned-application", EXAMPLES / "ready-application", "--format", "html",
           "--as-of", AS_OF, "--jobs", "1", "--output", report)
    page = browser.new_page()
    page.goto(report.as_uri())
    pdf = page.pdf(format="A4", margin={"top": "15mm", "bottom": "15mm", "left": "15mm", "right": "15mm"})
    page.close()
    first = " ".join(text for _, text in _page_text_by_height(pdf)[0])
    assert "Summary: 1 of 2 folders ready" in first
    assert "returned-application" in first and "Not ready:" in first  # not a page holding only the table


def test_print_stylesheet_keeps_headings_with_what_follows() -> None:
    style = re.search(r"<style>(.*?)</style>", _html(EXAMPLES / "returned-application"), re.S)
    assert style
    css = style.group(1)
    print_rules = css.partition("@media print")[2]
    assert re.search(r"h1, h2, h3, summary \{ break-after: avoid;", css)
    assert "details::details-content { content-visibility: visible;" in print_rules
    assert "details.item { break-inside: auto; }" in print_rules  # a big section may break across pages...
    assert re.search(r"ul\.findings li \{[^}]*break-inside: avoid;", css)  # ...a small card may not


# =========================================================================== docs


def test_screenshots_are_regenerated_by_make_and_shown_in_the_readme() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^screenshots:.*\n\t\$\(BIN\)/python docs/screenshots.py$", makefile, re.M)
    for name in ("returned", "ready"):
        for width in (1280, 390):
            assert (REPO / "docs" / f"html-report-{name}-{width}.png").stat().st_size > 20_000
        assert (REPO / "docs" / f"html-report-{name}.pdf").read_bytes()[:5] == b"%PDF-"
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "docs/html-report-returned-1280.png" in readme and "(docs/html-report.png)" not in readme
    assert not (REPO / "docs" / "html-report.png").exists()


def test_an_item_whose_only_findings_are_warnings_is_not_a_green_ok() -> None:
    findings = [Finding("passport.file-name.characters", Severity.WARNING, "Odd name.", "Rename it.", "passport",
                        "passport#.pdf"),
                Finding("photo.date-unknown", Severity.INFO, "Photo date unknown.", "Add the date.", "photo",
                        "photo.jpg")]
    items = (ItemResult("passport", "Passport", True, ItemStatus.OK, ("passport#.pdf",)),
             ItemResult("photo", "Photo", True, ItemStatus.OK, ("photo.jpg",)))
    page = RENDERERS["html"](Batch("9.9", AS_OF, (_report(findings, items),)), RenderOptions())
    grid = re.search(r'<table class="grid">(.*?)</table>', page, re.S)
    assert grid
    rows = {re.sub(r"<[^>]+>", "", cells[0]): cells[1]
            for cells in (re.findall(r"<td[^>]*>(.*?)</td>", row, re.S) for row in re.findall(r"<tr>(.*?)</tr>",
                                                                                             grid.group(1), re.S))
            if cells}
    assert rows["Passport"] == '<span class="state check">OK, with warnings</span>'
    assert rows["Photo"] == '<span class="state ok">OK</span>'  # a note alone leaves it OK
