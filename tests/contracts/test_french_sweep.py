"""What a French run says beyond the reports' findings: a broken permit-check.toml, the CI formats' own words,
the permit type's source, pack's lines, init's dates, a time limit, the parser's words under -v."""

from __future__ import annotations

import ast
import json
import shutil
import tomllib
from pathlib import Path

import pytest

from tests import docfactory as make
from tests.conftest import AS_OF, REPO, invoke, run_process, without_privileges

# English a French run must not say, whatever the command.
ENGLISH = ("not valid", "Invalid", "Expected", "Cannot", "Unclosed", "Unterminated", "at line", "end of document",
           " Fix:", "could not be checked", "in the folder", "named in the application form", "YYYY", "left out")


@pytest.mark.parametrize(("answers", "french"), [
    ("type = [", "permit-check.toml : TOML non valide : à la fin du fichier : valeur non valide"),
    ("[applicant]\n[applicant]\n", "permit-check.toml : TOML non valide : ligne 2 colonne 11 : 'applicant' est déclaré "
                                   "deux fois"),
    ('name = "Amara\x01 Okafor"\n', "permit-check.toml : TOML non valide : ligne 1 colonne 14 : un caractère de "
                                   "contrôle, interdit dans une chaîne"),
    ("name = Okafor\n", "permit-check.toml : TOML non valide : ligne 1 colonne 8 : valeur non valide"),
    ('[applicant\nname = "x"\n', "permit-check.toml : TOML non valide : ligne 1 colonne 11 : « ] » est attendu à la "
                                 "fin d'une déclaration de table"),
])
def test_a_broken_answers_file_is_said_in_french(tmp_path: Path, answers: str, french: str) -> None:
    (tmp_path / "permit-check.toml").write_text(answers, encoding="utf-8")
    result = invoke("scan", tmp_path, "--lang", "fr")
    assert result.exit_code == 3
    assert french in result.stderr, result.stderr
    assert not [english for english in ENGLISH if english in result.stderr], result.stderr
    assert "Okafor" not in result.stderr and "Amara" not in result.stderr  # the file's values are never quoted
    english = invoke("scan", tmp_path).stderr
    assert "permit-check.toml: not valid TOML: " in english and "TOML non valide" not in english


def test_every_sentence_tomllib_may_say_is_in_the_catalogue() -> None:
    """Read from the running Python's tomllib, so that a new or reworded message fails here instead of appearing
    in English in a French run (or quoting the file)."""
    from permit_check.files.configfile import _TOML_NAMING, TOML_DECODER_SAYS

    source = Path(tomllib.__file__).parent / "_parser.py"
    said: list[ast.Constant | ast.JoinedStr] = []
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "suffixed_err":
            message = node.args[2]
            assert isinstance(message, ast.Constant | ast.JoinedStr)
            said.append(message)
    assert len(said) > 20
    for message in said:
        if isinstance(message, ast.Constant):
            assert message.value in TOML_DECODER_SAYS, message.value
        else:  # a phrase that names a key or quotes a character: one of the patterns words it
            sample = "".join(str(part.value) if isinstance(part, ast.Constant) else "('a', 'b')"
                             for part in message.values)
            assert any(pattern.fullmatch(sample) for pattern, _ in _TOML_NAMING), sample


def _returned(tmp_path: Path) -> Path:
    folder = tmp_path / "returned"
    shutil.copytree(REPO / "examples" / "returned-application", folder)
    return folder


def test_gitlab_code_quality_in_french(tmp_path: Path) -> None:
    returned = _returned(tmp_path)
    issues = json.loads(invoke("scan", returned, tmp_path / "nope", "--lang", "fr", "--format", "gitlab",
                               "--as-of", AS_OF).stdout)
    described = [issue["description"] for issue in issues]
    assert any(" Solution : Fusionnez-les en un seul PDF" in text for text in described), described
    assert f"{tmp_path / 'nope'} n'a pas pu être vérifié : dossier introuvable : {tmp_path / 'nope'}" in described
    assert not [text for text in described if any(english in text for english in ENGLISH)]
    english = json.loads(invoke("scan", returned, "--format", "gitlab", "--as-of", AS_OF).stdout)
    assert any(" Fix: Merge them into one PDF" in issue["description"] for issue in english)


def test_the_permit_type_source_is_said_in_french(tmp_path: Path) -> None:
    """The HTML names how the permit type was chosen; the JSON keeps its English words for programs."""
    guessed = _returned(tmp_path)
    (guessed / "permit-check.toml").unlink()
    page = invoke("scan", guessed, "--lang", "fr", "--format", "html", "--as-of", AS_OF).stdout
    assert "(Type de permis selon le type de permis indiqué dans le formulaire de demande)" in page
    assert "named in the application form" not in page
    report = json.loads(invoke("scan", guessed, "--lang", "fr", "--format", "json", "--as-of", AS_OF).stdout)
    assert report["type_source"] == "the permit type named in the application form"
    redacted = invoke("scan", guessed, "--lang", "fr", "--format", "html", "--as-of", AS_OF, "--redact",
                      "--checklist", REPO / "checklists" / "work-permit-outside-canada.json").stdout
    assert "(Type de permis selon --checklist (masqué))" in redacted


