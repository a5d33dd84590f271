"""Judges the examined files against a checklist: places files in items, applies upload limits and rules."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from permit_check import checks
from permit_check.case import item_document
from permit_check.checklist import Channel, Checklist, Item, Rule
from permit_check.conditions import Outcome, answered_by_silence
from permit_check.consistency import consistency_findings, statements
from permit_check.copies import SlotFile, Superseded, sort_out
from permit_check.form_checks import form_findings
from permit_check.forms import Edition, form_title
from permit_check.identify import kind_name
from permit_check.inspectors.problems import reason_in
from permit_check.matching import PICTURE_KINDS, TEXT_KINDS, Match, match_file
from permit_check.model import FileResult, Finding, FormRecord, ItemResult, ItemStatus, Severity
from permit_check.textfacts import UNKNOWN_VARIANT, text_facts

BINARY_MB, DECIMAL_MB = 1_048_576, 1_000_000
UNPLACED_SHOWN = 3  # unplaced files named in a missing item's fix; more are "..."
_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_.]*)\}")
_NOT_PLAIN = re.compile(r"[^A-Za-z0-9_-]+")
# The extension to suggest when a file's name promises the wrong kind.
KIND_EXTENSIONS = {"pdf": "pdf", "jpeg": "jpg", "png": "png", "tiff": "tif", "jp2": "jp2", "doc": "doc",
                   "docx": "docx", "text": "txt", "heic": "heic", "webp": "webp", "gif": "gif", "bmp": "bmp",
                   "zip": "zip"}
CONVERT_HINTS = {
    "jpeg": "Export or convert it to JPEG (.jpg) in a photo editor and replace the file.",
    "pdf": "Save or print it to PDF and replace the file.",
}
CONVERT_HINTS_FR = {
    # "le fichier", not "le": the pronoun would have to agree with the item (la photo, le passeport).
    "jpeg": "Exportez ou convertissez le fichier en JPEG (.jpg) dans un logiciel de photo, puis remplacez-le.",
    "pdf": "Enregistrez ou imprimez le fichier en PDF, puis remplacez-le.",
}
# An iPhone's HEIC photo: how to get a JPEG, and that pack converts it.
HEIC_HINTS = {
    "en": "Convert it to JPEG (on a Mac: open it in Preview, File > Export > JPEG; on Windows: open it in Photos, "
          "Save as .jpg), or let permit-check pack convert it. On an iPhone, Settings > Camera > Formats > "
          "Most Compatible takes JPEG from now on.",
    "fr": "Convertissez-le en JPEG (sur un Mac : ouvrez-le dans Aperçu, Fichier > Exporter > JPEG ; sous Windows : "
          "ouvrez-le dans Photos, Enregistrer en .jpg), ou laissez permit-check pack le convertir. Sur un iPhone, "
          "Réglages > Appareil photo > Formats > Le plus compatible donne désormais du JPEG.",
}


@dataclass(frozen=True)
class ExaminedFile:
    """A file's facts and a way to get its text if matching or a rule needs it."""

    facts: dict[str, Any]
    text_of: Callable[[], str]
    digest: str | None = None  # the content's sha256, which tells copies apart


@dataclass(frozen=True)
class Verdict:
    items: tuple[ItemResult, ...]
    files: tuple[FileResult, ...]
    findings: tuple[Finding, ...]


def render(template: str, facts: dict[str, Any]) -> str:
    """Fills '{name}', '{image.width}'... from a file's facts; an unknown placeholder shows as '?'."""

    def lookup(match: re.Match[str]) -> str:
        value: Any = facts
        for part in match.group(1).split("."):
            value = value.get(part) if isinstance(value, dict) else None
        return "?" if value is None else str(value)

    return _PLACEHOLDER.sub(lookup, template)


def _rule_finding(rule: Rule, facts: dict[str, Any], item: str | None, path: str | None) -> Finding:
    return Finding(rule.id, rule.severity, render(rule.message, facts), render(rule.hint, facts), item, path)


