"""A document's pages read by OCR: how the document is turned is decided once, not page after page, and the
words come out as reading each page alone gives them."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from typing import Any

import pytest
from PIL import Image

from tests import passports

pytestmark = pytest.mark.skipif(importlib.util.find_spec("tesserocr") is None, reason="needs tesserocr")

LETTER = """Following an examination of your application, I am not satisfied that you meet the requirements of the
Act and the Regulations for the reasons explained below. I am therefore refusing your application.
I am not satisfied that you will leave Canada at the end of your stay, as stipulated in paragraph 200(1)(b)
of the IRPR, based on your family ties in Canada and in your country of residence, your travel history and
your current employment situation. You did not demonstrate sufficient financial resources for your stay."""


@pytest.fixture
def detections(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times orientation detection runs (each run costs about a third of a page's reading)."""
    from permit_check.files.inspectors import ocr

    counted: list[int] = []
    detect: Callable[[Image.Image], Any] = ocr._turns

    def counting(image: Image.Image) -> Any:
        counted.append(1)
        return detect(image)

    monkeypatch.setattr(ocr, "_turns", counting)
    return counted


def _pages(count: int) -> list[Image.Image]:
    return [passports.speckled(passports.letter_page(LETTER, dpi=150), seed=page) for page in range(count)]


def test_a_poor_scan_is_read_as_its_pages_alone_with_one_orientation_detection(detections: list[int]) -> None:
    from permit_check.files.inspectors import ocr

    pages = _pages(4)
    unsure = sum(ocr._read_text(page, "eng+fra")[1] < ocr.CONFIDENT for page in pages)
    assert unsure >= 3  # the poor scan's pages read with low confidence...
    one_by_one = [ocr.ocr_text(page) for page in pages]
    assert len(detections) == unsure  # ...and each of those was looked at, read alone
    detections.clear()
    assert list(ocr.ocr_pages(pages)) == one_by_one
    assert len(detections) == 1


def test_a_document_fed_upside_down_is_turned_once_for_all_its_pages(detections: list[int]) -> None:
    from permit_check.files.inspectors import ocr

    pages = [passports.letter_page(LETTER, dpi=150) for _ in range(3)]
    upright = list(ocr.ocr_pages(pages))
    detections.clear()
    turned = list(ocr.ocr_pages([page.transpose(Image.Transpose.ROTATE_180) for page in pages]))
    assert turned == upright and "Regulations" in turned[2]
    assert len(detections) == 1


def test_one_page_fed_the_other_way_is_still_turned(detections: list[int]) -> None:
    """The document's turn is decided by its first pages, but a later page that reads as if turned is looked at."""
    from permit_check.files.inspectors import ocr

    pages = [passports.letter_page(LETTER, dpi=150) for _ in range(3)]
    upright = list(ocr.ocr_pages(pages))
    assert not detections  # clean upright pages read with confidence
    pages[1] = pages[1].transpose(Image.Transpose.ROTATE_180)
    assert list(ocr.ocr_pages(pages)) == upright
    assert len(detections) == 1
