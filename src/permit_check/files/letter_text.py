"""Reads the words of an IRCC letter from a file or stdin: a PDF's text layer or a plain text, parsed in a
killable worker like every untrusted file."""

from __future__ import annotations

import io
from pathlib import Path
from typing import BinaryIO

from permit_check.errors import EnvironmentProblem, UsageProblem
from permit_check.files.inspectors import TEXT_KIND_LIMIT, preload
from permit_check.files.inspectors.problems import ContentTooComplex, ContentUnreadable
from permit_check.files.kind import HEAD_BYTES, identify_bytes, require_libmagic
from permit_check.files.pool import MEMORY, run_tasks
from permit_check.model import Limits

LETTER_PAGES = 6
# A decision letter is a few pages; anything bigger is not read at all.
MAX_LETTER_BYTES = 20 * 1024 * 1024
# Why a letter cannot be read, by the kind of trouble only (never the parser's words about the file).
LETTER_PROBLEMS = {
    "not-letter": "{name}: a letter must be a PDF with a text layer or a .txt file",
    "too-complex": "{name}: the letter is too complex to read (it goes past the PDF reader's safety limits)",
    "damaged": "{name}: the letter is damaged and cannot be read",
    "password": "{name}: the letter asks for a password to open",
}
# A pasted letter, or the officer's notes of a long file; more is not a letter.
STDIN_LIMIT = 200_000


def read_letter_text(path: Path, limits: Limits | None = None) -> str:
    """The words of the letter in the file at `path` (read here, parsed by read_letter)."""
    if not path.exists():
        raise UsageProblem(f"letter not found: {path}")
    if not path.is_file():
        # A FIFO or a device would block or never end; a folder is not a letter.
        raise UsageProblem(f"{path}: not a regular file (give the letter's PDF or .txt file)")
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_LETTER_BYTES + 1)
    except OSError as error:
        raise UsageProblem(f"{path}: cannot be read: {error.strerror}") from error
    return read_letter(data, str(path), limits)


def read_letter(data: bytes, name: str, limits: Limits | None = None) -> str:
    """The letter's words: a PDF's text layer, or a plain text. `name` is what errors call the letter.

    The bytes are parsed in a killable worker with the time and memory caps, as every untrusted
    file is; a letter that cannot be read is a usage problem naming the class of trouble."""
    if len(data) > MAX_LETTER_BYTES:
        raise UsageProblem(f"{name}: too large to be a letter (over {MAX_LETTER_BYTES // 1048576} MB)")
    limits = limits or Limits()
    require_libmagic()
    preload()  # the parsers load once, before the worker is forked
    outcome = run_tasks(_letter_task, [(data, name)], jobs=1, limits=limits)[0]
    if outcome.failure == "timeout":
        raise UsageProblem(f"{name}: the letter could not be read within {limits.timeout:g} s (too complex)")
    if outcome.failure == MEMORY:
        raise UsageProblem(f"{name}: reading the letter needed more memory than allowed (too complex)")
    if outcome.failure:
        raise UsageProblem(f"{name}: the letter could not be read (the reader stopped unexpectedly)")
    answer, value = outcome.value
    if answer == "environment":
        raise EnvironmentProblem(value)
    if answer == "problem":
        raise UsageProblem(LETTER_PROBLEMS[value].format(name=name))
    text: str = value
    if not text.strip():
        raise UsageProblem(f"{name}: no text could be read (a scanned letter has none: copy its words into a .txt)")
    return text


def _letter_task(task: tuple[bytes, str]) -> tuple[str, str]:
    """Runs in a worker: ("text", words), ("problem", kind) or ("environment", message)."""
    from permit_check.files.inspectors.pdf import read_pdf_text  # pypdf loads only when a letter is read

    data, name = task
    identity = identify_bytes(name, data[:HEAD_BYTES], len(data))
    if identity.kind == "text":
        return "text", data[:TEXT_KIND_LIMIT].decode("utf-8", "replace")
    if identity.kind != "pdf":
        return "problem", "not-letter"
    try:
        return "text", read_pdf_text(io.BytesIO(data), LETTER_PAGES)
    except ContentTooComplex:
        return "problem", "too-complex"
    except ContentUnreadable as error:
        return "problem", error.kind
    except EnvironmentProblem as error:
        return "environment", str(error)


def read_letter_stdin(stream: BinaryIO) -> str:
    """A letter piped in as text (`letter -`); a PDF must be given as a file, where it is read safely."""
    data = stream.read(STDIN_LIMIT + 1)
    if data.startswith(b"%PDF"):
        raise UsageProblem("stdin: give a PDF letter as a file (stdin takes the letter's text only)")
    if len(data) > STDIN_LIMIT:
        raise UsageProblem(f"stdin: a letter's text is at most {STDIN_LIMIT} bytes")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageProblem("stdin: the letter's text is not UTF-8") from None
    if not text.strip():
        raise UsageProblem("stdin: no text could be read (a scanned letter has none: copy its words into a .txt)")
    return text
