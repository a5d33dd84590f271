"""The human report: one block per checklist item, each problem with its fix, then a verdict.

Several folders get one report each and a summary table. Colour only when asked (a terminal
without NO_COLOR, or --color); the words say everything the colours do. Quiet (-q) shows errors only,
and the summary says how many warnings and notes it left out, so that its counts match the page.
"""

from __future__ import annotations

from permit_check.model import Batch, Finding, ItemResult, ItemStatus, Report, Severity
from permit_check.reports.options import RenderOptions
from permit_check.reports.priority import names_file
from permit_check.reports.questions import open_questions
from permit_check.reports.visible import visible
from permit_check.reports.words import (
    batch_line,
    colon,
    not_ready_detail,
    plural,
    semicolon,
    severity_text,
    status_text,
    table_headers,
    words_in,
)

# The severity column: as wide as the longest label ("warning") plus the gap.
LABEL_WIDTH = 8
# The statuses an item block shows (the others are listed as not needed).
BLOCK_STATUSES = (ItemStatus.OK, ItemStatus.MISSING, ItemStatus.INVALID, ItemStatus.DEPENDS)
# ANSI SGR codes.
GREEN, RED, YELLOW, CYAN, BOLD, DIM = "32", "31", "33", "36", "1", "2"
STATUS_COLOURS = {ItemStatus.OK: GREEN, ItemStatus.MISSING: RED, ItemStatus.INVALID: RED}
SEVERITY_COLOURS = {Severity.ERROR: RED, Severity.WARNING: YELLOW, Severity.INFO: CYAN}


class _Paint:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, text: str, code: str | None) -> str:
        return f"\033[{code}m{text}\033[0m" if self.enabled and code else text


def _clean(text: str) -> str:
    """File names may hold newlines or escape codes; show them, never let them act on the terminal.

    Cleaned before it is coloured, so that the report's own colour codes are the only ones left."""
    return visible(text, keep="")


