"""`permit-check read FILE`: what permit-check reads from one file, shown to the person whose file it is.

The file is read by the scan's own stages (files/gather.read_one_file), in killable workers with the time and
memory caps, as every file is: its kind, the IRCC form it is (number, edition, validated state and the fields
read), every machine-readable zone on its pages and the pages the limits left unread, a language-test report's
results and the language of its words.
The values are the user's own, so they are shown; --redact hides them and keeps the keys.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from permit_check.commands.output import check_output_file, check_output_not_input
from permit_check.commands.result import EXIT_OK, CommandResult
from permit_check.errors import UsageProblem
from permit_check.files.gather import GatherOptions, read_one_file
from permit_check.files.inspectors.problems import UNCHECKED_PAGES
from permit_check.files.ircc_forms import FormIdentity, ircc_form, known_forms
from permit_check.files.text_language import text_language
from permit_check.files.walk import file_entry
from permit_check.i18n import N_, in_language
from permit_check.limits import Limits
from permit_check.reports.reading import REDACTED, render_reading_json, render_reading_text
from permit_check.reports.redact import token
from permit_check.rules.placement import RULE_TEXT_PAGES

MRZ_FIELDS = ("layout", "lines", "type", "issuing_country", "surname", "given_names", "number", "nationality",
              "birth_date", "expiry_date", "sex", "check_digits_valid", "unchecked_fields")
# MRZ keys that say how the zone was read, not who the person is: never hidden. `unchecked_fields`: the fields no
# check digit covers (the names, countries, sex), which "check digits valid" says nothing about.
MRZ_SHAPE = frozenset({"layout", "check_digits_valid", "unchecked_fields"})
NOTES = {
    "no-ocr": N_("the passport's machine-readable zone was not looked for: this installation has no OCR engine"),
    "no-mrz": N_("no machine-readable zone was found"),
    "no-text": N_("the file has no text layer (a scan or a photo)"),
    "ocr-text": N_("the words were read by OCR from the image"),
    "mrz-in-pictures": N_("the file has a text layer and pictures: the machine-readable zone was looked for in "
                          "the pictures, as scan does for a passport"),
    "pictures-unread": N_("the pictures in the file were not searched for a machine-readable zone: {problem}"),
    "test-from-name": N_("the language test is known from the file name only (no results could be read)"),
}


def _facts(path: Path, limits: Limits) -> dict[str, Any]:
    """The file's facts as the scan's stages read them (in the workers), with read's own: its language test,
    the IRCC form its footer names, the language of its words, and notes on what could not be read."""
    from permit_check.rules.language_reports import read_report
    from permit_check.rules.text_facts import language_test, report_test

    try:
        entry = file_entry(path)
    except OSError:  # gone since it was looked at
        raise UsageProblem(N_("file not found: {path}"), path=path) from None
    reading = read_one_file(entry, GatherOptions(jobs=1, limits=limits), RULE_TEXT_PAGES)
    facts, text = reading.facts, reading.text
    facts.setdefault("mrz", None)
    notes = []
    if facts.get("kind") == "pdf" and reading.pictured:
        notes.append("no-text")
    elif reading.pictures_unread is not None:
        notes.append("pictures-unread")
        facts["engine_problem"] = reading.pictures_unread
    elif facts.get("kind") == "pdf" and facts.get("mrz_pictures"):  # a photo is all picture: nothing to say
        notes.append("mrz-in-pictures")
    if reading.pictured and not reading.ocr_read:
        notes.append("no-ocr")
    if reading.ocr_read and text.strip():
        notes.append("ocr-text")
    if "mrz_pictures" in facts and facts["mrz"] is None and (reading.pictured or facts["mrz_pictures"]):
        notes.append("no-mrz")
    # The test the scan would take the file for: its words say which, its name fills in what they leave open.
    test = report_test(text, entry.name)
    if test is not None:
        facts["language_test"] = read_report(text, test)
        if language_test(text) is None and not facts["language_test"]["scores"]:
            notes.append("test-from-name")
    if ircc_form(facts) is None and text:
        from permit_check.files.inspectors.xfa import form_in_text

        footer = form_in_text(text)
        if footer is not None:
            facts["ircc_form"] = footer.to_facts()
    facts["text_language"] = text_language(text)
    facts["notes"] = notes
    return facts


def _form_record(form: FormIdentity, lang: str) -> dict[str, Any]:
    """The form as the scan report records it, with the fields read: label and value, in the form's order."""
    record: dict[str, Any] = form.record().to_record()
    spec = known_forms().get(form.number)
    data = form.data
    fields = []
    for field in spec.fields if spec else ():
        if field.id in data:
            fields.append({"id": field.id, "label": field.label_in(lang),
                           "value": data[field.id]})
    record["fields"] = fields
    record["unread"] = list(form.unread)
    return record


