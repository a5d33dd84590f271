"""The words of every rule a report may cite, from the checklist it was judged by and the built-in checks: the
scan hands them to the renderers with the report (reports never load a checklist or the registry)."""

from __future__ import annotations

from permit_check.i18n import translations
from permit_check.model import RuleBook, RuleWords
from permit_check.rules.checklist import Checklist
from permit_check.rules.checks import REGISTRY
from permit_check.rules.checks.slots import MISSING


def rule_book(checklist: Checklist, lang: str) -> RuleBook:
    """The checklist's rules (already in `lang`, as it was loaded) and the built-in checks, said in `lang`."""
    catalogue = translations(lang)
    rules: dict[str, RuleWords] = {}
    for rule in (*checklist.file_rules, *checklist.application_rules,
                 *(rule for item in checklist.items for rule in item.rules)):
        # The first rule of an id speaks for it.
        rules.setdefault(rule.id, RuleWords(rule.message, rule.hint, rule.summary))
    checks = {suffix: RuleWords(catalogue.gettext(check.message), catalogue.gettext(check.hint),
                                catalogue.gettext(check.summary) if check.summary else None)
              for suffix, check in REGISTRY.items()}
    return RuleBook(
        rules=rules,
        checks=checks,
        descriptions={item.id: item.description for item in checklist.items},
        item_hints={MISSING.suffix: {item.id: item.missing_hint for item in checklist.items}},
        general=tuple(rule.id for rule in (*checklist.file_rules, *checklist.application_rules) if rule.item is None),
    )
