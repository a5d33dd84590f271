"""What a scan of the example folders costs: wall time and peak memory, beside baselines from the same run.

    python benchmarks/scan_examples.py [--repeat N]

Each command runs as its own process, --repeat times; the table shows the median wall time and the
largest peak resident memory. Baselines: the interpreter importing the CLI (the fixed cost of any
run) and `file --mime-type` over the same files (the floor for merely typing them).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CASES = ("returned-application", "ready-application")


def measure(command: list[str], repeat: int) -> tuple[float, float]:
    """(median seconds, peak resident MB) of running `command` `repeat` times."""
    times: list[float] = []
    peak_kb = 0
    for _ in range(repeat):
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        times.append(time.perf_counter() - start)
        peak_kb = max(peak_kb, usage.ru_maxrss)
        if os.waitstatus_to_exitcode(status) not in (0, 1):
            raise SystemExit(f"failed: {' '.join(command)}")
    return statistics.median(times), peak_kb / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    python = sys.executable
    rows: list[tuple[str, int, float, float]] = []
    startup = measure([python, "-c", "import permit_check.cli"], args.repeat)
    rows.append(("baseline: python + import permit_check.cli", 0, *startup))
    for case in CASES:
        folder = REPO / "examples" / case
        files = sorted(str(path) for path in folder.rglob("*") if path.is_file())
        size_mb = sum(Path(name).stat().st_size for name in files) / 1e6
        if shutil.which("file"):
            rows.append((f"baseline: file --mime-type ({case})", len(files),
                         *measure(["file", "--mime-type", "-b", *files], args.repeat)))
        for jobs in (1, 2):
            command = [python, "-m", "permit_check", "scan", f"examples/{case}", "--format", "json",
                       "--jobs", str(jobs), "--as-of", "2026-11-28"]
            rows.append((f"scan {case} ({size_mb:.1f} MB) --jobs {jobs}", len(files), *measure(command, args.repeat)))
    width = max(len(row[0]) for row in rows)
    print(f"{'command':<{width}}  files  median s  peak MB  x startup")
    for label, count, seconds, peak in rows:
        print(f"{label:<{width}}  {count:>5}  {seconds:>8.3f}  {peak:>7.1f}  {seconds / startup[0]:>9.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
