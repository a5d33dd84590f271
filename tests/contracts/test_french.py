"""Every string a user can see has its French text, as IRCC publishes in both official languages."""

from __future__ import annotations

import argparse
import json
import os
import shutil
from pathlib import Path

import pytest

from permit_check.files.ircc_forms import known_forms
from permit_check.files.resources import load_schema
from permit_check.reports.questions import question_text
from permit_check.rules.checklist import _locate, _resolve, available_types
from tests.conftest import AS_OF, REPO, invoke, run_process

ITEM_TEXTS = (("title", "title"), ("description", "description"), ("missing_hint", "missing_hint"))


def _missing_french(data: dict[str, object]) -> list[str]:
    missing: list[str] = []
    french = data.get("fr", {})
    missing += [f"checklist {key}" for key in ("title", "description") if key in data and key not in french]
    for channel_id, channel in data.get("channels", {}).items():  # type: ignore[attr-defined]
        if "title" not in channel.get("fr", {}):
            missing.append(f"channel {channel_id}")
    rules = [*data.get("file_rules", []), *data.get("application_rules", [])]  # type: ignore[misc]
    for item in data.get("items", []):  # type: ignore[attr-defined]
        item_french = item.get("fr", {})
        missing += [f"{item['id']} {key}" for key, french_key in ITEM_TEXTS
                    if key in item and french_key not in item_french]
        if isinstance(item.get("required"), dict) and "condition" not in item_french:
            missing.append(f"{item['id']} condition")
        rules += item.get("rules", [])
    for rule in rules:
        missing += [f"{rule['id']} {key}" for key in ("message", "hint", "summary")
                    if key in rule and key not in rule.get("fr", {})]
    for source in data.get("sources", []):  # type: ignore[attr-defined]
        missing += [f"source {source['id']} {key}" for key in ("title", "note")
                    if key in source and key not in source.get("fr", {})]
    return missing


@pytest.mark.parametrize("checklist_id", available_types())
def test_every_checklist_text_has_french(checklist_id: str) -> None:
    data, _ = _resolve(_locate(checklist_id, None), (checklist_id,))
    assert _missing_french(data) == []