def _broken_rules(rules: Sequence[Rule], facts: dict[str, Any], case: dict[str, Any],
                  item: str | None, path: str | None, wording: Mapping[str, Any] | None = None) -> list[Finding]:
    """`wording`: values a message may name that are not facts of the file (rules never test them)."""
    return [
        _rule_finding(rule, {**facts, **(wording or {})}, item, path)
        for rule in rules
        if rule.applies(case) and not rule.holds(facts)
    ]


def suggested_name(facts: dict[str, Any], item: str | None) -> str:
    """A plain-ASCII name to rename a file to: its item's id (as pack names it), else its own name without accents."""
    extension = KIND_EXTENSIONS.get(facts.get("kind", ""), facts.get("extension", "")) or facts.get("extension", "")
    if item is not None:
        stem = item
    else:
        decomposed = unicodedata.normalize("NFKD", facts.get("stem", ""))
        plain = "".join(char for char in decomposed if not unicodedata.combining(char))
        stem = _NOT_PLAIN.sub("-", plain).strip("-") or "document"
    return f"{stem}.{extension}" if extension else stem


def _decimal(value: float, lang: str) -> str:
    """4.1 in English, 4,1 in French; whole numbers without a decimal part."""
    text = f"{value:g}" if float(value).is_integer() else f"{value:.1f}"
    return text.replace(".", ",") if lang == "fr" else text


def _thousands(value: int, lang: str) -> str:
    """4,100,000 in English, 4 100 000 in French (narrow no-break spaces)."""
    return f"{value:,}".replace(",", "\u202f") if lang == "fr" else f"{value:,}"


def _list(values: Sequence[str], conjunction: str) -> str:
    """'a, b or c' / 'a, b and c'."""
    return ", ".join(values[:-1]) + f" {conjunction} {values[-1]}" if len(values) > 1 else values[0]


