"""What a rule checks and how to fix it, in words that hold for every finding of the rule.

CI formats describe each rule once (SARIF's reportingDescriptor): the texts come from the report's rule book
(its checklist's items and rules, and the built-in checks, as the scan handed them over), with the
placeholders that name one file or one value taken out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from permit_check.i18n import N_, in_language
from permit_check.model import Finding, Report
from permit_check.reports.words import colon

_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_.]*)\}")
# Placeholders that name the file or the item read well as a noun; any other is a value and is left out.
_NOUNS = {"path": N_("the file"), "name": N_("the file"), "kept": N_("another file"), "count": N_("several")}


# The report's own rules (an open question): what they find, said once for every finding.
REPORT_RULE_SUMMARIES: dict[str, str] = {
    "unanswered": N_("A question that decides which documents are needed is not answered."),
}


@dataclass(frozen=True)
class RuleText:
    short: str  # one sentence: what the rule finds
    full: str  # with the item's description, when the rule belongs to an item
    fix: str


def general(template: str, lang: str, title: str | None = None) -> str:
    """'{name} is not in English' -> 'The file is not in English'; values ('{size_mb} MB') are left out. A
    message whose general form needs other words has its own summary (a built-in check's, a checklist rule's)."""

    def word(match: re.Match[str]) -> str:
        key = match.group(1)
        if key == "title" and title:
            return title
        return in_language(_NOUNS, lang).get(key, "")

    text = _PLACEHOLDER.sub(word, template)
    text = re.sub(r"\(\s*\)|\[\s*\]|\"\"", "", text)  # brackets and quotes that held only a value
    text = re.sub(r"\s*=\s*([),.])", r"\1", text)  # 'language = {x})' -> 'language)'
    text = re.sub(r"\s+([.,)])", r"\1", re.sub(r"\s{2,}", " ", text)).strip()
    text = re.sub(r"\s*[:,;]+\s*([.)])", r"\1", text)  # 'slot: {files}.' -> 'slot.'
    return text[:1].upper() + text[1:]


def has_values(template: str) -> bool:
    """Whether the template names a value (a size, a date...) that `general` would leave out."""
    return any(key not in _NOUNS and key != "title" for key in _PLACEHOLDER.findall(template))


def _fix(template: str, finding: Finding, lang: str, title: str | None, *, own: bool) -> str:
    """The fix in general words; one that needs its values (a size limit) is this finding's own, or none when
    the finding speaks another language than `lang` (`own` false)."""
    if has_values(template):
        return finding.hint if own else ""
    return general(template, lang, title)


def rule_text(report: Report, finding: Finding, *, own: bool = True) -> RuleText:
    """The texts describing `finding.rule`, for every finding of that rule, in the words of `report`'s rule book.
    `own` false: the finding belongs to another report (of the same checklist, in another language), so its own
    words (a fix that needs its values) are not used; the rule's description says the fix then."""
    lang, book = report.lang, report.rule_book
    titles = {item.id: item.title for item in report.items}
    item_id, _, suffix = finding.rule.rpartition(".")
    title = titles.get(item_id)
    description = book.descriptions.get(item_id, "")
    rule = book.rules.get(finding.rule)
    if rule is not None:
        short = rule.summary or general(rule.message, lang, title)
        return RuleText(short, _full(short, title, description, lang),
                        _fix(rule.hint, finding, lang, title, own=own) or short)
    check = book.check(suffix, item_id)
    if check is not None:
        short = check.summary or general(check.message, lang, title or item_id)
        return RuleText(short, _full(short, title, description, lang),
                        _fix(check.hint, finding, lang, title, own=own) or short)
    # An open question, or a rule the report's checklist does not have: its item, then the rule id.
    short = in_language(REPORT_RULE_SUMMARIES, lang).get(suffix) or (f"{title}{colon(lang)}{finding.rule}" if title else
                                                                      finding.rule)
    return RuleText(short, _full(short, title, description, lang), finding.hint if own else short)


def _full(short: str, title: str | None, description: str, lang: str) -> str:
    if title and description:
        return f"{short} ({title}{colon(lang)}{description})"
    return short


def checklist_rules(report: Report) -> dict[str, str]:
    """The checklist's rules about any file or the application as a whole: id -> what each finds."""
    book = report.rule_book
    return {rule: book.rules[rule].summary or general(book.rules[rule].message, report.lang) for rule in book.general}