def schema_descriptions(node: object, where: str = "") -> dict[str, tuple[str, object]]:
    """Every description in a JSON Schema, by its place, with the French beside it (None when absent)."""
    found: dict[str, tuple[str, object]] = {}
    if isinstance(node, dict):
        if isinstance(node.get("description"), str):
            french = node.get("fr")
            found[where or "/"] = (node["description"], french.get("description") if isinstance(french, dict)
                                   else None)
        for key, value in node.items():
            if key != "fr":
                found |= schema_descriptions(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found |= schema_descriptions(value, f"{where}/{index}")
    return found


def test_every_answer_description_has_french() -> None:
    """init writes these descriptions as the answers file's comments, and reports ask questions with them."""
    descriptions = schema_descriptions(load_schema("application"))
    assert len(descriptions) > 30  # the walk reaches the nested answers (documents.<item>.issued...)
    untranslated = [where for where, (english, french) in descriptions.items()
                    if not isinstance(french, str) or not french.strip() or french == english]
    assert untranslated == []


def test_a_question_without_its_own_sentence_is_asked_with_the_french_description() -> None:
    assert question_text("iec.invitation_accepted", "fr") == (
        "Le jour où vous avez accepté l'invitation à présenter une demande : vous avez 20 jours.")
    assert question_text("iec.invitation_accepted", "en") == (
        "The day you accepted the invitation to apply: you have 20 days.")


def test_forms_letters_and_report_words_have_french() -> None:
    for form in known_forms().values():
        assert form.title_fr != form.title, form.number
        assert all(field.label_fr != field.label for field in form.fields), form.number
    letters = json.loads((REPO / "checklists" / "ircc" / "letters.json").read_text(encoding="utf-8"))
    for ground in letters["grounds"]:
        for key in ("title", "advice", "patterns"):
            assert set(ground[key]) == {"en", "fr"}, (ground["id"], key)


def test_a_french_report_reads_in_french(tmp_path: Path) -> None:
    text = invoke("scan", REPO / "examples" / "returned-application", "--lang", "fr", "--as-of", AS_OF).stdout
    for french in ("Renseignements sur la famille", "PAS PRÊT : 6 erreurs à corriger avant l'envoi.",
                   "solution : Fusionnez-les en un seul PDF", "compte sécurisé d'IRCC"):
        assert french in text
    for english in ("error ", "fix:", "Summary", "NOT READY", "Family Information", "is empty"):
        assert english not in text
    page = invoke("scan", REPO / "examples" / "returned-application", "--lang", "fr", "--format", "html",
                  "--as-of", AS_OF).stdout
    assert '<html lang="fr">' in page and "Comment corriger :" in page and "How to fix" not in page


def test_lang_in_the_answers_file(complete: Path) -> None:
    answers = complete / "permit-check.toml"
    answers.write_text('lang = "fr"\n' + answers.read_text(encoding="utf-8"), encoding="utf-8")
    (complete / "imm5645.pdf").unlink()
    result = invoke("scan", complete, "--format", "json", "--as-of", AS_OF)
    report = json.loads(result.stdout)
    assert report["lang"] == "fr"
    finding = next(f for f in report["findings"] if f["rule"] == "family-information.missing")
    assert finding["message"].startswith("Aucun fichier pour Renseignements sur la famille")
    assert invoke("scan", complete, "--lang", "en", "--format", "json", "--as-of", AS_OF).stdout.count("Aucun") == 0


def test_a_path_of_the_wrong_kind_is_one_line_in_french(tmp_path: Path) -> None:
    """A folder given for a file, or the reverse: the one line of a path that cannot be used, not argparse's two."""
    assert invoke("scan", "x", "y", "--lang", "fr", "--checklist", ".").stderr == \
        "permit-check: --checklist . est un dossier ; indiquez un fichier\n"
    packed = invoke("pack", "x", "--lang", "fr", "-o", REPO / "pyproject.toml")
    assert packed.exit_code == 2
    assert packed.stderr == f"permit-check: --output {REPO / 'pyproject.toml'} est un fichier ; indiquez un dossier\n"


def test_common_errors_in_french(tmp_path: Path) -> None:
    assert invoke("scan", tmp_path / "nope", "--lang", "fr").stderr.strip() == \
        f"permit-check: dossier introuvable : {tmp_path / 'nope'}"
    assert "liste de contrôle inconnue « visiteur »" in invoke("scan", tmp_path, "--type", "visiteur",
                                                             "--lang", "fr").stderr
    assert "lettre introuvable" in invoke("letter", tmp_path / "x.pdf", "--lang", "fr").stderr
    assert "folder not found" in invoke("scan", tmp_path / "nope").stderr  # English stays the default


@pytest.mark.parametrize(("answers", "french"), [
    ('type = "nope"', "permit-check.toml : type : liste de contrôle inconnue ; disponibles : iec"),
    ('[applicant]\nmarital_status = "maybe"', "applicant.marital_status : doit être l'une de ces valeurs"),
    ("no_such_key = 1", "'no_such_key' n'était pas attendu"),
    ("exclude = 5", "exclude : doit être de type liste"),
])
@pytest.mark.parametrize("command", ["scan", "pack"])
def test_lang_in_the_answers_file_says_its_errors_in_french(tmp_path: Path, answers: str, french: str,
                                                           command: str) -> None:
    """The language is resolved once, before the file's other answers are judged: one folder whose
    permit-check.toml says lang = "fr" hears of its own mistakes in French, as a batch of folders does."""
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "permit-check.toml").write_text(f'lang = "fr"\n{answers}\n', encoding="utf-8")
    args = ("-o", tmp_path / "out") if command == "pack" else ()
    result = invoke(command, folder, "--as-of", AS_OF, *args)
    assert result.exit_code == 3
    assert french in result.stderr and "must" not in result.stderr and "unknown" not in result.stderr