class _Judge:
    """Holds what every check needs: the checklist, the channel, the case and the editions table."""

    def __init__(self, checklist: Checklist, channel: Channel, case: dict[str, Any],
                 editions: Mapping[str, Edition], lang: str) -> None:
        self.checklist = checklist
        self.channel = channel
        self.case = case
        self.editions = editions
        self.lang = lang
        self.unplaced: list[str] = []  # files of the folder no item took: a missing document may be one of them
        # The slots where some file's machine-readable zone was read (evaluate() fills it in).
        self.slots_with_mrz: set[str | None] = set()

    def file_findings(self, examined: ExaminedFile, match: Match) -> list[Finding]:
        facts = examined.facts
        item_id, path = match.item, facts["path"]
        item = self.checklist.item(item_id) if item_id else None
        entry_problem = facts.get("entry_problem")
        if entry_problem:
            return [checks.BY_ENTRY_PROBLEM[entry_problem].finding(item=None, path=path, lang=self.lang)]
        found: list[Finding] = []
        if facts["kind"] == "empty":
            found.append(checks.EMPTY.finding(lang=self.lang, item=item_id, path=path))
        trouble = facts.get("problem")
        if trouble:
            found.append(checks.BY_PROBLEM[trouble["kind"]].finding(
                lang=self.lang, item=item_id, path=path, reason=reason_in(trouble["reason"], self.lang)))
        if not facts["extension_matches"]:
            found.append(self._extension_mismatch(facts, item_id))
        if item is not None and not (trouble and trouble["kind"] == "unreadable"):
            found.extend(self._content_type(facts, item))
        found.extend(self._size(facts, item_id))
        content_known = not trouble and facts["kind"] != "empty"
        if item is not None:
            facts = self._item_facts(examined, item)
            found.extend(_broken_rules(self.checklist.file_rules, facts, self.case, item_id, path,
                                       {"suggested_name": suggested_name(facts, item_id)}))
            # Item rules judge content; an empty or unopenable file already has the finding that matters.
            if content_known:
                if match.printed and not facts.get("ircc_form"):
                    facts = {**facts, "ircc_form": match.printed}  # a printed copy: its footer gives the edition
                found.extend(form_findings(facts, item_id, self.editions, self.lang))
                found.extend(self._mrz_findings(facts, item.id, path))
                found.extend(_broken_rules(item.rules, facts, self.case, item_id, path))
            return found
        found.extend(_broken_rules(self.checklist.file_rules, facts, self.case, None, path,
                                   {"suggested_name": suggested_name(facts, None)}))
        if match.how == "other-person" and match.refused:
            refused = self.checklist.item(match.refused)
            found.append(checks.OTHER_PERSON.finding(lang=self.lang, item=None, path=path, title=refused.title,
                                                     example=_example_name(refused)))
        elif match.wrong_form:
            number = match.form or "?"
            other = "un autre formulaire d'IRCC" if self.lang == "fr" else "another IRCC form"
            title = form_title(number, self.lang) or self.checklist.forms.get(number, other)
            found.append(checks.WRONG_FORM.finding(lang=self.lang, item=None, path=path, number=number,
                                                   form_title=title, checklist=self.checklist.title))
        elif facts["kind"] == "heic":
            found.append(checks.UNRECOGNISED_PHOTO.finding(lang=self.lang, item=None, path=path))
        else:
            found.append(checks.UNRECOGNISED.finding(lang=self.lang, item=None, path=path))
        return found

    def _mrz_findings(self, facts: dict[str, Any], item_id: str, path: str) -> list[Finding]:
        """What the passport's machine-readable zone says about the file (only files whose MRZ was read)."""
        mrz = facts.get("mrz")
        if "mrz" not in facts or (not (mrz or {}).get("check_digits_valid") and item_id in self.slots_with_mrz):
            return []
        if mrz is None:
            return [checks.MRZ_MISSING.finding(lang=self.lang, item=item_id, path=path)]
        if not mrz.get("check_digits_valid"):
            return [checks.MRZ_ILLEGIBLE.finding(lang=self.lang, item=item_id, path=path)]
        stated = self.case.get("documents", {}).get(item_id, {}).get("expires")
        if stated and mrz.get("expiry_date") and str(stated) != mrz["expiry_date"]:
            return [checks.MRZ_EXPIRY.finding(lang=self.lang, item=item_id, path=path)]
        return []

    def _item_facts(self, examined: ExaminedFile, item: Item) -> dict[str, Any]:
        """The file's facts plus what its item's rules read: the document's dates, and text if asked."""
        facts = dict(examined.facts)
        if item.read_text:
            # A scan has no text (unless OCR read it), but its name may still say what it is ("ielts-academic.jpg").
            words = facts.get("kind") in TEXT_KINDS
            readable = (words or facts.get("kind") in PICTURE_KINDS) and not facts.get("problem")
            text = examined.text_of() if readable else ""
            if readable and (words or text):
                facts["text"] = text
            facts["text_facts"] = text_facts(text, int(self.case["as_of"][:4]), facts.get("name", ""))
            answered = (self.case.get("language") or {}).get("test")
            found_test = facts["text_facts"].get("language_test") or {}
            if answered and found_test.get("id") in UNKNOWN_VARIANT:
                # The report does not say its variant; the applicant's answer does.
                facts["text_facts"]["language_test"] = {"id": answered, "name": answered}
        # The document's dates come last: what the file itself states (a report's test date) completes them.
        facts["document"] = item_document(self.case, item.id, facts)
        return facts

    def _extension_mismatch(self, facts: dict[str, Any], item_id: str | None) -> Finding:
        kind = facts["kind"]
        return checks.EXTENSION_MISMATCH.finding(lang=self.lang,
            item=item_id, path=facts["path"], extension=facts["extension"],
            kind_name=kind_name(kind, article=True, lang=self.lang),
            expected_name=kind_name(facts["extension_kind"], lang=self.lang),
            right_extension=KIND_EXTENSIONS.get(kind, facts["extension"]),
        )

    def _content_type(self, facts: dict[str, Any], item: Item) -> list[Finding]:
        accepted = item.kinds or self.channel.kinds
        kind = facts["kind"]
        if kind in accepted or kind == "empty":
            return []
        names = [kind_name(accepted_kind, article=True, lang=self.lang) for accepted_kind in accepted]
        hints = CONVERT_HINTS_FR if self.lang == "fr" else CONVERT_HINTS
        fallback = "Convertissez le fichier en {name}, puis remplacez-le." if self.lang == "fr" else \
            "Convert it to {name} and replace the file."
        fix = hints.get(accepted[0], fallback.format(name=names[0]))
        if kind == "heic" and "jpeg" in accepted:
            fix = HEIC_HINTS[self.lang]
        return [checks.CONTENT_TYPE.finding(
            lang=self.lang, item=item.id, path=facts["path"], kind_name=kind_name(kind, article=True, lang=self.lang),
            title=item.title, accepted=_list(names, "ou" if self.lang == "fr" else "or"), fix=fix,
        )]

    def _size(self, facts: dict[str, Any], item_id: str | None) -> list[Finding]:
        """Over the limit read in binary megabytes: refused. Between the decimal and the binary reading: may be."""
        limit = self.channel.max_bytes
        size = facts.get("size", 0)
        if limit is None:
            return []
        limit_mb = limit / BINARY_MB
        safe = round(limit_mb * DECIMAL_MB)
        if size > limit:
            # In MB as IRCC writes it (decimal): a refused file is over 4.19 of those, so it never shows as 4.
            return [checks.MAX_SIZE.finding(lang=self.lang,
                item=item_id, path=facts["path"], size_mb=_decimal(round(size / DECIMAL_MB, 1), self.lang),
                limit_mb=_decimal(limit_mb, self.lang), channel=self.channel.title,
                hint=checks.size_hint(facts.get("kind", ""), self.lang),
            )]
        if size > safe:
            return [checks.SIZE_UNCERTAIN.finding(lang=self.lang,
                item=item_id, path=facts["path"], size_bytes=_thousands(size, self.lang),
                limit_mb=_decimal(limit_mb, self.lang), safe_bytes=_thousands(safe, self.lang),
                channel=self.channel.title,
            )]
        return []

    def _missing_hint(self, item: Item) -> str:
        """The item's own hint and, when some files were not placed, that one of them may be the missing one
        under a name that says nothing (an IRCC form is placed by its number, never by its name)."""
        if not self.unplaced or item.forms:
            return item.missing_hint
        shown = [*self.unplaced[:UNPLACED_SHOWN], *(["..."] if len(self.unplaced) > UNPLACED_SHOWN else [])]
        note = checks.UNPLACED_HINT[self.lang].format(
            count=len(self.unplaced), files=", ".join(shown), title=item.title, example=_example_name(item))
        return f"{item.missing_hint} {note}".strip()

    def item_result(self, item: Item, files: list[FileResult]) -> ItemResult:
        requirement = item.requirement(self.case)
        required = requirement.value is True
        condition = item.condition_text if item.condition is not None else None
        findings: list[Finding] = []
        # Copies and older versions already say to keep one; the rest are parts of one document.
        parts = [file for file in files if file.kept is None]
        if len(parts) > 1 and not item.multiple and self.channel.one_file_per_slot:
            names = [file.path for file in parts]
            findings.append(checks.ONE_FILE.finding(
                lang=self.lang, item=item.id, path=None, count=len(names),
                files=_list(names, "et" if self.lang == "fr" else "and")))
        if not files and required:
            findings.append(checks.MISSING.finding(lang=self.lang,
                item=item.id, path=None, severity=item.missing_severity, title=item.title,
                condition=condition or ("requis" if self.lang == "fr" else "required"), hint=self._missing_hint(item),
            ))
        findings.extend(
            _broken_rules([rule for rule in self.checklist.application_rules if rule.item == item.id],
                          self.case, self.case, item.id, None)
        )
        return ItemResult(
            id=item.id,
            title=item.title,
            required=required,
            status=_status(item, requirement, files, findings),
            files=tuple(file.path for file in files),
            findings=tuple(findings),
            condition=condition,
            # With a file in place the folder is complete whatever the answer: nothing waits on it.
            depends_on=requirement.depends_on if not files else (),
        )


