"""The shape of a file problem that an inspector reports instead of raising."""

from __future__ import annotations

from typing import Any

# Every kind a problem can have; evaluate.py turns each into a finding with its own message.
PROBLEM_KINDS = ("password", "damaged", "repairable", "truncated", "too-complex", "too-large", "unsupported",
                 "unreadable", "timeout", "crashed")


class ContentTooComplex(Exception):
    """A document's content goes past a reader's safety limits (raised by text extraction)."""


class ContentUnreadable(Exception):
    """A document that cannot be opened to read its text: `kind` is "damaged" or "password"."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def problem(kind: str, reason: str) -> dict[str, Any]:
    if kind not in PROBLEM_KINDS:
        raise ValueError(f"unknown problem kind {kind!r}")
    return {"kind": kind, "reason": reason}


# The reasons permit-check writes itself, in French; a parser's own words after them stay as they are.
FRENCH_REASONS = (
    ("the file ends before the PDF end-of-file marker: it was cut off while copying or downloading",
     "le fichier s'arrête avant la marque de fin du PDF : il a été coupé pendant une copie ou un téléchargement"),
    ("the image claims more pixels than any scan or photo has",
     "l'image annonce plus de pixels qu'aucune numérisation ou photo n'en a"),
    ("reading the image needs more memory than allowed", "lire l'image demande plus de mémoire que permis"),
    ("the image cannot be decoded", "l'image ne peut pas être décodée"),
    ("not a readable Word file", "fichier Word illisible"),
    ("the document expands to an implausible size", "le document se décompresse à une taille invraisemblable"),
    ("the Word file has no document body", "le fichier Word n'a pas de corps de document"),
    ("the PDF asks for a password to open", "le PDF demande un mot de passe à l'ouverture"),
    ("the PDF's structure is nested too deeply to read", "la structure du PDF est trop imbriquée pour être lue"),
    ("it goes past the PDF reader's safety limits", "il dépasse les limites de sécurité du lecteur PDF"),
    ("the PDF needs more memory to read than is allowed", "lire le PDF demande plus de mémoire que permis"),
    ("it could not be checked within", "il n'a pas pu être vérifié en moins de"),
    ("its text could not be read within", "son texte n'a pas pu être lu en moins de"),
    ("checking it needed more memory than allowed", "sa vérification demandait plus de mémoire que permis"),
    ("the checker stopped unexpectedly", "le vérificateur s'est arrêté de façon inattendue"),
    ("the checker was stopped by signal", "le vérificateur a été arrêté par le signal"),
    ("image file is truncated", "le fichier image est tronqué"),
    ("a feature this checker cannot read", "une fonction que ce vérificateur ne sait pas lire"),
    ("no pages could be found", "aucune page n'a été trouvée"),
)


def reason_in(reason: str, lang: str) -> str:
    """A problem's reason in the report's language (French for the reasons permit-check writes itself)."""
    if lang != "fr":
        return reason
    for english, french in FRENCH_REASONS:
        if english in reason:
            return reason.replace(english, french)
    return reason
