"""Decides which checklist item a file serves: by IRCC form number, then by name, then by its text."""

from __future__ import annotations

import contextlib
import fnmatch
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from permit_check.files.ircc_forms import FormIdentity, ircc_form
from permit_check.files.patterns import Pattern, PatternError, compile_pattern, found
from permit_check.rules.checklist import Checklist, Item

_WILDCARDS = re.compile(r"[*?\[\]]")
TEXT_KINDS = frozenset({"pdf", "docx", "text"})
PLACEMENT_TEXT_CHARS = 3000


@dataclass(frozen=True)
class Match:
    """How a file was placed. `item` is None for an unrecognised file, a form of another application, or
    another person's document ("other-person": `refused` is the item its name would otherwise have gone to)."""

    item: str | None
    how: str
    form: str | None = None
    # The form as its printed footer states it, for a form known only from its page text.
    printed: FormIdentity | None = None
    refused: str | None = None

    @property
    def wrong_form(self) -> bool:
        return self.how == "wrong-form"


@lru_cache(maxsize=8192)
def _fold(name: str) -> str:
    """Lower case without accents, so that 'Résumé.pdf' matches '*resume*'."""
    decomposed = unicodedata.normalize("NFKD", name.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _specificity(pattern: str) -> int:
    return len(_WILDCARDS.sub("", pattern))


def _by_form(checklist: Checklist, number: str, printed: FormIdentity | None = None) -> Match:
    for item in checklist.items:
        if number in item.forms:
            return Match(item.id, "form", number, printed)
    return Match(None, "wrong-form", number, printed)


@dataclass
class _NamePlacer:
    """A checklist's name patterns as one regular expression, and the item each name already asked about went
    to (placing a folder asks about every name several times: which files need text, OCR, an MRZ, and where
    each goes)."""

    items: tuple[Item, ...]
    # One alternative per pattern, most specific first: the first that matches is the answer, and its group
    # number (1, 2, ...) is the index of its item in `owners`.
    patterns: re.Pattern[str] | None
    owners: list[Item]
    placed: dict[str, Item | None]
    # One literal run of every pattern ('passport' of '*passport*photo*'): a name holding none of them matches
    # no pattern, which one quick search tells (most names of a folder match none). None: no such shortcut.
    literals: re.Pattern[str] | None = None


# Per checklist, keyed by the identity of its items tuple (which the entry keeps alive).
_NAME_PLACERS: dict[int, _NamePlacer] = {}


def _name_placer(items: tuple[Item, ...]) -> _NamePlacer:
    # Name patterns are globs, not regular expressions: fnmatch translates each `*` into an atomic group,
    # which cannot backtrack, so Python's re matches them in linear time. Text patterns run on RE2.
    known = _NAME_PLACERS.get(id(items))
    if known is None or known.items is not items:
        ranked = [((_specificity(pattern), -order), fnmatch.translate(_fold(pattern)), item)
                  for order, item in enumerate(items) for pattern in item.names]
        # Most specific first, and among equals the item listed first (equal ranks are patterns of one item).
        ranked.sort(key=lambda entry: entry[0], reverse=True)
        # Each translated glob is anchored at both ends and has no group of its own.
        combined = re.compile("|".join(f"({pattern})" for _, pattern, _ in ranked)) if ranked else None
        runs = {_longest_literal(_fold(pattern)) for item in items for pattern in item.names}
        literals = re.compile("|".join(map(re.escape, runs))) if runs and "" not in runs else None
        known = _NamePlacer(items, combined, [item for _, _, item in ranked], {}, literals)
        _NAME_PLACERS[id(items)] = known
    return known


def _longest_literal(glob: str) -> str:
    """The longest run of plain characters a name must hold to match the glob ("" when none is sure): the
    runs between wildcards, before any [...] class."""
    return max(re.split(r"[*?]", glob.split("[", 1)[0]), key=len)


def _by_name(items: tuple[Item, ...], name: str) -> Item | None:
    """The item whose matching pattern is most specific ('*passport*photo*' beats '*passport*')."""
    placer = _name_placer(items)
    if name not in placer.placed:
        folded = _fold(name)
        if placer.patterns is None or (placer.literals is not None and placer.literals.search(folded) is None):
            found = None
        else:
            found = placer.patterns.match(folded)
        placer.placed[name] = placer.owners[found.lastindex - 1] if found and found.lastindex else None
    return placer.placed[name]


def _refuses(item: Item, name: str) -> bool:
    """Whether the name says the file is another person's, never this item's (a spouse's passport)."""
    folded = _fold(name)
    return any(fnmatch.fnmatchcase(folded, _fold(pattern)) for pattern in item.exclude)


# Per checklist (keyed as for names): one RE2 pattern that matches wherever any item's text pattern does; None
# when there is nothing to gain or RE2 cannot hold them all in one (then each item is tried, as always).
_ANY_TEXT: dict[int, tuple[tuple[Item, ...], Pattern | None]] = {}


def _any_text(items: tuple[Item, ...]) -> Pattern | None:
    known = _ANY_TEXT.get(id(items))
    if known is None or known[0] is not items:
        patterns = [pattern for item in items for pattern in item.text]
        combined = None
        if len(patterns) > 1 and not any(pattern.options.case_sensitive for pattern in patterns):
            with contextlib.suppress(PatternError):
                combined = compile_pattern("|".join(f"(?:{pattern.pattern})" for pattern in patterns),
                                           ignore_case=True)
        known = (items, combined)
        _ANY_TEXT[id(items)] = known
    return known[1]


def _by_text(items: tuple[Item, ...], text: str) -> Item | None:
    """The first item whose text pattern is in the text. Most texts hold none: one pass says so."""
    any_text = _any_text(items)
    if any_text is not None and not found(any_text, text):
        return None
    for item in items:
        if any(found(pattern, text) for pattern in item.text):
            return item
    return None


# Pictures whose words OCR can read for a rule: photos, and PDFs that are scans.
PICTURE_KINDS = frozenset({"jpeg", "png", "tiff", "jp2", "gif", "bmp", "webp", "heic", "pdf"})


def needs_text(checklist: Checklist, facts: dict[str, Any]) -> bool:
    """Whether placing this file, or a rule of its item, needs its text."""
    if facts.get("entry_problem") or facts.get("problem") or ircc_form(facts):
        return False
    if facts.get("kind") not in TEXT_KINDS:
        return wants_ocr(checklist, facts)
    item = _by_name(checklist.items, facts["name"])
    return item is None or item.read_text


def wants_ocr(checklist: Checklist, facts: dict[str, Any]) -> bool:
    """Whether a picture's words are wanted: only for an item whose rules read text (a language-test report),
    and only for a file its name places there; OCR never runs to place a file."""
    if facts.get("kind") not in PICTURE_KINDS or facts.get("problem") or ircc_form(facts):
        return False
    item = _by_name(checklist.items, facts["name"])
    return item is not None and item.read_text


PASSPORT_ITEM = "passport"


def passport_by_name(checklist: Checklist, name: str) -> bool:
    """Whether the file's name places it in the passport slot (not a name that says it is someone else's)."""
    item = _by_name(checklist.items, name)
    return item is not None and item.id == PASSPORT_ITEM and not _refuses(item, name)


def _mrz_readable(facts: dict[str, Any]) -> bool:
    """Whether the file is a scan or photo whose pages can hold an MRZ (not an IRCC form, nothing wrong with it)."""
    return not (facts.get("entry_problem") or facts.get("problem") or ircc_form(facts)) and (
        facts.get("kind") in PICTURE_KINDS)


def needs_mrz(checklist: Checklist, facts: dict[str, Any]) -> bool:
    """Whether the file is placed in the passport slot by its name, and is a scan or photo whose MRZ to read."""
    return _mrz_readable(facts) and passport_by_name(checklist, facts["name"])


def match_file(checklist: Checklist, facts: dict[str, Any], text_of: Callable[[], str]) -> Match:
    """Places one file. Text is only extracted (through `text_of`) when form and name say nothing."""
    form = ircc_form(facts)
    if form:
        return _by_form(checklist, form.number)
    name = facts["name"]
    item = _by_name(checklist.items, name)
    if item is not None and _refuses(item, name):
        # The most specific pattern is the applicant's own item; the name says it is someone else's.
        others = tuple(other for other in checklist.items if not _refuses(other, name))
        other = _by_name(others, name)
        return Match(other.id, "name") if other else Match(None, "other-person", refused=item.id)
    if item is not None:
        return Match(item.id, "name")
    if facts.get("problem") or facts.get("kind") not in TEXT_KINDS:
        return Match(None, "none")
    text = text_of()
    if not text:
        return Match(None, "none")
    from permit_check.files.inspectors.xfa import form_in_text  # lxml loads only when a footer is looked for

    footer = form_in_text(text)
    if footer is not None:
        return _by_form(checklist, footer.number, footer)
    # The top of a document says what it is; deeper pages would only mislead (a CV citing a passport).
    item = _by_text(checklist.items, text[:PLACEMENT_TEXT_CHARS])
    if item is not None and _refuses(item, name):
        return Match(None, "other-person", refused=item.id)
    return Match(item.id, "text") if item else Match(None, "none")


# Text is read from this many first pages: one is enough to place a file, two for rules that read
# a letter's wording (a PGWP completion letter).
MATCH_TEXT_PAGES = 1
RULE_TEXT_PAGES = 2


def texts_needed(checklist: Checklist, facts: list[dict[str, Any]]) -> dict[int, bool]:
    """The indexes of the files whose text placement or a rule needs, each with whether OCR is to read a
    picture's words: the text-reading stage reads only these."""
    return {index: wants_ocr(checklist, entry_facts) for index, entry_facts in enumerate(facts)
            if needs_text(checklist, entry_facts)}


def mrz_needed(checklist: Checklist, facts: list[dict[str, Any]]) -> list[int]:
    """The indexes of the files whose passport MRZ is to be read by OCR: the MRZ stage reads only these."""
    return [index for index, entry_facts in enumerate(facts) if needs_mrz(checklist, entry_facts)]


def mrz_needed_by_text(checklist: Checklist, facts: list[dict[str, Any]], texts: Mapping[int, str]) -> list[int]:
    """The scans that only their text places in the passport slot (a searchable scan named scan0001.pdf): their
    MRZ was not asked for by name, and is to be read too, as for any passport."""
    passport = next((item for item in checklist.items if item.id == PASSPORT_ITEM), None)
    if passport is None:
        return []

    def may_say_passport(index: int) -> bool:
        # Most files' words say nothing of a passport: only those that do are placed in full.
        head = texts.get(index, "")[:PLACEMENT_TEXT_CHARS]
        return any(found(pattern, head) for pattern in passport.text)

    return [index for index, entry_facts in enumerate(facts)
            if "mrz" not in entry_facts and _mrz_readable(entry_facts) and may_say_passport(index)
            and match_file(checklist, entry_facts, lambda index=index: texts.get(index, "")).item == PASSPORT_ITEM]  # type: ignore[misc]


def text_pages(checklist: Checklist) -> int:
    """How many first pages of text the checklist needs read."""
    return RULE_TEXT_PAGES if any(item.read_text for item in checklist.items) else MATCH_TEXT_PAGES
