"""permit-check pack: one file per upload slot, under the size cap, originals untouched, with a manifest."""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests import docfactory as make
from tests.conftest import AS_OF, REPO, invoke, tree_state


def _copy(case: str, tmp_path: Path) -> Path:
    target = tmp_path / case
    shutil.copytree(REPO / "examples" / case, target)
    return target


def test_pack_fixes_what_packing_can_fix_and_leaves_originals_alone(tmp_path: Path) -> None:
    folder = _copy("returned-application", tmp_path)
    before = tree_state(folder)
    out = tmp_path / "upload"
    result = invoke("pack", folder, "--output", out, "--as-of", AS_OF)
    assert tree_state(folder) == before
    names = sorted(path.name for path in out.iterdir())
    assert names == ["application-form.pdf", "cv.docx", "education.pdf", "employment-reference.pdf",
                     "job-offer.pdf", "lmia.pdf", "passport.pdf", "permit-check-manifest.json", "photo.jpg"]
    assert "passport.pdf                     <- passport-page-1.jpg, passport-page-2.jpg" in result.stdout
    assert (out / "employment-reference.pdf").stat().st_size < 4 * 1024 * 1024 < (
        folder / "employment-reference.pdf").stat().st_size
    # What packing cannot fix remains: the form was never validated, and the family form is missing.
    assert result.exit_code == 1
    assert "IMM 1295 was never validated" in result.stdout and "Family Information" in result.stdout
    assert "PROBLEM  Passport" not in result.stdout and "PROBLEM  Digital photo" not in result.stdout
    rules = json.loads(invoke("scan", out, "--format", "json", "--type", "work-permit-outside-canada",
                              "--application", folder / "permit-check.toml", "--as-of", AS_OF).stdout)
    found = {finding["rule"] for finding in rules["findings"]}
    assert not found & {"passport.one-file", "photo.content-type", "cv.extension-mismatch",
                        "employment-reference.max-size"}


def test_manifest_records_inputs_and_outputs(tmp_path: Path) -> None:
    folder = _copy("returned-application", tmp_path)
    out = tmp_path / "upload"
    invoke("pack", folder, "--output", out, "--as-of", AS_OF)
    manifest = json.loads((out / "permit-check-manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["files"]:
        assert entry["sha256"] == hashlib.sha256((out / entry["output"]).read_bytes()).hexdigest()
        for source in entry["inputs"]:
            assert source["sha256"] == hashlib.sha256((folder / source["path"]).read_bytes()).hexdigest()
    passport = next(entry for entry in manifest["files"] if entry["item"] == "passport")
    assert passport["actions"] == ["merged 2 files into one PDF"]
    reference = next(entry for entry in manifest["files"] if entry["item"] == "employment-reference")
    assert reference["actions"] == ["scanned pages re-encoded at about 150 DPI to fit 4 MB"]
    form = next(entry for entry in manifest["files"] if entry["item"] == "application-form")
    assert form["sha256"] == form["inputs"][0]["sha256"]  # IRCC forms are copied byte for byte


def test_ready_folder_packs_ready(tmp_path: Path) -> None:
    folder = _copy("ready-application", tmp_path)
    result = invoke("pack", folder, "--output", tmp_path / "upload", "--as-of", AS_OF)
    assert result.exit_code == 0, result.stdout
    assert "READY TO SUBMIT" in result.stdout


def test_portal_cap_shrinks_a_real_multi_megabyte_scan(complete: Path, tmp_path: Path) -> None:
    make.write(complete / "passport.pdf", make.scan_pdf(2, seed=9, width=2480, height=3508, dpi=300, noise=0.1,
                                                        quality=85))
    assert (complete / "passport.pdf").stat().st_size > 2 * 1024 * 1024
    out = tmp_path / "upload"
    result = invoke("pack", complete, "--output", out, "--channel", "ircc-portal", "--as-of", AS_OF)
    assert result.exit_code == 0, result.stdout
    assert (out / "passport.pdf").stat().st_size <= 2 * 1024 * 1024
    assert "re-encoded at about 150 DPI to fit 2 MB" in result.stdout


def test_a_file_that_cannot_fit_is_not_written(complete: Path, tmp_path: Path) -> None:
    # A PDF whose bulk is not scanned pages (here: a page of 3 MB of content-stream comments) cannot be shrunk.
    comments = b"".join(b"%" + random.Random(line).randbytes(60).hex().encode() + b"\n" for line in range(25_000))
    data = make.raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                         b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
                         b"<< /Length %d >>\nstream\n" % len(comments) + comments + b"\nendstream"])
    make.write(complete / "passport.pdf", data)
    out = tmp_path / "upload"
    result = invoke("pack", complete, "--output", out, "--channel", "ircc-portal", "--as-of", AS_OF)
    assert result.exit_code == 1
    assert "NOT PACKED passport: still 2.9 MB, over the 2 MB limit" in result.stdout, result.stdout
    assert not (out / "passport.pdf").exists()
    manifest = json.loads((out / "permit-check-manifest.json").read_text(encoding="utf-8"))
    assert manifest["failed"][0]["item"] == "passport"


