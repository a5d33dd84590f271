"""Judges the examined files against a checklist: places files in items, applies upload limits and rules."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from permit_check.files.ircc_forms import Edition, ircc_form
from permit_check.model import Context, FileResult, Finding, ItemResult, ItemStatus, Severity
from permit_check.rules.answer_facts import item_document
from permit_check.rules.checklist import Channel, Checklist, Item, Rule
from permit_check.rules.checks import damage, folder, forms, passport, placement, slots, upload
from permit_check.rules.checks.identity import Statement, consistency_findings
from permit_check.rules.checks.upload import KIND_EXTENSIONS
from permit_check.rules.conditions import Outcome, answered_by_silence
from permit_check.rules.consistency import compared_zone, form_statements, statements
from permit_check.rules.copies import SlotFile, Superseded, sort_out
from permit_check.rules.language_reports import ability_names, levels_unknown
from permit_check.rules.placement import PICTURE_KINDS, TEXT_KINDS, Match, match_file
from permit_check.rules.text_facts import text_facts, with_answer

LANGUAGE_ITEM = "language-test"  # the item whose report permit-check.toml's [language] test names
UNPLACED_SHOWN = 3  # unplaced files named in a missing item's fix; more are "..."
# A checklist rule's message and hint name facts: {name}, {image.width}, {document.age_days}.
_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_.]*)\}")
_NOT_PLAIN = re.compile(r"[^A-Za-z0-9_-]+")


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


def fill_placeholders(template: str, facts: dict[str, Any]) -> str:
    """Fills '{name}', '{image.width}'... from a file's facts; an unknown placeholder shows as '?'."""

    def lookup(match: re.Match[str]) -> str:
        value: Any = facts
        for part in match.group(1).split("."):
            value = value.get(part) if isinstance(value, dict) else None
        return "?" if value is None else str(value)

    return _PLACEHOLDER.sub(lookup, template)


def _rule_finding(rule: Rule, facts: dict[str, Any], item: str | None, path: str | None) -> Finding:
    return Finding(rule.id, rule.severity, fill_placeholders(rule.message, facts),
                   fill_placeholders(rule.hint, facts), item, path)


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


class _Judge:
    """Holds what every check needs: the checklist, the channel, the case and the editions table."""

    def __init__(self, checklist: Checklist, channel: Channel, case: dict[str, Any],
                 editions: Mapping[str, Edition], context: Context) -> None:
        self.checklist = checklist
        self.channel = channel
        self.case = case
        self.editions = editions
        self.context = context
        self.unplaced: list[str] = []  # files of the folder no item took: a missing document may be one of them
        # The slots where some file's machine-readable zone was read (evaluate() fills it in).
        self.slots_with_mrz: set[str | None] = set()
        # What the answers and the forms say of the applicant, that a file's zones are compared with.
        self.stated: list[Statement] = []

    def file_findings(self, examined: ExaminedFile, match: Match) -> list[Finding]:
        facts = examined.facts
        item_id, path = match.item, facts["path"]
        item = self.checklist.item(item_id) if item_id else None
        if facts.get("entry_problem"):
            return damage.entry_findings(facts, self.context)
        found = damage.damage_findings(facts, item_id, self.context)
        trouble = facts.get("problem")
        # A file that could not be read has no known kind for its slot to judge.
        slot = None if trouble and trouble["kind"] == "unreadable" else item
        found.extend(upload.kind_findings(facts, item_id, slot, self.channel, self.context))
        found.extend(upload.size(facts, item_id, self.channel, self.context))
        content_known = not trouble and facts["kind"] != "empty"
        if item is not None:
            facts = self._item_facts(examined, item)
            found.extend(_broken_rules(self.checklist.file_rules, facts, self.case, item_id, path,
                                       {"suggested_name": suggested_name(facts, item_id)}))
            # Item rules judge content; an empty or unopenable file already has the finding that matters.
            if content_known:
                if match.printed and ircc_form(facts) is None:
                    # A printed copy: its footer gives the edition.
                    facts = {**facts, "ircc_form": match.printed.to_facts()}
                found.extend(forms.form_findings(facts, item_id, self.editions, self.context))
                found.extend(passport.mrz_findings(facts, item.id, path, self.case, self.slots_with_mrz,
                                                   self.context, compared_zone(facts, self.stated)))
                found.extend(_broken_rules(item.rules, facts, self.case, item_id, path, _wording(facts, self.context)))
            return found
        found.extend(_broken_rules(self.checklist.file_rules, facts, self.case, None, path,
                                   {"suggested_name": suggested_name(facts, None)}))
        if match.how == "other-person" and match.refused:
            refused = self.checklist.item(match.refused)
            found.append(placement.other_person(path, refused.title, _example_name(refused), self.context))
        else:
            found.append(placement.unplaced(path, facts["kind"], (match.form or "?") if match.wrong_form else None,
                                            self.checklist, self.context))
        return found

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
            facts["text_facts"] = text_facts(text, self.context.as_of.year, facts.get("name", ""))
            if item.id == LANGUAGE_ITEM:
                # What the report leaves open, the applicant's answer settles; where they differ, both are kept.
                test = with_answer(facts["text_facts"].get("language_test"),
                                   (self.case.get("language") or {}).get("test"), text)
                if test is not None:
                    # A level neither the report nor the answers give leaves eligibility unknown.
                    unknown = levels_unknown(test, self.case.get("language") or {})
                    facts["text_facts"]["language_test"] = {**test, "levels_unknown": unknown} if unknown else test
        # The document's dates come last: what the file itself states (a report's test date) completes them.
        facts["document"] = item_document(self.case, item.id, facts, self.context.as_of)
        return facts

    def _missing_hint(self, item: Item) -> str:
        """The item's own hint and, when some files were not placed, that one of them may be the missing one
        under a name that says nothing (an IRCC form is placed by its number, never by its name)."""
        if not self.unplaced or item.forms:
            return item.missing_hint
        note = slots.unplaced_hint(self.unplaced, UNPLACED_SHOWN, item.title, _example_name(item), self.context)
        return f"{item.missing_hint} {note}".strip()

    def item_result(self, item: Item, files: list[FileResult]) -> ItemResult:
        requirement = item.requirement(self.case)
        required = requirement.value is True
        condition = item.condition_text if item.condition is not None else None
        findings: list[Finding] = []
        # Copies and older versions already say to keep one; the rest are parts of one document.
        parts = [file for file in files if file.kept is None]
        if len(parts) > 1 and not item.multiple and self.channel.one_file_per_slot:
            # A photo slot holds one picture: several are candidates to choose from, never pages to merge.
            photo = bool(item.kinds) and "pdf" not in item.kinds
            findings.extend(slots.one_file(item.id, [file.path for file in parts], self.context, photo=photo))
        if not files and required:
            findings.extend(slots.missing(item.id, item.title, condition, item.missing_severity,
                                          self._missing_hint(item), self.context))
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


