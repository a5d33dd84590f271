"""What to fix first: findings ordered by what would get an application returned, in words an applicant reads.

IRCC returns an incomplete application unprocessed (IRPR s.10/12): a missing document or form
comes first, then a form that is wrong, outdated or not validated, then a file the officer
cannot open, then dates and the upload rules (size, format, one file per slot), then the rest.
Errors before warnings, notes last. A built-in check states its rank itself (Check.rank, carried by its
findings); a checklist's own rule is ranked by the check part of its id (`<item>.<check>`).
"""

from __future__ import annotations

import re

from permit_check.model import Finding, FixFirst

MISSING, FORMS, UNREADABLE, DATES_AND_UPLOAD, OTHER = FixFirst
# The check part of a checklist rule's id -> its group (the checklists' rules are data: their ids are their
# names); one not named here falls to the date pattern, then OTHER. Built-in checks are not named here.
RULE_GROUPS = {
    "affidavit-missing": MISSING, "not-validated": FORMS, "not-fillable-pdf": FORMS,
    "characters": DATES_AND_UPLOAD, "extra-dots": DATES_AND_UPLOAD, "length": DATES_AND_UPLOAD,
}
# Checklist rules about a document's dates: expiry, age, windows ("passport.six-months", "photo.older-than-6-months").
_DATES = re.compile(r"expir|date|older|too-old|^age$|months|days|window|restoration|not-yet")
# A condition's technical part: a parenthesis or a clause that quotes permit-check.toml ("work.basis = ...").
_TECHNICAL_PART = re.compile(r"\s*\([^()]*(?:\([^()]*\)[^()]*)*=[^()]*(?:\([^()]*\)[^()]*)*\)")
_TECHNICAL = re.compile(r"=|\[[a-z_]+\]|\b[a-z_]+\.[a-z_]+\b")


def group(finding: Finding) -> FixFirst:
    """The finding's place in the returned-application order (MISSING ... OTHER): its built-in check's rank, else
    the rank its checklist rule's id gives."""
    if finding.rank is not None:
        return finding.rank
    check = finding.rule.split(".", 1)[-1]
    if finding.rule.startswith("translation."):
        return MISSING  # the translation is a document the application lacks
    if check in RULE_GROUPS:
        return RULE_GROUPS[check]
    return DATES_AND_UPLOAD if _DATES.search(check) else OTHER


def fix_order(findings: list[Finding]) -> list[Finding]:
    """Errors, then warnings, then notes; within each, by group; otherwise as the report listed them."""
    ranked = sorted(enumerate(findings), key=lambda pair: (-pair[1].severity, group(pair[1]), pair[0]))
    return [finding for _, finding in ranked]


def plain_condition(condition: str | None) -> str | None:
    """The condition without what quotes permit-check.toml; None when nothing plain is left.

    "for employer-specific work (work.basis = "lmia" or "lmia-exempt")" -> "for employer-specific work";
    "when [representative] used = true" -> None."""
    if not condition:
        return None
    plain = _TECHNICAL_PART.sub("", condition).strip()
    return None if not plain or _TECHNICAL.search(plain) else plain


def plain_message(message: str, condition: str | None) -> str:
    """A finding's message with its item's technical condition replaced by the plain one (or dropped)."""
    if not condition or condition not in message:
        return message
    plain = plain_condition(condition)
    if plain is None:
        return message.replace(f" ({condition})", "").replace(condition, "")
    return message.replace(condition, plain)


def names_file(message: str, path: str) -> bool:
    """Whether the message already names the file (as a whole path, not inside a longer one)."""
    return re.search(rf"(?<![\w/.-]){re.escape(path)}(?![\w/-])", message) is not None
