"""Runs one scan: gather facts -> choose checklist -> build the case -> read needed text -> evaluate -> Report."""

from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from permit_check import __version__, checks
from permit_check.application import DEFAULT_CHANNEL, Application, load_application
from permit_check.case import build_case
from permit_check.checklist import Channel, Checklist, available_types, load_checklist
from permit_check.errors import ConfigProblem, UsageProblem
from permit_check.evaluate import ExaminedFile, evaluate
from permit_check.forms import load_editions
from permit_check.gather import GatherOptions, Progress, examine_folder, read_mrzs, read_texts
from permit_check.inventory import APPLICATION_FILE, Entry, check_folder, subfolders
from permit_check.model import ChecklistRef, Finding, Report
from permit_check.pool import Limits


@dataclass(frozen=True)
class ScanOptions:
    """Everything a scan needs to know, gathered by the CLI (or a test) into one frozen object."""

    folder: Path
    type: str | None = None
    checklist: Path | None = None
    application: Path | None = None
    channel: str | None = None
    as_of: dt.date | None = None
    editions: Path | None = None
    jobs: int = 1
    limits: Limits = field(default_factory=Limits)
    cache_dir: Path | None = None  # None: no cache
    lang: str | None = None  # None: 'lang' in permit-check.toml, else English
    exclude: tuple[str, ...] = ()  # globs of paths to leave out, added to permit-check.toml's `exclude`

    @property
    def gathering(self) -> GatherOptions:
        return GatherOptions(self.jobs, self.limits, self.cache_dir)


@dataclass(frozen=True)
class Scanned:
    """A scan's report with what it was made from: `entries[i]` and `digests[i]` belong to `report.files[i]`."""

    report: Report
    entries: list[Entry]
    digests: list[str | None]


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


# The IMM 1295's "type of work permit" code, where it names one permit type only.
PERMIT_TYPE_CODES = {"LMOS": "work-permit-outside-canada", "SAWP": "work-permit-outside-canada",
                     "ELMO": "work-permit-outside-canada", "PGWP": "pgwp"}


@dataclass(frozen=True)
class TypeChoice:
    """The checklist a scan uses, what chose it, and -- when it was guessed from a form that several
    permit types share -- the other types it could be."""

    checklist: Checklist
    source: str
    alternatives: tuple[str, ...] = ()


def _guess_from_forms(facts: list[dict[str, Any]], lang: str) -> TypeChoice | None:
    """The permit type an application form in the folder points at. IMM 5710 serves an extension, a
    PGWP and a spousal permit alike: unless the form's own permit-type code settles it, the other
    candidates are kept, so the report can say the type is a guess."""
    forms = [entry["ircc_form"] for entry in facts if entry.get("ircc_form")]
    numbers = {form["number"] for form in forms}
    codes = {str((form.get("data") or {}).get("work_permit_type") or "").strip().upper() for form in forms}
    named = {PERMIT_TYPE_CODES[code] for code in codes if code in PERMIT_TYPE_CODES}
    if len(named) == 1:
        type_id = named.pop()
        return TypeChoice(load_checklist(type_id, lang), "the permit type named in the application form")
    for type_id in available_types():
        checklist = load_checklist(type_id, lang)
        found = sorted(numbers & set(checklist.main_forms))
        if not found:
            continue
        others = tuple(other for other in available_types() if other != type_id
                       and numbers & set(load_checklist(other, lang).application_forms()))
        return TypeChoice(checklist, f"form IMM {found[0]} in the folder", others)
    return None


def _type_findings(choice: TypeChoice, lang: str) -> tuple[Finding, ...]:
    """A permit type guessed from a form that several types share is a deciding fact not known."""
    if not choice.alternatives:
        return ()
    others = [load_checklist(other, lang).title for other in choice.alternatives]
    return (checks.TYPE_GUESSED.finding(
        lang=lang, item=None, path=None, form=choice.source.removesuffix(" in the folder").removeprefix("form "),
        others="; ".join(others), type=choice.checklist.id, choices=" | ".join(choice.alternatives)),)


