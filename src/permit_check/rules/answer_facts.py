"""The case: the applicant's answers completed from the IRCC forms found, with every derived date.

Conditions and application rules are JSON Schemas over this document; file rules see the part
about their own item as `document`. All dates count from --as-of, so CI runs repeat.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from permit_check.rules.answers import Application, plain_values

if TYPE_CHECKING:
    from permit_check.files.ircc_forms import FormIdentity

OFFICIAL_LANGUAGES = frozenset({"en", "fr", "eng", "fra", "fre"})
OFFER_NUMBER = re.compile(r"^A\d{7}$")
# IMM 1295 "Type of work permit" codes (LOV WorkPermitTypeList) -> work.basis. Codes whose basis is
# not certain (Other, SBC) are left for the applicant to answer.
WORK_BASIS = {"LMOS": "lmia", "SAWP": "lmia", "ELMO": "lmia-exempt", "OWP": "open", "PGWP": "open"}
# The application form tells where an application is made from when neither the answers nor the type do.
APPLYING_FROM_FORM = {"1295": "outside", "5710": "inside"}


def _date(value: Any) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _years_between(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def document_facts(answers: dict[str, Any], *, as_of: dt.date, work_start: dt.date | None,
                   work_end: dt.date | None, final_marks: dt.date | None = None) -> dict[str, Any]:
    """One document's answers plus what date rules need: its age, days left, days past the work period
    (and, for a PGWP, how long it stayed valid after the final marks)."""
    facts = dict(answers)
    issued, expires = _date(answers.get("issued")), _date(answers.get("expires"))
    if issued:
        facts["age_days"] = (as_of - issued).days
        if facts["age_days"] < 0:
            facts["days_ahead"] = -facts["age_days"]  # dated after --as-of: misread, or the wrong --as-of
    if expires:
        facts["days_left"] = (expires - as_of).days
        if facts["days_left"] < 0:
            facts["days_expired"] = -facts["days_left"]
        if work_end:
            facts["days_after_work_end"] = (expires - work_end).days
            facts["permit_cut_days"] = max(0, (work_end - expires).days)
        if work_start:
            facts["days_after_work_start"] = (expires - work_start).days
        if final_marks:
            facts["days_after_final_marks"] = (expires - final_marks).days
    language = answers.get("language")
    if isinstance(language, str):
        facts["needs_translation"] = language.lower() not in OFFICIAL_LANGUAGES
    return facts


def _main_form_data(forms: Sequence[FormIdentity], numbers: Sequence[str]) -> dict[str, Any]:
    for form in forms:
        if form.number in numbers and form.data:
            return dict(form.data)
    return {}


def _fill_from_form(answers: dict[str, Any], data: dict[str, Any]) -> None:
    """Form data fills what the answers lack; dates come from the form where it has them."""
    applicant = answers.setdefault("applicant", {})
    for key in ("family_name", "given_names", "date_of_birth", "marital_status", "passport_number"):
        if data.get(key) and key not in applicant and not (key == "marital_status" and data[key] == "unknown"):
            applicant[key] = data[key]
    work = answers.setdefault("work", {})
    for form_key, key in (("work_from", "start"), ("work_to", "end")):
        if _date(data.get(form_key)):
            work[key] = data[form_key]
    number = data.get("lmia_or_offer_number")
    if number:
        target = "offer_number" if OFFER_NUMBER.match(number) else "lmia_number"
        work.setdefault(target, number)
    basis = WORK_BASIS.get(str(data.get("work_permit_type") or "").strip().upper())
    if basis:
        work.setdefault("basis", basis)
    if _date(data.get("passport_expiry")):
        answers.setdefault("documents", {}).setdefault("passport", {})["expires"] = data["passport_expiry"]
    if _date(data.get("status_expiry")):
        answers.setdefault("documents", {}).setdefault("status-document", {}).setdefault("expires",
                                                                                        data["status_expiry"])


def _applying_from(case: dict[str, Any], decided: str | None, forms: Sequence[FormIdentity],
                   main_forms: Sequence[str]) -> str | None:
    """Outside or inside Canada: the permit type says, else the answers, else the one application form found."""
    if decided:
        return decided
    if case.get("applying_from") in ("outside", "inside"):
        return str(case["applying_from"])
    places = {APPLYING_FROM_FORM[form.number] for form in forms
              if form.number in main_forms and form.number in APPLYING_FROM_FORM}
    return places.pop() if len(places) == 1 else None


def build_case(application: Application, *, as_of: dt.date, channel: str,
               forms: Sequence[FormIdentity] = (), main_forms: Sequence[str] = (),
               applying_from: str | None = None, passport_mrz: dict[str, Any] | None = None) -> dict[str, Any]:
    """The document conditions and rules are evaluated against.

    `passport_mrz` is a valid reading of the passport's machine-readable zone: its expiry stands in
    for one neither the answers nor the forms give.

    `forms` are the IRCC forms among the files; the first of `main_forms` with data fills in
    what permit-check.toml does not say. `applying_from` is the permit type's own place, if it has
    one. Adds `channel`, `as_of`, `applying_from` (when known), `applicant.age`,
    `work.duration_days`, and for each `documents.<item>` its derived dates.
    """
    case: dict[str, Any] = copy.deepcopy(plain_values(application.answers))
    _fill_from_form(case, _main_form_data(forms, main_forms))
    if passport_mrz and passport_mrz.get("check_digits_valid") and _date(passport_mrz.get("expiry_date")):
        passport = case.setdefault("documents", {}).setdefault("passport", {})
        passport.setdefault("expires", passport_mrz["expiry_date"])
    case["channel"] = channel
    case["as_of"] = as_of.isoformat()
    place = _applying_from(case, applying_from, forms, main_forms)
    if place:
        case["applying_from"] = place
    applicant = case.setdefault("applicant", {})
    born = _date(applicant.get("date_of_birth"))
    if born:
        applicant["age"] = _years_between(born, as_of)
    work = case.setdefault("work", {})
    start, end = _date(work.get("start")), _date(work.get("end"))
    if start and end:
        work["duration_days"] = (end - start).days
    final_marks = _date(case.get("study", {}).get("final_marks"))
    case["documents"] = {
        item: document_facts(answers, as_of=as_of, work_start=start, work_end=end, final_marks=final_marks)
        for item, answers in case.get("documents", {}).items()
    }
    for section, key, derived in (("iec", "invitation_accepted", "days_since_acceptance"),
                                  ("study", "final_marks", "days_since_final_marks")):
        when = _date(case.get(section, {}).get(key))
        if when:
            case[section][derived] = (as_of - when).days
    return case


def item_document(case: dict[str, Any], item: str, file_facts: dict[str, Any], as_of: dt.date) -> dict[str, Any]:
    """The `document` facts one file's rules see: its item's answers and dates, completed from the
    file itself (a photo's EXIF date, or the test date a language-test report states, stands in for an
    `issued` the answers lack)."""
    document: dict[str, Any] = dict(case.get("documents", {}).get(item, {}))
    taken = (_date((file_facts.get("image") or {}).get("taken"))
             or _date(((file_facts.get("text_facts") or {}).get("language_test") or {}).get("date")))
    if taken and "issued" not in document:
        document["issued"] = taken.isoformat()
        document["age_days"] = (as_of - taken).days
        if document["age_days"] < 0:
            document["days_ahead"] = -document["age_days"]
    return document
