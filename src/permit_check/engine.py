"""Runs one scan: inventory -> examine (identify + inspect) -> choose checklist -> evaluate -> Report."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from permit_check import __version__
from permit_check.application import DEFAULT_CHANNEL, Application, load_application
from permit_check.cache import FactsCache, file_digest
from permit_check.case import build_case
from permit_check.checklist import Channel, Checklist, available_types, load_checklist
from permit_check.errors import ConfigProblem, UsageProblem
from permit_check.evaluate import ExaminedFile, evaluate
from permit_check.examine import examine, for_another_name, name_facts, size_facts
from permit_check.forms import load_editions
from permit_check.identify import require_libmagic
from permit_check.inspectors import extract_text, preload
from permit_check.inspectors.problems import ContentTooComplex, problem
from permit_check.inventory import APPLICATION_FILE, Entry, check_folder, walk
from permit_check.matching import needs_text
from permit_check.model import ChecklistRef, Report
from permit_check.pool import Limits, Outcome, run_tasks

# Text is read from this many first pages: one is enough to place a file, two for rules that read
# a letter's wording (a PGWP completion letter).
MATCH_TEXT_PAGES = 1
RULE_TEXT_PAGES = 2

Progress = Callable[[int, int], None]


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


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def _examine_task(task: tuple[Entry, bool]) -> tuple[str | None, dict[str, Any]]:
    """Runs in a worker: the file's facts, and its content hash when the cache wants it."""
    entry, want_digest = task
    facts = examine(entry)
    digest = None
    # Any outcome of reading the content is worth keeping, except not being allowed to read it.
    if want_digest and (facts.get("problem") or {}).get("kind") != "unreadable":
        with contextlib.suppress(OSError):
            digest = file_digest(entry.absolute)
    return digest, facts


def _text_task(task: tuple[Path, str, int]) -> str | dict[str, Any]:
    """Runs in a worker: the text of a file's first pages, or the problem that prevents reading it."""
    path, kind, pages = task
    try:
        return extract_text(path, kind, pages)
    except ContentTooComplex as error:
        return problem("too-complex", str(error))


def _failed(entry: Entry, outcome: Outcome, limits: Limits) -> dict[str, Any]:
    """Facts for a file whose examination ran out of time or killed its worker."""
    facts = name_facts(entry)
    if entry.size is not None:
        facts.update(size_facts(entry.size))
    facts.update(kind="other", mime=None, extension_matches=True)
    if outcome.failure == "timeout":
        facts["problem"] = problem("timeout", f"it could not be checked within {limits.timeout:g} s")
    elif outcome.detail == "memory":
        facts["problem"] = problem("too-complex", "checking it needed more memory than allowed")
    else:
        facts["problem"] = problem("crashed", outcome.detail or "the checker stopped unexpectedly")
    return facts


def _examine_all(entries: list[Entry], options: ScanOptions, cache: FactsCache | None,
                 progress: Progress | None) -> tuple[list[dict[str, Any]], list[str | None]]:
    """Facts for every entry (from the cache where the file has not changed) and their content hashes."""
    facts: list[dict[str, Any] | None] = [None] * len(entries)
    digests: list[str | None] = [None] * len(entries)
    to_do: list[int] = []
    known = cache.lookup(entries) if cache else {}
    for index, entry in enumerate(entries):
        if entry.problem:
            facts[index] = examine(entry)  # links and unreadable folders are never opened: no worker needed
        elif index in known:
            digests[index], cached = known[index]
            facts[index] = for_another_name(cached, entry)
        else:
            to_do.append(index)
    if to_do:
        preload()  # the parsers load once, before the workers are forked
    outcomes = run_tasks(_examine_task, [(entries[index], cache is not None) for index in to_do],
                         jobs=options.jobs, limits=options.limits, progress=progress)
    for index, outcome in zip(to_do, outcomes, strict=True):
        if outcome.failure:
            facts[index] = _failed(entries[index], outcome, options.limits)
            continue
        digest, fresh = outcome.value
        facts[index], digests[index] = fresh, digest
        if cache and digest:
            cache.store(entries[index], digest, fresh)
    return [entry_facts if entry_facts is not None else {} for entry_facts in facts], digests