def read_file(path: Path, limits: Limits, lang: str = "en") -> dict[str, Any]:
    """What permit-check reads from the file at `path` (read in a worker, never in this process)."""
    if path.is_dir():
        raise UsageProblem(N_("{path}: is a folder (read takes one file; scan checks a folder)"), path=path)
    if not path.is_file():
        if path.exists():
            raise UsageProblem(N_("{path}: not a regular file (a device, pipe or socket): nothing to read"), path=path)
        raise UsageProblem(N_("file not found: {path}"), path=path)
    facts = _facts(path, limits)
    trouble = facts.get("problem")
    form = ircc_form(facts)
    image = facts.get("image") or None
    return {
        "path": str(path),
        "kind": facts["kind"],
        "mime": facts.get("mime"),
        "size": facts.get("size"),
        "pages": (facts.get("pdf") or {}).get("pages"),
        "image": {key: image.get(key) for key in ("format", "width", "height", "dpi", "frames")} if image else None,
        "problem": {"kind": trouble["kind"], "reason": trouble["reason"]} if trouble else None,
        "form": _form_record(form, lang) if form else None,
        "mrz": _mrz(facts.get("mrz")),
        # Every zone found (two documents photographed together, a passport and its visa page): `mrz` is the first.
        "mrzs": [_mrz(zone) for zone in facts.get("mrzs") or ([facts["mrz"]] if facts.get("mrz") else [])],
        "unread_pages": _unread_pages(facts.get("mrz_unchecked") or [], lang),
        "language_test": _language_test(facts.get("language_test")),
        "text_language": facts.get("text_language"),
        "notes": _notes(facts, lang),
    }


def _notes(facts: dict[str, Any], lang: str) -> list[str]:
    words = in_language(NOTES, lang)
    engine = facts.get("engine_problem")
    return [words[note].format(problem=engine.said_in(lang)) if note == "pictures-unread" and engine is not None
            else words[note] for note in facts.get("notes", [])]


def _mrz(found: Any) -> dict[str, Any] | None:
    if not isinstance(found, dict):
        return None
    return {key: found.get(key) for key in MRZ_FIELDS} | {key: value for key, value in found.items()
                                                          if key not in MRZ_FIELDS}


def _unread_pages(skipped: list[Any], lang: str) -> list[dict[str, Any]]:
    """The pages the limits left out of the search for the MRZ, each with why, in the scan's words."""
    reasons = in_language(UNCHECKED_PAGES, lang)
    return [{"page": page, "why": why, "limit": limit, "reason": reasons[why].format(page=page, limit=limit)}
            for why, page, limit in skipped if why in reasons]


def _language_test(found: dict[str, Any] | None) -> dict[str, Any] | None:
    if not found:
        return None
    scores = found.get("scores")
    return {"test": found["test"], "variant": found["variant"], "date": found["date"],
            "scores": {ability: scores.get(ability) for ability in ("listening", "reading", "writing", "speaking")}
            if scores else None,
            "clb": found.get("clb"), "scale": found.get("scale"), "unreadable": found.get("unreadable", [])}


def redacted(reading: dict[str, Any]) -> dict[str, Any]:
    """The same reading with every value read from the document replaced: the keys (and the shape) stay.
    The file's name (which often holds the person's) becomes the stable token scan --redact gives it."""
    hidden = {**reading, "path": token(reading["path"])}
    if reading["form"]:
        hidden["form"] = {**reading["form"], "fields": [{**field, "value": REDACTED if field["value"] is not None
                                                         else None} for field in reading["form"]["fields"]]}
    if reading["mrz"]:
        hidden["mrz"] = _hidden_mrz(reading["mrz"])
    hidden["mrzs"] = [_hidden_mrz(zone) for zone in reading["mrzs"]]
    if reading["language_test"]:
        test = reading["language_test"]
        hidden["language_test"] = {**test, "date": REDACTED if test["date"] else None,
                                   "scores": _hide(test["scores"]), "clb": _hide(test["clb"])}
    return hidden


def _hidden_mrz(zone: dict[str, Any]) -> dict[str, Any]:
    return {key: value if key in MRZ_SHAPE or value is None else REDACTED for key, value in zone.items()}


def _hide(values: dict[str, Any] | None) -> dict[str, Any] | None:
    return {key: REDACTED if value is not None else None for key, value in values.items()} if values else values


def read(file: Path, limits: Limits, *, lang: str, format_: str, redact: bool,
         output: Path | None) -> CommandResult:
    """`permit-check read FILE`: what permit-check reads from the file, for its owner (--redact hides the values)."""
    check_output_file(output)
    check_output_not_input(output, file)
    reading = read_file(file, limits, lang)
    if redact:
        reading = redacted(reading)
    text = render_reading_json(reading) if format_ == "json" else render_reading_text(reading, lang)
    return CommandResult(text, EXIT_OK)
