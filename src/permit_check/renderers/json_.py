"""The JSON report (schemas/report.schema.json): deterministic, one document per folder."""

from __future__ import annotations

import json

from permit_check.model import Report


def render_json(report: Report, verbosity: int = 0) -> str:
    del verbosity  # the JSON report is always complete
    return json.dumps(report.to_record(), indent=2, ensure_ascii=False) + "\n"
