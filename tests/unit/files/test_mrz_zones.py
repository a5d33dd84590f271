"""Every machine-readable zone on a page: two documents scanned together are two zones, each read exactly, and
the first is the zone the one-zone reader gives."""

from __future__ import annotations

import pytest

from permit_check.files.inspectors.passport_mrz import parse_mrz, read_mrz, read_mrzs
from tests import passports
from tests.passports import Holder, document_page, mrz_lines

pytestmark = pytest.mark.skipif(passports.ocrb_font_path() is None, reason="the OCR-B font (fonts-ocr-b) is missing")

NOOR = Holder(surname="Tremblay", given_names="Noor", number="X1234567", birth_date="930721", expiry_date="310630")
AMARA = Holder(surname="Okafor", given_names="Amara", number="P9876543", country="NGA", nationality="NGA",
               birth_date="910314", expiry_date="300101")
NOORS_VISA = Holder(surname="Tremblay", given_names="Noor", number="V5550001", country="USA", birth_date="930721",
                    expiry_date="280101", layout="MRVA")


@pytest.mark.parametrize("second", [AMARA, NOORS_VISA, passports.with_layout(AMARA, "TD1")],
                         ids=["another passport", "a visa page", "an ID card"])
def test_two_documents_scanned_together_are_two_zones(second: Holder) -> None:
    sheet = passports.together_on_scanner_bed([document_page(NOOR, dpi=200), document_page(second, dpi=200, seed=2)],
                                              dpi=200, seed=1)
    zones = read_mrzs([sheet])
    expected = [parse_mrz(mrz_lines(holder), holder.layout) for holder in (NOOR, second)]
    assert sorted(zones, key=lambda zone: zone["number"]) == sorted(expected, key=lambda zone: zone["number"])
    assert zones[0] == read_mrz([sheet])  # the first zone is the one the one-zone reader gives


def test_one_document_is_one_zone_however_many_pages_show_it() -> None:
    page = passports.passport_scan(NOOR, dpi=200, seed=3)
    blank = passports.on_scanner_bed(document_page(NOOR, dpi=200, with_mrz=False), dpi=200, seed=4)
    assert read_mrzs([blank, page, page]) == [parse_mrz(mrz_lines(NOOR), "TD3")]
    assert read_mrzs([blank]) == []