def test_forms_are_never_merged(complete: Path, tmp_path: Path) -> None:
    # A form and another document in one slot (two alternative forms keep one instead: see test_slots).
    make.write(complete / "family-information-notes.pdf", make.text_pdf(["Family information: additional notes"]))
    result = invoke("pack", complete, "--output", tmp_path / "upload", "--as-of", AS_OF)
    assert result.exit_code == 1
    assert "NOT PACKED family-information: imm5645.pdf is an IRCC form" in result.stdout, result.stdout


def test_output_folder_rules(complete: Path, tmp_path: Path) -> None:
    out = tmp_path / "upload"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    refused = invoke("pack", complete, "--output", out)
    assert refused.exit_code == 2 and "--force" in refused.stderr
    assert (out / "keep.txt").read_text(encoding="utf-8") == "mine"
    assert invoke("pack", complete, "--output", complete / "upload").exit_code == 2
    assert not (complete / "upload").exists()
    # --force replaces an earlier pack's output, never the user's own files.
    forced = invoke("pack", complete, "--output", out, "--force", "--as-of", AS_OF)
    assert forced.exit_code == 2 and "keep.txt" in forced.stderr
    assert (out / "keep.txt").read_text(encoding="utf-8") == "mine"
    again = tmp_path / "again"
    assert invoke("pack", complete, "--output", again, "--as-of", AS_OF).exit_code == 0
    assert invoke("pack", complete, "--output", again, "--force", "--as-of", AS_OF).exit_code == 0
    assert (again / "permit-check-manifest.json").is_file()


def test_output_never_lands_on_a_source(complete: Path, tmp_path: Path) -> None:
    out = tmp_path / "upload"
    assert invoke("pack", complete, "--output", out, "--as-of", AS_OF).exit_code == 0
    # A packed file linked back into the documents folder: --force would remove one of its names.
    (complete / "passport.pdf").unlink()
    os.link(out / "passport.pdf", complete / "passport.pdf")
    before = (complete / "passport.pdf").read_bytes()
    result = invoke("pack", complete, "--output", out, "--force", "--as-of", AS_OF)
    assert result.exit_code == 2 and result.stderr.count("\n") == 1, result.stdout + result.stderr
    assert "same file as passport.pdf" in result.stderr and "(a hard link or a bind mount)" in result.stderr
    assert (out / "passport.pdf").is_file() and (complete / "passport.pdf").read_bytes() == before
    # The documents folder under another path (a link above it): still the documents folder.
    alias = tmp_path / "alias"
    alias.symlink_to(complete.parent)
    inside = invoke("pack", complete, "--output", alias / complete.name / "upload")
    assert inside.exit_code == 2 and "outside the documents folder" in inside.stderr
    assert not (complete / "upload").exists()


def test_output_in_the_documents_folder_reached_through_a_bind_mount_is_refused(complete: Path, tmp_path: Path) -> None:
    """No link to resolve: the same folder, mounted a second time, is known by its device and inode."""
    mount = tmp_path / "mounted"
    mount.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "--bind", str(complete), str(mount)],
                                           capture_output=True, check=False).returncode != 0:
        pytest.skip("needs a bind mount (root, and a system that allows it)")
    try:
        inside = invoke("pack", complete, "--output", mount / "upload")
        assert inside.exit_code == 2 and "outside the documents folder" in inside.stderr
        containing = invoke("pack", mount, "--output", complete / "upload")
        assert containing.exit_code == 2 and "outside the documents folder" in containing.stderr
        assert not (complete / "upload").exists()
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_pictures_in_every_format_the_scan_knows_are_packed(tmp_path: Path) -> None:
    """A WebP photo and a GIF passport page are pictures, as the scan says ("convert it to JPEG"): pack converts
    them as it converts a PNG, instead of advising to save them as PDF like a Word file."""
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "photo.webp").write_bytes(make.image_bytes(make.photo_image(seed=3), "WEBP"))
    (folder / "passport.gif").write_bytes(make.image_bytes(make.photo_image(seed=4), "GIF"))
    out = tmp_path / "upload"
    result = invoke("pack", folder, "--output", out, "--type", "iec", "--as-of", AS_OF)
    assert "Word" not in result.stdout and "NOT PACKED" not in result.stdout
    # Pack shows only errors, and has no -q: it points to the scan for the rest.
    assert "-q hides" not in result.stdout and "; permit-check scan also shows " in result.stdout
    assert "photo.jpg                        <- photo.webp (converted to JPEG)" in result.stdout
    assert sorted(path.name for path in out.iterdir()) == ["passport.pdf", "permit-check-manifest.json", "photo.jpg"]


def test_the_scan_the_inspectors_and_pack_know_the_same_pictures() -> None:
    from permit_check.commands import pack
    from permit_check.files import inspectors, kind, letter_text
    from permit_check.rules.checks import upload

    assert pack.IMAGE_KINDS is kind.IMAGE_KINDS and upload.IMAGE_KINDS is kind.IMAGE_KINDS
    assert inspectors.IMAGE_KINDS is kind.IMAGE_KINDS
    assert kind.IMAGE_KINDS == letter_text.LETTER_IMAGE_KINDS