def _example_name(item: Item) -> str:
    """A name this item takes: its first name pattern without wildcards, with its first kind's extension."""
    stem = next((name.replace("*", "") for name in item.names if not re.search(r"[?\[\]]", name)), "") or item.id
    extension = KIND_EXTENSIONS.get(item.kinds[0] if item.kinds else "pdf", "pdf")
    return f"{stem.strip('-_ .')}.{extension}"


def _superseded_finding(entry: Superseded, item: Item, number: str | None, lang: str) -> Finding:
    if entry.reason == "copy":
        return checks.COPY.finding(lang=lang, item=item.id, path=entry.path, kept=entry.kept)
    if entry.reason == "alternative-form":
        return checks.ALTERNATIVE_FORM.finding(lang=lang, item=item.id, path=entry.path, kept=entry.kept,
                                               number=number or "?", kept_number=entry.kept_form or "?",
                                               title=item.title)
    return checks.OLDER_VERSION.finding(lang=lang, item=item.id, path=entry.path, kept=entry.kept,
                                        number=number or "?", why=checks.WHY_KEPT[lang][entry.reason])


def _set_aside(checklist: Checklist, files: Sequence[ExaminedFile], matches: Sequence[Match]) -> dict[str, Superseded]:
    """Per path, the copies, older versions and alternative forms of each slot: files that are not to be sent."""
    slot_files: dict[str, list[SlotFile]] = {}
    for examined, match in zip(files, matches, strict=True):
        facts = examined.facts
        # An empty or unreadable file has its own finding; two of them are not "copies" of each other.
        if match.item is not None and facts.get("kind") != "empty" and not facts.get("problem"):
            slot_files.setdefault(match.item, []).append(
                SlotFile(facts["path"], examined.digest, facts.get("ircc_form")))
    found: dict[str, Superseded] = {}
    for item_id, members in slot_files.items():
        if len(members) > 1:
            item = checklist.item(item_id)
            # A slot that takes several files takes both forms; one file per slot means one of them.
            alternatives = item.forms if not item.multiple else ()
            found.update((entry.path, entry) for entry in sort_out(members, alternatives))
    return found


