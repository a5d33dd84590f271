"""Inspects Word documents: a .docx must be a sound ZIP with a main document part; .doc is taken as is."""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path
from typing import Any

from permit_check.files.inspectors.problems import problem
from permit_check.i18n import N_

MAIN_PART = "word/document.xml"
# A real document body is at most a few MB; more than this is a ZIP bomb or not a letter.
MAX_UNCOMPRESSED = 64 * 1024 * 1024
MAX_RATIO = 200
TEXT_CHAR_LIMIT = 20_000
# A text run, or the end of a paragraph (which becomes a line break).
_TEXT_OR_BREAK = re.compile(rb"<w:t(?:\s[^>]*)?>([^<]*)</w:t>|</w:p>")


def inspect_docx(path: Path) -> dict[str, Any]:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            total = sum(info.file_size for info in infos)
            packed = sum(info.compress_size for info in infos) or 1
            names = {info.filename for info in infos}
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        return {"office": {}, "problem": problem("damaged", N_("not a readable Word file"), error)}
    facts = {"parts": len(names), "uncompressed_bytes": total}
    if total > MAX_UNCOMPRESSED or total / packed > MAX_RATIO:
        return {"office": facts, "problem": problem("too-large", N_("the document expands to an implausible size"))}
    if MAIN_PART not in names:
        return {"office": facts, "problem": problem("damaged", N_("the Word file has no document body"))}
    return {"office": facts}


def docx_text(path: Path) -> str:
    """The document's words, in order, for text patterns (bounded; empty when unreadable)."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo(MAIN_PART)
            if info.file_size > MAX_UNCOMPRESSED:
                return ""
            body = archive.read(info)
    except Exception:  # noqa: BLE001 - zlib, CRC and format errors alike mean "no usable text"
        return ""
    pieces = [match.group(1) if match.group(1) is not None else b"\n" for match in _TEXT_OR_BREAK.finditer(body)]
    return html.unescape(b"".join(pieces).decode("utf-8", "replace"))[:TEXT_CHAR_LIMIT]
