"""How a rule is described once (CI formats): from its own summary where it has one, else from its message with
the values left out -- by placeholders and punctuation, never by the words of one language."""

from __future__ import annotations

from typing import Any

import pytest

from permit_check.model import ChecklistRef, Report, TypeChosenBy, TypeSource
from permit_check.reports.redact import redact
from permit_check.reports.rule_texts import checklist_rules, general
from permit_check.rules.checklist import available_types, load_checklist
from permit_check.rules.rule_book import rule_book


def make_report(**values: Any) -> Report:
    return Report(**{"tool_version": "0", "checklist": ChecklistRef("iec", "1", "IEC"), "folder": "docs",
                     "as_of": "2026-11-28", "channel": "secure-account", "channel_title": "",
                     "type_source": TypeSource(TypeChosenBy.TYPE), "items": (), "files": (), **values})


@pytest.mark.parametrize(("lang", "said"), [
    ("en", {"file-name.characters": "A file name with characters outside A-Z, a-z, 0-9, spaces, '-' and '_'.",
            "file-name.extra-dots": "A file name with a dot before its extension.",
            "file-name.length": "A file name longer than 100 characters."}),
    ("fr", {"file-name.characters": "Un nom de fichier contenant des caractères hors de A-Z, a-z, 0-9, des espaces, "
                                    "« - » et « _ ».",
            "file-name.extra-dots": "Un nom de fichier contenant un point avant son extension.",
            "file-name.length": "Un nom de fichier de plus de 100 caractères."}),
])
def test_a_checklist_rule_is_described_by_its_own_summary(lang: str, said: dict[str, str]) -> None:
    checklist = load_checklist("iec", lang)
    report = make_report(lang=lang, rule_book=rule_book(checklist, lang))
    rules = checklist_rules(report)
    assert {rule: rules[rule] for rule in said} == said


def test_general_words_know_placeholders_not_languages() -> None:
    assert general("{count} files for one upload slot: {files}.", "en") == "Several files for one upload slot."
    assert general("{name} is not in English (language = \"{document.language}\").", "en") == \
        "The file is not in English (language)."


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("checklist_id", available_types())
def test_every_rule_described_without_its_values_still_reads(checklist_id: str, lang: str) -> None:
    book = rule_book(load_checklist(checklist_id, lang), lang)
    for words in (*book.rules.values(), *book.checks.values()):
        short = words.summary or general(words.message, lang, "Passport")
        assert not any(left in short for left in ("()", "« »", "«  »", '""', "name the file", "nom le fichier")), short


def test_the_type_source_is_values_worded_in_the_language_of_the_report() -> None:
    form = TypeSource(TypeChosenBy.FORM, form="5710")
    assert str(form) == "form IMM 5710 in the folder"
    assert form.said_in("fr") == "le formulaire IMM 5710 du dossier"
    own = TypeSource(TypeChosenBy.CHECKLIST, checklist="/home/me/mine.json")
    assert str(own) == "--checklist /home/me/mine.json"
    report = make_report(type_source=own)
    assert redact(report).type_source.said_in("fr") == "--checklist (masqué)"
    assert redact(make_report(type_source=form)).type_source == form
    assert str(TypeSource(TypeChosenBy.ANSWERS)) == "permit-check.toml"
