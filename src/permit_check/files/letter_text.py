"""Reads the words of an IRCC letter from a file or stdin: a PDF's text layer or a plain text, or OCR of a
scanned PDF or a photo of the letter, parsed in a killable worker like every untrusted file."""

from __future__ import annotations

import io
import math
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from permit_check.errors import EnvironmentProblem, UsageProblem
from permit_check.files.inspectors import TEXT_KIND_LIMIT, preload
from permit_check.files.inspectors.problems import UNCHECKED_PAGES, ContentTooComplex, ContentUnreadable, problem
from permit_check.files.inspectors.repair import REPAIR_ADVICE
from permit_check.files.kind import HEAD_BYTES, IMAGE_KINDS, identify_bytes, require_libmagic
from permit_check.files.os_words import os_reason
from permit_check.files.pool import MEMORY, TIMEOUT, run_tasks
from permit_check.i18n import N_, Phrase
from permit_check.limits import Limits

if TYPE_CHECKING:  # Pillow loads in the worker that reads the pictures, never here
    from permit_check.files.inspectors.page_images import Skipped

LETTER_PAGES = 6
# OCR reads a page of a poor scan in 1-2 s of CPU (more on a busy machine): a scanned letter's later pages are
# read only while the next one, at the pace of those read so far (and half again), would end within this share
# of the worker's time limit. The decision is on the first pages; the rest are said to be unread, not lost.
OCR_SHARE = 0.85
NEXT_PAGE_MARGIN = 1.5
# A decision letter is a few pages; anything bigger is not read at all.
MAX_LETTER_BYTES = 20 * 1024 * 1024
# The pictures a letter may be given as (a photo or scan of it, read by OCR): every picture kind, HEIC too (how an
# iPhone saves a photo: the likeliest form of a photographed letter).
LETTER_IMAGE_KINDS = IMAGE_KINDS
# Why a letter cannot be read, by the kind of trouble only (never the parser's words about the file).
LETTER_PROBLEMS = {
    "not-letter": N_("{name}: a letter must be a PDF, a photo or scan of it (JPEG, PNG, TIFF, HEIC) or a .txt file"),
    "too-complex": N_("{name}: the letter is too complex to read (it goes past the PDF reader's safety limits)"),
    "password": N_("{name}: the letter asks for a password to open"),
    "unsupported": N_("{name}: the letter cannot be read: it uses {reason}"),
    "repairable": N_("{name}: the letter cannot be read: {reason}, though a repairing reader can still open it. "
                     "{advice}"),
}
# The advice the scan's finding gives for a kind of trouble, given with the letter too (the same sentence).
LETTER_ADVICE = {"repairable": REPAIR_ADVICE}
# Any other trouble the inspector finds (damaged, cut off, too large): its reason, as `read` says it.
LETTER_PROBLEM = N_("{name}: the letter cannot be read: {reason}")
# A text "letter" with no word in it (a 3-byte picture libmagic calls text, binary junk) is no letter.
A_WORD = re.compile(r"[^\W\d_]{2,}")
# A pasted letter, or the officer's notes of a long file; more is not a letter.
STDIN_LIMIT = 200_000


def read_letter_text(path: Path, limits: Limits | None = None) -> str:
    """The words of the letter in the file at `path` (read here, parsed by read_letter)."""
    return read_letter_file(path, limits)[0]


def read_letter_file(path: Path, limits: Limits | None = None) -> tuple[str, str, int | None]:
    """The words of the letter in the file at `path`, where they came from ("text" or "ocr"), and how many pages
    OCR read when it had to leave the later ones unread (see read_letter_source)."""
    if not path.exists():
        raise UsageProblem(N_("letter not found: {path}"), path=path)
    if not path.is_file():
        # A FIFO or a device would block or never end; a folder is not a letter.
        raise UsageProblem(N_("{path}: not a regular file (give the letter's PDF or .txt file)"), path=path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_LETTER_BYTES + 1)
    except OSError as error:
        raise UsageProblem(N_("{path}: cannot be read: {reason}"), path=path, reason=os_reason(error)) from error
    return read_letter_source(data, str(path), limits)


def read_letter(data: bytes, name: str, limits: Limits | None = None) -> str:
    """The letter's words (see read_letter_source)."""
    return read_letter_source(data, name, limits)[0]


