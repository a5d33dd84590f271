"""iPhone photos (HEIC/HEIF): known by their bytes, read like any image, told how to convert, converted by pack."""

from __future__ import annotations

import io
import json
from pathlib import Path

from PIL import Image
from pypdf import PdfReader

from permit_check.files.kind import identify_bytes
from tests import docfactory as make
from tests.conftest import AS_OF, invoke, scan_json


def _heic(seed: int = 2, width: int = 840, height: int = 1080, taken: str | None = "2026-10-01") -> bytes:
    return make.heic_bytes(make.photo_image(seed=seed, width=width, height=height), taken=taken)


def test_heic_and_heif_are_known_by_their_bytes() -> None:
    data = _heic()
    assert identify_bytes("photo.jpg", data[:4096], len(data)).kind == "heic"  # the name does not decide
    # Phones write the HEIF brands too ("mif1": a still image, "msf1": a burst or Live Photo).
    for brand in (b"mif1", b"msf1"):
        other = data[:8] + brand + data[12:]
        assert identify_bytes("IMG_2041.HEIF", other[:4096], len(other)).kind == "heic"
    assert identify_bytes("IMG_2041.HEIF", data[:4096], len(data)).extension_matches


def test_a_heic_photo_in_the_photo_slot_is_told_to_become_jpeg(complete: Path) -> None:
    (complete / "photo.jpg").unlink()
    make.write(complete / "photo.heic", _heic())
    finding = scan_json(complete).finding("photo.content-type")
    assert finding["severity"] == "error" and "HEIC photo (iPhone format)" in finding["message"]
    assert "Convert it to JPEG" in finding["hint"] and "permit-check pack" in finding["hint"]


def test_a_heic_photo_named_jpg_gets_one_fix_that_pack_carries_out(complete: Path, tmp_path: Path) -> None:
    """Renaming it to .heic, what it really is, would not help: the slot refuses HEIC. Converting it is the fix."""
    make.write(complete / "photo.jpg", _heic())
    result = scan_json(complete)
    finding = result.finding("photo.content-type")
    assert "photo.jpg is named .jpg but is really a HEIC photo (iPhone format)" in finding["message"]
    assert "Convert it to JPEG" in finding["hint"] and "permit-check pack" in finding["hint"]
    about_it = [found for found in result.json()["findings"] if found["path"] == "photo.jpg"]
    assert not [found for found in about_it if ".heic" in found["hint"] or "rename" in found["hint"].lower()]
    assert "photo.extension-mismatch" not in result.rules()
    output = tmp_path / "upload"
    assert invoke("pack", complete, "--output", output, "--as-of", AS_OF).exit_code == 0
    with Image.open(output / "photo.jpg") as image:
        assert image.format == "JPEG"


def test_a_heic_photo_is_read_like_any_image(complete: Path) -> None:
    (complete / "photo.jpg").unlink()
    make.write(complete / "photo.heic", _heic(width=300, height=400, taken="2025-01-10"))
    result = scan_json(complete)
    assert "300 x 400 pixels" in result.finding("photo.min-pixels")["message"]
    # Its EXIF date was read: the photo's age is judged, not unknown.
    assert "photo.older-than-6-months" in result.rules() and "photo.date-unknown" not in result.rules()
    assert "HEIF" not in Image.OPEN  # the decoder was loaded in the worker that read the photo, not here


def test_an_iphone_photo_named_by_the_phone_says_what_it_is_and_how_to_convert(complete: Path) -> None:
    make.write(complete / "IMG_2041.HEIC", _heic())
    result = scan_json(complete)
    finding = result.finding("file.unrecognised-photo")
    assert finding["path"] == "IMG_2041.HEIC" and "HEIC photo (iPhone format)" in finding["message"]
    assert "convert it to JPEG" in finding["hint"] and "photo.jpg" in finding["hint"]
    assert "file.unrecognised" not in result.rules()


def test_a_damaged_heic_is_a_finding(complete: Path) -> None:
    make.write(complete / "photo-new.heic", make.truncated(_heic()))
    assert scan_json(complete).finding("photo.damaged")["path"] == "photo-new.heic"


def test_french_hint(complete: Path) -> None:
    (complete / "photo.jpg").unlink()
    make.write(complete / "photo.heic", _heic())
    finding = scan_json(complete, "--lang", "fr").finding("photo.content-type")
    assert "Convertissez-le en JPEG" in finding["hint"]


def test_pack_converts_heic_photo_to_jpeg_and_a_heic_scan_to_a_pdf_page(complete: Path, tmp_path: Path) -> None:
    (complete / "photo.jpg").unlink()
    (complete / "passport.pdf").unlink()
    make.write(complete / "photo.heic", _heic())
    make.write(complete / "passport.heic", make.heic_bytes(make.scan_image(1200, 1600, seed=5)))
    output = tmp_path / "upload"
    result = invoke("pack", complete, "--output", output, "--as-of", AS_OF)
    assert result.exit_code == 0, result.stdout + result.stderr
    written = {entry["output"]: entry for entry in
               json.loads((output / "permit-check-manifest.json").read_text(encoding="utf-8"))["files"]}
    photo = next(name for name in written if name.endswith(".jpg"))
    with Image.open(output / photo) as image:
        assert image.format == "JPEG" and image.size == (840, 1080)
    passport = next(name for name in written if "passport" in name)
    assert passport.endswith(".pdf")
    pages = PdfReader(io.BytesIO((output / passport).read_bytes())).pages
    assert len(pages) == 1 and len(list(pages[0].images)) == 1
    assert not list(output.glob("*.heic"))


def test_pack_keeps_when_the_photo_was_taken(complete: Path, tmp_path: Path) -> None:
    """The JPEG pack makes of a HEIC keeps its EXIF: the packed folder's photo still has a known age."""
    (complete / "photo.jpg").unlink()
    make.write(complete / "photo.heic", _heic(taken="2026-10-01"))
    output = tmp_path / "upload"
    result = invoke("pack", complete, "--output", output, "--as-of", AS_OF)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "When the photo was taken is not known" not in result.stdout
    with Image.open(output / "photo.jpg") as image:
        exif = image.getexif()
        assert exif.get(0x0132) == "2026:10:01 10:00:00" and exif.get(0x0112, 1) == 1
    packed = scan_json(output, "--application", complete / "permit-check.toml")
    assert "photo.date-unknown" not in packed.rules()


def test_pack_turns_a_sideways_photo_upright_and_says_so_in_its_exif(complete: Path, tmp_path: Path) -> None:
    """A PNG photo stored sideways with EXIF Orientation 6 becomes an upright JPEG whose EXIF says upright."""
    (complete / "photo.jpg").unlink()
    sideways = make.photo_image(seed=2).transpose(Image.Transpose.ROTATE_90)  # 1080 x 840 as stored
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x0132] = "2026:10:01 10:00:00"
    buffer = io.BytesIO()
    sideways.save(buffer, "PNG", exif=exif.tobytes())
    make.write(complete / "photo.png", buffer.getvalue())
    output = tmp_path / "upload"
    assert invoke("pack", complete, "--output", output, "--as-of", AS_OF).exit_code in (0, 1)
    with Image.open(output / "photo.jpg") as image:
        assert image.size == (840, 1080) and image.getexif().get(0x0112) == 1
        assert image.getexif().get(0x0132) == "2026:10:01 10:00:00"
