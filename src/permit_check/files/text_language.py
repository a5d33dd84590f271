"""Which official language a document's words are in: English or French, by words frequent in one and rare
in the other. One list for every reader (letters, `read`), so that a letter and `read` never disagree."""

from __future__ import annotations

import re

# Words frequent in one language and rare in the other: the little words of sentences (a letter), and the labels
# and headings of documents made of few sentences (a CV, a language-test report, a certificate), which hold
# almost none of the little words but are as plainly in one language.
MARKER_WORDS = {
    "en": frozenset({"the", "your", "you", "application", "we", "is", "an", "for", "of", "and", "has", "to", "in",
                     "this", "with", "from", "by", "are", "be", "will", "not",
                     "work", "experience", "education", "duties", "skills", "languages", "name", "first", "birth",
                     "country", "number", "score", "scores", "results", "report", "overall", "listening",
                     "reading", "writing", "speaking", "taker", "candidate"}),
    "fr": frozenset({"le", "la", "les", "des", "vous", "votre", "vos", "demande", "nous", "est", "une", "pour", "du",
                     "et", "de", "au", "aux", "avec", "dans", "sur", "par", "sont",
                     "travail", "expérience", "formation", "compétences", "langues", "nom", "prénom", "naissance",
                     "pays", "numéro", "résultats", "compréhension", "écrite", "écrit", "orale", "candidat",
                     "épreuve"}),
}
_WORD = re.compile(r"[a-zà-ÿ']+")


def marker_counts(text: str) -> dict[str, int]:
    """How many of each language's marker words the text holds (English first)."""
    words = _WORD.findall(text.lower())
    return {lang: sum(word in markers for word in words) for lang, markers in MARKER_WORDS.items()}


def text_language(text: str, *, at_least: int = 3) -> str | None:
    """"en" or "fr" when the one language has at least `at_least` more marker words than the other; None for too
    few words (a form, a scan) or a near tie: a bilingual page of a few labels ("Given names / Prénom", "Date of
    birth / Date de naissance", a passport) is in neither, not in the one with two more."""
    counts = marker_counts(text)
    ranked = sorted(counts, key=counts.__getitem__, reverse=True)
    if counts[ranked[0]] - counts[ranked[1]] < at_least:
        return None
    return ranked[0]
