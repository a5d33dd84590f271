"""The OCR engine: Tesseract 5 through tesserocr, with Debian's language data (tesseract-ocr-eng, -fra).

Tesseract was chosen over RapidOCR by measurement (README, "Reading scans"): on OCR-B machine-readable
zones a character whitelist makes it both more exact and faster, and it loads in a fraction of the
memory. One engine per language set is kept per process: loading the language data costs more than
reading a line, and each worker reads many.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from PIL import Image

from permit_check.errors import EnvironmentProblem
from permit_check.i18n import N_

# Where Debian (5.x and 4.x layouts) and other systems keep Tesseract's language data.
TESSDATA_DIRS = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
    "/opt/homebrew/share/tessdata",
)
LANGUAGE_PACKAGES = {"eng": "tesseract-ocr-eng", "fra": "tesseract-ocr-fra"}
# The workers already read one file per core: Tesseract's own OpenMP threads would only fight them
# (20 passport scans took 8.5 s with them, 5.8 s without). OpenMP reads it when the engine loads.
os.environ.setdefault("OMP_NUM_THREADS", "1")
MRZ_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"
# Tesseract's mean confidence (0-100) from which a page is taken as read upright: an upright letter reads
# at 85-95, the same page sideways at about 50.
CONFIDENT = 75
# Tesseract's mean confidence under which a page reads as if turned: an upright page reads at 70 and more even
# when poorly scanned, the same page sideways or upside down at 40-55.
SIDEWAYS = 62
# Orientation detection's confidence below which it is not trusted (every quarter turn is tried instead).
MIN_ORIENTATION_CONFIDENCE = 1.5
# Tesseract's binarisation: Otsu's one threshold for the whole picture (the MRZ band), or Sauvola's, set per
# neighbourhood, for a page: under a lamp on one side, Otsu turned the darker half of a photographed letter to
# black and whole paragraphs were lost, while the words it kept read at 95.
OTSU, SAUVOLA = 0, 2
# Text turned this many degrees clockwise (as orientation detection reports it) is set upright by this turn.
TURNS = {90: Image.Transpose.ROTATE_90, 180: Image.Transpose.ROTATE_180, 270: Image.Transpose.ROTATE_270}


def _tessdata(languages: str) -> str | None:
    """The folder that holds every language in `languages` ("eng+fra"), or None."""
    wanted = languages.split("+")
    candidates = [os.environ["TESSDATA_PREFIX"]] if os.environ.get("TESSDATA_PREFIX") else []
    for folder in [*candidates, *TESSDATA_DIRS]:
        if all((Path(folder) / f"{language}.traineddata").is_file() for language in wanted):
            return folder
    return None


def _missing(languages: str) -> EnvironmentProblem:
    packages = " ".join(LANGUAGE_PACKAGES.get(language, f"tesseract-ocr-{language}")
                        for language in languages.split("+"))
    return EnvironmentProblem(N_("the OCR engine is not installed: install it with '{apt}' (Debian/Ubuntu) and "
                                 "'{pip}'"), apt=f"apt-get install tesseract-ocr {packages}",
                              pip="pip install tesserocr")


def require_ocr(languages: str = "eng+fra") -> None:
    """Fails with one line naming what to install when the engine or its language data is missing."""
    try:
        import tesserocr  # noqa: F401 - only its presence is checked here
    except ImportError as error:
        raise _missing(languages) from error
    if _tessdata(languages) is None:
        raise _missing(languages)


def preload_ocr(languages: str = "eng") -> None:
    """Loads the engine and the image libraries once in this process, with the image library down to one
    thread (one worker per core already). Called by a worker before its first read, and in a process that
    already ran the image library before it forks workers (see pictured.settle_loaded_engine). Nothing is
    recognised here."""
    import cv2

    from permit_check.files.inspectors import passport_mrz  # noqa: F401 - imported for its side effect

    cv2.setNumThreads(1)  # one worker per core already
    _engine(languages)


@cache
def _engine(languages: str) -> Any:
    """One loaded Tesseract per language set for this process (loading costs ~0.1 s and ~20 MB)."""
    require_ocr(languages)
    import tesserocr

    return tesserocr.PyTessBaseAPI(path=_tessdata(languages), lang=languages, init=True)


@contextmanager
def engine(languages: str = "eng", *, psm: int = 3, whitelist: str = "", thresholding: int = OTSU) -> Iterator[Any]:
    """The process's engine for `languages`, set to page segmentation `psm`, `whitelist` and `thresholding` for
    one read."""
    api = _engine(languages)
    api.SetPageSegMode(psm)
    api.SetVariable("tessedit_char_whitelist", whitelist)
    api.SetVariable("thresholding_method", str(thresholding))
    try:
        yield api
    finally:
        api.Clear()


def ocr_text(image: Image.Image, languages: str = "eng+fra") -> str:
    """The text Tesseract reads on a page image (automatic page segmentation). A page read with low
    confidence may be sideways or upside down (a scan fed turned, a photo that lost its orientation): it is
    read again turned as Tesseract's orientation detection says, and the more confident reading is kept."""
    return next(ocr_pages([image], languages))


