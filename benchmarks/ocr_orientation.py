"""Poor multi-page scans under the default --timeout: a 10-page scanned letter (`permit-check letter`, which
reads up to its first 6 pages) and a 10-page scanned language report in a PGWP folder (`scan`, which reads its
first 3 pages). Every page is upright but speckled, so Tesseract reads it with low confidence (about 72 of 100)
and the reader considers whether it is turned.

Each command runs --repeat times as a process of its own; the median wall time and the median CPU time of the
whole process tree are shown (CPU varies less on a busy machine), with whether the file was read at all
("timeout" when its worker was stopped at the time limit). --src runs another checkout's src (for a before and
after), and a long --timeout measures what a whole read costs:

    .venv/bin/python benchmarks/ocr_orientation.py [--repeat 3] [--src /tmp/old/src] [--timeout 120]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests import passports  # noqa: E402 - after the path is set
from tests import reportfactory as report  # noqa: E402

LETTER = """Following an examination of your application, I am not satisfied that you meet the requirements of the
Act and the Regulations for the reasons explained below. I am therefore refusing your application.
I am not satisfied that you will leave Canada at the end of your stay, as stipulated in paragraph 200(1)(b)
of the IRPR, based on your family ties in Canada and in your country of residence, your travel history and
your current employment situation.
You were not able to demonstrate that you will be able to adequately perform the work you seek.
"""
PGWP = """type = "pgwp"
[study]
level = "university"
"""


def run(command: list[str], repeat: int, env: dict[str, str]) -> tuple[float, float, str]:
    """(median wall seconds, median CPU seconds of the process and the workers it waited for, what the last run
    said: "read", "read its first N pages" when the letter's later pages did not fit in the time limit, or
    "timeout" when the file's worker was stopped at the time limit)."""
    walls, cpus, said = [], [], ""
    for _ in range(repeat):
        with tempfile.TemporaryFile("w+") as out:
            start = time.perf_counter()
            process = subprocess.Popen(command, stdout=out, stderr=out, env=env, text=True)
            _, _, usage = os.wait4(process.pid, 0)
            walls.append(time.perf_counter() - start)
            cpus.append(usage.ru_utime + usage.ru_stime)
            out.seek(0)
            answer = out.read()
            partial = re.search(r"Only its first (\d+) page", answer)
            said = ("timeout" if "could not be read within" in answer
                    else f"read its first {partial[1]} pages" if partial else "read")
    return statistics.median(walls), statistics.median(cpus), said


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--src", type=Path, default=REPO / "src", help="the src folder whose permit_check runs")
    parser.add_argument("--timeout", type=float, default=None,
                        help="passed to the commands (default: theirs); a long one measures a whole read")
    options = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(options.src.resolve())}
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        letter = folder / "letter.pdf"
        letter.write_bytes(passports.poor_letter_scan(LETTER * 3, pages=10))
        application = folder / "application"
        application.mkdir()
        (application / "permit-check.toml").write_text(PGWP, encoding="utf-8")
        report_lines = "\n".join(report.ielts_lines())
        (application / "ielts.pdf").write_bytes(passports.poor_letter_scan(report_lines, pages=10))
        python = [sys.executable, "-m", "permit_check"]
        rows = [
            ("letter, 10-page poor scan (up to 6 pages read)",
             [*python, "letter", str(letter), "--as-of", "2026-11-28"]),
            ("scan, 10-page poor report scan (3 pages read)",
             [*python, "scan", str(application), "--as-of", "2026-11-28", "--jobs", "1", "--no-cache"]),
        ]
        print(f"{'command':50} {'wall s':>7} {'CPU s':>7}  outcome")
        for label, command in rows:
            if options.timeout is not None:
                command = [*command, "--timeout", f"{options.timeout:g}"]
            wall, cpu, said = run(command, options.repeat, env)
            print(f"{label:50} {wall:7.2f} {cpu:7.2f}  {said}")


if __name__ == "__main__":
    main()
