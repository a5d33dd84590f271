"""Inspects PDFs with pypdf (imported only in the workers that read or write PDFs: this reader, the page
renderer files/inspectors/page_images.py and the writer files/assemble.py): pages, encryption, forms, IRCC form
identity."""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from pypdf import PageObject, PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError, PdfReadError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, StreamObject

from permit_check.errors import EnvironmentProblem
from permit_check.files.inspectors import opened, readable, xfa
from permit_check.files.inspectors.problems import ContentTooComplex, ContentUnreadable, problem
from permit_check.files.inspectors.repair import repairable
from permit_check.i18n import N_

# IRCC's AES forms open with an empty user password; pypdf then needs `cryptography`.
EMPTY_PASSWORD = ""
# pypdf looks for %%EOF in the last MiB; a file without one there was cut short (or is not a PDF).
EOF_WINDOW = 1024 * 1024
TEXT_CHAR_LIMIT = 20_000
# A page tree deeper than this is hostile (pypdf's own limit is 100).
MAX_TREE_DEPTH = 100
MAX_PAGE_COUNT = 100_000
INHERITABLE = ("/Resources", "/MediaBox", "/CropBox", "/Rotate")
# Why a PDF that no reader could open cannot be read: what `read`, `scan` and `letter` all say of it.
UNREADABLE_STRUCTURE = N_("its PDF structure cannot be read")


