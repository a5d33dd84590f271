"""Speed and memory of permit-check on the benchmark corpus, each figure beside a baseline from the same run.

    python benchmarks/corpus.py      # once: writes benchmarks/.corpus (about 2,000 files, 600 MB)
    python benchmarks/run.py         # prints the table (make benchmark does both)

Every command is run --repeat times and the median is shown. Peak memory is the largest resident
set of any process of the scan (the parent or a worker), as the kernel reports it for waited-for
children.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "src"))

from permit_check.files.kind import HEAD_BYTES, identify_file  # noqa: E402 - after the path is set
from permit_check.files.walk import walk  # noqa: E402

SCAN = [sys.executable, "-m", "permit_check", "scan", "--type", "work-permit-outside-canada", "--format", "json",
        "--as-of", "2026-11-28", "--fail-on", "never"]


def timed(command: list[str], repeat: int, env: dict[str, str] | None = None) -> tuple[float, float]:
    """(median seconds, peak resident MB of the process tree) over `repeat` runs."""
    seconds, peak, _cpu = timed_with_cpu(command, repeat, env)
    return seconds, peak


def timed_with_cpu(command: list[str], repeat: int, env: dict[str, str] | None = None) -> tuple[float, float, float]:
    """(median seconds, peak resident MB of any one process of the tree, median CPU seconds of the whole tree)."""
    times, cpu, peak = [], [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        times.append(time.perf_counter() - start)
        cpu.append(usage.ru_utime + usage.ru_stime)  # the workers are waited for: their time is included
        peak = max(peak, usage.ru_maxrss)
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"failed: {' '.join(command)}")
    return statistics.median(times), peak / 1024, statistics.median(cpu)


def in_process(work: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def type_only(corpus: Path) -> None:
    for entry in walk(corpus):
        if entry.size is not None:
            identify_file(entry.absolute, entry.name, entry.size)


# One passport scan per this many corpus files: about one per application folder.
FILES_PER_PASSPORT = 100


def ocr_rows(corpus: Path, files: list[str], repeat: int) -> list[tuple[str, str, str]]:
    """Full-scan throughput with OCR on against off: the corpus plus passport bio-data pages, named
    passport-N.pdf (in the passport slot: their MRZ is read) or bio-N.pdf (same bytes, no slot: no OCR).
    The corpus is hard-linked, not copied. The two scans take turns, so that a machine busy with other
    work slows both alike; the CPU time of all their processes is shown too, as it varies less."""
    sys.path.insert(0, str(REPO))
    from tests import passports

    count = max(1, len(files) // FILES_PER_PASSPORT)
    scans = [passports.scanned_pdf([passports.passport_scan(passports.varied_holder(seed), dpi=200, seed=seed)])
             for seed in range(count)]
    runs: dict[str, list[tuple[float, float, float]]] = {"bio": [], "passport": []}
    with tempfile.TemporaryDirectory(dir=corpus.parent) as folder:
        for name in runs:
            root = Path(folder) / name
            for source in files:
                target = root / Path(source).relative_to(corpus)
                target.parent.mkdir(parents=True, exist_ok=True)
                os.link(source, target)
            for number, data in enumerate(scans):
                (root / f"{name}-{number}.pdf").write_bytes(data)
        for _ in range(repeat):
            for name in runs:
                runs[name].append(timed_with_cpu([*SCAN, str(Path(folder) / name), "--no-cache", "--jobs", "2"], 1))
    seconds = {name: statistics.median(run[0] for run in found) for name, found in runs.items()}
    peaks = {name: max(run[1] for run in found) for name, found in runs.items()}
    cpu = {name: statistics.median(run[2] for run in found) for name, found in runs.items()}
    total = len(files) + count
    drop = 1 - seconds["bio"] / seconds["passport"]
    return [
        (f"full scan + {count} passport scans, OCR off (unplaced), --jobs 2", f"{seconds['bio']:.3f} s",
         f"{total / seconds['bio']:.0f} files/s (baseline for the next row); CPU {cpu['bio']:.2f} s; "
         f"peak {peaks['bio']:.0f} MB"),
        (f"full scan + {count} passport scans, MRZ read by OCR, --jobs 2", f"{seconds['passport']:.3f} s",
         f"{total / seconds['passport']:.0f} files/s: {100 * drop:.1f}% slower (target <= 15%); "
         f"CPU {cpu['passport']:.2f} s (+{cpu['passport'] - cpu['bio']:.2f} s); "
         f"peak {peaks['passport']:.0f} MB (target <= 300 MB a worker)"),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=HERE / ".corpus")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only-ocr", action="store_true", help="only the OCR rows (and the baselines they need)")
    args = parser.parse_args()
    corpus: Path = args.corpus
    if not corpus.is_dir():
        raise SystemExit(f"no corpus at {corpus}: run python benchmarks/corpus.py first")
    # An installed package has its bytecode compiled; a source checkout may not (PYTHONDONTWRITEBYTECODE).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "src")], check=True)
    files = sorted(str(path) for path in corpus.rglob("*") if path.is_file())
    size_mb = sum(Path(name).stat().st_size for name in files) / 1e6
    rows: list[tuple[str, str, str]] = []
    if args.only_ocr:
        for label, value, note in ocr_rows(corpus, files, args.repeat):
            print(f"{label}  {value}  {note}")
        return 0

    file_s, _ = timed(["file", "--mime-type", "-b", *files], args.repeat) if shutil.which("file") else (0.0, 0.0)
    rows.append(("file --mime-type -b over every file (baseline)", f"{file_s:.3f} s", "1.00x"))
    bare, _ = timed([sys.executable, "-c", "pass"], args.repeat)
    rows.append(("python -c pass (a bare interpreter start)", f"{bare:.3f} s", ""))
    startup, _ = timed([sys.executable, "-c", "import permit_check.cli"], args.repeat)
    rows.append(("python + import permit_check.cli (fixed cost)", f"{startup:.3f} s",
                 f"{startup / bare:.2f}x a bare start (target <= 4x); {startup / file_s:.2f}x file"))
    # The import builds no parser: a whole start (the parser built in the run's language, nothing read) is this.
    version, _ = timed([sys.executable, "-m", "permit_check", "--version"], args.repeat)
    rows.append(("python -m permit_check --version (a whole start)", f"{version:.3f} s",
                 f"{version / bare:.2f}x a bare start"))
    typing = in_process(lambda: type_only(corpus), args.repeat)
    rows.append((f"type-only: walk, stat, libmagic on {HEAD_BYTES // 1024} KiB heads (in process)",
                 f"{typing:.3f} s", f"{typing / file_s:.2f}x file (target <= 1.5x)"))

    cold: dict[int, float] = {}
    peaks: dict[int, float] = {}
    default_jobs = len(os.sched_getaffinity(0))
    for jobs in sorted({1, 2, default_jobs}):
        seconds, peak = timed([*SCAN, str(corpus), "--no-cache", "--jobs", str(jobs)], args.repeat)
        cold[jobs], peaks[jobs] = seconds, peak
        rows.append((f"full scan, --jobs {jobs}, no cache", f"{seconds:.3f} s",
                     f"{len(files) / seconds:.0f} files/s; peak {peak:.0f} MB"))
    if 2 in cold:
        rows.append(("  --jobs 2 against --jobs 1", f"{cold[1] / cold[2]:.2f}x faster",
                     "target >= 1.6x and >= 550 files/s"))

    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "PERMIT_CHECK_CACHE_DIR": cache}
        filled, _ = timed([*SCAN, str(corpus), "--jobs", "2"], 1, env)
        warm, warm_peak = timed([*SCAN, str(corpus), "--jobs", "2"], args.repeat, env)
    rows.append(("first scan filling the cache, --jobs 2", f"{filled:.3f} s", f"{len(files) / filled:.0f} files/s"))
    rows.append(("re-scan of the unchanged corpus (cache)", f"{warm:.3f} s",
                 f"{warm / file_s:.2f}x file (target <= 2.5x); {warm / startup:.2f}x startup; peak {warm_peak:.0f} MB"))

    with tempfile.TemporaryDirectory() as folder:
        sys.path.insert(0, str(REPO))
        from tests import docfactory as make

        one, many = Path(folder) / "one", Path(folder) / "many"
        make.write(one / "scan.pdf", make.scan_pdf(1, seed=7, width=850, height=1100, quality=60))
        make.write(many / "scan.pdf", make.scan_pdf(300, seed=7, width=850, height=1100, quality=60))
        small, _ = timed([*SCAN, str(one), "--no-cache", "--jobs", "1"], args.repeat)
        large, _ = timed([*SCAN, str(many), "--no-cache", "--jobs", "1"], args.repeat)
        rows.append(("1-page scan, unplaced (text is read)", f"{small:.3f} s", ""))
        rows.append((f"300-page scan ({(many / 'scan.pdf').stat().st_size / 1e6:.0f} MB), unplaced",
                     f"{large:.3f} s", f"{large / small:.2f}x the 1-page scan"))

    rows.extend(ocr_rows(corpus, files, args.repeat))

    print(f"corpus: {len(files)} files, {size_mb:.0f} MB, in {corpus}; {default_jobs} cores")
    width = max(len(row[0]) for row in rows)
    for label, value, note in rows:
        print(f"{label:<{width}}  {value:>14}  {note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
