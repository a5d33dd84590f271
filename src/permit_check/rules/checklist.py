"""Loads checklists: validates them against the meta-schema, resolves `extends`, lists the built-in ones."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from permit_check.errors import ConfigProblem, UsageProblem
from permit_check.files.configfile import excerpt
from permit_check.files.patterns import Pattern, PatternError, compile_pattern
from permit_check.files.resources import checklists_dir, read_json_object
from permit_check.i18n import N_, Phrase, lines, translations
from permit_check.model import Severity
from permit_check.rules.conditions import Outcome, decide
from permit_check.rules.fastschema import Predicate, compile_schema

MAX_EXTENDS_DEPTH = 8


@dataclass(frozen=True)
class Rule:
    """A finding that is raised when a file's (or the application's) facts do not fit `schema`."""

    id: str
    severity: Severity
    message: str
    hint: str
    schema: Any
    when: Any
    sources: tuple[str, ...]
    item: str | None = None
    eligibility: bool = False  # decides whether the applicant is eligible at all
    summary: str | None = None  # what every finding of the rule finds, without its values (CI formats)

    @cached_property
    def _check(self) -> Predicate:
        return predicate(self.schema)

    @cached_property
    def _when(self) -> Predicate | None:
        return None if self.when is None else predicate(self.when)

    def condition(self, application_facts: dict[str, Any]) -> Outcome:
        """Whether the rule applies: true, false, or unknown while a question its `when` reads is open."""
        if self._when is None:
            return Outcome(True)
        return decide(self.when, self._when, application_facts)

    def applies(self, application_facts: dict[str, Any]) -> bool:
        """Only a rule known to apply may raise a finding: an error is never raised on a guess."""
        return self.condition(application_facts).value is True

    def holds(self, facts: dict[str, Any]) -> bool:
        """True when the facts fit the schema, i.e. there is nothing to report."""
        return self._check(facts)


@dataclass(frozen=True)
class Item:
    id: str
    title: str
    description: str
    required: bool
    condition: Any
    condition_text: str | None
    missing_severity: Severity
    missing_hint: str
    forms: tuple[str, ...]
    names: tuple[str, ...]
    text: tuple[Pattern, ...]
    kinds: tuple[str, ...]
    multiple: bool
    read_text: bool
    rules: tuple[Rule, ...]
    sources: tuple[str, ...]
    exclude: tuple[str, ...] = ()  # names that are another person's document, never this item's

    @cached_property
    def _condition(self) -> Predicate | None:
        return None if self.condition is None else predicate(self.condition)

    def requirement(self, application_facts: dict[str, Any]) -> Outcome:
        """Whether the item is required: true, false, or unknown while a deciding question is open."""
        if self._condition is not None:
            return decide(self.condition, self._condition, application_facts)
        return Outcome(self.required)

    def is_required(self, application_facts: dict[str, Any]) -> bool:
        return self.requirement(application_facts).value is True


@dataclass(frozen=True)
class Channel:
    id: str
    title: str
    max_bytes: int | None
    kinds: tuple[str, ...]
    one_file_per_slot: bool


@dataclass(frozen=True)
class Checklist:
    id: str
    version: str
    title: str
    description: str
    abstract: bool
    origin: str
    main_forms: tuple[str, ...]
    sources: tuple[dict[str, Any], ...]
    channels: dict[str, Channel]
    forms: dict[str, str]
    file_rules: tuple[Rule, ...]
    application_rules: tuple[Rule, ...]
    items: tuple[Item, ...]
    extends: tuple[str, ...]
    applying_from: str | None = None  # "outside" | "inside" when the permit type decides it

    def item(self, item_id: str) -> Item:
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def application_forms(self) -> tuple[str, ...]:
        """The IRCC forms that are the application itself (IMM 1295, IMM 5710): they fill in the case."""
        for item in self.items:
            if item.id == "application-form":
                return item.forms
        return self.main_forms


_PREDICATES: dict[str, Predicate] = {}


def _guarded(check: Predicate) -> Predicate:
    """A schema that recurses without end (a reference loop that validation missed) is a bad checklist,
    not an internal error."""

    def guarded(facts: dict[str, Any]) -> bool:
        try:
            return check(facts)
        except RecursionError:
            raise ConfigProblem(N_("a checklist rule's schema refers to itself in a loop")) from None

    return guarded


def predicate(schema: Any) -> Predicate:
    """A compiled check for a rule or condition schema: the fast path where the schema is plain,
    jsonschema otherwise; one per distinct schema."""
    key = json.dumps(schema, sort_keys=True)
    found = _PREDICATES.get(key)
    if found is None:
        found = compile_schema(schema)
        if found is None:
            from permit_check.files.schema_validation import validator  # jsonschema: only for an unusual schema

            found = _guarded(validator(schema).is_valid)
        _PREDICATES[key] = found
    return found


# --------------------------------------------------------------------------- finding and reading files


def builtin_ids() -> list[str]:
    """Ids of the bundled checklists, abstract bases included."""
    return sorted(path.stem for path in checklists_dir().glob("*.json"))


def names_a_file(reference: str) -> bool:
    """Whether a checklist reference is a path (a checklist of one's own), not a built-in id."""
    return reference.endswith(".json") or "/" in reference


def _locate(reference: str, relative_to: Path | None) -> Path:
    """A checklist by built-in id, or by path (relative to the checklist that names it)."""
    if names_a_file(reference):
        path = Path(reference)
        if not path.is_absolute() and relative_to is not None:
            path = relative_to.parent / path
        return path
    path = checklists_dir() / f"{reference}.json"
    if reference not in builtin_ids():  # not path.exists(): a 100,000-character name is an OSError there
        # The name shown once made printable (excerpt), quoted as the language quotes: never repr() of it, which
        # doubled each escape ('\\x1b').
        raise UsageProblem(N_("unknown checklist '{name}'; available: {types}"), name=excerpt(reference),
                           types=", ".join(available_types()))
    return path


def problems_in(data: dict[str, Any]) -> list[str]:
    """Every way a raw checklist breaks the meta-schema or carries an invalid embedded schema.

    Each problem starts with the JSON pointer of the offending place.
    """
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError

    from permit_check.files.schema_validation import describe, schema_problems, unsafe_parts

    found: list[str] = list(schema_problems(data, "checklist"))
    if found:
        return found
    for pointer, owner, schema in _embedded_schemas(data):
        try:
            Draft202012Validator.check_schema(schema)
        except SchemaError as error:
            where = "/".join(str(part) for part in error.path)
            found.append(Phrase(N_("{where}: not a valid JSON Schema ({owner}): {key} {problem}"), where=pointer,
                                owner=owner, key=where or Phrase(N_("schema")), problem=describe(error)))
            continue
        found += [Phrase(N_("{problem} ({owner})"), problem=problem, owner=owner)
                  for problem in unsafe_parts(schema, pointer)]
    for index, item in enumerate(data.get("items", [])):
        for pattern_index, pattern in enumerate(item.get("match", {}).get("text", [])):
            try:
                compile_pattern(pattern)
            except PatternError as error:
                found.append(Phrase(N_("{where}: this pattern {problem}"), problem=Phrase(str(error)),
                                    where=f"/items/{index}/match/text/{pattern_index}"))
    ids = [item["id"] for item in data.get("items", [])]
    for duplicate in sorted({item_id for item_id in ids if ids.count(item_id) > 1}):
        found.append(Phrase(N_("{where}: item id {id} appears more than once"), where="/items", id=repr(duplicate)))
    for index, item in enumerate(data.get("items", [])):
        rule_ids = [rule["id"] for rule in item.get("rules", [])]
        for duplicate in sorted({rule_id for rule_id in rule_ids if rule_ids.count(rule_id) > 1}):
            found.append(Phrase(N_("{where}: rule id {id} appears more than once"), where=f"/items/{index}/rules",
                                id=repr(duplicate)))
    return found


def _owner(kind: str, owner_id: Any) -> Phrase:
    """The rule or item an embedded schema belongs to, by its id (the meta-schema keeps ids short and plain)."""
    return Phrase(N_("rule {id}") if kind == "rule" else N_("item {id}"), id=repr(excerpt(str(owner_id))))


def _embedded_schemas(data: dict[str, Any]) -> list[tuple[str, Phrase, Any]]:
    """(JSON pointer, what it belongs to, schema) for every rule schema and condition in a raw checklist."""
    found: list[tuple[str, Phrase, Any]] = []
    for group in ("file_rules", "application_rules"):
        for index, rule in enumerate(data.get(group, [])):
            found.append((f"/{group}/{index}/schema", _owner("rule", rule["id"]), rule["schema"]))
            if "when" in rule:
                found.append((f"/{group}/{index}/when", _owner("rule", rule["id"]), rule["when"]))
    for index, item in enumerate(data.get("items", [])):
        if isinstance(item.get("required"), dict):
            found.append((f"/items/{index}/required/when", _owner("item", item["id"]), item["required"]["when"]))
        for rule_index, rule in enumerate(item.get("rules", [])):
            found.append((f"/items/{index}/rules/{rule_index}/schema", _owner("rule", rule["id"]), rule["schema"]))
            if "when" in rule:
                found.append((f"/items/{index}/rules/{rule_index}/when", _owner("rule", rule["id"]), rule["when"]))
    return found


# --------------------------------------------------------------------------- extends


def _merge(base: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """The child over its base: items named by the child come first, in its order, each merged over
    the base item of the same id; the base's other items follow; `drop` removes items."""
    merged = {**base, **{key: value for key, value in child.items() if key not in ("items", "drop")}}
    for key in ("channels", "forms"):
        merged[key] = {**base.get(key, {}), **child.get(key, {})}
    sources = {source["id"]: source for source in base.get("sources", [])}
    sources.update({source["id"]: source for source in child.get("sources", [])})
    merged["sources"] = list(sources.values())
    for key in ("file_rules", "application_rules"):
        rules = {rule["id"]: rule for rule in base.get(key, [])}
        rules.update({rule["id"]: rule for rule in child.get(key, [])})
        merged[key] = list(rules.values())
    base_items = {item["id"]: item for item in base.get("items", [])}
    child_ids = {item["id"] for item in child.get("items", [])}
    dropped = set(child.get("drop", []))
    items = [_merge_item(base_items.get(item["id"], {}), item) for item in child.get("items", [])]
    items += [item for item in base.get("items", []) if item["id"] not in child_ids]
    merged["items"] = [item for item in items if item["id"] not in dropped]
    merged["abstract"] = child.get("abstract", False)
    merged.pop("extends", None)
    return merged


def _merge_item(base: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """The child's keys over the base item's; their French texts merge the same way."""
    merged = {**base, **child}
    if "fr" in base or "fr" in child:
        merged["fr"] = {**base.get("fr", {}), **child.get("fr", {})}
    return merged


def _resolve(path: Path, chain: tuple[str, ...], *, built_in: bool = False) -> tuple[dict[str, Any], tuple[str, ...]]:
    """The checklist at `path` merged over the ones it extends. A checklist of one's own is validated; a
    built-in one is part of the tool, checked by the test suite as the code is (tests/contracts/test_schemas.py),
    and not again at every run (validating it, jsonschema included, would cost more than re-scanning a
    folder from the cache)."""
    data = read_json_object(path, "checklist")
    problems = [] if built_in else problems_in(data)
    if problems:
        raise ConfigProblem("{problems}", problems=lines([Phrase(N_("{file}: {problem}"), file=str(path), problem=line)
                                                          for line in problems]))
    parent = data.get("extends")
    if not parent:
        return data, chain
    if len(chain) >= MAX_EXTENDS_DEPTH or parent in chain:
        raise ConfigProblem(N_("{path}: /extends: {parent} leads to a cycle or a chain deeper than {depth}"), path=path,
                            parent=repr(excerpt(parent)), depth=MAX_EXTENDS_DEPTH)
    try:
        parent_path = _locate(parent, path)
    except UsageProblem as error:
        raise ConfigProblem(N_("{path}: /extends: {error}"), path=path, error=error.phrase()) from error
    base, parents = _resolve(parent_path, (*chain, parent), built_in=not names_a_file(parent))
    return _merge(base, data), parents


# --------------------------------------------------------------------------- building

# The languages a checklist entry may carry texts in, beside its English (an "fr" object).
TRANSLATED = frozenset({"fr"})
ADD_THE_DOCUMENT = N_("Add the {title} to the folder.")


def _localised(raw: dict[str, Any], lang: str) -> dict[str, Any]:
    """The entry with its texts in `lang` (its "fr" object for French) in place of the English ones: the
    data carries its own translations."""
    french = raw.get(lang) if lang in TRANSLATED else None
    if not isinstance(french, dict):
        return raw
    localised = {**raw, **{key: value for key, value in french.items() if key != "condition"}}
    if "condition" in french and isinstance(raw.get("required"), dict):
        localised["required"] = {**raw["required"], "description": french["condition"]}
    return localised


def _rule(raw: dict[str, Any], lang: str) -> Rule:
    raw = _localised(raw, lang)
    return Rule(
        id=raw["id"],
        severity=Severity.parse(raw["severity"]),
        message=raw["message"],
        hint=raw["hint"],
        schema=raw["schema"],
        when=raw.get("when"),
        sources=tuple(raw.get("sources", ())),
        item=raw.get("item"),
        eligibility=bool(raw.get("eligibility", False)),
        summary=raw.get("summary"),
    )


def _text_patterns(patterns: list[str]) -> tuple[Pattern, ...]:
    """One alternation per item: one pass over the text instead of one per pattern (RE2, linear in the text)."""
    if not patterns:
        return ()
    return (compile_pattern("|".join(f"(?:{pattern})" for pattern in patterns), ignore_case=True),)


def _item(raw: dict[str, Any], origin: str, lang: str) -> Item:
    raw = _localised(raw, lang)
    for key in ("title", "required"):
        if key not in raw:
            raise ConfigProblem(N_("{origin}: item {item} has no {key}, even after extends"),
                                origin=origin, item=repr(raw['id']), key=repr(key))
    required = raw["required"]
    match = raw.get("match", {})
    return Item(
        id=raw["id"],
        title=raw["title"],
        description=raw.get("description", ""),
        required=bool(required) if isinstance(required, bool) else True,
        condition=required["when"] if isinstance(required, dict) else None,
        condition_text=required["description"] if isinstance(required, dict) else None,
        missing_severity=Severity.parse(raw.get("missing_severity", "error")),
        missing_hint=raw.get("missing_hint", translations(lang).gettext(ADD_THE_DOCUMENT).format(title=raw["title"])),
        forms=tuple(match.get("forms", ())),
        names=tuple(pattern.lower() for pattern in match.get("names", ())),
        text=_text_patterns(match.get("text", ())),
        kinds=tuple(raw.get("kinds", ())),
        multiple=bool(raw.get("multiple", False)),
        read_text=bool(raw.get("read_text", False)),
        rules=tuple(_rule(rule, lang) for rule in raw.get("rules", ())),
        sources=tuple(raw.get("sources", ())),
        exclude=tuple(pattern.lower() for pattern in match.get("exclude", ())),
    )


def _build(data: dict[str, Any], origin: str, parents: tuple[str, ...], lang: str) -> Checklist:
    data = _localised(data, lang)
    channels = {
        channel_id: Channel(
            id=channel_id,
            title=_localised(raw, lang)["title"],
            max_bytes=raw.get("max_bytes"),
            kinds=tuple(raw["kinds"]),
            one_file_per_slot=raw["one_file_per_slot"],
        )
        for channel_id, raw in data.get("channels", {}).items()
    }
    checklist = Checklist(
        id=data["id"],
        version=data["version"],
        title=data["title"],
        description=data.get("description", ""),
        abstract=bool(data.get("abstract", False)),
        origin=origin,
        main_forms=tuple(data.get("main_forms", ())),
        sources=tuple(_localised(source, lang) for source in data.get("sources", ())),
        channels=channels,
        forms=dict(data.get("forms", {})),
        file_rules=tuple(_rule(rule, lang) for rule in data.get("file_rules", ())),
        application_rules=tuple(_rule(rule, lang) for rule in data.get("application_rules", ())),
        items=tuple(_item(item, origin, lang) for item in data.get("items", ())),
        extends=parents,
        applying_from=data.get("applying_from"),
    )
    _check_references(checklist)
    return checklist


def _check_references(checklist: Checklist) -> None:
    known = {source["id"] for source in checklist.sources}
    item_ids = {item.id for item in checklist.items}
    problems: list[Phrase] = []
    cited = [(Phrase(N_("item {id}"), id=repr(item.id)), ref) for item in checklist.items for ref in item.sources]
    cited += [(Phrase(N_("rule {id}"), id=repr(rule.id)), ref) for item in checklist.items for rule in item.rules
              for ref in rule.sources]
    cited += [(Phrase(N_("rule {id}"), id=repr(rule.id)), ref)
              for rule in (*checklist.file_rules, *checklist.application_rules) for ref in rule.sources]
    problems += [Phrase(N_("{where} cites unknown source {source}"), where=where, source=repr(ref))
                 for where, ref in cited if ref not in known]
    problems += [Phrase(N_("application rule {rule} names unknown item {item}"), rule=repr(rule.id),
                        item=repr(rule.item))
                 for rule in checklist.application_rules if rule.item is not None and rule.item not in item_ids]
    if problems:
        raise ConfigProblem("{problems}", problems=lines([Phrase(N_("{file}: {problem}"), file=checklist.origin,
                                                                 problem=line) for line in problems]))


def load_checklist(reference: str, lang: str = "en") -> Checklist:
    """A checklist by built-in id or file path, with `extends` resolved and everything validated;
    with lang "fr", every text a user reads comes from the entries' French ("fr") texts."""
    path = _locate(reference, None)
    data, chain = _resolve(path, (reference,), built_in=not names_a_file(reference))
    return _build(data, str(path), chain[1:], lang)


def available_types() -> list[str]:
    """Ids usable with --type: built-in checklists that are not abstract bases."""
    return [
        checklist_id
        for checklist_id in builtin_ids()
        if not read_json_object(checklists_dir() / f"{checklist_id}.json", "checklist").get("abstract", False)
    ]