class _Collect(logging.Handler):
    """Keeps pypdf's log messages: they say what it had to repair."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _quiet_pypdf() -> Iterator[_Collect]:
    logger = logging.getLogger("pypdf")
    handler = _Collect()
    previous = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield handler
    finally:
        logger.removeHandler(handler)
        logger.propagate = previous


def _open(source: Path | IO[bytes]) -> tuple[PdfReader | None, dict[str, Any], dict[str, Any] | None]:
    """Opens and decrypts; returns (reader, pdf facts, problem)."""
    reader = PdfReader(source, strict=False)
    facts: dict[str, Any] = {"encrypted": bool(reader.is_encrypted), "open_password": False}
    if reader.is_encrypted:
        try:
            opened = reader.decrypt(EMPTY_PASSWORD)
        except DependencyError as error:
            raise EnvironmentProblem(N_("pypdf cannot decrypt AES PDFs: {error}"), error=error) from error
        if not opened:
            facts["open_password"] = True
            return None, facts, problem("password", N_("the PDF asks for a password to open"))
    return reader, facts, None


def _xfa_packets(reader: PdfReader) -> dict[str, bytes]:
    """XFA packets by name; also handles an /XFA that is one stream, which pypdf returns as {}."""
    acroform = reader.root_object.get("/AcroForm")
    if acroform is None:
        return {}
    entry = acroform.get_object().get("/XFA")
    if entry is None:
        return {}
    entry = entry.get_object()
    if isinstance(entry, StreamObject):
        return {"xdp": entry.get_data()}
    packets: dict[str, bytes] = {}
    if isinstance(entry, ArrayObject):
        for index in range(0, len(entry) - 1, 2):
            name = str(entry[index])
            stream = entry[index + 1].get_object()
            if isinstance(stream, StreamObject) and name not in packets:
                packets[name] = stream.get_data()
    return packets


def _split_single_stream(packets: dict[str, bytes]) -> dict[str, bytes]:
    """Cuts a one-stream XDP into the packets the readers need (datasets, template, form, config)."""
    if "xdp" not in packets:
        return packets
    whole = packets["xdp"]
    found: dict[str, bytes] = {}
    for name, opening, closing in (("datasets", rb"<xfa:datasets[\s>]", b"</xfa:datasets>"),
                                   ("template", rb"<template[\s>]", b"</template>"),
                                   ("form", rb"<form[\s>/]", b"</form>"), ("config", rb"<config[\s>]", b"</config>")):
        found_at = re.search(opening, whole)  # "<form " and not "<formNum" or "<form1"
        if found_at is None:
            continue
        start = found_at.start()
        end = whole.find(closing, start)
        found[name] = whole[start : end + len(closing)] if end >= 0 else whole[start:]
    return found


def _has_eof_marker(source: Path | bytes) -> bool:
    """Reads the last KiB (the usual place), then the last MiB, looking for %%EOF: from the file, never all of it,
    or from the bytes already read."""
    with opened(source) as handle:
        size = handle.seek(0, 2)
        for window in (1024, EOF_WINDOW):
            handle.seek(max(0, size - window))
            if b"%%EOF" in handle.read(window):
                return True
            if window >= size:
                break
    return False


def _page_count(reader: PdfReader) -> int:
    """The page tree's own /Count, without loading every page (a 300-page scan costs what a 1-page one does);
    the pages are counted one by one only when /Count is missing or absurd."""
    pages = reader.root_object.get("/Pages")
    count = pages.get_object().get("/Count") if pages is not None else None
    if isinstance(count, int) and 0 < count <= MAX_PAGE_COUNT:
        return int(count)
    return len(reader.pages)


def first_pages(reader: PdfReader, wanted: int) -> Iterator[PageObject]:
    """The first pages in order, walking only the part of the page tree that leads to them.

    Inherited attributes (resources, boxes, rotation) are applied as pypdf does; a cycle, a tree
    deeper than MAX_TREE_DEPTH, or a tree without a page is a PdfReadError or LimitReachedError.
    """
    root = reader.root_object.get("/Pages")
    if root is None:
        raise PdfReadError("the document has no page tree")
    stack: list[tuple[Any, dict[str, Any], int]] = [(root, {}, 0)]
    on_path: set[int] = set()
    found = 0
    while stack and found < wanted:
        reference, inherit, depth = stack.pop()
        if depth > MAX_TREE_DEPTH:
            raise LimitReachedError(f"Maximum page tree depth reached: {depth} > {MAX_TREE_DEPTH}.")
        node = reference.get_object()
        if not isinstance(node, DictionaryObject):
            continue
        kids = node.get("/Kids")
        if node.get("/Type") == "/Pages" or kids is not None:
            if id(node) in on_path:
                raise PdfReadError("Detected cyclic page references.")
            on_path.add(id(node))
            inherited = {**inherit, **{key: node[key] for key in INHERITABLE if key in node}}
            children = kids.get_object() if kids is not None else ArrayObject()
            if isinstance(children, ArrayObject):
                stack.extend((child, inherited, depth + 1) for child in reversed(children))
            continue
        page = PageObject(reader, reference if isinstance(reference, IndirectObject) else None)
        page.update(node)
        for key, value in inherit.items():
            if key not in page:
                page[NameObject(key)] = value
        found += 1
        yield page
    if found == 0:
        raise PdfReadError("no pages could be found")


def inspect_pdf(source: Path | bytes) -> dict[str, Any]:
    """Facts about a PDF, given its path or its bytes already read; a file pypdf cannot open becomes a
    `problem`, never an exception."""
    if not _has_eof_marker(source):
        # Parsing a cut-off file means reading all of it backwards for nothing: say what it is.
        reason = N_("the file ends before the PDF end-of-file marker: it was cut off while copying or downloading")
        return {"pdf": {"encrypted": None, "open_password": False}, "problem": problem("truncated", reason)}
    with _quiet_pypdf() as log:
        try:
            reader, facts, trouble = _open(readable(source))
            if reader is None:
                return {"pdf": facts, "problem": trouble}
            facts["pages"] = _page_count(reader)
            next(first_pages(reader, 1))  # a broken path to the first page is damage, found cheaply
            packets = _split_single_stream(_xfa_packets(reader))
            facts["xfa"] = bool(packets)
            fields = reader.get_fields() or {}
            facts["form_fields"] = len(fields)
            title = reader.metadata.title if reader.metadata else None
            facts["title"] = str(title) if title else None
            def page_text() -> str | None:
                # Static forms print their edition in the page footer; read only when the data does not say it.
                return _page_text(reader, 1) if packets or fields else None

            form = xfa.identify_form(packets, facts["title"], page_text)
        except EnvironmentProblem:
            raise
        except (FileNotDecryptedError, PdfReadError, Exception) as error:  # noqa: BLE001 - any parser failure is a finding
            return {"pdf": {"encrypted": None, "open_password": False}, "problem": _unreadable(source, error)}
    result: dict[str, Any] = {"pdf": facts}
    if form is not None:
        result["ircc_form"] = form.to_facts()
    if log.messages:
        facts["repairs"] = sorted(set(log.messages))[:5]
    return result


def _unreadable(source: Path | bytes, error: BaseException) -> dict[str, Any]:
    """Why pypdf could not read the file: too complex, repairable by a repairing reader, or damaged."""
    trouble = _damaged(error)
    if trouble["kind"] != "damaged":
        return trouble
    if repairable(source):
        return {**trouble, "kind": "repairable"}
    return trouble


def _raised_in(error: BaseException, module: str) -> bool:
    """True when `error` was raised by code of `module` (where it comes from, not what it says)."""
    traceback = error.__traceback__
    while traceback is not None and traceback.tb_next is not None:
        traceback = traceback.tb_next
    return traceback is not None and traceback.tb_frame.f_globals.get("__name__") == module


def _damaged(error: BaseException) -> dict[str, Any]:
    """The problem's kind and permit-check's own sentence for it; pypdf's message, which can quote the
    document (field values, raw bytes) and object ids, stays in the detail."""
    if isinstance(error, NotImplementedError):
        if _raised_in(error, "pypdf._encryption"):
            return problem("unsupported", N_("an encryption other than Standard PDF encryption (a password), such as "
                           "certificate security"), error)
        return problem("unsupported", N_("a feature this checker cannot read"), error)
    if isinstance(error, RecursionError):
        return problem("too-complex", N_("the PDF's structure is nested too deeply to read"), error)
    if isinstance(error, LimitReachedError):
        return problem("too-complex", N_("it goes past the PDF reader's safety limits"), error)
    if isinstance(error, MemoryError):
        return problem("too-complex", N_("the PDF needs more memory to read than is allowed"), error)
    return problem("damaged", UNREADABLE_STRUCTURE, error)


def _page_text(reader: PdfReader, max_pages: int) -> str:
    parts: list[str] = []
    for page in first_pages(reader, max_pages):
        parts.append(page.extract_text() or "")
        if sum(len(part) for part in parts) > TEXT_CHAR_LIMIT:
            break
    return "\n".join(parts)[:TEXT_CHAR_LIMIT]


def pdf_text(path: Path, max_pages: int) -> str:
    """Text of the first pages (empty for scans, password-protected or damaged files).

    Raises ContentTooComplex when a page goes past pypdf's safety limits (a decompression bomb).
    """
    try:
        return read_pdf_text(path, max_pages)
    except ContentUnreadable:
        return ""  # text is a hint for matching; a damaged file has none


def read_pdf_text(source: Path | IO[bytes], max_pages: int) -> str:
    """Text of the first pages; raises ContentTooComplex past pypdf's safety limits and
    ContentUnreadable ("password" or "damaged") when the PDF cannot be opened."""
    with _quiet_pypdf():
        try:
            reader, _, trouble = _open(source)
            if reader is None or trouble:
                raise ContentUnreadable("password")
            return _page_text(reader, max_pages)
        except (EnvironmentProblem, ContentUnreadable):
            raise
        except (LimitReachedError, RecursionError, MemoryError) as error:
            raise ContentTooComplex(_damaged(error)["reason"]) from error
        except Exception as error:  # any parser failure on a damaged file
            raise ContentUnreadable("damaged") from error