def test_lang_in_the_answers_file_says_the_commands_own_lines_in_french(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "permit-check.toml").write_text('lang = "fr"\ntype = "iec"\n', encoding="utf-8")
    result = invoke("scan", folder, "--as-of", AS_OF, "--format", "json", "-o", tmp_path / "report.sarif")
    assert result.stderr.splitlines() == [
        f"permit-check: écrit au format json dans {tmp_path / 'report.sarif'}, bien que son extension suggère sarif",
        f"Rapport écrit dans {tmp_path / 'report.sarif'}"]
    english = invoke("scan", folder, "--lang", "en", "--as-of", AS_OF, "-o", tmp_path / "report.txt")
    assert english.stderr == f"Report written to {tmp_path / 'report.txt'}\n"


def test_the_run_language_is_resolved_once_from_the_option_then_the_answers(tmp_path: Path) -> None:
    from permit_check.commands.scan import run_language

    french, english, broken, none = (tmp_path / name for name in ("fr", "en", "broken", "none"))
    for folder, text in ((french, 'lang = "fr"\nexclude = 5\n'), (english, 'lang = "en"\n'),
                         (broken, 'lang = "fr"\n[[[\n'), (none, None)):
        folder.mkdir()
        if text is not None:
            (folder / "permit-check.toml").write_text(text, encoding="utf-8")
    assert run_language("en", [french]) == "en"
    assert run_language(None, [french]) == "fr" and run_language(None, [french, french]) == "fr"
    assert run_language(None, [french, english]) == "en" and run_language(None, [none]) == "en"
    assert run_language(None, [broken]) == "en"  # a file that cannot be read chooses nothing: the scan says why
    assert run_language(None, [none], french / "permit-check.toml") == "fr"


@pytest.mark.parametrize("reference", ["FOLDER", "Language", "Summary: {ready} of {total} folders ready"])
def test_names_in_an_error_are_said_as_they_are(reference: str) -> None:
    """A value in an error line that is not a catalogue message (a name the user typed) is never looked up in the
    catalogue: "FOLDER" stays FOLDER, even where the catalogue has those very words (an empty name, whose lookup
    would be the catalogue's header, is refused before: test_cli_arguments)."""
    result = invoke("--lang", "fr", "checklists", "show", reference)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"permit-check: liste de contrôle inconnue « {reference} » ; disponibles : iec, pgwp, "
        "spousal-open-work-permit, work-permit-inside-canada, work-permit-outside-canada"]


