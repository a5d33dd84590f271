"""What `permit-check read` found in one file, as JSON for programs and as a short summary for people."""

from __future__ import annotations

from typing import Any

from permit_check.files.inspectors.problems import reason_in
from permit_check.files.kind import kind_name
from permit_check.i18n import N_, decimal, in_language, translations
from permit_check.reports.pretty_json import dumps_indented
from permit_check.reports.visible import json_safe, visible

ABILITIES = ("listening", "reading", "writing", "speaking")
READ_WORDS: dict[str, str] = {
    "file": N_("File"),
    "kind": N_("Kind"),
    "pages": N_("{count} page(s)"),
    "pixels": N_("{width} x {height} pixels"),
    "problem": N_("Problem"),
    "form": N_("IRCC form"),
    "edition": N_("edition"),
    "edition_unknown": N_("edition unknown"),
    "validated": N_("validated"),
    "not_validated": N_("NOT validated"),
    "no_validation": N_("no Validate button"),
    "no_fields": N_("no field of this form's known layout was read"),
    "unread": N_("fields whose place in this edition is not known (not read)"),
    "mrz": N_("Passport MRZ"),
    "zone_of": N_("zone {number} of {count}"),
    "unread_pages": N_("Pages not read"),
    "check_digits_ok": N_("check digits valid"),
    "check_digits_bad": N_("check digits FAIL"),
    "unchecked": N_("not protected by any check digit (may be misread: compare with the passport)"),
    "language_test": N_("Language test"),
    "taken": N_("taken"),
    "date_unknown": N_("test date not read"),
    "no_scores": N_("no results read"),
    "not_designated": N_("no IRCC equivalency"),
    "unreadable": N_("unreadable (not a score of this test: scan the report again, or read it on the paper)"),
    "text_language": N_("Text language"),
    "unknown": N_("not known"),
    "en": N_("English"),
    "fr": N_("French"),
    ":": N_(": "),
}
ABILITY_NAMES: dict[str, str] = {
    "listening": N_("listening"),
    "reading": N_("reading"),
    "writing": N_("writing"),
    "speaking": N_("speaking"),
}
MRZ_LABELS: dict[str, str] = {
    "type": N_("type"),
    "issuing_country": N_("issuing country"),
    "surname": N_("surname"),
    "given_names": N_("given names"),
    "number": N_("number"),
    "nationality": N_("nationality"),
    "birth_date": N_("born"),
    "expiry_date": N_("expires"),
    "sex": N_("sex"),
}


def render_reading_json(reading: dict[str, Any]) -> str:
    return json_safe(dumps_indented(reading)) + "\n"


def _value(value: Any) -> str:
    return visible(str(value), keep="")


# What stands for a value read --redact hides: the JSON keeps this token (data), the text says it in its language.
REDACTED = "[redacted]"
REDACTED_WORD = N_("[redacted]")


def _said(value: Any, hidden: str) -> Any:
    """The reading with the --redact token said as `hidden`."""
    if value == REDACTED:
        return hidden
    if isinstance(value, dict):
        return {key: _said(item, hidden) for key, item in value.items()}
    if isinstance(value, list):
        return [_said(item, hidden) for item in value]
    return value


def render_reading_text(reading: dict[str, Any], lang: str = "en") -> str:
    """A readable summary; every value from the file goes through `visible`."""
    words = {**in_language(READ_WORDS, lang), "note": translations(lang).pgettext("read", "Note")}
    reading = _said(reading, translations(lang).gettext(REDACTED_WORD))
    lines = [f"{words['file']}{words[':']}{_value(reading['path'])}"]
    described = [kind_name(reading["kind"], lang=lang)]
    if reading.get("mime"):
        described[0] += f" ({_value(reading['mime'])})"
    if reading.get("pages"):
        described.append(words["pages"].format(count=reading["pages"]))
    image = reading.get("image")
    if image and image.get("width"):
        described.append(words["pixels"].format(width=image["width"], height=image["height"]))
    lines.append(f"{words['kind']}{words[':']}{', '.join(described)}")
    if reading.get("problem"):
        lines.append(f"{words['problem']}{words[':']}{reason_in(reading['problem'], lang)}")
    lines.extend(_form_lines(reading.get("form"), words))
    zones = reading.get("mrzs") or ([reading["mrz"]] if reading.get("mrz") else [])
    for number, zone in enumerate(zones, start=1):
        lines.extend(_mrz_lines(zone, words, lang, words["zone_of"].format(number=number, count=len(zones))
                                if len(zones) > 1 else ""))
    if reading.get("unread_pages"):
        lines.append(f"{words['unread_pages']}{words[':']}"
                     f"{'; '.join(_value(page['reason']) for page in reading['unread_pages'])}")
    lines.extend(_language_test_lines(reading.get("language_test"), words, lang))
    language = reading.get("text_language")
    named = words[language] if language in ("en", "fr") else words["unknown"]
    lines.append(f"{words['text_language']}{words[':']}{named}")
    lines.extend(f"{words['note']}{words[':']}{note}" for note in reading.get("notes", []))
    return "\n".join(lines) + "\n"


