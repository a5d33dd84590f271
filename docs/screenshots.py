"""Regenerates the HTML report's pictures in docs/: both examples at 1280 and 390 px wide, and printed to PDF.

Run by `make screenshots`; it drives the system's Chromium (/usr/bin/chromium) through Playwright, as the
tests do. The reports are dated as the examples' expected reports are, so the pictures change only when
the report does.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
CHROMIUM = "/usr/bin/chromium"
AS_OF = "2026-11-28"
EXAMPLES = ("returned-application", "ready-application")
WIDTHS = (1280, 390)
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def _report(example: str, target: Path) -> Path:
    output = target / f"{example}.html"
    # The folder as a reader would type it, so that the pictures show no path of this machine.
    subprocess.run([sys.executable, "-m", "permit_check", "scan", f"examples/{example}",
                    "--as-of", AS_OF, "--format", "html", "--output", str(output), "--jobs", "1"], check=False,
                   cwd=REPO, stdout=subprocess.DEVNULL)
    return output


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for example in EXAMPLES:
            report = _report(example, Path(scratch))
            name = example.split("-")[0]  # returned, ready
            for width in WIDTHS:
                page = browser.new_page(viewport={"width": width, "height": 900})
                page.goto(report.as_uri())
                page.screenshot(path=str(DOCS / f"html-report-{name}-{width}.png"), full_page=True)
                page.close()
            page = browser.new_page()
            page.goto(report.as_uri())
            page.emulate_media(media="print")
            page.pdf(path=str(DOCS / f"html-report-{name}.pdf"), format="A4", print_background=True,
                     margin={"top": "15mm", "bottom": "15mm", "left": "15mm", "right": "15mm"})
            page.close()
        browser.close()
    for picture in sorted(DOCS.glob("html-report-*")):
        print(f"wrote {picture.relative_to(REPO)}")


if __name__ == "__main__":
    main()