class _TextReport:
    def __init__(self, report: Report, options: RenderOptions) -> None:
        self.report = report
        self.verbosity = options.verbosity
        self.chosen_verbosity = options.chosen_verbosity
        self.letter_points = options.letter_points
        self.paint = _Paint(options.colour)
        self.files = {file.path: file for file in report.files}
        self.lang = report.lang
        self.words = words_in(report.lang)
        # The status column fits the language's longest status word of an item block, then one space.
        self.status_width = max(LABEL_WIDTH, *(len(status_text(status, self.lang)) for status in BLOCK_STATUSES))
        self.indent = " " * (2 + self.status_width + 1)
        self.least = Severity.ERROR if self.verbosity < 0 else Severity.INFO

    def finding_lines(self, finding: Finding, name_file: bool = False) -> list[str]:
        """The finding and its fix; `name_file` puts the file first when its item has several."""
        label = self.paint(f"{severity_text(finding.severity, self.lang):<{LABEL_WIDTH}}",
                           SEVERITY_COLOURS[finding.severity])
        message = finding.message
        if name_file and finding.path and not names_file(message, finding.path):
            message = f"{finding.path}{colon(self.lang)}{message}"
        return [f"{self.indent}{label} {_clean(message)}",
                f"{self.indent}{'':<{LABEL_WIDTH}} {self.words['fix']}{colon(self.lang)}{_clean(finding.hint)}"]

    def shown(self, findings: tuple[Finding, ...] | list[Finding]) -> list[Finding]:
        return [finding for finding in findings if finding.severity >= self.least]

    def has_problems(self, item: ItemResult) -> bool:
        """Errors on the item or its files (quiet shows nothing else)."""
        findings = [*item.findings, *(finding for path in item.files for finding in self.files[path].findings)]
        return any(finding.severity >= Severity.ERROR for finding in findings)

    def item_block(self, item: ItemResult) -> list[str]:
        status = self.paint(f"{status_text(item.status, self.lang):<{self.status_width}}",
                            STATUS_COLOURS.get(item.status))
        lines = [f"  {status} {_clean(item.title)}"]
        if item.files:
            lines.append(f"{self.indent}{', '.join(_clean(path) for path in item.files)}")
        several = len(item.files) > 1
        for finding in self.shown(item.findings):
            lines.extend(self.finding_lines(finding, several))
        for path in item.files:
            for finding in self.shown(self.files[path].findings):
                lines.extend(self.finding_lines(finding, several))
        if self.verbosity > 0 and item.condition:
            lines.append(f"{self.indent}{self.words['required']} {_clean(item.condition)}")
        return lines

    def summary(self) -> str:
        """The counts of what the page shows; quiet names what it left out, so that nothing is counted unseen."""
        report, words, lang = self.report, self.words, self.lang
        errors, warnings, notes = (report.count(severity) for severity in (Severity.ERROR, Severity.WARNING,
                                                                               Severity.INFO))
        suppressed = f"{semicolon(lang)}{report.suppressed} {words['known_from_baseline']}" if report.suppressed else ""
        files = f"{words['in']} {plural(len(report.files), 'file', lang)}"
        if self.verbosity < 0:
            hidden = [plural(count, noun, lang) for count, noun in ((warnings, "warning"), (notes, "note")) if count]
            what = f" {words['and']} ".join(hidden)
            not_shown = words["not_shown"] if self.chosen_verbosity else words["scan_shows"]
            left_out = f"{semicolon(lang)}{not_shown.format(what=what)}" if hidden else ""
            return f"{words['summary']}{colon(lang)}{plural(errors, 'error', lang)} {files}{left_out}{suppressed}."
        return (f"{words['summary']}{colon(lang)}{plural(errors, 'error', lang)}, {plural(warnings, 'warning', lang)},"
                f" {plural(notes, 'note', lang)} {files}{suppressed}.")

    def render(self) -> list[str]:
        report, words, lang = self.report, self.words, self.lang
        warnings = report.count(Severity.WARNING)
        out = [
            self.paint(f"permit-check {report.tool_version}{colon(lang)}{report.checklist.title}", BOLD),
            f"{words['folder']}{colon(lang)}{_clean(report.folder)} ({plural(len(report.files), 'file', lang)})   "
            f"{words['as_of']}{colon(lang)}{report.as_of}   {words['upload']}{colon(lang)}{report.channel_title}",
            "",
        ]
        general = self.shown([finding for finding in report.findings if finding.item is None and finding.path is None])
        for finding in general:
            out.extend(self.finding_lines(finding))
        if general:
            out.append("")
        applicable = [item for item in report.items if item.status not in (
            ItemStatus.NOT_APPLICABLE, ItemStatus.OPTIONAL, ItemStatus.DEPENDS) or item.files]
        shown = [item for item in applicable if self.verbosity >= 0 or self.has_problems(item)]
        for item in shown:
            out.extend(self.item_block(item))
        if self.verbosity < 0 and not shown and not report.open_questions():
            # -q hides warnings: an item missing as a warning (a CV, say) is not "in order".
            in_order = all(item.status not in (ItemStatus.MISSING, ItemStatus.INVALID) for item in applicable)
            out.append(f"  {words['all_in_order'] if in_order else words['no_item_error']}")
        out.extend(self.depends_block())
        others = [item for item in report.items if item not in applicable and item.status != ItemStatus.DEPENDS]
        if others and self.verbosity >= 0:
            out.append("")
            out.append(self.paint(f"{words['not_needed']}{colon(lang)}", DIM) + semicolon(lang).join(
                _clean(item.title) + (f" ({_clean(item.condition)})" if item.condition and self.verbosity > 0 else "")
                for item in others
            ))
        stray = [file for file in report.files if file.item is None and (self.verbosity >= 0 or any(
            finding.severity >= Severity.ERROR for finding in file.findings))]
        if stray:
            out += ["", f"{words['stray']}{colon(lang).rstrip()}"]
            for file in stray:
                out.append(f"  {_clean(file.path)}")
                for finding in self.shown(file.findings):
                    out.extend(self.finding_lines(finding))
        out.append("")
        out.append(self.summary())
        if report.ready and self.letter_points:
            out.append(self.paint(words["letter_open"].format(count=self.letter_points) + ".", f"{BOLD};{RED}"))
        elif report.ready:
            tail = f" ({plural(warnings, 'warning', lang)} {words['worth_a_look']})" if warnings else ""
            out.append(self.paint(f"{words['ready']}{tail}.", f"{BOLD};{GREEN}"))
        else:
            verdict = f"{words['not_ready']}{colon(lang)}{not_ready_detail(report)}"
            out.append(self.paint(verdict, f"{BOLD};{RED}"))
            if self.letter_points:
                out.append(words["letter_also"].format(count=self.letter_points))
        return out

    def depends_block(self) -> list[str]:
        """The unanswered questions that decide documents: each in words, where to answer it, what it decides.
        Shown even with --quiet: the folder is not ready until they are answered."""
        questions = open_questions(self.report)
        if not questions:
            return []
        words, separator = self.words, colon(self.lang)
        out = ["", self.paint(f"{words['depends']}{separator.rstrip()}", f"{BOLD};{YELLOW}")]
        for question in questions:
            out.append(f"  {self.paint(question.key, BOLD)}{separator}{question.text}")
            out.append(f"{self.indent}{words['answer_in']}{separator}{question.toml}")
            decides = semicolon(self.lang).join(_clean(title) for title in question.decides)
            out.append(f"{self.indent}{words['decides']}{separator}{decides}")
        return out


def _summary_table(batch: Batch, paint: _Paint) -> list[str]:
    lang = batch.lang
    words = words_in(lang)
    rows = [(report.folder, report.checklist.id, words["yes"] if report.ready else words["no"],
             str(report.count(Severity.ERROR)), str(report.count(Severity.WARNING))) for report in batch.reports]
    rows += [(error.folder, "-", words["error"], "-", "-") for error in batch.errors]
    header = table_headers(lang)
    widths = [max(len(_clean(row[column])) for row in [header, *rows]) for column in range(5)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(header, widths, strict=True)).rstrip()]
    for row in rows:
        colour = GREEN if row[2] == words["yes"] else RED
        cells = [_clean(cell).ljust(width) for cell, width in zip(row, widths, strict=True)]
        cells[2] = paint(cells[2], colour)
        lines.append("  ".join(cells).rstrip())
    ready = sum(1 for report in batch.reports if report.ready)
    lines.append(batch_line(len(rows), ready, len(batch.reports) - ready, len(batch.errors), lang))
    return lines


def render_text(batch: Batch, options: RenderOptions) -> str:
    paint = _Paint(options.colour)
    out: list[str] = []
    for index, report in enumerate(batch.reports):
        if index:
            out += ["", "=" * 78, ""]
        out.extend(_TextReport(report, options).render())
    if batch.errors:
        separator = colon(batch.lang)
        heading = f"{words_in(batch.lang)['could_not_scan']}{separator.rstrip()}"
        out += ["", heading] if out else [heading]
        out += [f"  {_clean(error.folder)}{separator}{_clean(error.message)}" for error in batch.errors]
    if len(batch.reports) + len(batch.errors) > 1:
        out += ["", "=" * 78, ""]
        out.extend(_summary_table(batch, paint))
    return "\n".join(out) + "\n"
