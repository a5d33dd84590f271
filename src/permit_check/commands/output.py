"""Where a command's output may go: checked before any work, written whole and never through a link."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from permit_check.errors import UsageProblem
from permit_check.files.os_words import shown_path
from permit_check.files.safe_write import append_to_regular_file, refuse_unless_regular, write_whole
from permit_check.i18n import N_, Phrase


def to_stdout(output: Path | None) -> bool:
    return output is None or str(output) == "-"


def check_output_file(output: Path | None) -> None:
    """Before any work: --output must name a regular file or a new name in an existing folder (`-` is stdout)."""
    if output is None or to_stdout(output):
        return
    # /dev/stdout is a link too: say how to print.
    refuse_unless_regular(output, f"--output {output}", hint=Phrase(N_(" (-o - prints the report)")))
    if not output.absolute().parent.is_dir():
        raise UsageProblem(N_("--output {output}: folder {parent} does not exist"),
                           output=output, parent=output.absolute().parent)


def check_output_not_input(output: Path | None, source: Path) -> None:
    """Before anything is read: --output is never the file the command reads, under its own name, another path
    to it or a hard link (the same device and inode), which the report would replace."""
    if output is None or to_stdout(output):
        return
    same = output.absolute() == source.absolute()
    if not same:
        try:
            written, read = output.stat(), source.stat()
        except OSError:  # no file there yet (or none to read: the command says so)
            return
        same = (written.st_dev, written.st_ino) == (read.st_dev, read.st_ino)
    if same:
        raise UsageProblem(N_("--output {output} is the file being read ({path}); write the report elsewhere"),
                           output=output, path=source)


def check_output_place(output: Path | None, folders: Sequence[Path]) -> None:
    """The report is never written inside a folder it reports on."""
    if output is None or to_stdout(output):
        return
    target = output.resolve()
    for folder in folders:
        if folder.is_dir() and target.is_relative_to(folder.resolve()):
            raise UsageProblem(N_("--output {output} is inside the scanned folder {folder}; write the report "
                                  "elsewhere"),
                               output=output, folder=folder)


def write_output_file(output: Path, text: str) -> None:
    """Writes the report whole (safe_write): a reader never sees half of it."""
    check_output_file(output)
    write_whole(output, text.encode("utf-8"), label=f"--output {output}")


def step_summary_file() -> Path | None:
    """The file GitHub Actions shows under the job (GITHUB_STEP_SUMMARY), checked like --output."""
    name = os.environ.get("GITHUB_STEP_SUMMARY")
    if not name:
        return None
    refuse_unless_regular(Path(name), f"GITHUB_STEP_SUMMARY {shown_path(name)}")
    return Path(name)


def append_job_summary(path: Path, markdown: str) -> None:
    append_to_regular_file(path, markdown, f"GITHUB_STEP_SUMMARY {shown_path(path)}")
