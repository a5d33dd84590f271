"""`permit-check letter`: what an IRCC letter is and asks for, and, with a folder, which of its points are done."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from permit_check.commands.options import DEFAULT_TYPE_FOR_LETTERS
from permit_check.commands.output import check_output_file, check_output_not_input, check_output_place
from permit_check.commands.result import EXIT_FINDINGS, EXIT_OK, CommandResult
from permit_check.commands.scan import ScanOptions, batch_of, exit_code, scan_folder
from permit_check.errors import PermitCheckError
from permit_check.files.letter_text import read_letter_file, read_letter_stdin
from permit_check.limits import Limits
from permit_check.reports import RENDERERS, RenderOptions
from permit_check.reports.letter import points_to_do, render_letter_json, render_letter_text
from permit_check.rules.checklist import load_checklist
from permit_check.rules.letters import classify, shared_item_titles


def letter(letter_path: Path, base: ScanOptions | None, *, type_id: str | None, format_: str,
           output: Path | None, lang: str | None, stdin: BinaryIO, limits: Limits,
           as_of: dt.date) -> CommandResult:
    """Reads the letter (`-`: its text from `stdin`), in the killable workers; `base` names the folder to check
    beside it, if any. The answer speaks `lang`, else the letter's own language; `as_of` (the CLI's day)
    says whether a review window has closed."""
    check_output_file(output)
    from_stdin = str(letter_path) == "-"
    if not from_stdin:
        check_output_not_input(output, letter_path)
    text, source, pages_read = ((read_letter_stdin(stdin), "text", None) if from_stdin
                                else read_letter_file(letter_path, limits))
    reading = replace(classify(text, lang), text_source=source, ocr_pages_read=pages_read)
    lang = lang or reading.language
    try:
        batch = None
        if base is not None:
            check_output_place(output, (base.folder,))
            scanned = scan_folder(replace(base, type=type_id, lang=lang))
            batch, loaded = batch_of((scanned.report,), base.as_of), scanned.checklist
        else:
            loaded = load_checklist(type_id or DEFAULT_TYPE_FOR_LETTERS, lang)
        report = batch.reports[0] if batch is not None else None
        titles = {**shared_item_titles(lang), **{item.id: item.title for item in loaded.items}}
        # Which items the permit type has is only known when the folder or --type names the type.
        in_checklist = frozenset(item.id for item in loaded.items) if base is not None or type_id else None
        name = "stdin" if from_stdin else letter_path.name
        if format_ == "json":
            answer = render_letter_json(name, reading, titles, report, as_of, in_checklist)
        else:
            answer = render_letter_text(name, reading, titles, report, lang, as_of, in_checklist)
            if batch is not None:
                # The folder's verdict counts the letter's open points: never "ready" while one remains.
                options = RenderOptions(letter_points=points_to_do(reading, report))
                answer += "\n" + RENDERERS["text"](batch, options)
    except PermitCheckError as error:
        error.lang = lang  # said in the language of the answer
        raise
    code = EXIT_OK
    if batch is not None and report is not None:
        code = max(exit_code(batch, "error"), EXIT_FINDINGS if points_to_do(reading, report) else EXIT_OK)
    return CommandResult(answer, code)