def _wording(facts: dict[str, Any], context: Context) -> dict[str, Any]:
    """What an item rule's message names that is no fact of the file: the abilities whose level is unknown, in
    the run's language, and the permit-check.toml keys that give them."""
    unknown = ((facts.get("text_facts") or {}).get("language_test") or {}).get("levels_unknown")
    if not unknown:
        return {}
    return {"levels_unknown": {"abilities": ability_names(unknown, context),
                               "keys": ", ".join(f"{ability} = …" for ability in unknown)}}


def _example_name(item: Item) -> str:
    """A name this item takes: its first name pattern without wildcards, with its first kind's extension."""
    stem = next((name.replace("*", "") for name in item.names if not re.search(r"[?\[\]]", name)), "") or item.id
    extension = KIND_EXTENSIONS.get(item.kinds[0] if item.kinds else "pdf", "pdf")
    return f"{stem.strip('-_ .')}.{extension}"


def _set_aside(checklist: Checklist, files: Sequence[ExaminedFile], matches: Sequence[Match]) -> dict[str, Superseded]:
    """Per path, the copies, older versions and alternative forms of each slot: files that are not to be sent."""
    slot_files: dict[str, list[SlotFile]] = {}
    for examined, match in zip(files, matches, strict=True):
        facts = examined.facts
        # An empty or unreadable file has its own finding; two of them are not "copies" of each other.
        if match.item is not None and facts.get("kind") != "empty" and not facts.get("problem"):
            slot_files.setdefault(match.item, []).append(
                SlotFile(facts["path"], examined.digest, ircc_form(facts)))
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


def _general_findings(checklist: Checklist, case: dict[str, Any], answered: bool, context: Context,
                      subfolders: Mapping[str, int], items: Sequence[ItemResult]) -> list[Finding]:
    found = _broken_rules([rule for rule in checklist.application_rules if rule.item is None], case, case, None, None)
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
    skipped = [] if answered else [
        item.id for item in checklist.items if item.condition is not None
        and item.requirement(case).value is False and answered_by_silence(item.condition, case)]
    return [*folder.no_answers(skipped, context), *folder.unanswered_checks(list(waiting), context),
            *folder.subfolders_checked(subfolders, context), *found]


def evaluate(checklist: Checklist, channel: Channel, case: dict[str, Any], files: Sequence[ExaminedFile], *,
             answers: dict[str, Any], answered: bool, editions: Mapping[str, Edition], context: Context,
             subfolders: Mapping[str, int] | None = None) -> Verdict:
    """Every item's and every file's result, and the flat list of findings in report order.

    `case` is what conditions and rules see; `answers` is permit-check.toml as written (compared
    with the forms for identity). `answered` is False when there was no permit-check.toml:
    conditional items were then judged on defaults, and the report says so.
    """
    judge = _Judge(checklist, channel, case, editions, context)
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
    judge.stated = form_statements(answers, placed, checklist.application_forms())
    identity: dict[str | None, list[Finding]] = {}
    for finding in consistency_findings(statements(judge.stated, placed), context):
        identity.setdefault(finding.path, []).append(finding)
    results: list[FileResult] = []
    for examined, match in zip(files, matches, strict=True):
        facts = examined.facts
        form = ircc_form(facts) or match.printed
        entry = set_aside.get(facts["path"])
        if entry is not None and match.item is not None:
            item_title = checklist.item(match.item).title
            found: tuple[Finding, ...] = (slots.superseded(entry, match.item, item_title, match.form, context),)
        else:
            found = (*judge.file_findings(examined, match), *identity.get(facts["path"], ()))
        results.append(FileResult(
            path=facts["path"],
            mime=facts.get("mime"),
            kind=facts.get("kind", "other"),
            size=facts.get("size"),
            item=match.item,
            form=form.record() if form else None,
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
    findings = _general_findings(checklist, case, answered, context, subfolders or {}, items)
    for item_result in items:
        findings.extend(item_result.findings)
        for file in by_item[item_result.id]:
            findings.extend(file.findings)
    for file in results:
        if file.item is None:
            findings.extend(file.findings)
    return Verdict(items, tuple(results), tuple(findings))
