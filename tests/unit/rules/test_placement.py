"""Placing files in items, filling message placeholders, and the text report's shape."""

from __future__ import annotations

from typing import Any

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
from permit_check.reports.text import render_text
from permit_check.rules.checklist import load_checklist
from permit_check.rules.evaluation import fill_placeholders
from permit_check.rules.placement import match_file

CHECKLIST = load_checklist("work-permit-outside-canada")


def _facts(name: str, **extra: Any) -> dict[str, Any]:
    return {"path": name, "name": name, "stem": name.rsplit(".", 1)[0], "extension": "pdf", "kind": "pdf", **extra}


def _never() -> str:
    raise AssertionError("text must not be extracted when form or name decides")


def test_form_number_beats_the_name() -> None:
    match = match_file(CHECKLIST, _facts("passport.pdf", ircc_form={"number": "5707"}), _never)
    assert (match.item, match.how, match.form) == ("family-information", "form", "5707")


def test_form_of_another_application() -> None:
    match = match_file(CHECKLIST, _facts("x.pdf", ircc_form={"number": "1344"}), _never)
    assert match.item is None and match.wrong_form and match.form == "1344"


def test_most_specific_name_wins() -> None:
    assert match_file(CHECKLIST, _facts("Passport scan.jpg"), _never).item == "passport"
    assert match_file(CHECKLIST, _facts("Passport Photo.jpg"), _never).item == "photo"
    assert match_file(CHECKLIST, _facts("IMM5476_rep.pdf"), _never).item == "representative"
    assert match_file(CHECKLIST, _facts("Résumé 2026.pdf"), _never).item == "cv"


def test_text_decides_last() -> None:
    match = match_file(CHECKLIST, _facts("doc1.pdf"), lambda: "Confirmation: positive Labour Market Impact Assessment")
    assert (match.item, match.how) == ("lmia", "text")
    assert match_file(CHECKLIST, _facts("doc2.pdf"), lambda: "holiday pictures").item is None
    assert match_file(CHECKLIST, _facts("img.jpg", kind="jpeg"), _never).item is None


def test_render_placeholders() -> None:
    facts = {"name": "p.jpg", "image": {"width": 300}}
    assert fill_placeholders("{name} is {image.width} wide, {image.height} high", facts) == "p.jpg is 300 wide, ? high"


def _report(findings: tuple[Finding, ...], items: tuple[ItemResult, ...], files: tuple[FileResult, ...]) -> Report:
    return Report("9.9", ChecklistRef("t", "1", "Test checklist"), "docs", "2026-11-28", "secure-account",
                  "IRCC secure account", TypeSource(TypeChosenBy.TYPE), items, files, findings)


def test_text_report_escapes_control_characters_in_names() -> None:
    finding = Finding("file.unrecognised", Severity.WARNING, "bad\nname.pdf does not match", "rename", None,
                      "bad\nname.pdf")
    report = _report((finding,), (), (FileResult("bad\nname.pdf", "application/pdf", "pdf", 10, None,
                                                 findings=(finding,)),))
    text = render_text(Batch("9.9", "2026-11-28", (report,)), RenderOptions())
    assert "bad\\x0aname.pdf" in text
    assert "bad\nname" not in text
    assert text.rstrip().endswith("READY TO SUBMIT: no errors found (1 warning worth a look).")


def test_text_report_lists_not_needed_items_compactly() -> None:
    items = (ItemResult("passport", "Passport", True, ItemStatus.OK, ("p.pdf",)),
             ItemResult("representative", "Use of a Representative", False, ItemStatus.NOT_APPLICABLE,
                        condition="when used"))
    report = _report((), items, (FileResult("p.pdf", "application/pdf", "pdf", 10, "passport"),))
    text = render_text(Batch("9.9", "2026-11-28", (report,)), RenderOptions())
    assert "Not needed here: Use of a Representative" in text
    assert "(when used)" in render_text(Batch("9.9", "2026-11-28", (report,)), RenderOptions(verbosity=1))


def test_registry_feeds_formats() -> None:
    assert set(RENDERERS) == {"text", "json", "html", "sarif", "junit", "github", "gitlab"}
