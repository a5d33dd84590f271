"""Regenerates the example application folders (synthetic documents of invented people).

    python examples/generate.py             # rewrite the documents of every example folder
    python examples/generate.py --expected  # also rewrite each <case>.expected.json from a scan

The documents are deterministic: running this twice gives the same bytes. The expected reports are
what the acceptance tests compare a fresh scan with; review their diff before committing them.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tests import docfactory as make  # noqa: E402 - the builders live with the tests that use them
from tests import passports  # noqa: E402

AS_OF = "2026-11-28"


def _letter(title: str, *paragraphs: str) -> list[str]:
    lines = [title, ""]
    for paragraph in paragraphs:
        lines.extend([paragraph, ""])
    return lines


LMIA_PAGES = [
    _letter(
        "Employment and Social Development Canada",
        "Labour Market Impact Assessment (LMIA) - Confirmation letter",
        "File number: 9876543   System file number: 1234567",
        "Employer: Maple & Pine Logistics Inc., Winnipeg, Manitoba",
        "Occupation: Logistics analyst (NOC 13201)   Number of positions: 1",
        "Result: positive. The employment of the foreign national is likely to have a neutral or",
        "positive effect on the labour market in Canada.",
    ),
    _letter("Annex A - Conditions of employment", "Wage: $34.50 per hour, 40 hours per week.", "Duration: 24 months."),
]

OFFER_PAGES = [
    _letter(
        "Maple & Pine Logistics Inc. - Offer of Employment",
        "Position: Logistics analyst. Duties: route planning, carrier contracts, reporting.",
        "Hours: 40 per week. Wage: $34.50 per hour. Start: 15 January 2027 for 24 months.",
        "Benefits: provincial health cover from day one, two weeks paid leave, transport to Canada paid.",
    ),
    _letter("Signatures", "Employer: ____________________     Employee: ____________________"),
]

CV_LINES = _letter(
    "Curriculum vitae",
    "Work experience",
    "2021-2026  Senior logistics coordinator, Lagos Freight Ltd. Main duties: fleet planning, customs files.",
    "2017-2021  Logistics assistant, Harbour Supply Co.",
    "Education: BSc Industrial Engineering (2017).",
)

REFERENCE_LINES = _letter(
    "Lagos Freight Ltd. - 12 Marina Road, Lagos - Tel +234 1 555 0100",
    "To whom it may concern,",
    "This letter confirms that the employee has been employed as Senior logistics coordinator from",
    "March 2021 to the present, full time, 40 hours per week. Main duties: fleet planning, customs files.",
    "Total annual salary and benefits: NGN 18,400,000. Signed: Operations manager (business card attached).",
)


def _answers(folder: Path, *, family: str, given: str, born: str, work: tuple[str, str],
             representative: bool) -> None:
    """The permit-check.toml of a single applicant with an LMIA-based job offer."""
    (folder / "permit-check.toml").write_text(
        "# Answers for permit-check (invented applicant).\n"
        'type = "work-permit-outside-canada"\n'
        'channel = "secure-account"\n\n'
        "[applicant]\n"
        f'family_name = "{family}"\ngiven_names = "{given}"\ndate_of_birth = {born}\nmarital_status = "single"\n'
        "lived_in_designated_country = false\n\n"
        f'[work]\nbasis = "lmia"\nstart = {work[0]}\nend = {work[1]}\nhealth_or_childcare = false\n\n'
        f"[representative]\nused = {'true' if representative else 'false'}\n",
        encoding="utf-8",
    )


def returned_application(folder: Path) -> None:
    """The typical reasons IRCC returns an application as incomplete, all in one folder."""
    _answers(folder, family="Okafor", given="Amara", born="1991-03-14", work=("2027-01-15", "2029-01-14"),
             representative=False)
    # Filled in, but never validated: no barcode page (flag, date and checksum empty).
    make.write(folder / "imm1295.pdf", make.xfa_form_pdf(
        "1295", edition="09-2023",
        datasets=make.imm1295_datasets(family_name="Okafor", given_name="Amara", dob="1991-03-14", validated=False),
    ))
    # The passport scanned as two separate images instead of one file: the bio-data page, then a visa page.
    holder = passports.Holder(surname="Okafor", given_names="Amara", number="X1234567", country="NGA",
                              nationality="NGA", birth_date="910314", sex="F", expiry_date="310630")
    pages = [passports.passport_scan(holder, dpi=150, seed=101),
             make.scan_image(1240, 1754, seed=102, noise=0.10, heading="PASSPORT")]
    for page, image in enumerate(pages, start=1):
        make.write(folder / f"passport-page-{page}.jpg", make.jpeg_bytes(image, quality=80, dpi=150))
    # The photo saved as PNG; the photo slot takes JPEG only.
    make.write(folder / "photo.png", make.image_bytes(make.photo_image(seed=7, width=630, height=810), "PNG"))
    # A Word file renamed to .pdf.
    make.write(folder / "cv.pdf", make.docx_bytes(CV_LINES))
    make.write(folder / "lmia.pdf", make.text_pdf(LMIA_PAGES))
    make.write(folder / "job-offer.pdf", make.text_pdf(OFFER_PAGES))
    # Reference letters scanned at 300 DPI with high quality: well over the 4 MB limit.
    make.write(folder / "employment-reference.pdf", make.scan_pdf(
        2, seed=300, width=2480, height=3508, dpi=300, noise=0.14, quality=85,
    ))
    make.write(folder / "education-diploma.pdf", make.scan_pdf(1, seed=400, noise=0.10, quality=75))


def ready_application(folder: Path) -> None:
    """A complete folder: every item present, forms validated, files within the limits."""
    _answers(folder, family="Ferreira", given="Lucas Mateus", born="1988-09-02", work=("2027-02-01", "2029-01-31"),
             representative=True)
    make.write(folder / "imm1295.pdf", make.xfa_form_pdf(
        "1295", edition="09-2023",
        datasets=make.imm1295_datasets(
            family_name="Ferreira", given_name="Lucas Mateus", dob="1988-09-02", passport="YB5550123",
            passport_expiry="2032-05-20", validated=True, malformed_amp=True,
        ),
    ))
    make.write(folder / "imm5645-family-information.pdf", make.xfa_form_pdf(
        "5645", edition="01-2021", dynamic=False,
        datasets=make.static_form_datasets("5645", "01-2021", {
            "page1/SectionA/Applicant/AppName": "FERREIRA, Lucas Mateus",
            "page1/SectionA/Applicant/AppDOB": "1988-09-02"}),
        acro_fields=["IMM_5645[0].page1[0].SectionA[0].Applicant[0].AppName[0]"],
    ))
    make.write(folder / "imm5476-representative.pdf", make.xfa_form_pdf(
        "5476", edition="11-2025", dynamic=False,
        datasets=make.static_form_datasets("5476", "11-2025", {
            "Page1/SectionA/familyName": "Ferreira", "Page1/SectionA/givenName": "Lucas Mateus",
            "Page1/SectionA/DOB": "1988-09-02"}),
        acro_fields=["IMM_5476[0].Page1[0].SectionA[0].familyName[0]"],
    ))
    holder = passports.Holder(surname="Ferreira", given_names="Lucas Mateus", number="YB5550123", country="BRA",
                              nationality="BRA", birth_date="880902", sex="M", expiry_date="320520")
    visa_pages = [make.scan_image(1275, 1650, seed=500 + page, noise=0.10) for page in (1, 2)]
    make.write(folder / "passport.pdf", passports.scanned_pdf(
        [passports.passport_scan(holder, dpi=150, seed=500), *visa_pages], dpi=150, quality=72))
    make.write(folder / "photo.jpg", make.jpeg_bytes(make.photo_image(seed=11), quality=88, taken="2026-10-15"))
    make.write(folder / "lmia.pdf", make.text_pdf(LMIA_PAGES))
    make.write(folder / "job-offer.pdf", make.text_pdf(OFFER_PAGES))
    make.write(folder / "cv.pdf", make.text_pdf([CV_LINES]))
    make.write(folder / "education.pdf", make.scan_pdf(2, seed=600, noise=0.08, quality=70))
    make.write(folder / "employment-reference.pdf", make.text_pdf([REFERENCE_LINES]))


CASES: dict[str, Callable[[Path], None]] = {
    "returned-application": returned_application,
    "ready-application": ready_application,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--expected", action="store_true", help="also rewrite <case>.expected.json from a scan")
    args = parser.parse_args()
    for name, build in CASES.items():
        folder = HERE / name
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir()
        build(folder)
        print(f"wrote {folder.relative_to(HERE.parent)}")
        if args.expected:
            report = subprocess.run(
                [sys.executable, "-m", "permit_check", "scan", f"examples/{name}", "--format", "json",
                 "--as-of", AS_OF, "--fail-on", "never"],
                cwd=HERE.parent, check=True, capture_output=True, text=True,
            ).stdout
            (HERE / f"{name}.expected.json").write_text(report, encoding="utf-8")
            print(f"wrote examples/{name}.expected.json")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