def test_pack_lines_in_french(tmp_path: Path) -> None:
    returned = _returned(tmp_path)
    (returned / "notes.txt").write_text("a note that is no document of the checklist\n", encoding="utf-8")
    result = invoke("pack", returned, "-o", tmp_path / "envoi", "--lang", "fr", "--as-of", AS_OF)
    assert "  laissé de côté notes.txt : associé à aucun élément" in result.stdout, result.stdout
    assert "passport-page-1.jpg, passport-page-2.jpg (2 fichiers fusionnés en un seul PDF)" in result.stdout
    english = invoke("pack", returned, "-o", tmp_path / "upload", "--as-of", AS_OF).stdout
    assert "  left out   notes.txt: " in english


def test_init_writes_the_dates_to_fill_in_french(tmp_path: Path) -> None:
    assert invoke("init", tmp_path, "--type", "iec", "--lang", "fr").exit_code == 0
    text = (tmp_path / "permit-check.toml").read_text(encoding="utf-8")
    assert "# invitation_accepted = AAAA-MM-JJ" in text and "YYYY" not in text


def test_a_time_limit_and_the_readers_words_in_french(tmp_path: Path) -> None:
    make.write(tmp_path / "slow.pdf", make.slow_text_pdf(300_000))
    make.write(tmp_path / "cycle.pdf", make.page_tree_cycle_pdf())
    result = invoke("scan", tmp_path, "--lang", "fr", "--type", "work-permit-outside-canada", "--timeout", "1.5",
                    "--as-of", AS_OF, "-v", "--jobs", "1")
    assert "en moins de 1,5 s" in result.stdout and "1.5 s" not in result.stdout
    # -v: the reader's own words (English, and they may quote the file) on stderr, after the file's name.
    assert "permit-check: cycle.pdf : PdfReadError: " in result.stderr, result.stderr
    assert "en moins de 1.5" not in invoke("scan", tmp_path, "--type", "work-permit-outside-canada",
                                            "--timeout", "1.5", "--as-of", AS_OF).stdout


def test_checklist_sources_shown_in_french() -> None:
    shown = invoke("checklists", "show", "pgwp", "--lang", "fr").stdout
    sources = shown.split("Sources (celles non confirmées n'appuient que des avertissements) :\n", 1)[1]
    assert "[restoration] RIPR art. 182 : rétablissement du statut dans les 90 jours suivant sa perte" in sources
    assert "      officielle, consultée le " in sources and "      non confirmée, consultée le " in sources
    assert "Une capture publique du texte d'aide d'IRCC lui-même" in sources
    for english in ("official", "secondary", "unconfirmed", "IRCC Help Centre", "restoration of status", "treated as"):
        assert english not in sources, english
    assert "      official, reviewed " in invoke("checklists", "show", "pgwp").stdout


def test_what_the_system_refuses_is_said_in_french(tmp_path: Path) -> None:
    """The C library's own words ("Permission denied") are English whatever the run's language."""
    folder = tmp_path / "docs"
    shutil.copytree(REPO / "examples" / "ready-application", folder)
    (folder / "passport.pdf").chmod(0o000)
    closed = tmp_path / "closed"
    closed.mkdir()
    closed.chmod(0o555)
    for place in (tmp_path, folder):
        place.chmod(0o755)
    result = run_process("scan", folder, "--lang", "fr", "--as-of", AS_OF, "-o", closed / "rapport.txt",
                         prefix=without_privileges())
    assert result.exit_code == 2
    assert f"--output {closed / 'rapport.txt'} : écriture impossible : permission refusée" in result.stderr
    scanned = run_process("scan", folder, "--lang", "fr", "--as-of", AS_OF, prefix=without_privileges())
    assert "passport.pdf ne peut pas être lu : permission refusée." in scanned.stdout, scanned.stdout
    assert "Permission denied" not in scanned.stdout + scanned.stderr
    english = run_process("scan", folder, "--as-of", AS_OF, prefix=without_privileges()).stdout
    assert "passport.pdf cannot be read: Permission denied." in english


def test_a_checklist_extending_an_unknown_one_is_said_in_french(tmp_path: Path) -> None:
    checklist = tmp_path / "mine.json"
    checklist.write_text(json.dumps({"id": "mine", "version": "1", "title": "Mine", "extends": "visiteur"}),
                         encoding="utf-8")
    said = invoke("checklists", "validate", "--lang", "fr", checklist).stderr
    assert f"{checklist} : /extends : liste de contrôle inconnue « visiteur » ; disponibles : iec, " in said, said
    assert "unknown checklist" not in said and "available" not in said


def test_sarif_notifications_have_the_french_colon(tmp_path: Path) -> None:
    returned = _returned(tmp_path)
    (returned / "permit-check.toml").unlink()  # what is said of the application as a whole has no file to name
    log = json.loads(invoke("scan", returned, tmp_path / "nope", "--lang", "fr", "--format", "sarif",
                            "--as-of", AS_OF).stdout)
    said = [note["message"]["text"] for note in log["runs"][0]["invocations"][0]["toolExecutionNotifications"]]
    assert f"{tmp_path / 'nope'} : dossier introuvable : {tmp_path / 'nope'}" in said
    assert any(text.startswith(f"{returned} : Aucun fichier pour Renseignements sur la famille") for text in said)
