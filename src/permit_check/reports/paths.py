"""Where a finding points for CI tools: the file's path joined to the folder as given on the command line."""

from __future__ import annotations

import hashlib
import posixpath
from urllib.parse import quote

from permit_check.model import Finding, Report

# RFC 3986 path characters kept as they are (letters, digits and "-._~" always are); ':' is escaped, since
# in a relative reference's first segment it would read as a scheme.
_PATH_SAFE = "/!$&'()*+,;=@"


def located(report: Report, path: str | None) -> str:
    """'clients/acme/passport.pdf'; the folder itself for findings about a missing item."""
    folder = report.folder.rstrip("/") or "."
    if path is None:
        return folder
    return path if folder == "." else posixpath.join(folder, path)


def uri_reference(path: str) -> str:
    """A relative path as a URI reference: 'passport (1).pdf' -> 'passport%20(1).pdf', 'a#b' -> 'a%23b'.

    A name that is not valid UTF-8 keeps its original bytes (surrogateescape), percent-encoded."""
    return quote(path.encode("utf-8", "surrogateescape"), safe=_PATH_SAFE)


def fingerprints(report: Report, findings: list[Finding]) -> list[str]:
    """One fingerprint per finding, distinct within the report: findings with the same rule, item and
    file (two open questions about the application) are told apart by their order."""
    seen: dict[str, int] = {}
    result = []
    for finding in findings:
        base = fingerprint(report, finding)
        count = seen.get(base, 0)
        seen[base] = count + 1
        result.append(base if count == 0 else hashlib.sha256(f"{base}\0{count}".encode()).hexdigest())
    return result


def fingerprint(report: Report, finding: Finding) -> str:
    """Stable across runs: the rule, the file (or item) and the folder, never the message, a date or a count."""
    key = "\0".join((report.folder, finding.rule, finding.item or "", finding.path or ""))
    return hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()