def _state(pid: int | str) -> str:
    """A process's state letter (R running, S sleeping, Z zombie...), '' once it is gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except (OSError, IndexError):
        return ""


def _waiting_on_a_worker(pid: int) -> bool:
    """The pack sleeps while a live worker builds a slot (not in the middle of forking one)."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return False
    return _state(pid) == "S" and any(_state(child) not in ("", "Z") for child in children)


def _pack_held_midway(folder: Path, out: Path) -> subprocess.Popen[str]:
    """A real pack process, frozen (SIGSTOP) once it has written its first upload file and while a worker
    builds another: the returned application has eight slots, each built in its own worker."""
    process = subprocess.Popen([sys.executable, "-m", "permit_check", "pack", str(folder), "--output", str(out),
                                "--as-of", AS_OF], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not (out.is_dir() and any(path.suffix in (".pdf", ".jpg") for path in out.iterdir())
               and _waiting_on_a_worker(process.pid)):
        assert process.poll() is None and time.monotonic() < deadline, "the pack never wrote a file"
        time.sleep(0.001)
    process.send_signal(signal.SIGSTOP)
    manifest = out / "permit-check-manifest.json"
    if manifest.exists() and json.loads(manifest.read_text(encoding="utf-8")).get("complete", True):
        process.kill()
        process.communicate(timeout=30)
        pytest.fail("the pack finished before it could be stopped")
    return process


@pytest.mark.parametrize(("stop", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_pack_stopped_midway_leaves_no_half_pack(tmp_path: Path, stop: signal.Signals, code: int) -> None:
    """A CI runner's SIGTERM or a Ctrl-C between two slots: what the stopped pack wrote goes, and a
    later --force pack replaces whatever is left."""
    folder = _copy("returned-application", tmp_path)
    out = tmp_path / "upload"
    process = _pack_held_midway(folder, out)
    process.send_signal(stop)
    process.send_signal(signal.SIGCONT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == code, stderr
    assert "Traceback" not in stderr
    assert not out.exists() or list(out.iterdir()) == []  # nothing that could pass for an upload-ready folder
    forced = invoke("pack", folder, "--output", out, "--force", "--as-of", AS_OF)
    assert forced.exit_code == 1 and "Upload files written to" in forced.stderr, forced.stderr
    assert len(json.loads((out / "permit-check-manifest.json").read_text(encoding="utf-8"))["files"]) == 8


def test_a_killed_pack_says_it_is_incomplete_and_force_replaces_it(tmp_path: Path) -> None:
    """SIGKILL (or a power cut) cannot be handled: the manifest, written before each file, says the pack
    is incomplete and lists what it wrote, so --force can remove it, a half-written temporary included."""
    folder = _copy("returned-application", tmp_path)
    out = tmp_path / "upload"
    process = _pack_held_midway(folder, out)
    process.kill()
    process.communicate(timeout=60)
    manifest = json.loads((out / "permit-check-manifest.json").read_text(encoding="utf-8"))
    assert manifest["complete"] is False
    written = {entry["output"] for entry in manifest["files"]}
    assert written and written | {"permit-check-manifest.json"} >= {path.name for path in out.iterdir()}
    some = sorted(written)[0]
    (out / f".{some}.0123456789abcdef.tmp").write_bytes(b"half")  # killed in the middle of writing a file
    forced = invoke("pack", folder, "--output", out, "--force", "--as-of", AS_OF)
    assert forced.exit_code == 1 and "Upload files written to" in forced.stderr, forced.stderr
    manifest = json.loads((out / "permit-check-manifest.json").read_text(encoding="utf-8"))
    assert manifest["complete"] is True and len(manifest["files"]) == 8
    assert not any(path.name.startswith(".") for path in out.iterdir())


def test_a_force_stopped_while_removing_the_earlier_pack_can_still_be_replaced(
        complete: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The earlier pack's manifest is removed last: a stop between two removals leaves it listing the rest."""
    from permit_check.commands import pack as pack_command

    out = tmp_path / "upload"
    assert invoke("pack", complete, "--output", out, "--as-of", AS_OF).exit_code == 0
    removed: list[str] = []
    unlink, count = Path.unlink, len(list(out.iterdir()))

    def stopped_before_the_last(path: Path, missing_ok: bool = False) -> None:
        if len(removed) == count - 1:
            raise KeyboardInterrupt
        removed.append(path.name)
        unlink(path, missing_ok=missing_ok)

    with monkeypatch.context() as patch:
        patch.setattr(Path, "unlink", stopped_before_the_last)
        with pytest.raises(KeyboardInterrupt):
            pack_command.prepare_output(out, complete, force=True)
    assert (out / "permit-check-manifest.json").is_file() and len(list(out.iterdir())) == 1
    assert invoke("pack", complete, "--output", out, "--force", "--as-of", AS_OF).exit_code == 0
