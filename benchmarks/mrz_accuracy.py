"""How exactly the MRZ reader reads generated passports, cards and visas, per kind of damage.

For every damage kind of tests/passports.py, PER_KIND documents (varied names, numbers, layouts) are
drawn, damaged and read; each of the 9 fields counts as right only when it equals what was printed
(worked out from the holder, not by parsing the printed MRZ with the reader's own parser). A read whose
check digits fail is never counted right ("not read"); "wrong but valid" counts reads whose check digits
hold on a wrong field. Time is the reading alone, per image: wall clock and the process's CPU time.

    .venv/bin/python benchmarks/mrz_accuracy.py [--per-kind 12] [--markdown]
    .venv/bin/python benchmarks/mrz_accuracy.py --varied 40    # a mixed set, one random damage each
    .venv/bin/python benchmarks/mrz_accuracy.py --look-alike-numbers   # numbers made of O/0, Q/9, G/6, ... only
    .venv/bin/python benchmarks/mrz_accuracy.py --scans 20     # CPU per page of benchmarks/run.py's passports
    .venv/bin/python benchmarks/mrz_accuracy.py --scans 20 --against ../other-checkout/src   # two readers in turn

The kind "small (200-400 px wide)" draws every layout (TD3, TD1, TD2, MRV-A, MRV-B) at a random width in that
range. The kind "MRZ in a scanned multi-page PDF" is a file, not an image (tests/passports.py's multi_page_scan: a
cover, then the holder's page, a visa page with a zone of its own and a page of stamps, in a random order): it is
read as a scan's worker reads a passport PDF, its page images decoded to grey (before timing) and every page read
(read_mrzs), the passport's or card's zone standing for the file before a visa's (the scan's own choice); its time
is that of the whole document. --varied draws from the image kinds only.

--scans reads the passport scans benchmarks/run.py --only-ocr adds to the corpus (200 DPI PDFs, decoded and read as
a scan's worker does), 3 times each, and prints the CPU time per page on one core; run it with PYTHONPATH pointing
at another checkout's src to compare two readers on the same machine, or with --against that src to time the other
checkout's reader module in the same process, page by page in turn with this one (the machine's load then falls on
both alike; the other module uses this checkout's glyphs, country codes and OCR engine).
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.passports import (
    DAMAGE,
    GIVEN,
    LOOK_ALIKE_GIVEN,
    LOOK_ALIKE_SURNAMES,
    SCANNED_FILES,
    SURNAMES,
    damaged,
    printed_fields,
    varied_holder,
)

from permit_check.files.gather import _zones
from permit_check.files.inspectors.page_images import page_images
from permit_check.files.inspectors.passport_mrz import read_mrz, read_mrzs

FIELDS = ("type", "issuing_country", "surname", "given_names", "number", "nationality", "birth_date", "sex",
          "expiry_date")
LAYOUT_CYCLE = ("TD3", "TD3", "TD3", "TD1", "TD2", "MRVA", "MRVB")
# The varied names, and names made of letters OCR confuses (LEE, ELLIE, LI FEI): the names are what no
# check digit protects, so the benchmark must draw the hard ones too.
BENCH_SURNAMES = SURNAMES + LOOK_ALIKE_SURNAMES
BENCH_GIVEN = GIVEN + LOOK_ALIKE_GIVEN


# Characters whose OCR-B glyphs look alike, and those that weigh alike in a check digit (9 and T, 6 and G): a
# number made of them is where the check digit misses most (two O read 0 at weights 7 and 3 cancel out).
LOOK_ALIKE_NUMBER_CHARACTERS = "0OQD1IT2Z5S6G8B9JMNHKX7"


def look_alike_number(seed: int) -> str:
    """A document number of 9 characters drawn from LOOK_ALIKE_NUMBER_CHARACTERS."""
    import random

    rng = random.Random(seed)
    return "".join(rng.choice(LOOK_ALIKE_NUMBER_CHARACTERS) for _ in range(9))


def varied(count: int) -> int:
    """A mixed set like the public specimens (scans, photos at an angle, rotated booklets, small images):
    how many are read fully right, and the median time per image."""
    import random

    rng = random.Random(90_210)
    kinds = list(DAMAGE)
    whole, times, peak = 0, [], 0.0
    for number in range(count):
        seed = 90_000 + number
        layout = rng.choice(LAYOUT_CYCLE)
        kind = rng.choice(kinds)
        holder = varied_holder(seed, layout, surnames=BENCH_SURNAMES, given=BENCH_GIVEN)
        expected = printed_fields(holder)
        image = damaged(holder, kind, seed)
        started = time.perf_counter()
        got = read_mrz([image])
        times.append(time.perf_counter() - started)
        right = bool(got and got["check_digits_valid"] and all(got[field] == expected[field] for field in FIELDS))
        whole += right
        wrong = [field for field in FIELDS if got and got[field] != expected[field]]
        print(f"{number + 1:2d}. {layout:4s} {kind:22s} {'right' if right else 'NOT READ' if not got else 'wrong'}"
              f"  {times[-1]:.2f} s {' '.join(wrong)}")
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\n{whole}/{count} fully right; median {statistics.median(times):.2f} s per image (one core); "
          f"peak memory {peak:.0f} MB (the process, engine loaded)")
    return 0


def scans(count: int, against: str = "") -> int:
    """CPU seconds per passport page of the scan benchmark (its PDFs decoded to grey and read), one core. With
    `against` (another checkout's src), its reader is read beside this one, page by page in turn, so that the
    machine's load falls on both alike."""
    from tests.passports import passport_scan, scanned_pdf

    from permit_check.files.inspectors.ocr import preload_ocr

    # Read as a scan's worker reads a passport PDF: every page and every bar on it (read_mrzs).
    readers = {"this reader": read_mrzs}
    if against:
        import importlib.util

        path = Path(against) / "permit_check" / "files" / "inspectors" / "passport_mrz.py"
        spec = importlib.util.spec_from_file_location("other_passport_mrz", path)
        assert spec is not None and spec.loader is not None, path
        other = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = other  # its dataclasses look their module up
        spec.loader.exec_module(other)
        readers[str(path)] = other.read_mrzs
    pdfs = [scanned_pdf([passport_scan(varied_holder(seed), dpi=200, seed=seed)]) for seed in range(count)]
    # Decoded before timing when readers are compared: the decoding is the same for both.
    pages = [list(page_images(io.BytesIO(data), "pdf", mode="L")) for data in pdfs] if against else None
    preload_ocr("eng")
    for read in readers.values():
        read(page_images(io.BytesIO(pdfs[0]), "pdf", mode="L"))  # the engine warmed before timing
    cpu: dict[str, list[float]] = {name: [] for name in readers}
    valid = dict.fromkeys(readers, 0)
    for repeat in range(3):
        for index, data in enumerate(pdfs):
            for name in list(readers)[::1 if repeat % 2 == 0 else -1]:
                started = time.process_time()
                got = readers[name](pages[index] if pages else page_images(io.BytesIO(data), "pdf", mode="L"))
                cpu[name].append(time.process_time() - started)
                valid[name] += bool(got and got[0]["check_digits_valid"])
    for name, times in cpu.items():
        print(f"{count} passport scans x 3 ({name}): CPU per page median {statistics.median(times):.4f} s, mean "
              f"{statistics.mean(times):.4f} s, max {max(times):.3f} s (one core); {valid[name]}/{len(times)} valid")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--per-kind", type=int, default=12)
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--only", default="")
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--varied", type=int, default=0,
                        help="instead: N documents of held-out seeds, each with a random damage and layout")
    parser.add_argument("--against", default="",
                        help="with --scans: another checkout's src, whose MRZ reader is timed beside this one")
    parser.add_argument("--look-alike-numbers", action="store_true",
                        help="every document number drawn from characters OCR-B draws alike (O and 0, Q and 9, ...)")
    parser.add_argument("--scans", type=int, default=0,
                        help="instead: CPU per page of N passport scans as benchmarks/run.py --only-ocr makes them")
    args = parser.parse_args()
    if args.scans:
        return scans(args.scans, args.against)
    if args.varied:
        return varied(args.varied)
    rows = []
    totals = {"fields": 0, "right": 0, "docs": 0, "whole": 0, "false_valid": 0}
    times: list[float] = []
    cpu_times: list[float] = []
    read_mrz([damaged(varied_holder(1), "clean 300 dpi scan", 1)])  # the engine loaded before timing
    for kind_index, kind in enumerate([*DAMAGE, *SCANNED_FILES]):
        if args.only and args.only not in kind:
            continue
        right = fields = whole = false_valid = unread = 0
        for number in range(args.per_kind):
            seed = 1000 * kind_index + number
            layout = LAYOUT_CYCLE[number % len(LAYOUT_CYCLE)]
            holder = varied_holder(seed, layout, surnames=BENCH_SURNAMES, given=BENCH_GIVEN)
            if args.look_alike_numbers:
                holder = dataclasses.replace(holder, number=look_alike_number(seed))
            expected = printed_fields(holder)
            if kind in SCANNED_FILES:
                pages = list(page_images(io.BytesIO(SCANNED_FILES[kind](holder, seed)), "pdf", mode="L"))
                started, cpu_started = time.perf_counter(), time.process_time()
                got = _zones(read_mrzs(pages), len(pages), [])["mrz"]
            else:
                image = damaged(holder, kind, seed)
                started, cpu_started = time.perf_counter(), time.process_time()
                got = read_mrz([image])
            times.append(time.perf_counter() - started)
            cpu_times.append(time.process_time() - cpu_started)
            valid = bool(got and got["check_digits_valid"])
            if not valid:
                unread += 1
                got = None
            correct = [bool(got) and got[field] == expected[field] for field in FIELDS]  # type: ignore[index]
            if valid and not all(correct):
                false_valid += 1
            right += sum(correct)
            fields += len(FIELDS)
            whole += all(correct)
            if not all(correct) and args.verbose:
                print(kind, layout, expected, got and got["lines"], file=sys.stderr)
        rows.append((kind, args.per_kind, whole, right, fields, unread, false_valid))
        for key, value in zip(("docs", "whole", "right", "fields", "false_valid"),
                              (args.per_kind, whole, right, fields, false_valid), strict=True):
            totals[key] += value
    header = "| damage | documents | all fields right | fields right | not read | wrong but valid |"
    print(header)
    print("|---|---:|---:|---:|---:|---:|")
    for kind, docs, whole, right, fields, unread, false_valid in rows:
        print(f"| {kind} | {docs} | {whole}/{docs} | {100 * right / fields:.1f}% | {unread} | {false_valid} |")
    print(f"| **all** | {totals['docs']} | {totals['whole']}/{totals['docs']} | "
          f"{100 * totals['right'] / max(1, totals['fields']):.1f}% | | {totals['false_valid']} |")
    print(f"\nper image (one core): wall median {statistics.median(times):.3f} s, mean {statistics.mean(times):.3f} s, "
          f"max {max(times):.3f} s; CPU median {statistics.median(cpu_times):.3f} s, "
          f"mean {statistics.mean(cpu_times):.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
