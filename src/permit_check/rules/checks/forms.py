"""Checks on IRCC forms themselves: the edition against the editions table, a form saved without answers,
and answers left empty."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from permit_check.files.ircc_forms import Edition, FormIdentity, edition_key, ircc_form, known_forms
from permit_check.i18n import N_
from permit_check.model import Context, Finding, FixFirst, Severity
from permit_check.rules.checks.base import INFO, Check, E

# Said after the latest edition when the editions table's entry is not confirmed on IRCC's site.
CAVEAT = N_(" in permit-check's editions table (not confirmed on IRCC's site)")

OUTDATED_EDITION = Check(
    "outdated-edition", E,
    N_("{path} is IMM {number} edition {edition}; the latest edition is {latest}{caveat}."),
    N_("Download the current IMM {number} from IRCC's website, fill it in again and replace the file."),
    summary=N_("An IRCC form in an outdated edition."), rank=FixFirst.FORMS,
)

NEWER_EDITION = Check(
    "newer-edition", INFO,
    N_("{path} is IMM {number} edition {edition}, newer than the editions table knows ({latest})."),
    N_("Update the editions table (--editions FILE) so that older editions are caught."),
    summary=N_("An IRCC form newer than the editions table knows."), rank=FixFirst.FORMS,
)

EMPTY_FIELD = Check(
    "empty-field", E,
    N_("{label} is empty in {path} (IMM {number})."),
    N_("Open the form in Adobe Reader, fill in {label}, then validate (if it has a Validate button) and save "
        "it."),
    summary=N_("A required answer left empty in an IRCC form."), rank=FixFirst.FORMS,
)

BLANK_FORM = Check(
    "blank-form", E,
    N_("{path} (IMM {number}) has no answers saved in it."),
    N_("Fill in the form in Adobe Reader and use Save, not Print; a browser preview does not keep your "
        "answers."), rank=FixFirst.FORMS,
)

LAYOUT_UNKNOWN = Check(
    "layout-unknown", INFO,
    N_("{path} is IMM {number} edition {edition}, whose layout permit-check does not know field by field; "
        "its answers were not checked one by one."),
    N_("Check by eye that every required answer is filled in (or use the current edition of the form)."),
    summary=N_("An IRCC form edition whose answers cannot be checked one by one."), rank=FixFirst.FORMS,
)


def _edition_findings(form: FormIdentity, path: str, item: str | None,
                      editions: Mapping[str, Edition], context: Context) -> list[Finding]:
    known = editions.get(form.number)
    edition = form.edition
    if known is None or not edition:
        return []
    if edition_key(edition) < known.sort_key:
        return [OUTDATED_EDITION.finding(
            context, item=item, path=path, number=form.number, edition=edition, latest=known.latest,
            severity=Severity.ERROR if known.confirmed else Severity.WARNING,
            caveat="" if known.confirmed else context._(CAVEAT),
        )]
    if edition_key(edition) > known.sort_key:
        return [NEWER_EDITION.finding(context, item=item, path=path, number=form.number, edition=edition,
                                      latest=known.latest)]
    return []


def _field_findings(form: FormIdentity, path: str, item: str | None, context: Context) -> list[Finding]:
    """Blank only when the datasets hold no answer at all; empty only where this layout has the field."""
    if form.answered is None:
        return []  # no datasets (a flattened copy): there is nothing to read
    if not form.answered:
        return [BLANK_FORM.finding(context, item=item, path=path, number=form.number)]
    spec = known_forms().get(form.number)
    if spec is None:
        return []
    if not form.layout_known:
        return [LAYOUT_UNKNOWN.finding(context, item=item, path=path, number=form.number, edition=form.edition)]
    data = form.data
    # A field missing from `data` was not read (its place in this layout is unknown): never "empty".
    return [
        EMPTY_FIELD.finding(context, item=item, path=path, number=form.number, label=field.label_in(context.lang))
        for field in spec.fields
        if field.required and field.id in data and data[field.id] is None
    ]


def form_findings(facts: dict[str, Any], item: str | None, editions: Mapping[str, Edition],
                  context: Context) -> list[Finding]:
    """Findings about the IRCC form in this file (none for a file that is not a form)."""
    form = ircc_form(facts)
    if form is None:
        return []
    path = facts["path"]
    return [*_edition_findings(form, path, item, editions, context), *_field_findings(form, path, item, context)]
