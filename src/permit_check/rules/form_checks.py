"""Checks on IRCC forms themselves: the edition against the editions table, and answers left empty."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from permit_check.files.ircc_forms import Edition, edition_key, known_forms
from permit_check.model import Finding, Severity
from permit_check.rules import checks

CAVEATS = {
    "en": " in permit-check's editions table (not confirmed on IRCC's site)",
    "fr": " selon la table des éditions de permit-check (non confirmée sur le site d'IRCC)",
}


def _edition_findings(form: dict[str, Any], path: str, item: str | None,
                      editions: Mapping[str, Edition], lang: str) -> list[Finding]:
    known = editions.get(form["number"])
    edition = form.get("edition")
    if known is None or not edition:
        return []
    if edition_key(edition) < known.sort_key:
        return [checks.OUTDATED_EDITION.finding(
            item=item, path=path, number=form["number"], edition=edition, latest=known.latest,
            severity=Severity.ERROR if known.confirmed else Severity.WARNING,
            caveat="" if known.confirmed else CAVEATS[lang], lang=lang,
        )]
    if edition_key(edition) > known.sort_key:
        return [checks.NEWER_EDITION.finding(item=item, path=path, number=form["number"], edition=edition,
                                             latest=known.latest, lang=lang)]
    return []


def _field_findings(form: dict[str, Any], path: str, item: str | None, lang: str) -> list[Finding]:
    """Blank only when the datasets hold no answer at all; empty only where this layout has the field."""
    answered = form.get("answered")
    if answered is None:
        return []  # no datasets (a flattened copy): there is nothing to read
    if not answered:
        return [checks.BLANK_FORM.finding(item=item, path=path, number=form["number"], lang=lang)]
    spec = known_forms().get(form["number"])
    if spec is None:
        return []
    if not form.get("layout_known", True):
        return [checks.LAYOUT_UNKNOWN.finding(item=item, path=path, number=form["number"],
                                              edition=form.get("edition"), lang=lang)]
    data = form.get("data") or {}
    # A field missing from `data` was not read (its place in this layout is unknown): never "empty".
    return [
        checks.EMPTY_FIELD.finding(item=item, path=path, number=form["number"],
                                   label=field.label_fr if lang == "fr" else field.label, lang=lang)
        for field in spec.fields
        if field.required and field.id in data and data[field.id] is None
    ]


def form_findings(facts: dict[str, Any], item: str | None, editions: Mapping[str, Edition],
                  lang: str = "en") -> list[Finding]:
    """Findings about the IRCC form in this file (none for a file that is not a form)."""
    form = facts.get("ircc_form")
    if not form:
        return []
    path = facts["path"]
    return [*_edition_findings(form, path, item, editions, lang), *_field_findings(form, path, item, lang)]
