"""Words in pictures: a photo or a scanned PDF's page images, read by the OCR engine when this installation
has one (permit_check.files.inspectors.ocr: ocr_text, ocr_pages, require_ocr, read_mrzs). Runs in the workers
only."""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path
from typing import Any

from permit_check.errors import EnvironmentProblem
from permit_check.i18n import N_

OCR_MODULE = "permit_check.files.inspectors.ocr"
# A passport's bio-data page, or a report's results, is on its first pages; a scan's later pages are not read.
OCR_PAGES = 3


def ocr_module() -> Any | None:
    """The OCR engine's module, or None when this installation has none."""
    try:
        return importlib.import_module(OCR_MODULE)
    except ModuleNotFoundError as error:
        if error.name == OCR_MODULE:
            return None
        # The engine is part of this installation but a library it needs is missing: said, never skipped.
        raise EnvironmentProblem(N_("the OCR engine needs the Python package {package}, which is not installed; "
                                    "run 'make setup' or install permit-check again"),
                                 package=error.name) from error


def has_ocr() -> bool:
    """Whether an OCR engine is part of this installation (its module is found; nothing is loaded)."""
    if OCR_MODULE in sys.modules:
        return True
    try:
        return importlib.util.find_spec(OCR_MODULE) is not None
    except (ImportError, ValueError):
        return False


def settle_loaded_engine() -> None:
    """Called before workers that may read pictures are forked. The engine loads in each worker, never here; but
    a process that has already run it itself (a program using this package in-process, such as the tests) has
    the image library's threads running, and a child forked from it would hang setting them up: they are
    brought down to the one thread each worker uses before the fork instead. Loads nothing otherwise."""
    if "cv2" in sys.modules:  # only reading a picture loads it
        preload = getattr(ocr_module(), "preload_ocr", None)
        if preload is not None:
            preload("eng")


def require_ocr() -> None:
    """Fails with the engine's one line naming what to install, when it is part of this installation but
    cannot run; called before the workers start, so that it is said once and never skipped silently."""
    ocr = ocr_module()
    if ocr is not None:
        ocr.require_ocr()


def page_images(path: Path, kind: str) -> list[Any]:
    """The picture(s) to read: the image itself, or the images on a PDF's first pages (Pillow images)."""
    from permit_check.files.inspectors.image import open_image
    from permit_check.files.kind import IMAGE_KINDS

    if kind in IMAGE_KINDS:
        return [open_image(path, kind)]  # turned upright by its EXIF Orientation
    if kind != "pdf":
        return []
    from permit_check.files.inspectors.page_images import page_images as pdf_page_images

    return list(pdf_page_images(path, "pdf", max_pages=OCR_PAGES))  # turned upright by each page's /Rotate


def pictured_text(path: Path, kind: str) -> str:
    """The words OCR reads in the file's pictures; "" without an OCR engine."""
    ocr = ocr_module()
    if ocr is None:
        return ""
    ocr.require_ocr()
    return "\n".join(str(text) for text in ocr.ocr_pages(page_images(path, kind)))
