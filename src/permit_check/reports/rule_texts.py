"""What a rule checks and how to fix it, in words that hold for every finding of the rule.

CI formats describe each rule once (SARIF's reportingDescriptor): the texts come from the checklist
(its items' titles and descriptions, its rules' messages and hints) and from the built-in checks,
with the placeholders that name one file or one value taken out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from permit_check.errors import PermitCheckError
from permit_check.i18n import N_, in_language, translations
from permit_check.model import Finding, Report
from permit_check.rules.checklist import Checklist, Item, load_checklist
from permit_check.rules.checks import REGISTRY
from permit_check.rules.checks.slots import MISSING

_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_.]*)\}")
# Placeholders that name the file or the item read well as a noun; any other is a value and is left out.
_NOUNS = {"path": N_("the file"), "name": N_("the file"), "kept": N_("another file"), "count": N_("several")}


# Built-in checks whose message is mostly values: what they find, said once for every finding.
CHECK_SUMMARIES: dict[str, str] = {
    "content-type": N_("A file of a kind this upload slot does not accept."),
    "max-size": N_("A file over the upload size limit of the channel."),
    "size-uncertain": N_("A file whose size is over or under the upload limit depending on how IRCC counts a MB."),
    "extension-mismatch": N_("A file whose extension does not match what it really is."),
    "unreadable": N_("A file that cannot be read."),
    "damaged": N_("A damaged file that cannot be opened."),
    "truncated": N_("A file that is cut short."),
    "too-complex": N_("A file too complex to check."),
    "too-large": N_("A file too large to check."),
    "wrong-form": N_("An IRCC form that is not part of this application."),
    "outdated-edition": N_("An IRCC form in an outdated edition."),
    "newer-edition": N_("An IRCC form newer than the editions table knows."),
    "empty-field": N_("A required answer left empty in an IRCC form."),
    "layout-unknown": N_("An IRCC form edition whose answers cannot be checked one by one."),
    "damaged-repairable": N_("A damaged file that only a repairing reader can open."),
    "unsupported": N_("A file that uses features the checker cannot read."),
    "timeout": N_("A file that took too long to check."),
    "crashed": N_("A file whose check failed."),
    "older-version": N_("An older version of a form kept beside the current one."),
    "no-answers": N_("No permit-check.toml: items where silence has a meaning were taken as not needed."),
    "unanswered": N_("A question that decides which documents are needed is not answered."),
    "subfolders": N_("Files in subfolders are checked as part of the application."),
}


@dataclass(frozen=True)
class RuleText:
    short: str  # one sentence: what the rule finds
    full: str  # with the item's description, when the rule belongs to an item
    fix: str


def general(template: str, lang: str, title: str | None = None) -> str:
    """'The name {name} has a dot' -> 'The name the file has a dot'; values ('{size_mb} MB') are left out."""

    def word(match: re.Match[str]) -> str:
        key = match.group(1)
        if key == "title" and title:
            return title
        return in_language(_NOUNS, lang).get(key, "")

    text = _PLACEHOLDER.sub(word, re.sub(r"(?i)\b(name|nom) \{name\}", r"\1", template))
    text = re.sub(r"\(\s*\)|\[\s*\]|\"\"|«\s*»", "", text)  # brackets and quotes that held only a value
    text = re.sub(r"\s*=\s*([),.])", r"\1", text)  # 'language = {x})' -> 'language)'
    text = re.sub(r"\s+([.,)])", r"\1", re.sub(r"\s{2,}", " ", text)).strip()
    text = re.sub(r"\s*[:,;]+\s*([.)])", r"\1", text)  # 'slot: {files}.' -> 'slot.'
    return text[:1].upper() + text[1:]


def has_values(template: str) -> bool:
    """Whether the template names a value (a size, a date...) that `general` would leave out."""
    return any(key not in _NOUNS and key != "title" for key in _PLACEHOLDER.findall(template))


def _fix(template: str, finding: Finding, lang: str, title: str | None) -> str:
    """The fix in general words; one that needs its values (a size limit) is this finding's own."""
    return finding.hint if has_values(template) else general(template, lang, title)


@cache
def _checklist(checklist_id: str, lang: str) -> Checklist | None:
    """The report's checklist when it is a built-in one (a --checklist file is known by its id only)."""
    try:
        return load_checklist(checklist_id, lang)
    except PermitCheckError:
        return None


def rule_text(report: Report, finding: Finding) -> RuleText:
    """The texts describing `finding.rule`, for every finding of that rule."""
    lang = report.lang
    loaded = _checklist(report.checklist.id, lang)
    items: dict[str, Item] = {item.id: item for item in loaded.items} if loaded else {}
    titles = {item.id: item.title for item in report.items}
    item_id, _, suffix = finding.rule.rpartition(".")
    title = titles.get(item_id)
    description = items[item_id].description if item_id in items else ""
    if loaded is not None:
        rules = [*loaded.file_rules, *loaded.application_rules, *(rule for item in loaded.items for rule in item.rules)]
        for rule in rules:
            if rule.id == finding.rule:
                short = general(rule.message, lang, title)
                return RuleText(short, _full(short, title, description), _fix(rule.hint, finding, lang, title))
    check = REGISTRY.get(suffix)
    if check is not None:
        catalogue = translations(lang)
        message, hint = catalogue.gettext(check.message), catalogue.gettext(check.hint)
        if check is MISSING and item_id in items:
            hint = items[item_id].missing_hint
        short = in_language(CHECK_SUMMARIES, lang).get(suffix) or general(message, lang, title or item_id)
        return RuleText(short, _full(short, title, description), _fix(hint, finding, lang, title) or short)
    # An open question, a rule of a custom checklist, or a cross-document check: its item, then the rule id.
    short = in_language(CHECK_SUMMARIES, lang).get(suffix) or (f"{title}: {finding.rule}" if title else finding.rule)
    return RuleText(short, _full(short, title, description), finding.hint)


def _full(short: str, title: str | None, description: str) -> str:
    if title and description:
        return f"{short} ({title}: {description})"
    return short


def checklist_rules(report: Report) -> dict[str, str]:
    """The checklist's rules about any file or the application as a whole: id -> what each finds."""
    loaded = _checklist(report.checklist.id, report.lang)
    if loaded is None:
        return {}
    return {rule.id: general(rule.message, report.lang)
            for rule in (*loaded.file_rules, *loaded.application_rules) if rule.item is None}
