"""Tesseract (as permit-check uses it) against RapidOCR on the same generated MRZ images: how the engine was chosen.

RapidOCR is not a dependency: run this in a virtual environment that has it
(pip install rapidocr-onnxruntime, plus permit-check's own requirements):

    python benchmarks/ocr_engines.py --engine tesseract|rapidocr [--per-kind 4]

Each run prints one row of the table: | engine | documents | all fields right | median s/image | peak RSS MB |

RapidOCR finds the text lines itself (detection, then recognition of each line); its lines are parsed
by the same ICAO 9303 parser. Tesseract is permit-check's reader (zone finding, then per-cell reading).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from tests.passports import DAMAGE, damaged, mrz_lines, varied_holder

from permit_check.files.inspectors.passport_mrz import parse_mrz, read_lines, read_mrz

FIELDS = ("surname", "given_names", "number", "nationality", "birth_date", "sex", "expiry_date")


def rapidocr_reader() -> Any:
    import numpy as np
    from rapidocr_onnxruntime import RapidOCR

    engine = RapidOCR()

    def read(image: Any) -> dict[str, Any] | None:
        result, _elapsed = engine(np.asarray(image.convert("RGB")))
        lines = [text for _box, text, _score in sorted(result or [], key=lambda found: found[0][0][1])]
        return read_lines(lines)

    return read


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--per-kind", type=int, default=4)
    parser.add_argument("--engine", choices=("tesseract", "rapidocr"), required=True,
                        help="one engine per run, so that the memory figure is that engine's alone")
    args = parser.parse_args()
    engines: dict[str, Any] = {}
    if args.engine == "tesseract":
        engines["tesseract (permit-check)"] = lambda image: read_mrz([image])
    else:
        engines["rapidocr-onnxruntime"] = rapidocr_reader()
    for name, read in engines.items():
        right, total, times = 0, 0, []
        for kind_index, kind in enumerate(DAMAGE):
            for number in range(args.per_kind):
                seed = 1000 * kind_index + number
                holder = varied_holder(seed, "TD3")
                expected = parse_mrz(mrz_lines(holder), "TD3")
                image = damaged(holder, kind, seed)
                started = time.perf_counter()
                got = read(image)
                times.append(time.perf_counter() - started)
                total += 1
                right += bool(got and got["check_digits_valid"] and all(got[f] == expected[f] for f in FIELDS))
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"| {name} | {total} | {right}/{total} | {statistics.median(times):.2f} | {peak:.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
