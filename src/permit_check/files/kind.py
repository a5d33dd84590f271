"""Tells what a file really is from its first bytes (libmagic), whatever its name says."""

from __future__ import annotations

import contextlib
import ctypes
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from permit_check.errors import EnvironmentProblem
from permit_check.i18n import N_, translations

HEAD_BYTES = 4096
# The kinds that are pictures: the image inspector reads each (HEIC through pillow-heif), the upload rules advise
# JPEG for them, and pack turns each into a JPEG or a PDF page.
IMAGE_KINDS = frozenset({"jpeg", "png", "tiff", "jp2", "gif", "bmp", "webp", "heic"})

# libmagic's MIME types -> the short kinds checklists speak of.
MIME_KINDS = {
    "application/pdf": "pdf",
    "image/jpeg": "jpeg",
    "image/png": "png",
    "image/tiff": "tiff",
    "image/jp2": "jp2",
    "image/jpx": "jp2",
    "application/msword": "doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "text/plain": "text",
    "image/heic": "heic",
    "image/heif": "heic",  # the same container: libmagic names it by the brand the phone wrote
    "image/heif-sequence": "heic",  # a burst or Live Photo: its first image is the photo
    "image/webp": "webp",
    "image/gif": "gif",
    "image/bmp": "bmp",
    "application/zip": "zip",
}
# Plain text that libmagic names by its first line: a letter opening with "Date:" reads as an e-mail.
PROSE_MIMES = frozenset({"message/rfc822", "message/news"})

# Old Word files are OLE compound documents; libmagic names them this way when the head is short.
OLE_MIMES = frozenset({"application/CDFV2", "application/x-ole-storage", "application/vnd.ms-office"})

EXTENSION_KINDS = {
    "pdf": "pdf",
    "jpg": "jpeg",
    "jpeg": "jpeg",
    "jpe": "jpeg",
    "png": "png",
    "tif": "tiff",
    "tiff": "tiff",
    "jp2": "jp2",
    "j2k": "jp2",
    "doc": "doc",
    "docx": "docx",
    "txt": "text",
    "heic": "heic",
    "heif": "heic",
    "webp": "webp",
    "gif": "gif",
    "bmp": "bmp",
    "zip": "zip",
}

# How a kind is named to a person.
KIND_NAMES = {
    "pdf": N_("PDF document"),
    "jpeg": N_("JPEG image"),
    "png": N_("PNG image"),
    "tiff": N_("TIFF image"),
    "jp2": N_("JPEG 2000 image"),
    "doc": N_("Word document (.doc)"),
    "docx": N_("Word document (.docx)"),
    "text": N_("plain-text file"),
    "heic": N_("HEIC photo (iPhone format)"),
    "webp": N_("WebP image"),
    "gif": N_("GIF image"),
    "bmp": N_("BMP image"),
    "zip": N_("ZIP archive"),
    "empty": N_("empty file"),
    "other": N_("file of an unknown type"),
}
# With the article each name takes ("a PDF document", "an empty file").
KIND_NAMES_WITH_ARTICLE = {
    "pdf": N_("a PDF document"),
    "jpeg": N_("a JPEG image"),
    "png": N_("a PNG image"),
    "tiff": N_("a TIFF image"),
    "jp2": N_("a JPEG 2000 image"),
    "doc": N_("a Word document (.doc)"),
    "docx": N_("a Word document (.docx)"),
    "text": N_("a plain-text file"),
    "heic": N_("a HEIC photo (iPhone format)"),
    "webp": N_("a WebP image"),
    "gif": N_("a GIF image"),
    "bmp": N_("a BMP image"),
    "zip": N_("a ZIP archive"),
    "empty": N_("an empty file"),
    "other": N_("a file of an unknown type"),
}


def kind_name(kind: str | None, *, article: bool = False, lang: str = "en") -> str:
    """'PDF document', or with article=True 'a PDF document' / 'an empty file', in `lang`."""
    names = KIND_NAMES_WITH_ARTICLE if article else KIND_NAMES
    return translations(lang).gettext(names.get(kind or "other", names["other"]))


# A PDF reader accepts a header anywhere in the first 1024 bytes; libmagic only looks at byte 0.
PDF_HEADER_WINDOW = 1024


@dataclass(frozen=True)
class Identity:
    mime: str
    kind: str
    extension: str
    extension_kind: str | None

    @property
    def extension_matches(self) -> bool:
        """False when the name promises one kind and the bytes are another (cv.pdf that is a .docx)."""
        if self.extension_kind is None or self.kind in ("empty", "other"):
            return True
        return self.extension_kind == self.kind


@cache
def _magic() -> Any:
    try:
        import magic
    except ImportError as error:
        raise EnvironmentProblem(N_("libmagic is not installed ({error}); install it with 'apt-get install libmagic1' "
                                    "(Debian/Ubuntu) or 'brew install libmagic' (macOS)"),
                                 error=error) from error
    return magic.Magic(mime=True)


# The name python-magic loads libmagic by on Linux, when ldconfig does not name another.
LIBMAGIC_SONAME = "libmagic.so.1"


def require_libmagic() -> None:
    """Fails early, with one line, when the system library is missing.

    On Linux, the library loading is enough to know: python-magic itself, which runs ldconfig to find
    the library (a process of its own, tens of milliseconds), loads with the first file to identify
    (load_libmagic) -- and a re-scan answered from the cache identifies none."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError):
            ctypes.CDLL(LIBMAGIC_SONAME)
            return
    _magic()


def load_libmagic() -> None:
    """Loads python-magic and its database now (before worker processes are forked, so that each has it)."""
    _magic()


def extension_of(name: str) -> str:
    stem, dot, extension = name.rpartition(".")
    return extension.lower() if dot and stem else ""


def identify_bytes(name: str, head: bytes, size: int) -> Identity:
    """What the file is, judged from its first bytes; the name only supplies the promised kind."""
    extension = extension_of(name)
    extension_kind = EXTENSION_KINDS.get(extension)
    if size == 0:
        return Identity("inode/x-empty", "empty", extension, extension_kind)
    mime = str(_magic().from_buffer(head))
    kind = MIME_KINDS.get(mime)
    if kind is None and mime in OLE_MIMES:
        kind = "doc"
    if kind is None and (mime.startswith("text/") or mime in PROSE_MIMES):
        kind = "text"  # libmagic sometimes takes prose for a programming language, or a letter for an e-mail
    if kind != "pdf" and b"%PDF-" in head[:PDF_HEADER_WINDOW]:
        mime, kind = "application/pdf", "pdf"
    return Identity(mime, kind or "other", extension, extension_kind)


def identify_file(path: Path, name: str, size: int) -> Identity:
    """Reads the head of the file; raises OSError when it cannot be read."""
    with path.open("rb") as handle:
        head = handle.read(HEAD_BYTES)
    return identify_bytes(name, head, size)