def ocr_pages(images: Iterable[Image.Image], languages: str = "eng+fra") -> Iterator[str]:
    """The text of each page of one document, read as ocr_text reads a page, except that how the document is
    turned is decided once: by its first page read with confidence, or turned by orientation detection (a
    scanner feeds every page the same way). A later page is read at that turn, and looked at again only when it
    reads as if turned (under SIDEWAYS): a poor scan's pages, all upright at 72, went through orientation
    detection one after the other, and a 10-page letter could not be read within the time limit."""
    turn: Image.Transpose | None = None
    decided = False
    for image in images:
        if image.mode not in ("L", "RGB"):
            image = image.convert("RGB")
        page = image.transpose(turn) if turn is not None else image
        text, confidence = _read_text(page, languages)
        if confidence < CONFIDENT and not (decided and confidence >= SIDEWAYS):
            text, found = _turned_upright(page, text, confidence, languages)
            if not decided:
                turn = found
        decided = True
        yield text


def _turned_upright(image: Image.Image, text: str, confidence: int,
                    languages: str) -> tuple[str, Image.Transpose | None]:
    """The page read again turned as orientation detection says, when that reads with more confidence than
    `text`; with the turn that was kept (None: the page as it was)."""
    kept = None
    for turn in _turns(image):
        turned, turned_confidence = _read_text(image.transpose(turn), languages)
        if turned_confidence > confidence:
            text, confidence, kept = turned, turned_confidence, turn
        if confidence >= CONFIDENT:
            break
    return text, kept


def _read_text(image: Image.Image, languages: str) -> tuple[str, int]:
    """The page's text and Tesseract's mean confidence in it (0-100): words read from a sideways page are
    fragments and mirror-shapes it has little confidence in, even when there are many of them."""
    with engine(languages, psm=3, thresholding=SAUVOLA) as api:
        api.SetImage(image)
        text: str = api.GetUTF8Text()
        confidence: int = api.MeanTextConf()
    return text, confidence


def _turns(image: Image.Image) -> list[Image.Transpose]:
    """The turn that sets the page upright, as orientation detection finds it (none when it finds the page
    upright or cannot tell); every quarter turn when this installation has no osd.traineddata."""
    try:
        api = _orientation_engine()
    except EnvironmentProblem:
        return list(TURNS.values())
    api.SetImage(image)
    try:
        found = api.DetectOrientationScript()
    except RuntimeError:  # too little text to tell
        found = None
    finally:
        api.Clear()
    if not found or found.get("orient_conf", 0) < MIN_ORIENTATION_CONFIDENCE:
        return []
    turn = TURNS.get(int(found.get("orient_deg", 0)) % 360)
    return [turn] if turn is not None else []


@cache
def _orientation_engine() -> Any:
    """Tesseract's orientation and script detection (osd.traineddata), loaded once per process."""
    folder = _tessdata("osd")
    if folder is None:
        raise _missing("osd")
    import tesserocr

    return tesserocr.PyTessBaseAPI(path=folder, lang="osd", psm=tesserocr.PSM.OSD_ONLY)


def read_mrzs(images: Iterable[Image.Image]) -> list[dict[str, Any]]:
    """Every machine-readable zone on the page images, the first page's valid one first (see passport_mrz)."""
    from permit_check.files.inspectors.passport_mrz import read_mrzs as read_all

    return read_all(images)
