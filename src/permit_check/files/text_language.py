"""Which official language a document's words are in: English or French, by words frequent in one and rare
in the other. One list for every reader (letters, `read`), so that a letter and `read` never disagree."""

from __future__ import annotations

import re

MARKER_WORDS = {
    "en": frozenset({"the", "your", "you", "application", "we", "is", "an", "for", "of", "and", "has", "to", "in",
                     "this"}),
    "fr": frozenset({"le", "la", "les", "des", "vous", "votre", "vos", "demande", "nous", "est", "une", "pour", "du",
                     "et", "de"}),
}
_WORD = re.compile(r"[a-zà-ÿ']+")


def marker_counts(text: str) -> dict[str, int]:
    """How many of each language's marker words the text holds (English first)."""
    words = _WORD.findall(text.lower())
    return {lang: sum(word in markers for word in words) for lang, markers in MARKER_WORDS.items()}


def text_language(text: str, *, at_least: int = 3) -> str | None:
    """"en" or "fr" when at least `at_least` marker words say so and the other language has fewer; None for
    too few words (a form, a scan) or a tie."""
    counts = marker_counts(text)
    ranked = sorted(counts, key=counts.__getitem__, reverse=True)
    if counts[ranked[0]] < at_least or counts[ranked[0]] == counts[ranked[1]]:
        return None
    return ranked[0]