def test_what_a_path_is_is_said_in_french(tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    (tmp_path / "link.json").symlink_to(tmp_path / "elsewhere.json")
    result = invoke("--lang", "fr", "scan", tmp_path / "folder", "-o", tmp_path / "link.json")
    assert result.exit_code == 2
    assert result.stderr == (f"permit-check: --output {tmp_path / 'link.json'} est un lien, pas un fichier ordinaire ; "
                             "permit-check n'écrit que dans des fichiers ordinaires (-o - affiche le rapport)\n")


def test_checklist_shown_in_french() -> None:
    text = invoke("checklists", "show", "iec", "--lang", "fr").stdout
    for french in ("Expérience internationale Canada", "Éléments :", "Renseignements sur la famille (IMM 5707)",
                   "Règles sur vos réponses (permit-check.toml) :", "Modes d'envoi :"):
        assert french in text, french


def test_help_in_french_then_english_again() -> None:
    """--lang is read before argparse builds the help page; the next run speaks English again."""
    group = invoke("--lang", "fr", "--help")
    assert group.exit_code == 0
    assert "utilisation : permit-check" in group.stdout and "usage:" not in group.stdout
    assert "Vérifier le dossier d'une demande de permis de travail canadien" in group.stdout
    assert "Lister, afficher et valider les listes de contrôle." in group.stdout
    scan = invoke("scan", "--lang", "fr", "--help").stdout
    assert "Vérifier les documents de chaque DOSSIER" in scan and "Afficher ce message et quitter." in scan
    english = invoke("--help").stdout
    assert "usage: permit-check" in english and "Check a Canadian work-permit application folder" in english
    assert "Vérifier" not in english and "utilisation" not in english


@pytest.mark.parametrize(("args", "french"), [
    (("--lang", "fr", "scan", "x", "--no-such-option"), "Option inconnue : --no-such-option."),
    (("--lang", "fr", "scan", "x", "--formt", "json"), "Option inconnue : --formt. Vouliez-vous dire --format ?"),
    (("--lang", "fr", "checklists", "shw"), "Commande inconnue « shw ». Vouliez-vous dire « show » ?"),
    (("scan", "--lang", "fr"), "ces arguments sont obligatoires : DOSSIER"),
    (("scan", "x", "--lang", "fr", "--format", "pdf"), "argument --format : choix non valide : « pdf » (au choix : "
                                                      "« text », « json »"),
    (("scan", "x", "--lang", "fr", "--jobs", "0"), "argument --jobs : 0 n'est pas dans l'intervalle 1<=x<=256."),
    (("scan", "x", "--lang", "fr", "--jobs", "many"), "argument --jobs : « many » n'est pas un nombre entier."),
    (("scan", "x", "--lang", "fr", "--memory-limit", "1e3"), "« 1e3 » n'est pas un nombre entier."),
    (("scan", "x", "--lang", "fr", "--timeout", "1e7"), "1e7 n'est pas dans l'intervalle 0,1<=x<=86400."),
    (("scan", "x", "--lang", "fr", "--as-of", "28/11/2026"), "« 28/11/2026 » n'est pas une date écrite AAAA-MM-JJ."),
    (("scan", "", "--lang", "fr"), "Un chemin vide ne désigne aucun fichier ni dossier."),
    (("scan", "x", "--lang", "fr", "--type", ""), "Une valeur vide n'est pas permise."),
    (("pack", "x", "--lang", "fr"), "ces arguments sont obligatoires : -o/--output"),
    (("read", "x", "y", "--lang", "fr"), "permit-check read : erreur : arguments non reconnus : y"),
    (("--lang", "fr", "-o"), "argument -o/--output : une valeur attendue"),
    (("scan", "x", "--lang", "fr", "--redact=yes"), "argument --redact : valeur 'yes' en trop"),
    (("--lang", "fr", "checklists", "nope"), "argument COMMANDE : choix non valide : « nope » (au choix : « list »"),
    (("pakc", "--lang", "fr"), "Commande inconnue « pakc ». Vouliez-vous dire « pack » ?"),
])
def test_usage_errors_in_french(args: tuple[str, ...], french: str) -> None:
    """argparse's own sentences (the error, "usage: ") speak the --lang asked for; still exit 2."""
    result = invoke(*args)
    assert result.exit_code == 2
    assert french in result.stderr
    assert result.stderr.startswith("utilisation : permit-check") and " : erreur : " in result.stderr
    for english in ("error:", "usage:", "invalid", "choose", "required", "expected", "unrecognized", "ignored",
                    "No such", "Did you mean", "is not", "does not", "File '", "Directory '"):
        assert english not in result.stderr, english


def test_a_group_without_its_command_shows_its_page_in_french() -> None:
    for args in (("--lang", "fr"), ("--lang", "fr", "checklists")):
        result = invoke(*args)
        assert result.exit_code == 2 and result.stdout == ""
        assert result.stderr.startswith("utilisation : permit-check") and "Commandes :" in result.stderr
        assert "usage:" not in result.stderr and "Show this" not in result.stderr


def test_usage_errors_stay_english_by_default() -> None:
    result = invoke("scan", "x", "--format", "pdf")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "usage: permit-check scan [OPTIONS] FOLDER...",
        "permit-check scan: error: argument --format: invalid choice: 'pdf' (choose from 'text', 'json', 'html', "
        "'sarif', 'junit', 'github', 'gitlab')"]
    typo = invoke("pakc")
    assert typo.exit_code == 2 and "permit-check: error: No such command 'pakc'. Did you mean 'pack'?" in typo.stderr
    assert "utilisation" not in typo.stderr and "erreur" not in typo.stderr


