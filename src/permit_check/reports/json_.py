"""The JSON report (schemas/report.schema.json): one folder's report, or a batch document for several."""

from __future__ import annotations

from permit_check.model import Batch
from permit_check.reports.options import RenderOptions
from permit_check.reports.pretty_json import dumps_indented
from permit_check.reports.visible import json_safe

# The $id of schemas/report.schema.json, which every JSON report names as its $schema.
REPORT_SCHEMA = "urn:permit-check:schema:report"


def render_json(batch: Batch, options: RenderOptions) -> str:
    del options  # the JSON report is always complete
    single = batch.single
    record = {"$schema": REPORT_SCHEMA, **(single.to_record() if single is not None else batch.to_record())}
    # Readable accents; controls and bidi characters of file names as escapes (json_safe).
    return json_safe(dumps_indented(record)) + "\n"