def choose_checklist(options: ScanOptions, application: Application, facts: list[dict[str, Any]],
                     lang: str) -> TypeChoice:
    if options.checklist is not None:
        return TypeChoice(load_checklist(str(options.checklist), lang), f"--checklist {options.checklist}")
    if options.type:
        return TypeChoice(load_checklist(options.type, lang), "--type")
    if application.type:
        try:
            return TypeChoice(load_checklist(application.type, lang), APPLICATION_FILE)
        except UsageProblem:
            # The value is not repeated: permit-check.toml may come with a hostile folder.
            raise ConfigProblem(f"{application.source}: type: unknown checklist; "
                                f"available: {', '.join(available_types())}") from None
    guessed = _guess_from_forms(facts, lang)
    if guessed is not None:
        return guessed
    raise UsageProblem(
        "cannot tell which permit type this is: no IMM 1295 or IMM 5710 was found.\n"
        f"Give --type, or set type in {APPLICATION_FILE}. Types: {', '.join(available_types())}"
    )


def _choose_channel(checklist: Checklist, options: ScanOptions, application: Application) -> Channel:
    channel_id = options.channel or application.channel or DEFAULT_CHANNEL
    if channel_id not in checklist.channels:
        raise ConfigProblem(f"checklist {checklist.id} has no upload rules for channel {channel_id!r}")
    return checklist.channels[channel_id]


def run(options: ScanOptions, progress: Progress | None = None) -> Report:
    """Scans one folder. Bad documents become findings; only unusable options or files raise."""
    return scan_folder(options, progress).report


def scan_folder(options: ScanOptions, progress: Progress | None = None) -> Scanned:
    """Scans one folder, keeping the walk's entries and the content hashes beside the report."""
    started = time.monotonic()
    folder = check_folder(options.folder)
    editions = load_editions(options.editions)  # a broken table fails before the slow part
    application_path = options.application or folder / APPLICATION_FILE
    application = load_application(application_path, required=options.application is not None,
                                   in_folder=options.application is None)
    as_of = options.as_of or dt.date.today()
    exclude = (*application.answers.get("exclude", ()), *options.exclude)
    entries, facts, digests = examine_folder(folder, options.gathering, progress, skip=frozenset({application_path}),
                                             exclude=exclude)
    lang = options.lang or str(application.answers.get("lang") or "en")
    choice = choose_checklist(options, application, facts, lang)
    checklist, type_source = choice.checklist, choice.source
    channel = _choose_channel(checklist, options, application)
    forms = [entry_facts["ircc_form"] for entry_facts in facts if entry_facts.get("ircc_form")]
    read_mrzs(checklist, entries, facts, digests, options.gathering)
    passport_mrz = next((entry_facts["mrz"] for entry_facts in facts
                         if (entry_facts.get("mrz") or {}).get("check_digits_valid")), None)
    case = build_case(application, as_of=as_of, channel=channel.id, forms=forms,
                      main_forms=checklist.application_forms(), applying_from=checklist.applying_from,
                      passport_mrz=passport_mrz)
    texts = read_texts(checklist, entries, facts, digests, options.gathering)
    examined = [ExaminedFile(entry_facts, lambda index=index: texts.get(index, ""),  # type: ignore[misc]
                             digests[index])
                for index, entry_facts in enumerate(facts)]
    verdict = evaluate(checklist, channel, case, examined, answers=application.answers,
                       answered=application.source is not None, editions=editions, lang=lang,
                       subfolders=subfolders(entries))
    report = Report(
        tool_version=__version__,
        checklist=ChecklistRef(checklist.id, checklist.version, checklist.title),
        folder=options.folder.as_posix(),
        as_of=as_of.isoformat(),
        channel=channel.id,
        channel_title=channel.title,
        type_source=type_source,
        items=verdict.items,
        files=verdict.files,
        findings=(*_type_findings(choice, lang), *verdict.findings),
        lang=lang,
        folder_uri=folder.as_uri().rstrip("/") + "/",
        seconds=time.monotonic() - started,
        answers=APPLICATION_FILE if options.application is None and application.source is not None else None,
        details=tuple((entry_facts["path"], entry_facts["problem"]["detail"]) for entry_facts in facts
                      if "detail" in (entry_facts.get("problem") or {})),
    )
    return Scanned(report, entries, digests)