def examine_folder(folder: Path, options: ScanOptions, progress: Progress | None = None,
                   skip: frozenset[Path] = frozenset()) -> tuple[list[Entry], list[dict[str, Any]], list[str | None]]:
    """Every entry of the folder with its facts (no checklist needed yet)."""
    require_libmagic()
    entries = walk(check_folder(folder), skip=skip)
    cache = FactsCache(options.cache_dir) if options.cache_dir else None
    try:
        facts, digests = _examine_all(entries, options, cache if cache and cache.enabled else None, progress)
    finally:
        if cache:
            cache.close()
    return entries, facts, digests


def _read_texts(checklist: Checklist, entries: list[Entry], facts: list[dict[str, Any]],
                digests: list[str | None], options: ScanOptions) -> dict[int, str]:
    """Text of exactly the files that placement or a rule needs it from, read in the workers."""
    pages = RULE_TEXT_PAGES if any(item.read_text for item in checklist.items) else MATCH_TEXT_PAGES
    wanted = [index for index, entry_facts in enumerate(facts) if needs_text(checklist, entry_facts)]
    cache = FactsCache(options.cache_dir) if options.cache_dir and wanted else None
    texts: dict[int, str] = {}
    try:
        to_do = []
        for index in wanted:
            digest = digests[index]
            cached = cache.text(digest, pages) if cache and digest else None
            if cached is not None:
                texts[index] = cached
            else:
                to_do.append(index)
        tasks = [(entries[index].absolute, facts[index]["kind"], pages) for index in to_do]
        for index, outcome in zip(to_do, run_tasks(_text_task, tasks, jobs=options.jobs, limits=options.limits),
                                  strict=True):
            if outcome.failure:
                facts[index]["problem"] = problem(
                    "timeout" if outcome.failure == "timeout" else "crashed",
                    f"its text could not be read within {options.limits.timeout:g} s" if outcome.failure == "timeout"
                    else outcome.detail or "reading its text stopped the checker")
                continue
            if isinstance(outcome.value, dict):
                facts[index]["problem"] = outcome.value
                continue
            texts[index] = outcome.value
            digest = digests[index]
            if cache and digest:
                cache.store_text(digest, pages, outcome.value)
    finally:
        if cache:
            cache.close()
    return texts


def _choose_checklist(options: ScanOptions, application: Application,
                      facts: list[dict[str, Any]]) -> tuple[Checklist, str]:
    if options.checklist is not None:
        return load_checklist(str(options.checklist)), f"--checklist {options.checklist}"
    if options.type:
        return load_checklist(options.type), "--type"
    if application.type:
        try:
            return load_checklist(application.type), APPLICATION_FILE
        except UsageProblem as error:
            raise ConfigProblem(f"{application.source}: type: {error}") from error
    forms = {entry["ircc_form"]["number"] for entry in facts if entry.get("ircc_form")}
    for type_id in available_types():
        checklist = load_checklist(type_id)
        found = sorted(forms & set(checklist.main_forms))
        if found:
            return checklist, f"form IMM {found[0]} in the folder"
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
    folder = check_folder(options.folder)
    require_libmagic()
    editions = load_editions(options.editions)  # a broken table fails before the slow part
    application_path = options.application or folder / APPLICATION_FILE
    application = load_application(application_path, required=options.application is not None)
    as_of = options.as_of or dt.date.today()
    entries, facts, digests = examine_folder(folder, options, progress, skip=frozenset({application_path}))
    checklist, type_source = _choose_checklist(options, application, facts)
    channel = _choose_channel(checklist, options, application)
    forms = [entry_facts["ircc_form"] for entry_facts in facts if entry_facts.get("ircc_form")]
    case = build_case(application, as_of=as_of, channel=channel.id, forms=forms,
                      main_forms=checklist.application_forms())
    texts = _read_texts(checklist, entries, facts, digests, options)
    examined = [ExaminedFile(entry_facts, lambda index=index: texts.get(index, ""))  # type: ignore[misc]
                for index, entry_facts in enumerate(facts)]
    verdict = evaluate(checklist, channel, case, examined, answers=application.answers,
                       answered=application.source is not None, editions=editions)
    return Report(
        tool_version=__version__,
        checklist=ChecklistRef(checklist.id, checklist.version, checklist.title),
        folder=options.folder.as_posix(),
        as_of=as_of.isoformat(),
        channel=channel.id,
        channel_title=channel.title,
        type_source=type_source,
        items=verdict.items,
        files=verdict.files,
        findings=verdict.findings,
    )
