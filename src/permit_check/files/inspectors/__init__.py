"""Per-kind inspectors: each turns one file into a JSON-safe facts dict, never raising on bad input.

The parsers (pypdf, Pillow, lxml, qpdf) load on first use: a re-scan answered from the cache
never needs them. preload() loads them before worker processes are forked, so that each worker
does not import them again.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, BinaryIO

from permit_check.files.kind import IMAGE_KINDS

TEXT_KIND_LIMIT = 20_000


def preload() -> None:
    from lxml import etree  # noqa: F401 - loaded by xfa.py with the first form's datasets

    from permit_check.files.inspectors import image, office, pdf, repair  # noqa: F401 - imported for their side effect
    from permit_check.files.kind import load_libmagic

    load_libmagic()


def readable(source: Path | bytes) -> Path | BinaryIO:
    """What a parser opens: a file's path, which it reads itself, or bytes already read, as an in-memory file."""
    return io.BytesIO(source) if isinstance(source, bytes) else source


def opened(source: Path | bytes) -> BinaryIO:
    """The file at a path opened for reading (where only its end is wanted: never read whole), or bytes already read
    as an in-memory file; to be closed by the caller (`with`)."""
    return source.open("rb") if isinstance(source, Path) else io.BytesIO(source)


def inspect(path: Path, kind: str) -> dict[str, Any]:
    """Content facts for a file whose kind files/kind.py has established."""
    if kind == "pdf":
        from permit_check.files.inspectors.pdf import inspect_pdf

        return inspect_pdf(path)
    if kind in IMAGE_KINDS:
        from permit_check.files.inspectors.image import inspect_image

        return inspect_image(path, kind)
    if kind == "docx":
        from permit_check.files.inspectors.office import inspect_docx

        return inspect_docx(path)
    return {}


def extract_text(path: Path, kind: str, max_pages: int) -> str:
    """Text for text patterns: the first pages of a PDF, a Word body or a plain-text file."""
    if kind == "pdf":
        from permit_check.files.inspectors.pdf import pdf_text

        return pdf_text(path, max_pages)
    if kind == "docx":
        from permit_check.files.inspectors.office import docx_text

        return docx_text(path)
    if kind == "text":
        try:
            with path.open("rb") as handle:
                return handle.read(TEXT_KIND_LIMIT).decode("utf-8", "replace")
        except OSError:
            return ""
    return ""
