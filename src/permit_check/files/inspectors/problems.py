"""The shape of a file problem that an inspector reports instead of raising."""

from __future__ import annotations

from typing import Any

# Every kind a problem can have; evaluate.py turns each into a finding with its own message.
PROBLEM_KINDS = ("password", "damaged", "repairable", "truncated", "too-complex", "too-large", "unsupported",
                 "unreadable", "timeout", "crashed")
DETAIL_LIMIT = 500


class ContentTooComplex(Exception):
    """A document's content goes past a reader's safety limits (raised by text extraction)."""


class ContentUnreadable(Exception):
    """A document that cannot be opened to read its text: `kind` is "damaged" or "password"."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def problem(kind: str, reason: str, error: BaseException | str | None = None) -> dict[str, Any]:
    """A problem of `kind`; `reason` is one of permit-check's own sentences, never a parser's message.

    A parser's message may quote the document (a form field's value, raw bytes of the file) and
    Python object ids that change on every run; it is kept apart as `detail`, which only `scan -v`
    shows, on stderr, and never with --redact.
    """
    if kind not in PROBLEM_KINDS:
        raise ValueError(f"unknown problem kind {kind!r}")
    found: dict[str, Any] = {"kind": kind, "reason": reason}
    if error is not None:
        detail = error if isinstance(error, str) else f"{type(error).__name__}: {error}"
        found["detail"] = detail[:DETAIL_LIMIT]
    return found


# Every reason permit-check writes, in French (a reason is always one of these sentences, never a parser's words).
FRENCH_REASONS = (
    ("it was replaced (or made a link) while being checked: check the folder again",
     "il a été remplacé (ou changé en lien) pendant la vérification : vérifiez de nouveau le dossier"),
    ("the file ends before the PDF end-of-file marker: it was cut off while copying or downloading",
     "le fichier s'arrête avant la marque de fin du PDF : il a été coupé pendant une copie ou un téléchargement"),
    ("the image claims more pixels than any scan or photo has",
     "l'image annonce plus de pixels qu'aucune numérisation ou photo n'en a"),
    ("reading the image needs more memory than allowed", "lire l'image demande plus de mémoire que permis"),
    ("the image cannot be decoded", "l'image ne peut pas être décodée"),
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
    ("the image file is truncated", "le fichier image est tronqué"),
    ("a feature this checker cannot read", "une fonction que ce vérificateur ne sait pas lire"),
    ("an encryption other than Standard PDF encryption (a password), such as certificate security",
     "un chiffrement autre que le chiffrement PDF standard (un mot de passe), comme une sécurité par certificat"),
    ("its PDF structure cannot be read", "sa structure PDF ne peut pas être lue"),
    ("not a readable Word file", "fichier Word illisible"),
)


def reason_in(reason: str, lang: str) -> str:
    """A problem's reason in the report's language (French for the reasons permit-check writes itself)."""
    if lang != "fr":
        return reason
    for english, french in FRENCH_REASONS:
        if english in reason:
            return reason.replace(english, french)
    return reason