def _form_lines(form: dict[str, Any] | None, words: dict[str, str]) -> list[str]:
    if not form:
        return []
    edition = f"{words['edition']} {_value(form['edition'])}" if form.get("edition") else words["edition_unknown"]
    state = {True: words["validated"], False: words["not_validated"], None: words["no_validation"]}[
        form.get("validated")]
    language = f", {words[form['language']]}" if form.get("language") in ("en", "fr") else ""
    lines = [f"{words['form']}{words[':']}IMM {_value(form['number'])} ({edition}{language}), {state}"]
    for field in form.get("fields", []):
        value = "-" if field["value"] is None else _value(field["value"])
        lines.append(f"  {_value(field['label'])}{words[':']}{value}")
    if not form.get("fields"):
        lines.append(f"  ({words['no_fields']})")
    if form.get("unread"):
        lines.append(f"  {words['unread']}{words[':']}{', '.join(_value(name) for name in form['unread'])}")
    return lines


def _mrz_lines(mrz: dict[str, Any], words: dict[str, str], lang: str, which: str) -> list[str]:
    """One zone's lines; `which` says which zone of several it is ("" when it is the only one)."""
    digits = words["check_digits_ok"] if mrz.get("check_digits_valid") is True else words["check_digits_bad"]
    label = f"{words['mrz']} ({which})" if which else words["mrz"]
    lines = [f"{label}{words[':']}{_value(mrz.get('layout') or '?')}, {digits}"]
    labels = in_language(MRZ_LABELS, lang)
    lines.extend(f"  {label}{words[':']}{_value(mrz[key])}" for key, label in labels.items()
                 if mrz.get(key) is not None)
    unchecked = [labels[key] for key in mrz.get("unchecked_fields") or [] if key in labels]
    if mrz.get("check_digits_valid") is True and unchecked:
        # "check digits valid" says nothing of the names: no check digit covers them (nor the countries, the sex).
        lines.append(f"  {words['unchecked']}{words[':']}{', '.join(unchecked)}")
    return lines


def _language_test_lines(test: dict[str, Any] | None, words: dict[str, str], lang: str) -> list[str]:
    if not test:
        return []
    name = " ".join(_value(part) for part in (test["test"], test.get("variant")) if part)
    date = f"{words['taken']} {_value(test['date'])}" if test.get("date") else words["date_unknown"]
    lines = [f"{words['language_test']}{words[':']}{name}, {date}"]
    scores, levels, unreadable = test.get("scores") or {}, test.get("clb"), test.get("unreadable") or []
    if not scores and not unreadable:
        return [*lines, f"  {words['no_scores']}"]
    scale = test.get("scale") or "CLB"
    for ability in ABILITIES:
        score = scores.get(ability)
        if ability in unreadable:
            lines.append(f"  {in_language(ABILITY_NAMES, lang)[ability]}{words[':']}{words['unreadable']}")
        if score is None:
            continue
        level = (levels or {}).get(ability)
        converted = f"{scale} {_value(level)}" if level is not None else words["not_designated"]
        # A band of 6.5 is "6,5" in French, as every number said to people (the JSON keeps the number).
        # A band printed "8.0" is shown so, not as 8.
        shown = (decimal(score, lang, 1 if round(score, 1) == score else None) if isinstance(score, float)
                 else _value(score))
        lines.append(f"  {in_language(ABILITY_NAMES, lang)[ability]}{words[':']}{shown} ({converted})")
    return lines
