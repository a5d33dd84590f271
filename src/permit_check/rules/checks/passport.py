"""Checks on the passport's machine-readable zone (MRZ), read by OCR from the scan in the passport slot:
no zone to read, a zone whose check digits fail, an expiry that differs from the application's."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from permit_check.files.inspectors.problems import UNCHECKED_PAGES
from permit_check.i18n import N_
from permit_check.model import Context, Finding, FixFirst
from permit_check.rules.checks.base import Check, E, W

MRZ_MISSING = Check(
    "mrz-missing", W,
    N_("No machine-readable zone (the two lines of <<< at the bottom of the bio-data page) could be read in "
       "{path}: the bio-data page is missing or not legible."),
    N_("Include the passport's bio-data page (photo, name, date of birth and the two coded lines at the bottom), "
       "scanned whole, flat and in colour at 300 DPI."), rank=FixFirst.OTHER,
)
MRZ_UNCHECKED = Check(
    "mrz-unchecked", W,
    N_("No machine-readable zone (the two lines of <<< at the bottom of the bio-data page) could be read in "
       "{path}, but not every page of it could be checked ({skipped}): the bio-data page may be one of those."),
    N_("Scan the passport's bio-data page into a file of its own, at 300 DPI: the pages of a very long scan, and "
       "pictures far finer than 300 DPI, are not read."),
    summary=N_("The passport scan's machine-readable zone was not found, and some of its pages could not be "
               "checked."), rank=FixFirst.OTHER,
)
MRZ_ILLEGIBLE = Check(
    "mrz-illegible", W,
    N_("The machine-readable zone of {path} was found but its check digits do not add up: the scan is not "
       "legible enough."),
    N_("Rescan the bio-data page at 300 DPI, the booklet pressed flat on the glass, with no glare or shadow over "
       "the two coded lines at the bottom."), rank=FixFirst.OTHER,
)
MRZ_SEVERAL = Check(
    "mrz-several", W,
    N_("{path} holds {count} different machine-readable zones, of more than one document: check that it is the "
       "passport of the one person applying."),
    N_("Keep in this file only the applicant's own passport (its bio-data page, and its visa pages if wanted); "
       "another person's passport or another document goes in a file of its own."),
    summary=N_("The passport scan holds the machine-readable zones of more than one document."), rank=FixFirst.OTHER,
)
MRZ_EXPIRY = Check(
    "mrz-expiry", E,
    N_("The passport expiry in {path}'s machine-readable zone differs from the one the application form or "
       "permit-check.toml gives."),
    N_("Copy the expiry date exactly from the passport's bio-data page into the form and permit-check.toml."),
    rank=FixFirst.DATES_AND_UPLOAD,
)


def mrz_findings(facts: dict[str, Any], item: str, path: str, case: dict[str, Any],
                 slots_with_mrz: Collection[str | None], context: Context,
                 compared: dict[str, Any] | None = None) -> list[Finding]:
    """What the passport's machine-readable zones say about the file (only files whose MRZ was read).
    `slots_with_mrz`: the items where some file's zone was read; a passport scanned as several files needs it
    on one of them only. `compared`: the zone the forms are compared with (rules/consistency.compared_zone), None
    when the file's zones are of several people and not exactly one agrees with the forms."""
    zones = [zone for zone in facts.get("mrzs") or [] if zone.get("check_digits_valid")]
    several = [MRZ_SEVERAL.finding(context, item=item, path=path, count=len(zones))] if _documents(zones) > 1 else []
    return [*_zone_findings(facts, item, path, case, slots_with_mrz, context, compared), *several]


def _documents(zones: list[dict[str, Any]]) -> int:
    """How many documents the valid zones (each of a different document) stand for: a visa of a holder whose own
    passport or card is there too belongs with it (a passport scanned with its visa page)."""
    holders = {_holder(zone) for zone in zones if not _is_visa(zone)}
    return sum(1 for zone in zones if not (_is_visa(zone) and _holder(zone) in holders))


def _is_visa(zone: dict[str, Any]) -> bool:
    return str(zone.get("type") or "").startswith("V")


def _holder(zone: dict[str, Any]) -> tuple[Any, ...]:
    """Who the zone is of, by the fields its check digits protect (the names are protected by none)."""
    return zone.get("birth_date"), zone.get("nationality")


def _zone_findings(facts: dict[str, Any], item: str, path: str, case: dict[str, Any],
                   slots_with_mrz: Collection[str | None], context: Context,
                   compared: dict[str, Any] | None) -> list[Finding]:
    """What the file's first machine-readable zone says: none read, one that fails; and the zone compared with the
    forms (`compared`), an expiry that differs."""
    mrz = facts.get("mrz")
    if "mrz" not in facts or (not (mrz or {}).get("check_digits_valid") and item in slots_with_mrz):
        return []
    if mrz is None and facts.get("mrz_unchecked"):
        return [_unchecked(facts["mrz_unchecked"], item, path, context)]
    if mrz is None:
        return [MRZ_MISSING.finding(context, item=item, path=path)]
    if not mrz.get("check_digits_valid"):
        return [MRZ_ILLEGIBLE.finding(context, item=item, path=path)]
    stated = case.get("documents", {}).get(item, {}).get("expires")
    if stated and compared and compared.get("expiry_date") and str(stated) != compared["expiry_date"]:
        return [MRZ_EXPIRY.finding(context, item=item, path=path)]
    return []


def _unchecked(skipped: list[Any], item: str, path: str, context: Context) -> Finding:
    """The zone not found on the pages that were read, saying which pages the limits left unread."""
    reasons = [context._(UNCHECKED_PAGES[why]).format(page=page, limit=limit)
               for why, page, limit in skipped if why in UNCHECKED_PAGES]
    return MRZ_UNCHECKED.finding(context, item=item, path=path, skipped="; ".join(reasons))
