"""--redact: file and folder names replaced by stable hashes, so that a report can be shared with support."""

from __future__ import annotations

import hashlib
import posixpath
from dataclasses import replace

from permit_check.model import Batch, FileResult, Finding, FolderError, ItemResult, Report


def token(name: str, prefix: str = "file") -> str:
    """The same name always gives the same token; the extension stays, as it says what kind of file it is."""
    digest = hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest()[:10]
    extension = posixpath.splitext(name)[1].lower()
    return f"{prefix}-{digest}{extension if prefix == 'file' and len(extension) <= 6 else ''}"


class _Redactor:
    def __init__(self, report: Report) -> None:
        names = {file.path: token(file.path) for file in report.files}
        # Longest first, so that 'a/passport.pdf' is replaced before 'passport.pdf'.
        self.pairs = sorted(
            [*names.items(), *((posixpath.basename(path), value) for path, value in names.items())],
            key=lambda pair: len(pair[0]), reverse=True,
        )
        self.names = names

    def text(self, text: str) -> str:
        for original, replacement in self.pairs:
            if original:
                text = text.replace(original, replacement)
        return text

    def path(self, path: str | None) -> str | None:
        return None if path is None else self.names.get(path, token(path))

    def finding(self, finding: Finding) -> Finding:
        return replace(finding, path=self.path(finding.path), message=self.text(finding.message),
                       hint=self.text(finding.hint))

    def item(self, item: ItemResult) -> ItemResult:
        return replace(item, files=tuple(self.names[path] for path in item.files),
                       findings=tuple(map(self.finding, item.findings)))

    def file(self, file: FileResult) -> FileResult:
        return replace(file, path=self.names[file.path], findings=tuple(map(self.finding, file.findings)))


def redact(report: Report) -> Report:
    redactor = _Redactor(report)
    source = replace(report.type_source, checklist=None)  # the file's name said as "--checklist (redacted)"
    return replace(
        report,
        folder=token(report.folder, "folder"),
        type_source=source,
        items=tuple(map(redactor.item, report.items)),
        files=tuple(map(redactor.file, report.files)),
        findings=tuple(map(redactor.finding, report.findings)),
        details=(),  # a parser's words may quote the document
        folder_uri=None,  # the folder's full path names the user
    )


def redact_batch(batch: Batch) -> Batch:
    errors = tuple(FolderError(token(error.folder, "folder"), error.message.replace(error.folder, token(
        error.folder, "folder"))) for error in batch.errors)
    return replace(batch, reports=tuple(map(redact, batch.reports)), errors=errors)
