"""What to fix first: findings ordered by what would get an application returned, in words an applicant reads.

IRCC returns an incomplete application unprocessed (IRPR s.10/12): a missing document or form
comes first, then a form that is wrong, outdated or not validated, then a file the officer
cannot open, then dates and the upload rules (size, format, one file per slot), then the rest.
Errors before warnings, notes last. Rule ids name the check that raised a finding
(`<item>.<check>`), so the order is read from the check's part of the id.
"""

from __future__ import annotations

import re

from permit_check.model import Finding

MISSING, FORMS, UNREADABLE, DATES_AND_UPLOAD, OTHER = range(5)
# The check part of a rule id -> its group; checks not named here fall to the date pattern, then OTHER.
GROUPS = {
    "missing": MISSING, "affidavit-missing": MISSING,
    "not-validated": FORMS, "not-fillable-pdf": FORMS, "wrong-form": FORMS, "outdated-edition": FORMS,
    "blank-form": FORMS, "empty-field": FORMS, "older-version": FORMS, "layout-unknown": FORMS,
    "newer-edition": FORMS,
    "empty": UNREADABLE, "unreadable": UNREADABLE, "password-protected": UNREADABLE, "damaged": UNREADABLE,
    "damaged-repairable": UNREADABLE, "truncated": UNREADABLE, "too-complex": UNREADABLE, "too-large": UNREADABLE,
    "unsupported": UNREADABLE, "timeout": UNREADABLE, "crashed": UNREADABLE, "extension-mismatch": UNREADABLE,
    "unreadable-folder": UNREADABLE, "too-deep": UNREADABLE, "symlink-outside": UNREADABLE,
    "broken-link": UNREADABLE, "not-a-file": UNREADABLE,
    "max-size": DATES_AND_UPLOAD, "size-uncertain": DATES_AND_UPLOAD, "one-file": DATES_AND_UPLOAD,
    "content-type": DATES_AND_UPLOAD, "copy": DATES_AND_UPLOAD, "characters": DATES_AND_UPLOAD,
    "extra-dots": DATES_AND_UPLOAD, "length": DATES_AND_UPLOAD,
}
# Checks about a document's dates: expiry, age, windows ("passport.six-months", "photo.older-than-6-months").
_DATES = re.compile(r"expir|date|older|too-old|^age$|months|days|window|restoration|not-yet")
# A condition's technical part: a parenthesis or a clause that quotes permit-check.toml ("work.basis = ...").
_TECHNICAL_PART = re.compile(r"\s*\([^()]*(?:\([^()]*\)[^()]*)*=[^()]*(?:\([^()]*\)[^()]*)*\)")
_TECHNICAL = re.compile(r"=|\[[a-z_]+\]|\b[a-z_]+\.[a-z_]+\b")


def group(finding: Finding) -> int:
    """The finding's place in the returned-application order (MISSING ... OTHER)."""
    check = finding.rule.split(".", 1)[-1]
    if finding.rule.startswith("translation."):
        return MISSING  # the translation is a document the application lacks
    if check in GROUPS:
        return GROUPS[check]
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
