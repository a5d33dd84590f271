"""Checks on the folder as a whole: answers that were not given, and subfolders that were looked into."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from permit_check.i18n import N_
from permit_check.model import Context, Finding, FixFirst
from permit_check.rules.checks.base import INFO, Check, E

NO_ANSWERS = Check(
    "no-answers", INFO,
    N_("No permit-check.toml was found. Where silence has a meaning (no representative, nothing IRCC has asked "
       "for yet), these items were taken as not needed: {items}."),
    N_("Run permit-check init on this folder: it writes a permit-check.toml with every question to answer."),
    scope="application",
    summary=N_("No permit-check.toml: items where silence has a meaning were taken as not needed."),
    rank=FixFirst.OTHER,
)

TYPE_GUESSED = Check(
    "type-guessed", E,
    N_("The permit type was guessed from {form}, which is also the application form of: {others}. "
       "If the guess is wrong, so is the whole checklist."),
    N_("Say which permit type this is: type = \"{type}\" (or {choices}) in permit-check.toml, or --type."),
    scope="application", rank=FixFirst.OTHER,
)

# A rule whose `when` waits on an unanswered question raises nothing (never an error on a guess); this
# note keeps the skipped check from passing in silence.
UNANSWERED_CHECKS = Check(
    "unanswered-checks", INFO,
    N_("Some checks were not run because they depend on questions you have not answered: {questions}."),
    N_("Answer them in permit-check.toml ({questions}) and scan again."),
    scope="application", rank=FixFirst.OTHER,
)

SUBFOLDERS = Check(
    "subfolders", INFO,
    N_("Files in subfolders are checked too: {folders}."),
    N_("If a subfolder is not part of this application (old drafts, another applicant), leave it out: "
        "exclude = [\"{example}\"] in permit-check.toml, or --exclude {example}."), scope="application",
    summary=N_("Files in subfolders are checked as part of the application."), rank=FixFirst.OTHER,
)


def no_answers(skipped: Sequence[str], context: Context) -> list[Finding]:
    """Without permit-check.toml, the conditional items judged on defaults are named."""
    if not skipped:
        return []
    return [NO_ANSWERS.finding(context, item=None, path=None, items=", ".join(skipped))]


def _files(count: int, context: Context) -> str:
    return context.ngettext("file", "files", count)


def unanswered_checks(questions: Sequence[str], context: Context) -> list[Finding]:
    """The questions that checks wait on, which no item's status already names."""
    if not questions:
        return []
    return [UNANSWERED_CHECKS.finding(context, item=None, path=None, questions=", ".join(questions))]


def subfolders_checked(subfolders: Mapping[str, int], context: Context) -> list[Finding]:
    """Says that subfolders were checked, so that an old draft kept in one is never a surprise."""
    if not subfolders:
        return []
    listed = [f"{name}/ ({count} {_files(count, context)})" for name, count in sorted(subfolders.items())]
    return [SUBFOLDERS.finding(context, item=None, path=None, folders=", ".join(listed), example=min(subfolders))]


def type_guessed(form: str, others: Sequence[str], type_id: str, choices: Sequence[str],
                 context: Context) -> list[Finding]:
    """A permit type guessed from a form that several types share is a deciding fact not known."""
    return [TYPE_GUESSED.finding(context, item=None, path=None, form=form, others="; ".join(others), type=type_id,
                                 choices=" | ".join(choices))]