def test_the_system_locale_does_not_choose_the_language(tmp_path: Path) -> None:
    """The tool speaks --lang (or permit-check.toml's lang), never the terminal's locale: argparse's words included."""
    env = {key: value for key, value in os.environ.items() if key not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    result = run_process("scan", "--no-such-option", tmp_path, env={**env, "LANG": "fr_CA.UTF-8"})
    assert result.exit_code == 2
    assert "error: No such option: --no-such-option" in result.stderr and "erreur" not in result.stderr
    french = run_process("scan", "--lang", "fr", "--no-such-option", tmp_path, env={**env, "LANG": "fr_CA.UTF-8"})
    assert french.exit_code == 2 and "erreur : Option inconnue : --no-such-option" in french.stderr


def test_argparse_speaks_french_only_while_a_run_lasts() -> None:
    """argparse's words are the catalogue's during a run only: a program that imports permit-check (or runs it
    in-process, as these tests do) keeps argparse's English, and gettext's global domain and LANGUAGE are left
    alone."""
    import gettext

    domain, language = gettext.textdomain(), os.environ.get("LANGUAGE")
    assert invoke("--lang", "fr", "scan", "--no-such-option").exit_code == 2
    parser = argparse.ArgumentParser(prog="host")
    assert parser.format_usage().startswith("usage: host") and "options:" in parser.format_help()
    assert (gettext.textdomain(), os.environ.get("LANGUAGE")) == (domain, language)


# argparse's messages that permit-check's command line never says: they are for the program's author (a bad
# declaration) or belong to features it does not use (mutually exclusive groups, FileType, nargs counts, the
# default -h and --version help, optional positionals' "at most one").
NEVER_SAID_BY_PERMIT_CHECK = {
    ".__call__() not defined",
    "conflicting subparser: %s",
    "conflicting subparser alias: %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)",
    'argument "-" with mode %r',
    "can't open '%(filename)s': %(error)s",
    "cannot merge actions - two groups are named %r",
    "'required' is an invalid argument for positionals",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r",
    "dest= is required for options like %r",
    "invalid conflict_resolution value: %r",
    "conflicting option string: %s",
    "mutually exclusive arguments must be optional",
    "show this help message and exit",
    "cannot have multiple subparser arguments",
    "not allowed with argument %s",
    "one of the arguments %s is required",
    "expected at most one argument",
    "expected %s argument",
    "%r is not callable",
}


def test_every_sentence_argparse_may_say_is_in_the_catalogue() -> None:
    """Read from the installed argparse itself, so that a new Python's new or reworded message fails here (add it
    to argparse_words.py, then translate it) instead of appearing in English in a French run."""
    from babel.messages.extract import extract_from_file
    from babel.messages.pofile import read_po

    from permit_check.i18n import LOCALE_DIR

    said = {message if isinstance(message, str) else message[0]
            for _, message, _, _ in extract_from_file("python", argparse.__file__)}
    with (LOCALE_DIR / "fr" / "LC_MESSAGES" / "permit_check.po").open("rb") as handle:
        translated = {message.id if isinstance(message.id, str) else message.id[0]
                      for message in read_po(handle, locale="fr") if message.id and message.string}
    assert len(said) > 25  # the extraction read argparse's sentences
    assert sorted(said - NEVER_SAID_BY_PERMIT_CHECK - translated) == []
    assert sorted(NEVER_SAID_BY_PERMIT_CHECK - said) == [], "argparse no longer says these: drop them from the list"


# English words a French run must not say: jsonschema's, the type names of the value checks and the tool's own.
ENGLISH_LEFT = ("was unexpected", "is not a valid", "is a required property", "required", "check the spelling",
                "must be", "top level", "not valid JSON", "unknown checklist", "checklist file not found")


@pytest.mark.parametrize(("answers", "french"), [
    ("bogus = 1\n", "/permit-check.toml : (premier niveau) : 'bogus' n'était pas attendu (vérifiez l'orthographe"),
    ('[applicant]\ndate_of_birth = "yesterday"\n', "applicant.date_of_birth : n'est pas une valeur date valide"),
    ('[applicant]\nmarital_status = "maried"\n', "applicant.marital_status : doit être l'une de ces valeurs : "),
])
def test_answers_file_errors_in_french(tmp_path: Path, answers: str, french: str) -> None:
    (tmp_path / "permit-check.toml").write_text(answers, encoding="utf-8")
    result = invoke("--lang", "fr", tmp_path)
    assert result.exit_code == 3
    assert french in result.stderr
    assert not [english for english in ENGLISH_LEFT if english in result.stderr], result.stderr
    assert "maried" not in result.stderr and "yesterday" not in result.stderr  # the value is never quoted


def test_checklist_and_table_errors_in_french(tmp_path: Path) -> None:
    """jsonschema's own sentences ("'id' is a required property") are said in the catalogue's words."""
    empty = tmp_path / "empty.json"
    empty.write_text("{}", encoding="utf-8")
    for args in (("--checklist", empty), ("--editions", empty)):
        result = invoke("--lang", "fr", tmp_path, *args)
        assert result.exit_code == 3
        assert f"{empty} : / : " in result.stderr and "obligatoire" in result.stderr, result.stderr
        assert not [english for english in ENGLISH_LEFT if english in result.stderr], result.stderr
    validated = invoke("--lang", "fr", "checklists", "validate", empty, tmp_path / "nope.json")
    assert validated.exit_code == 3
    assert f"{empty} : / : 'id', 'version', 'title' sont obligatoires" in validated.stderr
    assert f"{tmp_path / 'nope.json'} : fichier de liste de contrôle introuvable" in validated.stderr
    assert validated.stderr.count("obligatoires") == 1  # one line for the three keys, not one per key
    english = invoke("checklists", "validate", empty)
    assert f"{empty}: /: 'id', 'version', 'title' are required" in english.stderr
    twice = tmp_path / "twice.json"
    twice.write_text(json.dumps({"id": "twice", "version": "1", "title": "Twice", "items": [
        {"id": "a", "title": "A", "required": True, "sources": ["nowhere"]},
        {"id": "a", "title": "B", "required": True, "match": {"text": ["(x)\\1"]}}]}), encoding="utf-8")
    said = invoke("checklists", "validate", "--lang", "fr", twice).stderr
    assert f"{twice} : /items : l'identifiant d'élément 'a' apparaît plus d'une fois" in said
    assert f"{twice} : /items/1/match/text/0 : ce motif ne peut pas s'exécuter en temps linéaire" in said
    twice.write_text(json.dumps({"id": "twice", "version": "1", "title": "Twice", "items": [
        {"id": "a", "title": "A", "required": True, "sources": ["nowhere"]}]}), encoding="utf-8")
    said = invoke("checklists", "validate", "--lang", "fr", twice).stderr
    assert f"{twice} : élément 'a' cite une source inconnue 'nowhere'" in said


def test_checklists_commands_speak_french(tmp_path: Path) -> None:
    unknown = invoke("checklists", "show", "nope", "--lang", "fr")
    assert unknown.exit_code == 2 and "liste de contrôle inconnue « nope »" in unknown.stderr
    leading = invoke("--lang", "fr", "checklists", "show", "iec").stdout
    assert "Expérience internationale Canada" in leading and "Éléments :" in leading
    listed = invoke("--lang", "fr", "checklists", "list").stdout
    assert "Permis de travail postdiplôme" in listed and "International Experience Canada" not in listed
    assert invoke("checklists", "list").stdout.count("Permis de travail") == 0
    checklist = tmp_path / "mine.json"
    checklist.write_text(json.dumps({"id": "mine", "version": "1", "title": "Mine", "extends": "iec"}),
                         encoding="utf-8")
    assert invoke("checklists", "validate", "--lang", "fr", checklist).stdout == f"{checklist} : ok\n"


def test_baseline_error_in_french(tmp_path: Path) -> None:
    baseline = tmp_path / "bad.json"
    baseline.write_text("{", encoding="utf-8")
    result = invoke("--lang", "fr", tmp_path, "--baseline", baseline)
    assert result.exit_code == 2
    assert f"--baseline {baseline} : JSON non valide : ligne 1 colonne 2 : un nom de propriété entre" in result.stderr
    assert "not valid JSON" not in result.stderr and "Expecting" not in result.stderr


def test_ci_formats_in_french(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = REPO / "examples" / "returned-application"
    junit = invoke("scan", folder, "--lang", "fr", "--format", "junit", "--as-of", AS_OF).stdout
    assert 'message="Pas nécessaire pour cette demande"' in junit and "Not needed" not in junit
    shutil.copytree(folder, tmp_path / "returned")
    monkeypatch.chdir(tmp_path)
    sarif = invoke("scan", "returned", "--lang", "fr", "--format", "sarif", "--as-of", AS_OF).stdout
    run = json.loads(sarif)["runs"][0]
    described = [base["description"]["text"] for base in run["originalUriBaseIds"].values()]
    assert described == ["Le répertoire de travail", "Le dossier vérifié returned"]
    texts = [rule["fullDescription"]["text"] for rule in run["tool"]["driver"]["rules"]]
    assert any("(Passeport ou titre de voyage : " in text for text in texts), texts
    assert not any("(Passeport ou titre de voyage: " in text for text in texts)
    assert all(" Fix: " not in result["message"]["text"] for result in run["results"])
    assert any(" Solution : " in result["message"]["text"] for result in run["results"])


def test_letter_heading_has_the_french_colon(tmp_path: Path) -> None:
    letter = tmp_path / "decision.txt"
    letter.write_text("I am refusing your application. I am not satisfied that you will leave Canada at the end "
                      "of your stay, as stipulated in paragraph 200(1)(b) of the IRPR.", encoding="utf-8")
    assert invoke("letter", letter, "--lang", "fr").stdout.startswith("Lettre : decision.txt")
    assert invoke("letter", letter).stdout.startswith("Letter: decision.txt")


def test_help_metavars_in_french() -> None:
    """The value names (metavars) say the page's language, as the help texts that name them do."""
    scan = invoke("--lang", "fr", "scan", "--help").stdout
    assert "DOSSIER..." in scan and "--jobs ENTIER" in scan and "--timeout SECONDES" in scan
    assert "--checklist FICHIER" in scan and "[par défaut : 10 ; 0,1<=x<=86400]" in " ".join(scan.split())
    assert "--as-of AAAA-MM-JJ" in scan and "--memory-limit Mo" in scan and "[par défaut : 2560 ; 256<=x<=1048576]" in (
        " ".join(scan.split()))
    page = invoke("--lang", "fr", "--help").stdout
    assert page.startswith("utilisation : permit-check [OPTIONS] COMMANDE [ARGUMENTS]...")
    assert "\nCommandes :\n" in page and "\noptions :\n" in page and "Commandes:" not in page
    for english in ("FOLDER", "INTEGER", "RANGE", "SECONDS", "FILE ", "default:", "YYYY-MM-DD", "MB ", "10.0"):
        assert english not in scan, english
    letter = invoke("--lang", "fr", "letter", "--help").stdout
    assert "LETTRE [DOSSIER]" in letter and "LETTER" not in letter
    assert "-o, --output DOSSIER" in invoke("--lang", "fr", "pack", "--help").stdout
    english = invoke("scan", "--help").stdout  # the next run speaks English again
    assert "FOLDER..." in english and "--jobs INTEGER RANGE" in english and "DOSSIER" not in english


def test_unsafe_rule_schemas_refused_in_french(tmp_path: Path) -> None:
    """A rule schema that reaches outside the checklist, loops on itself or needs a backtracking pattern is
    refused in the run's language, naming the rule or item by its id and never quoting the reference or pattern."""
    checklist = tmp_path / "unsafe.json"
    rules = [{"id": "outside", "schema": {"$ref": "https://evil.example/secret.json"}},
             {"id": "loop", "schema": {"$defs": {"a": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"}},
             {"id": "slow", "schema": {"properties": {"name": {"pattern": "(?<=evilpattern)x"}}}},
             {"id": "mixed", "schema": {"patternProperties": {"^a": {}}, "unevaluatedProperties": False}}]
    checklist.write_text(json.dumps({
        "id": "unsafe", "version": "1", "title": "Unsafe", "extends": "iec",
        "application_rules": [{**rule, "severity": "error", "message": "m", "hint": "h"} for rule in rules],
        "items": [{"id": "letter", "title": "Letter", "sources": [],
                   "required": {"description": "d", "when": {"$ref": "file:///etc/evil-passwd"}}}]}), encoding="utf-8")
    validated = invoke("checklists", "validate", "--lang", "fr", checklist)
    scanned = invoke("scan", tmp_path, "--lang", "fr", "--checklist", checklist)
    for result in (validated, scanned):
        said = result.stderr
        assert result.exit_code == 3, said
        for french in (
                "/application_rules/0/schema/$ref : renvoie à quelque chose hors de la liste de contrôle et des "
                "schémas fournis ; seules les références internes au schéma de la règle sont permises "
                "(règle 'outside')",
                "/application_rules/1/schema/$defs/a/$ref : cette référence ramène à elle-même (une boucle)",
                "(règle 'loop')",
                "/application_rules/2/schema/properties/name/pattern : ce motif ne peut pas s'exécuter en temps "
                "linéaire", "(règle 'slow')",
                "/application_rules/3/schema : unevaluatedProperties avec patternProperties n'est pas pris en "
                "charge (règle 'mixed')",
                "/items/0/required/when/$ref : renvoie à quelque chose hors", "(élément 'letter')"):
            assert french in said, (french, said)
        for english in ("refers to", "outside the checklist", "leads back", "reference loop", "this pattern",
                        "linear time", "not supported", "rule '", "item '", "evil"):
            assert english not in said, (english, said)
    english = invoke("checklists", "validate", checklist).stderr
    assert "/application_rules/1/schema/$defs/a/$ref: leads back to itself (a reference loop)" in english
    assert "(rule 'loop')" in english and "(item 'letter')" in english and "renvoie" not in english


def test_an_invalid_rule_schema_is_named_in_french(tmp_path: Path) -> None:
    checklist = tmp_path / "invalid.json"
    checklist.write_text(json.dumps({"id": "invalid", "version": "1", "title": "Invalid", "extends": "iec",
                                     "application_rules": [{"id": "typed", "severity": "error", "message": "m",
                                                            "hint": "h", "schema": {"type": 5}}]}), encoding="utf-8")
    said = invoke("checklists", "validate", "--lang", "fr", checklist).stderr
    assert "/application_rules/0/schema : ce n'est pas un JSON Schema valide (règle 'typed') : type doit" in said
    assert "rule '" not in said
