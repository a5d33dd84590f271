"""One reader of a text's language, for letters and `read` alike."""

from __future__ import annotations

from permit_check.files.text_language import text_language
from permit_check.rules.letters import language_of


def test_a_clear_text_is_told_and_a_few_words_are_not() -> None:
    assert text_language("We have received your application for a work permit and this is our answer.") == "en"
    assert text_language("Nous avons reçu votre demande de permis de travail et voici la réponse.") == "fr"
    assert text_language("IMM 1295 (10-2024) E") is None  # a form's footer: too few words
    assert text_language("the le and et") is None  # a tie


def test_letters_and_read_count_the_same_words() -> None:
    # "du", "et", "de" were markers for `read` only, "demande" for letters only: a text could be French to one
    # and English to the other.
    text = "Objet : suivi du dossier et de la demande, the application"
    assert language_of(text) == text_language(text) == "fr"


def test_a_bilingual_page_of_a_few_labels_is_in_neither_language() -> None:
    """A passport's bio-data page ("Given names / Prénom", "Date of birth / Data de naissance") was "French"."""
    page = ("PASSPORT / PASSEPORT\nSurname / Nom\nGiven names / Prénom\nNationality / Nationalité\n"
            "Date of birth / Data de naissance\nSex / Sexe\nDate of expiry / Date d'expiration\n"
            "Passport No. / N° de passeport\nP<BRAFERREIRA<<LUCAS<MATEUS<<<<<<<<<<<<<<<<<<<")
    assert text_language(page) is None
