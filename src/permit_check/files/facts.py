"""Turns one file the walk found (files/walk.py's Entry) into its facts: what the bytes are (files/kind.py) and
what is inside (files/inspectors/)."""

from __future__ import annotations

from typing import Any

from permit_check.files.inspectors import inspect
from permit_check.files.inspectors.problems import problem
from permit_check.files.kind import EXTENSION_KINDS, Identity, identify_file
from permit_check.files.walk import Entry


def name_facts(entry: Entry) -> dict[str, Any]:
    name = entry.name
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem:
        stem, extension = name, ""
    return {"path": entry.path, "name": name, "stem": stem, "extension": extension.lower()}


def for_another_name(content_facts: dict[str, Any], entry: Entry) -> dict[str, Any]:
    """Facts of the same content under this entry's name: what the name promises is recomputed."""
    facts = {**content_facts, **name_facts(entry)}
    if "kind" in facts and "mime" in facts:
        identity = Identity(facts["mime"], facts["kind"], facts["extension"], EXTENSION_KINDS.get(facts["extension"]))
        facts.update(extension_kind=identity.extension_kind, extension_matches=identity.extension_matches)
    return facts


def size_facts(size: int) -> dict[str, Any]:
    return {"size": size, "size_kb": round(size / 1000), "size_mb": round(size / 1_000_000, 1)}


def examine(entry: Entry) -> dict[str, Any]:
    """A JSON-safe facts dict for one entry; bad files yield a `problem`, never an exception."""
    facts = name_facts(entry)
    if entry.problem:
        facts["entry_problem"] = entry.problem
        return facts
    assert entry.size is not None  # regular files always carry their size
    facts.update(size_facts(entry.size))
    try:
        identity = identify_file(entry.absolute, entry.name, entry.size)
    except OSError as error:
        facts.update(kind="other", mime=None, extension_matches=True)
        facts["problem"] = problem("unreadable", error.strerror or type(error).__name__)
        return facts
    facts.update(
        mime=identity.mime,
        kind=identity.kind,
        extension_kind=identity.extension_kind,
        extension_matches=identity.extension_matches,
    )
    if identity.kind != "empty":
        facts.update(inspect(entry.absolute, identity.kind))
    return facts