def _status(item: Item, requirement: Outcome, files: list[FileResult], findings: list[Finding]) -> ItemStatus:
    if not files:
        if requirement.value is True:
            return ItemStatus.MISSING
        if requirement.unknown:
            return ItemStatus.DEPENDS
        return ItemStatus.NOT_APPLICABLE if item.condition is not None else ItemStatus.OPTIONAL
    errors = [finding for finding in findings if finding.severity == Severity.ERROR]
    errors += [finding for file in files for finding in file.findings if finding.severity == Severity.ERROR]
    return ItemStatus.INVALID if errors else ItemStatus.OK


def _subfolders_finding(subfolders: Mapping[str, int], lang: str) -> Finding:
    """Says that subfolders were checked, so that an old draft kept in one is never a surprise."""
    listed = [f"{name}/ ({count} {checks.FILE_NOUN[lang][count > 1]})" for name, count in sorted(subfolders.items())]
    return checks.SUBFOLDERS.finding(lang=lang, item=None, path=None, folders=", ".join(listed),
                                     example=min(subfolders))


def _general_findings(checklist: Checklist, case: dict[str, Any], answered: bool, lang: str,
                      subfolders: Mapping[str, int], items: Sequence[ItemResult]) -> list[Finding]:
    found = _broken_rules([rule for rule in checklist.application_rules if rule.item is None], case, case, None, None)
    if subfolders:
        found.insert(0, _subfolders_finding(subfolders, lang))
    listed = {question for item in items if item.status == ItemStatus.DEPENDS for question in item.depends_on}
    # The checks that would have run: an item's own rules only judge its files.
    with_files = {item.id for item in items if item.files}
    rules = [*checklist.file_rules, *checklist.application_rules, *(rule for item in checklist.items
                                                                     if item.id in with_files for rule in item.rules)]
    waiting: dict[str, None] = {}
    for rule in rules:
        for question in rule.condition(case).depends_on:
            if question not in listed:
                waiting.setdefault(question, None)
    if waiting:
        found.insert(0, checks.UNANSWERED_CHECKS.finding(lang=lang, item=None, path=None,
                                                         questions=", ".join(waiting)))
    if answered:
        return found
    skipped = [item.id for item in checklist.items if item.condition is not None
               and item.requirement(case).value is False and answered_by_silence(item.condition, case)]
    if skipped:
        found.insert(0, checks.NO_ANSWERS.finding(lang=lang, item=None, path=None, items=", ".join(skipped)))
    return found


