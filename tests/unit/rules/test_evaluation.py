"""The evaluation of examined files against a checklist, without reading any file: facts in, findings out."""

from __future__ import annotations

import datetime as dt
from typing import Any

from permit_check.files.ircc_forms import load_editions
from permit_check.model import Context, ItemStatus, Severity
from permit_check.rules.answer_facts import build_case
from permit_check.rules.answers import Application
from permit_check.rules.checklist import load_checklist
from permit_check.rules.evaluation import ExaminedFile, Verdict, evaluate

AS_OF = dt.date(2026, 11, 28)


def _facts(path: str, kind: str, size: int, **more: Any) -> dict[str, Any]:
    name = path.rsplit("/", 1)[-1]
    stem, _, extension = name.rpartition(".")
    return {"path": path, "name": name, "stem": stem, "extension": extension, "size": size, "kind": kind,
            "mime": None, "extension_kind": kind, "extension_matches": True, **more}


def _evaluate(*facts: dict[str, Any], lang: str = "en", answered: bool = True) -> Verdict:
    checklist = load_checklist("work-permit-outside-canada", lang)
    channel = checklist.channels["secure-account"]
    application = Application({"applicant": {"marital_status": "single"}, "work": {"basis": "open"},
                               "representative": {"used": False}})
    case = build_case(application, as_of=AS_OF, channel=channel.id, main_forms=checklist.application_forms(),
                      applying_from=checklist.applying_from)
    return evaluate(checklist, channel, case, [ExaminedFile(entry, lambda: "") for entry in facts],
                    answers=application.answers, answered=answered, editions=load_editions(None),
                    context=Context(lang, as_of=AS_OF))


def test_an_empty_folder_misses_every_required_item() -> None:
    verdict = _evaluate()
    statuses = {item.id: item.status for item in verdict.items}
    assert statuses["passport"] == ItemStatus.MISSING and statuses["photo"] == ItemStatus.MISSING
    assert "passport.missing" in [finding.rule for finding in verdict.findings]
    assert statuses["lmia"] == ItemStatus.NOT_APPLICABLE  # open work permit: no LMIA


def test_a_file_over_the_channel_limit_is_refused_in_decimal_megabytes() -> None:
    verdict = _evaluate(_facts("passport.pdf", "pdf", 4 * 1_048_576 + 1, pages=1))
    finding = next(finding for finding in verdict.findings if finding.rule == "passport.max-size")
    assert finding.severity == Severity.ERROR and finding.path == "passport.pdf"
    assert "4.2 MB" in finding.message  # 4,194,305 bytes, in MB as IRCC writes them


def test_between_the_two_readings_of_a_megabyte_it_may_be_refused() -> None:
    verdict = _evaluate(_facts("passport.pdf", "pdf", 4_100_000, pages=1))
    rules = [finding.rule for finding in verdict.files[0].findings]
    assert "passport.size-uncertain" in rules and "passport.max-size" not in rules


def test_an_empty_file_is_one_finding_and_a_stranger_is_unrecognised() -> None:
    verdict = _evaluate(_facts("passport.pdf", "empty", 0), _facts("holiday.txt", "text", 5))
    by_path = {file.path: [finding.rule for finding in file.findings] for file in verdict.files}
    assert by_path["passport.pdf"] == ["passport.empty"]
    assert by_path["holiday.txt"] == ["file.unrecognised"]


def test_the_context_language_speaks_the_findings() -> None:
    verdict = _evaluate(_facts("passport.pdf", "empty", 0), lang="fr")
    assert "est vide" in verdict.files[0].findings[0].message


def test_without_answers_the_report_says_what_was_taken_as_not_needed() -> None:
    assert _evaluate(answered=False).findings[0].rule == "application.no-answers"
