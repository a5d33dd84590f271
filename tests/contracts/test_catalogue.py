"""The message catalogue: every sentence in the code is in locale/fr's .po, translated, and compiled to the .mo
that ships (the .mo is committed, so a source checkout, an editable install and the wheel all read it)."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from permit_check.i18n import LOCALE_DIR
from permit_check.model import Context
from tests.conftest import AS_OF_DAY, REPO

PO = LOCALE_DIR / "fr" / "LC_MESSAGES" / "permit_check.po"


def _catalogue(path: Path) -> object:
    with path.open("rb") as handle:
        return read_po(handle, locale="fr")


def test_every_message_has_a_french_translation() -> None:
    untranslated = [message.id for message in _catalogue(PO) if message.id and (  # type: ignore[attr-defined]
        message.fuzzy or not message.string or (isinstance(message.string, tuple) and not all(message.string)))]
    assert untranslated == []


def test_the_catalogue_holds_exactly_what_the_code_says(tmp_path: Path) -> None:
    """Re-extracted from the code and templates, the messages are those of the .po: none missing, none stale."""
    pot = tmp_path / "messages.pot"
    pybabel = Path(sys.executable).with_name("pybabel")
    subprocess.run([pybabel, "extract", "-F", "babel.cfg", "--no-location", "-o", pot, "."], cwd=REPO,
                   check=True, capture_output=True)
    extracted = {(message.context, message.id) for message in _catalogue(pot) if message.id}  # type: ignore[attr-defined]
    kept = {(message.context, message.id) for message in _catalogue(PO) if message.id}  # type: ignore[attr-defined]
    assert sorted(map(str, extracted - kept)) == [], "run pybabel update (see CONTRIBUTING.md)"
    assert sorted(map(str, kept - extracted)) == [], "the .po keeps messages the code no longer says"


def test_the_compiled_catalogue_is_up_to_date() -> None:
    compiled = io.BytesIO()
    write_mo(compiled, _catalogue(PO))  # type: ignore[arg-type]
    assert PO.with_suffix(".mo").read_bytes() == compiled.getvalue(), "run pybabel compile (see CONTRIBUTING.md)"


def test_english_is_the_code_and_french_the_catalogue() -> None:
    assert Context("en", as_of=AS_OF_DAY)._("or") == "or" and Context("fr", as_of=AS_OF_DAY)._("or") == "ou"
    assert Context("fr", as_of=AS_OF_DAY).ngettext("file", "files", 2) == "fichiers"