def evaluate(checklist: Checklist, channel: Channel, case: dict[str, Any], files: Sequence[ExaminedFile], *,
             answers: dict[str, Any], answered: bool, editions: Mapping[str, Edition], lang: str = "en",
             subfolders: Mapping[str, int] | None = None) -> Verdict:
    """Every item's and every file's result, and the flat list of findings in report order.

    `case` is what conditions and rules see; `answers` is permit-check.toml as written (compared
    with the forms for identity). `answered` is False when there was no permit-check.toml:
    conditional items were then judged on defaults, and the report says so.
    """
    judge = _Judge(checklist, channel, case, editions, lang)
    matches = [
        Match(None, "none") if examined.facts.get("entry_problem")
        else match_file(checklist, examined.facts, examined.text_of)
        for examined in files
    ]
    # A copy or an older version collapses into one finding saying which file to keep; whatever else it
    # would raise (not validated, names that differ...) belongs to a file that is not sent.
    set_aside = _set_aside(checklist, files, matches)
    placed = [(examined.facts, match.item) for examined, match in zip(files, matches, strict=True)
              if examined.facts["path"] not in set_aside]
    # A passport scanned as several files needs its MRZ on one of them only.
    judge.slots_with_mrz = {item for facts, item in placed if (facts.get("mrz") or {}).get("check_digits_valid")}
    identity: dict[str | None, list[Finding]] = {}
    for finding in consistency_findings(statements(answers, placed, checklist.application_forms()), lang):
        identity.setdefault(finding.path, []).append(finding)
    results: list[FileResult] = []
    for examined, match in zip(files, matches, strict=True):
        facts = examined.facts
        form = facts.get("ircc_form") or match.printed
        entry = set_aside.get(facts["path"])
        if entry is not None and match.item is not None:
            found: tuple[Finding, ...] = (
                _superseded_finding(entry, checklist.item(match.item), match.form, lang),)
        else:
            found = (*judge.file_findings(examined, match), *identity.get(facts["path"], ()))
        results.append(FileResult(
            path=facts["path"],
            mime=facts.get("mime"),
            kind=facts.get("kind", "other"),
            size=facts.get("size"),
            item=match.item,
            form=FormRecord.from_facts(form) if form else None,
            findings=found,
            kept=entry.kept if entry else None,
        ))
    judge.unplaced = [examined.facts["path"] for examined, match in zip(files, matches, strict=True)
                      if match.how == "none" and examined.facts.get("kind") != "empty"
                      and not examined.facts.get("entry_problem")]
    by_item: dict[str, list[FileResult]] = {item.id: [] for item in checklist.items}
    for result in results:
        if result.item is not None:
            by_item[result.item].append(result)
    items = tuple(judge.item_result(item, by_item[item.id]) for item in checklist.items)
    findings = _general_findings(checklist, case, answered, lang, subfolders or {}, items)
    for item_result in items:
        findings.extend(item_result.findings)
        for file in by_item[item_result.id]:
            findings.extend(file.findings)
    for file in results:
        if file.item is None:
            findings.extend(file.findings)
    return Verdict(items, tuple(results), tuple(findings))
