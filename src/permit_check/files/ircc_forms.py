"""IRCC form knowledge as data: titles, data paths of key fields, code lists, and the editions table; and
which IRCC form a file is (FormIdentity, read from its facts by ircc_form())."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from permit_check.errors import ConfigProblem
from permit_check.files.resources import checklists_dir, read_json_object
from permit_check.i18n import N_, Phrase, lines
from permit_check.model import FormRecord


@dataclass(frozen=True)
class FieldSpec:
    id: str
    label: str
    label_fr: str
    type: str
    paths: tuple[str, ...]
    parts: tuple[str, ...]
    codes: dict[str, str]
    required: bool

    def label_in(self, lang: str) -> str:
        """The field's label in `lang`: forms.json carries the French beside the English."""
        return {"fr": self.label_fr}.get(lang, self.label)


# Where one layout keeps each field: (paths tried in turn, year/month/day part paths).
Layout = dict[str, tuple[tuple[str, ...], tuple[str, ...]]]


@dataclass(frozen=True)
class FormSpec:
    """An IRCC form: its titles and where its key fields live.

    The fields' own paths are the current layout (alternatives tried in turn). An edition listed
    in `layouts` has its own layout; an edition older than `layout_from` has a layout not known
    field by field, so none of its fields is read.
    """

    number: str
    title: str
    title_fr: str
    validates: bool
    signature: tuple[str, ...]
    fields: tuple[FieldSpec, ...]
    layout_from: str | None = None
    layouts: dict[str, Layout] = field(default_factory=dict)

    def layout_for(self, edition: str | None) -> Layout | None:
        """Where this edition keeps its fields; None when its layout is not known."""
        if edition in self.layouts:
            return self.layouts[edition]
        if edition and self.layout_from and edition_key(edition) < edition_key(self.layout_from):
            return None
        return {spec.id: (spec.paths, spec.parts) for spec in self.fields}


@dataclass(frozen=True)
class Edition:
    latest: str
    confirmed: bool
    source: str

    @property
    def sort_key(self) -> tuple[int, int]:
        return edition_key(self.latest)


def edition_key(edition: str) -> tuple[int, int]:
    """'09-2023' -> (2023, 9), so that editions compare by date."""
    month, year = edition.split("-")
    return int(year), int(month)


@dataclass(frozen=True)
class FormIdentity:
    """Which IRCC form a file is, which edition, and what its data says: the one shape of a file's `ircc_form`
    facts. The inspectors make it and store it with to_facts(); every stage after them asks ircc_form(facts).

    `data` holds the key fields found in this form's layout (None where the applicant left them
    empty); `unread` names the fields whose place in this edition's layout is not known, so they
    were not read at all. `answered` is False only when the datasets hold no answer anywhere
    (None: no datasets to look at, e.g. a printed copy).
    """

    number: str
    edition: str | None
    language: str | None  # as the form says it: "E" or "F"
    evidence: str
    validated: bool | None
    data: dict[str, str | None] = field(default_factory=dict)
    edition_evidence: str | None = None
    answered: bool | None = None
    unread: tuple[str, ...] = ()
    layout_known: bool = True

    def to_facts(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "edition": self.edition,
            "language": self.language,
            "evidence": self.evidence,
            "edition_evidence": self.edition_evidence,
            "validated": self.validated,
            "answered": self.answered,
            "layout_known": self.layout_known,
            "unread": list(self.unread),
            "data": self.data,
        }

    @classmethod
    def from_facts(cls, form: Mapping[str, Any]) -> FormIdentity:
        """The form as to_facts() stored it (in the facts cache too)."""
        return cls(
            number=form["number"],
            edition=form.get("edition"),
            language=form.get("language"),
            evidence=form.get("evidence", ""),
            validated=form.get("validated"),
            data=dict(form.get("data") or {}),
            edition_evidence=form.get("edition_evidence"),
            answered=form.get("answered"),
            unread=tuple(form.get("unread") or ()),
            layout_known=form.get("layout_known", True),
        )

    @property
    def language_code(self) -> str | None:
        """'en' or 'fr', as reports say a language; None when the form does not say."""
        return {"E": "en", "F": "fr"}.get(self.language or "")

    def record(self) -> FormRecord:
        """The form as reports state it."""
        return FormRecord(self.number, self.edition, self.validated, self.language_code)


def ircc_form(facts: Mapping[str, Any]) -> FormIdentity | None:
    """Which IRCC form the file of these facts is; None for a file that is not one."""
    form = facts.get("ircc_form")
    return FormIdentity.from_facts(form) if form else None


def _read(path: Path, schema: str, what: str, *, bundled: bool = False) -> dict[str, Any]:
    """The table at `path`, checked against its schema unless it is the one bundled with the tool (which
    the test suite checks, as it checks the code: tests/contracts/test_schemas.py)."""
    data = read_json_object(path, what)
    if bundled:
        return data
    from permit_check.files.schema_validation import schema_problems  # jsonschema: only for a table of one's own

    problems = schema_problems(data, schema)
    if problems:
        raise ConfigProblem("{problems}", problems=lines([Phrase(N_("{file}: {problem}"), file=str(path), problem=line)
                                                          for line in problems]))
    return data


@cache
def known_forms() -> dict[str, FormSpec]:
    """Every IRCC form the tool can name, by number."""
    data = _read(checklists_dir() / "ircc" / "forms.json", "forms", "IRCC forms", bundled=True)
    code_lists: dict[str, dict[str, str]] = data.get("codes", {})
    forms: dict[str, FormSpec] = {}
    for number, raw in data["forms"].items():
        fields = tuple(
            FieldSpec(
                id=field_id,
                label=spec["label"],
                label_fr=spec.get("label_fr", spec["label"]),
                type=spec.get("type", "text"),
                paths=tuple(spec.get("paths", ())),
                parts=tuple(spec.get("parts", ())),
                codes=code_lists.get(spec.get("codes", ""), {}),
                required=bool(spec.get("required", False)),
            )
            for field_id, spec in raw.get("fields", {}).items()
        )
        layouts = {
            edition: {field_id: (tuple(where.get("paths", ())), tuple(where.get("parts", ())))
                      for field_id, where in layout.items()}
            for edition, layout in raw.get("layouts", {}).items()
        }
        forms[number] = FormSpec(number, raw["title"], raw.get("title_fr", raw["title"]),
                                 bool(raw.get("validates", False)),
                                 tuple(raw.get("signature", ())), fields,
                                 raw.get("layout_from"), layouts)
    return forms


def form_title(number: str, lang: str = "en") -> str | None:
    spec = known_forms().get(number)
    if spec is None:
        return None
    return {"fr": spec.title_fr}.get(lang, spec.title)  # forms.json carries the French beside the English


def default_editions_path() -> Path:
    return checklists_dir() / "ircc" / "editions.json"


@cache
def load_editions(path: Path | None = None) -> dict[str, Edition]:
    """The editions table: the bundled one, or a consultancy's own (--editions FILE)."""
    data = _read(path or default_editions_path(), "editions", "editions table", bundled=path is None)
    return {
        number: Edition(raw["latest"], bool(raw.get("confirmed", False)), raw.get("source", ""))
        for number, raw in data["forms"].items()
    }
