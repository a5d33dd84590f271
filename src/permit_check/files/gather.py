"""Gathers the facts (and, where needed, the text) of every file: from the cache, else from killable workers."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from permit_check.errors import EnvironmentProblem
from permit_check.files.cache import MAX_HASHED_BYTES, FactsCache, file_digest
from permit_check.files.facts import examine, for_another_name, name_facts, size_facts
from permit_check.files.inspectors import extract_text, preload
from permit_check.files.inspectors.pictured import (
    has_ocr,
    ocr_module,
    pictured_text,
    require_ocr,
    settle_loaded_engine,
)
from permit_check.files.inspectors.problems import ContentTooComplex, problem
from permit_check.files.ircc_forms import ircc_form
from permit_check.files.kind import IMAGE_KINDS, require_libmagic
from permit_check.files.opened import Swapped, opened_as_walked
from permit_check.files.pool import ERROR, MEMORY, TIMEOUT, Outcome, run_tasks
from permit_check.files.walk import Entry, is_excluded, walk
from permit_check.i18n import N_
from permit_check.limits import Limits

# Added to the page count under which the cache keeps text that OCR read.
OCR_CACHE_KEY = 1000
# The content hash (for the cache) is computed after the facts, in what is left of the file's time:
# it must be done with this share of the time limit gone, leaving the rest for sending the reply.
HASH_TIME_SHARE = 0.9

Progress = Callable[[int, int], None]
SWAPPED = N_("it was replaced (or made a link) while being checked: check the folder again")


@dataclass(frozen=True)
class GatherOptions:
    """How to gather: how many workers, their limits, and where the cache is (None: no cache)."""

    jobs: int = 1
    limits: Limits = field(default_factory=Limits)
    cache_dir: Path | None = None


@dataclass(frozen=True)
class EarlyMrz:
    """Which files' MRZ to read while the folder is still being examined (the rules decide): `first(name)` says
    a file's name may place it in the passport slot, so it is examined ahead of the others; `wanted(facts)`
    decides once its facts are known, and its MRZ is then read next, by the same workers."""

    first: Callable[[str], bool]
    wanted: Callable[[dict[str, Any]], bool]


def _examine_task(task: tuple[Entry, float]) -> tuple[str | None, dict[str, Any]]:
    """Runs in a worker: the file's facts, and their content hash within the file's `timeout`.

    The facts come first: a file whose hash cannot be finished in its time keeps its real facts and
    simply has no hash (it is not cached, and pack will not take it). A file too big for any upload is
    never hashed.
    """
    entry, timeout = task
    started = time.monotonic()
    if entry.problem:
        return None, examine(entry)
    try:
        with opened_as_walked(entry) as path:
            # Facts and hash come from one open file: they describe the same bytes, and the file the walk saw.
            facts = examine(replace(entry, absolute=path))
            digest = None
            # Any outcome of reading the content is worth keeping, except not being allowed to read it.
            if (entry.size is not None and entry.size <= MAX_HASHED_BYTES
                    and (facts.get("problem") or {}).get("kind") != "unreadable"):
                with contextlib.suppress(OSError):
                    digest = file_digest(path, deadline=started + timeout * HASH_TIME_SHARE)
            return digest, facts
    except Swapped:
        return None, _unopened(entry, SWAPPED)
    except OSError as error:
        return None, _unopened(entry, error.strerror or type(error).__name__)


def _unopened(entry: Entry, reason: str) -> dict[str, Any]:
    """Facts for a file that could not be opened as the walk saw it: its name and size, and why."""
    facts = name_facts(entry)
    if entry.size is not None:
        facts.update(size_facts(entry.size))
    facts.update(kind="other", mime=None, extension_matches=True)
    facts["problem"] = problem("unreadable", reason)
    return facts


def _text_task(task: tuple[Entry, str, int, bool]) -> str | dict[str, Any]:
    """Runs in a worker: the text of a file's first pages, or the problem that prevents reading it.

    With `ocr`, a picture (or a PDF without words) is read by the OCR engine, when there is one."""
    entry, kind, pages, ocr = task
    try:
        with opened_as_walked(entry) as path:
            try:
                text = extract_text(path, kind, pages)
            except ContentTooComplex as error:
                return problem("too-complex", str(error))
            if ocr and not text.strip():
                try:
                    return pictured_text(path, kind)
                except EnvironmentProblem as error:  # a scanned PDF found to need an engine that cannot run
                    return {"environment": str(error)}
            return text
    except Swapped:
        return problem("unreadable", SWAPPED)
    except OSError as error:
        return problem("unreadable", error.strerror or type(error).__name__)


def _mrz_task(task: tuple[Entry, str]) -> dict[str, Any]:
    """Runs in a worker: the machine-readable zone found on the file's page images (`mrz` None when none; `mrzs`
    every different one when there are several), how many pictures were looked at (`mrz_pictures`) and the pages
    the limits left unread (`mrz_unchecked`: [why, page, limit] each), or the problem that prevents reading."""
    entry, kind = task
    from permit_check.files.inspectors.page_images import Skipped, page_images

    engine = ocr_module()
    if engine is None:
        return {}
    # Loaded here, in the worker, on its first read (later reads find it loaded): the parent never loads the
    # engine, and a worker that reads no passport never pays for it.
    load = getattr(engine, "preload_ocr", None)
    if load is not None:
        load("eng")
    try:
        with opened_as_walked(entry) as path:
            if kind in IMAGE_KINDS:  # HEIC included: the image inspector opens every picture format
                from permit_check.files.inspectors.image import open_image

                return _zones(engine.read_mrzs([open_image(path, kind)]), 1, [])
            skipped: list[Skipped] = []
            pictures = _Counted(page_images(path, kind, mode="L", skipped=skipped))  # the reader works in grey
            found = engine.read_mrzs(pictures)
            # Pages left out by the limits were not checked: without a zone, the finding must not call them missing.
            return _zones(found, pictures.count, [[page.why, page.page, page.limit] for page in skipped])
    except Swapped:
        return {"problem": problem("unreadable", SWAPPED)}
    except OSError as error:
        return {"problem": problem("unreadable", error.strerror or type(error).__name__)}


class _Counted:
    """The pictures handed to the MRZ reader, counted as it takes them."""

    def __init__(self, pictures: Iterator[Any]) -> None:
        self._pictures = pictures
        self.count = 0

    def __iter__(self) -> Iterator[Any]:
        for picture in self._pictures:
            self.count += 1
            yield picture


def _zones(found: list[dict[str, Any]], pictures: int, unchecked: list[list[Any]]) -> dict[str, Any]:
    """The MRZ stage's facts: the zone that stands for the file, every zone when there are several, the pictures
    and pages read. A visa's zone never stands for the passport it is stuck in: a passport's or card's comes
    first (in the reader's order otherwise)."""
    found = sorted(found, key=lambda zone: str(zone.get("type") or "").startswith("V"))
    facts: dict[str, Any] = {"mrz": found[0] if found else None, "mrz_pictures": pictures}
    if len(found) > 1:
        facts["mrzs"] = found
    if unchecked:
        facts["mrz_unchecked"] = unchecked
    return facts


def _examine_or_mrz_task(task: tuple[str, Any]) -> Any:
    """Runs in a worker: a file's facts ("examine"), or its MRZ ("mrz") once its facts called for it."""
    what, payload = task
    return _mrz_task(payload) if what == "mrz" else _examine_task(payload)


# The reason a file gets when examining it outlives --timeout: the scan and `read` say the same.
NOT_CHECKED_IN_TIME = N_("it could not be checked within {seconds} s")


def _failed(entry: Entry, outcome: Outcome, limits: Limits) -> dict[str, Any]:
    """Facts for a file whose examination ran out of time or killed its worker."""
    facts = name_facts(entry)
    if entry.size is not None:
        facts.update(size_facts(entry.size))
    facts.update(kind="other", mime=None, extension_matches=True)
    facts["problem"] = outcome_problem(outcome, NOT_CHECKED_IN_TIME, limits)
    return facts


def outcome_problem(outcome: Outcome, timed_out: str, limits: Limits) -> dict[str, Any]:
    """The problem a worker's failure (time out, memory cap, crash) leaves on its file; `timed_out` says what
    could not be done within {seconds}."""
    if outcome.failure == TIMEOUT:
        return problem("timeout", timed_out, seconds=f"{limits.timeout:g}")
    if outcome.failure == MEMORY:
        return problem("too-complex", N_("checking it needed more memory than allowed"))
    if outcome.failure == ERROR:
        # An exception in the worker: its message may quote the file, so it is only the detail.
        return problem("crashed", N_("the checker stopped unexpectedly"), outcome.detail or None)
    if outcome.detail:  # the signal that stopped the worker
        return problem("crashed", N_("the checker was stopped by signal {signal}"), signal=outcome.detail)
    return problem("crashed", N_("the checker stopped unexpectedly"))


def _examine_all(entries: list[Entry], options: GatherOptions, cache: FactsCache | None,
                 progress: Progress | None, early_mrz: EarlyMrz | None = None,
                 ) -> tuple[list[dict[str, Any]], list[str | None]]:
    """Facts for every entry (from the cache where the file has not changed) and their content hashes; with
    `early_mrz`, the MRZ of the files it wants, read as soon as their facts are known."""
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
        if early_mrz:
            settle_loaded_engine()
    mrz_reads = _EarlyReads(entries, to_do, early_mrz, cache)
    # Every file is hashed, cache or not: the hash tells an exact copy in the same slot, and lets pack
    # prove it reads the file that was checked.
    outcomes = run_tasks(_examine_or_mrz_task, [("examine", (entries[index], options.limits.timeout))
                                                for index in mrz_reads.order],
                         jobs=options.jobs, limits=options.limits, progress=progress, follow_up=mrz_reads.follow_up)
    for index, outcome in zip(mrz_reads.order, outcomes[:len(mrz_reads.order)], strict=True):
        if outcome.failure:
            facts[index] = _failed(entries[index], outcome, options.limits)
            continue
        digest, fresh = outcome.value
        facts[index], digests[index] = fresh, digest
        if cache and digest:
            cache.store(entries[index], digest, fresh)
    gathered = [entry_facts if entry_facts is not None else {} for entry_facts in facts]
    for index, found in mrz_reads.cached.items():
        gathered[index].update(found)
    for position, index in mrz_reads.tasks.items():
        _take_mrz(index, outcomes[position], gathered, digests, cache, options.limits)
    return gathered, digests


class _EarlyReads:
    """The MRZ reads that examining calls for: the files `early_mrz` may want go first, and each one it wants
    is read next, in the same workers, unless the cache has its reading. Without a usable OCR engine none
    is read here: the later MRZ stage then says what to install, or reads nothing, as it always has."""

    def __init__(self, entries: list[Entry], to_do: list[int], early_mrz: EarlyMrz | None,
                 cache: FactsCache | None) -> None:
        self.entries = entries
        self.early_mrz = early_mrz
        self.cache = cache
        self.order = sorted(to_do, key=lambda index: not early_mrz.first(entries[index].name)) if early_mrz else to_do
        self.tasks: dict[int, int] = {}  # position of an MRZ task among the outcomes -> the file's index
        self.cached: dict[int, dict[str, Any]] = {}
        self._engine: bool | None = None

    def follow_up(self, position: int, outcome: Outcome) -> list[tuple[str, Any]]:
        if self.early_mrz is None or position >= len(self.order) or outcome.failure:
            return []
        index = self.order[position]
        digest, fresh = outcome.value
        if not self.early_mrz.wanted(fresh) or not self._engine_ready():
            return []
        found = self.cache.mrz(digest) if self.cache and digest else None
        if found is not None:
            self.cached[index] = found
            return []
        self.tasks[len(self.order) + len(self.tasks)] = index
        return [("mrz", (self.entries[index], fresh["kind"]))]

    def _engine_ready(self) -> bool:
        if self._engine is None:
            try:
                require_ocr()
                self._engine = has_ocr()
            except EnvironmentProblem:
                self._engine = False
        return self._engine


def _take_mrz(index: int, outcome: Outcome, facts: list[dict[str, Any]], digests: list[str | None],
              cache: FactsCache | None, limits: Limits) -> None:
    """Puts an MRZ task's outcome into the file's facts, and its reading into the cache."""
    if outcome.failure:
        facts[index]["problem"] = outcome_problem(
            outcome, N_("its pages could not be read within {seconds} s"), limits)
        return
    facts[index].update(outcome.value)
    digest = digests[index]
    if cache and digest and "problem" not in outcome.value:
        cache.store_mrz(digest, outcome.value)


def examine_folder(folder: Path, options: GatherOptions, progress: Progress | None = None,
                   skip: frozenset[Path] = frozenset(), exclude: tuple[str, ...] = (),
                   early_mrz: EarlyMrz | None = None,
                   ) -> tuple[list[Entry], list[dict[str, Any]], list[str | None]]:
    """Every entry of the folder with its facts (no checklist needed yet), less what `exclude` leaves out; with
    `early_mrz`, the MRZ of the files it wants is read as they are examined (see read_mrzs for the others)."""
    require_libmagic()
    entries = [entry for entry in walk(folder, skip=skip) if not is_excluded(entry.path, exclude)]
    cache = FactsCache(options.cache_dir) if options.cache_dir else None
    try:
        facts, digests = _examine_all(entries, options, cache if cache and cache.enabled else None, progress,
                                      early_mrz)
    finally:
        if cache:
            cache.close()
    return entries, facts, digests


def read_texts(wanted: Mapping[int, bool], pages: int, entries: list[Entry], facts: list[dict[str, Any]],
               digests: list[str | None], options: GatherOptions) -> dict[int, str]:
    """The text of the first `pages` pages of the files at the `wanted` indexes (the rules say which, and
    whether a picture's words are to be read by OCR), read in the workers; a file whose text cannot be read
    gets the problem in its facts."""
    cache = FactsCache(options.cache_dir) if options.cache_dir and wanted else None
    texts: dict[int, str] = {}
    ocr = has_ocr()
    # Text read by OCR is kept apart from a text layer's (an installation without OCR cached none).
    keys = {index: pages + OCR_CACHE_KEY if ocr and ocr_wanted else pages for index, ocr_wanted in wanted.items()}
    try:
        to_do = []
        for index in wanted:
            digest = digests[index]
            cached = cache.text(digest, keys[index]) if cache and digest else None
            if cached is not None:
                texts[index] = cached
            else:
                to_do.append(index)
        tasks = [(entries[index], facts[index]["kind"], pages, keys[index] != pages) for index in to_do]
        # A photo surely needs the engine: one that cannot run is said before any worker starts.
        if any(ocr_wanted and kind in IMAGE_KINDS for _, kind, _, ocr_wanted in tasks):
            require_ocr()
        if any(ocr_wanted for _, _, _, ocr_wanted in tasks):
            settle_loaded_engine()
        for index, outcome in zip(to_do, run_tasks(_text_task, tasks, jobs=options.jobs, limits=options.limits),
                                  strict=True):
            if outcome.failure:
                facts[index]["problem"] = outcome_problem(
                    outcome, N_("its text could not be read within {seconds} s"), options.limits)
                continue
            if isinstance(outcome.value, dict) and "environment" in outcome.value:
                raise EnvironmentProblem(outcome.value["environment"])
            if isinstance(outcome.value, dict):
                facts[index]["problem"] = outcome.value
                continue
            texts[index] = outcome.value
            digest = digests[index]
            if cache and digest:
                cache.store_text(digest, keys[index], outcome.value)
    finally:
        if cache:
            cache.close()
    return texts


def read_mrzs(wanted: Sequence[int], entries: list[Entry], facts: list[dict[str, Any]],
              digests: list[str | None], options: GatherOptions) -> None:
    """Reads the MRZ of the files at the `wanted` indexes (the passport slot's scans) into their facts
    (`mrz`), in the workers; a file whose MRZ was already read (while examining) is not read again.

    OCR is slow, so it runs only for the files placed in the passport slot, and each result is cached
    by content hash: a re-scan of an unchanged file never runs OCR again.
    """
    wanted = [index for index in wanted if "mrz" not in facts[index]]
    if not wanted or not has_ocr():  # an installation without the OCR engine reads no MRZ
        return
    cache = FactsCache(options.cache_dir) if options.cache_dir else None
    try:
        to_do = []
        for index in wanted:
            digest = digests[index]
            cached = cache.mrz(digest) if cache and digest else None
            if cached is not None:
                facts[index].update(cached)
            else:
                to_do.append(index)
        if to_do:
            require_ocr()  # a missing engine stops the scan with what to install, never a silent skip
            settle_loaded_engine()
        tasks = [(entries[index], facts[index]["kind"]) for index in to_do]
        for index, outcome in zip(to_do, run_tasks(_mrz_task, tasks, jobs=options.jobs, limits=options.limits),
                                  strict=True):
            _take_mrz(index, outcome, facts, digests, cache, options.limits)
    finally:
        if cache:
            cache.close()


# The kinds whose words are read from a text layer; a picture's (and a PDF's without one) are read by OCR.
TEXT_LAYER_KINDS = frozenset({"pdf", "docx", "text"})


@dataclass(frozen=True)
class FileReading:
    """Everything read from one file: its facts (with the MRZ stage's `mrz`, `mrzs`, `mrz_pictures` and
    `mrz_unchecked` when its pictures were looked at), the text of its first pages, and how that text was had."""

    facts: dict[str, Any]
    text: str
    pictured: bool  # its words are only in pictures (a photo, a PDF without a text layer)
    ocr_read: bool  # those pictures' words were read by OCR
    # Why a PDF's pictures could not be searched for a machine-readable zone: the OCR engine this installation
    # has cannot run. None when they were searched, or when the PDF has none.
    pictures_unread: EnvironmentProblem | None = None


def read_one_file(entry: Entry, options: GatherOptions, pages: int) -> FileReading:
    """Everything permit-check can read from this one entry, by the scan's own stages (the same workers, limits,
    opened-file checks and failure words), never from the cache: its facts; the text of its first `pages` pages,
    a picture's words read by OCR when this installation has an engine; and, for a picture or a PDF that is no
    IRCC form, the machine-readable zones on its pages, read as for the passport in a scan."""
    entries = [entry]
    require_libmagic()
    facts, digests = _examine_all(entries, options, None, None)
    found = facts[0]

    def readable() -> bool:
        return not (found.get("entry_problem") or found.get("problem")) and found.get("kind") != "empty"

    wanted = {0: False} if readable() and found.get("kind") in TEXT_LAYER_KINDS else {}
    text = read_texts(wanted, pages, entries, facts, digests, options).get(0, "")
    # A photo or a scan may be a passport page: its pictures are where the MRZ is, as the scan reads it. That
    # includes a "searchable" scan, whose words are a scanner app's invisible OCR laid over the page's picture.
    may_hold_mrz = readable() and ircc_form(found) is None and found.get("kind") in (*IMAGE_KINDS, "pdf")
    pictured = may_hold_mrz and (found["kind"] in IMAGE_KINDS or not text.strip())
    ocr_read = pictured and has_ocr()
    if ocr_read:
        text = read_texts({0: True}, pages, entries, facts, digests, options).get(0, "")
    unread = None
    if may_hold_mrz and readable():  # (the OCR stage may have found the file too complex)
        # A photo or a scan needs the engine for its words (said above, exit 3); a PDF with a text layer is read
        # without it, and only the pictures in it, if it has any, are left unsearched, saying why.
        missing = None if pictured else _engine_problem()
        if missing is None:
            read_mrzs([0], entries, facts, digests, options)
        elif _picture_count(entry, found["kind"], options):
            unread = missing
    return FileReading(found, text, pictured, ocr_read, unread)


def _engine_problem() -> EnvironmentProblem | None:
    """Why the OCR engine of this installation cannot run (its one line naming what to install), or None."""
    try:
        require_ocr()
    except EnvironmentProblem as error:
        return error
    return None


def _pictures_task(task: tuple[Entry, str]) -> int:
    """Runs in a worker: how many pictures the file's pages hold (none decoded beyond the limits)."""
    entry, kind = task
    from permit_check.files.inspectors.page_images import page_images

    try:
        with opened_as_walked(entry) as path:
            return sum(1 for _ in page_images(path, kind, mode="L"))
    except (Swapped, OSError):
        return 0


def _picture_count(entry: Entry, kind: str, options: GatherOptions) -> int:
    outcome = run_tasks(_pictures_task, [(entry, kind)], jobs=1, limits=options.limits)[0]
    return 0 if outcome.failure else int(outcome.value)