def read_letter_source(data: bytes, name: str, limits: Limits | None = None) -> tuple[str, str, int | None]:
    """The letter's words and their source: a PDF's text layer or a plain text ("text"), or OCR of a
    scanned PDF or a photo of the letter, in English and French ("ocr"); with the number of pages OCR read
    when the time limit left later pages unread (None: every page it looks at was read). `name` is what
    errors call it. A PDF whose words cannot be read, or a photo in which OCR read none, is judged, from these same
    bytes, by the inspector that `read` and `scan` use, so that all three say the same trouble.

    The bytes are parsed in a killable worker with the time and memory caps, as every untrusted
    file is; a letter that cannot be read is a usage problem naming the class of trouble."""
    if len(data) > MAX_LETTER_BYTES:
        raise UsageProblem(N_("{name}: too large to be a letter (over {megabytes} MB)"),
                           name=name, megabytes=MAX_LETTER_BYTES // 1048576)
    limits = limits or Limits()
    require_libmagic()
    preload()  # the parsers load once, before the worker is forked
    outcome = run_tasks(_letter_task, [(data, name, limits.timeout)], jobs=1, limits=limits)[0]
    if outcome.failure == TIMEOUT:
        raise UsageProblem(N_("{name}: the letter could not be read within {seconds} s (too complex); if this machine "
                              "is only slow, give it more time with --timeout {more}"),
                           name=name, seconds=float(limits.timeout), more=f"{max(30, math.ceil(limits.timeout * 3)):d}")
    if outcome.failure == MEMORY:
        raise UsageProblem(N_("{name}: reading the letter needed more memory than allowed (too complex)"), name=name)
    if outcome.failure:
        raise UsageProblem(N_("{name}: the letter could not be read (the reader stopped unexpectedly)"), name=name)
    answer, value = outcome.value
    if answer == "environment":
        message, values = value if isinstance(value, tuple) else (value, {})
        raise EnvironmentProblem(message, **values)
    if answer == "problem":
        raise _letter_problem(value, name)
    text, pages_read = value if answer == "ocr" else (value, None)
    if not text.strip():
        raise UsageProblem(N_("{name}: no text could be read, not even by OCR (scan the letter again at 300 DPI, "
                              "or copy its words into a .txt)"), name=name)
    return text, answer, pages_read


def _letter_problem(trouble: str | dict[str, Any], name: str) -> UsageProblem:
    """The error for a letter that cannot be read: by the kind of trouble (`trouble`, or the inspector's problem
    dict, whose reason is permit-check's own sentence, never the parser's)."""
    if isinstance(trouble, str):
        return UsageProblem(LETTER_PROBLEMS[trouble], name=name)
    reason = Phrase(trouble.get("reason_id") or trouble["reason"], **trouble.get("values", {}))
    advice = {"advice": Phrase(LETTER_ADVICE[trouble["kind"]])} if trouble["kind"] in LETTER_ADVICE else {}
    return UsageProblem(LETTER_PROBLEMS.get(trouble["kind"], LETTER_PROBLEM), name=name, reason=reason, **advice)


def _pdf_problem(data: bytes) -> dict[str, Any] | None:
    """The trouble the PDF inspector finds in the letter's bytes (as read and scan say it of a file), if any."""
    from permit_check.files.inspectors.pdf import inspect_pdf

    trouble: dict[str, Any] | None = inspect_pdf(data).get("problem")
    return trouble


def _environment(error: EnvironmentProblem) -> tuple[str, Any]:
    """An engine or library missing in the worker, as the catalogue's message and its values (said in the
    answer's language by the command)."""
    return "environment", (error.message, error.values)


def _ocr_letter(data: bytes, kind: str, seconds: float, started: float) -> tuple[str, Any]:
    """("ocr", (words, pages read or None)) of a scanned PDF's or a photo's first pages, as many as `seconds`
    (the worker's time limit, running since `started`) allows (see OCR_SHARE); ("problem", the inspector's
    problem) when no word was read because a picture was refused unread (see _refused); ("environment", ...)
    without the engine."""
    from permit_check.files.inspectors.ocr import ocr_pages, require_ocr
    from permit_check.files.inspectors.page_images import page_images

    try:
        require_ocr("eng+fra")
    except EnvironmentProblem as error:
        return _environment(error)
    skipped: list[Skipped] = []
    images = iter(page_images(io.BytesIO(data), kind, max_pages=LETTER_PAGES, skipped=skipped))
    pages: list[str] = []
    for text in ocr_pages(images, "eng+fra"):  # pulls the next page from `images` only when asked
        pages.append(text)
        spent = time.monotonic() - started
        if spent + NEXT_PAGE_MARGIN * spent / len(pages) > OCR_SHARE * seconds:
            unread = next(images, None) is not None
            return "ocr", ("\n".join(pages), len(pages) if unread else None)
    words = "\n".join(pages)
    refused = None if words.strip() else _refused(data, kind, skipped)
    return ("problem", refused) if refused is not None else ("ocr", (words, None))


def _refused(data: bytes, kind: str, skipped: list[Skipped]) -> dict[str, Any] | None:
    """Why OCR read no word of the letter when it never saw its picture, as `read` says it: a photo the image
    inspector refuses (a size no scan or photo has, a file that cannot be decoded), or a page whose picture is too
    large for OCR. None when OCR read the pages and found nothing (then a better scan may help)."""
    if kind != "pdf":
        from permit_check.files.inspectors.image import inspect_image

        found: dict[str, Any] | None = inspect_image(data, kind).get("problem")
        if found is not None:
            return found
    for page in skipped:
        if page.why == "pixels":
            return problem("too-large", UNCHECKED_PAGES["pixels"], page=str(page.page), limit=str(page.limit))
    return None


def _letter_task(task: tuple[bytes, str, float]) -> tuple[str, Any]:
    """Runs in a worker: ("text", words), ("ocr", (words, pages read)), ("problem", kind or the inspector's
    problem) or ("environment", message)."""
    # pypdf loads only when a letter is read
    from permit_check.files.inspectors.pdf import UNREADABLE_STRUCTURE, read_pdf_text

    started = time.monotonic()
    data, name, seconds = task
    identity = identify_bytes(name, data[:HEAD_BYTES], len(data))
    if identity.kind == "text":
        text = data[:TEXT_KIND_LIMIT].decode("utf-8", "replace")
        return ("text", text) if A_WORD.search(text) else ("problem", "not-letter")
    if identity.kind in LETTER_IMAGE_KINDS:
        try:
            return _ocr_letter(data, identity.kind, seconds, started)
        except EnvironmentProblem as error:  # pillow-heif missing for a HEIC photo
            return _environment(error)
    if identity.kind != "pdf":
        return "problem", "not-letter"
    trouble: str | dict[str, Any] | None = None
    try:
        text = read_pdf_text(io.BytesIO(data), LETTER_PAGES)
        if text.strip():
            return "text", text
    except ContentTooComplex:
        trouble = "too-complex"
    except ContentUnreadable as error:
        # In the inspector's words for a damaged PDF (said below when the inspector finds nothing more precise).
        trouble = problem("damaged", UNREADABLE_STRUCTURE) if error.kind == "damaged" else error.kind
    except EnvironmentProblem as error:
        return _environment(error)
    try:
        # No words, or none that could be read: what read and scan say of such a file (certificate security, an XFA
        # form past the reader's limits), else the kind of trouble the text met. Judged from the bytes read, never
        # the file again: it may have changed since, and bytes given without a file are judged alike.
        found = _pdf_problem(data)
    except EnvironmentProblem as error:
        return _environment(error)
    if found is not None:
        return "problem", found
    if trouble is not None:
        return "problem", trouble
    # A scanned letter has pages but no text layer: its words are read from the page images.
    try:
        return _ocr_letter(data, "pdf", seconds, started)
    except EnvironmentProblem as error:
        return _environment(error)


def read_letter_stdin(stream: BinaryIO) -> str:
    """A letter piped in as text (`letter -`); a PDF must be given as a file, where it is read safely."""
    data = stream.read(STDIN_LIMIT + 1)
    if data.startswith(b"%PDF"):
        raise UsageProblem(N_("stdin: give a PDF letter as a file (stdin takes the letter's text only)"))
    if len(data) > STDIN_LIMIT:
        raise UsageProblem(N_("stdin: a letter's text is at most {limit} bytes"), limit=STDIN_LIMIT)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageProblem(N_("stdin: the letter's text is not UTF-8")) from None
    if not text.strip():
        raise UsageProblem(N_("stdin: no text could be read (a scanned letter has none: copy its words into a .txt)"))
    return text
