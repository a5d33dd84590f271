"""What a built-in check is: a rule id suffix, a severity, its message and hint (English, the catalogue's ids, with
{placeholders}) and its rank in what to fix first; the function that finds it sits beside it in its family's
module."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from permit_check.model import Context, Finding, FixFirst, Severity

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


@dataclass(frozen=True)
class Check:
    """One built-in check. Its rule id is `<item>.<suffix>` when the file or item belongs to a checklist
    item, else `<scope>.<suffix>` (`file.` for files, `application.` for the folder as a whole). A check
    that is not `per_item` is always `<scope>.<suffix>`: one rule whichever item its finding is about
    (`identity.family-name` compares documents of several items)."""

    suffix: str
    severity: Severity
    message: str
    hint: str
    scope: str = "file"
    per_item: bool = True
    # What every finding of the check finds, said once (CI formats describe each rule once), for a message that
    # is mostly values; None: the message, its values left out, says it.
    summary: str | None = None
    # Where its findings come in what to fix first (reports/priority.py orders by it): required, so that a new
    # check says it rather than falling silently to the end.
    rank: FixFirst = field(kw_only=True)

    def finding(self, context: Context, *, item: str | None, path: str | None, severity: Severity | None = None,
                message: str | None = None, hint: str | None = None, **values: object) -> Finding:
        """The finding, said in the context's language; `message` and `hint` replace the check's own (already
        translated)."""
        return Finding(
            rule=f"{item if item and self.per_item else self.scope}.{self.suffix}",
            severity=severity or self.severity,
            message=(message or context._(self.message)).format(path=path, **values),
            hint=(hint or context._(self.hint)).format(path=path, **values),
            item=item,
            path=path,
            rank=self.rank,
        )


def listed(values: Sequence[str], conjunction: str) -> str:
    """'a, b or c' / 'a, b and c' (the conjunction already in the report's language)."""
    return ", ".join(values[:-1]) + f" {conjunction} {values[-1]}" if len(values) > 1 else values[0]
