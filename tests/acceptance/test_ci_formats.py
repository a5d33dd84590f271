"""CI formats as their readers take them (SARIF, JUnit, GitLab Code Quality, each against its published
schema), and the command-line habits CI users and people expect."""

from __future__ import annotations

import json
import re
import shutil
import tomllib
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlparse

import junitparser
import pytest
import yaml
from jsonschema import Draft4Validator, Draft202012Validator, FormatChecker
from lxml import etree

from permit_check.cli import build_parser
from permit_check.cli_parser import Parser
from permit_check.i18n import translations
from tests import docfactory as make
from tests.conftest import AS_OF, REPO, invoke

EXTERNAL = REPO / "schemas" / "external"
SARIF_URI = "https://json.schemastore.org/sarif-2.1.0.json"


def _examples(tmp_path: Path) -> tuple[Path, Path]:
    copies = []
    for case in ("returned-application", "ready-application"):
        shutil.copytree(REPO / "examples" / case, tmp_path / case)
        copies.append(tmp_path / case)
    return copies[0], copies[1]


def _scan(*args: str | Path) -> Any:
    return invoke("scan", *args, "--as-of", AS_OF, "--jobs", "1")


def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


# =========================================================================== SARIF


def _sarif_validator() -> Draft4Validator:
    schema = _json(EXTERNAL / "sarif-schema-2.1.0.json")
    assert schema["id"].endswith("/errata01/os/schemas/sarif-schema-2.1.0.json")  # the final schema
    checker = FormatChecker()
    assert not checker.conforms("not a uri", "uri")  # format checking really checks (rfc3986-validator)
    return Draft4Validator(schema, format_checker=checker)


@pytest.mark.parametrize("folders", [("returned",), ("ready",), ("returned", "ready")])
def test_sarif_of_the_examples_validates_against_the_final_schema(tmp_path: Path, folders: tuple[str, ...]) -> None:
    returned, ready = _examples(tmp_path)
    chosen = [{"returned": returned, "ready": ready}[name] for name in folders]
    log = json.loads(_scan(*chosen, "--format", "sarif").stdout)
    assert [error.message for error in _sarif_validator().iter_errors(log)] == []
    assert log["$schema"] == SARIF_URI


def test_sarif_uris_are_relative_percent_encoded_and_resolve_to_the_file(tmp_path: Path) -> None:
    returned, _ = _examples(tmp_path)
    (returned / "photo.png").rename(returned / "passport (1).png")
    (returned / "a#b?c%20d.pdf").write_bytes(b"%PDF-1.4\n")
    run = json.loads(_scan(returned, "--format", "sarif").stdout)["runs"][0]
    bases = run["originalUriBaseIds"]
    assert bases == {"FOLDER": {"uri": returned.resolve().as_uri() + "/",
                                "description": {"text": f"The scanned folder {returned.as_posix()}"}}}
    locations = [result["locations"][0]["physicalLocation"]["artifactLocation"] for result in run["results"]]
    uris = {location["uri"] for location in locations}
    assert "passport%20(1).png" in uris and "a%23b%3Fc%2520d.pdf" in uris
    for location in locations:
        assert not urlparse(location["uri"]).scheme and not location["uri"].startswith("/")
        resolved = urljoin(bases[location["uriBaseId"]]["uri"], location["uri"])
        assert Path(unquote(urlparse(resolved).path)).is_file(), location
    assert [error.message for error in _sarif_validator().iter_errors({"version": "2.1.0", "runs": [run]})] == []


def test_sarif_uris_in_the_working_directory_are_relative_to_it(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """As in CI: code scanning reads a relative URI from the repository's root and ignores base ids."""
    returned, ready = _examples(tmp_path / "clients")
    (returned / "photo.png").rename(returned / "passport (1).png")
    monkeypatch.chdir(tmp_path)
    run = json.loads(_scan("clients/returned-application", ready, "--format", "sarif").stdout)["runs"][0]
    bases = run["originalUriBaseIds"]
    assert bases["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"
    assert bases["FOLDER1"] == {"uri": "clients/returned-application/", "uriBaseId": "%SRCROOT%",
                                "description": {"text": "The scanned folder clients/returned-application"}}
    locations = [result["locations"][0]["physicalLocation"]["artifactLocation"] for result in run["results"]]
    assert {"uri": "clients/returned-application/passport%20(1).png", "uriBaseId": "%SRCROOT%"} in locations
    for location in locations:
        assert (tmp_path / unquote(location["uri"])).is_file(), location
    assert [error.message for error in _sarif_validator().iter_errors({"version": "2.1.0", "runs": [run]})] == []


def test_sarif_redacted_has_no_folder_path(tmp_path: Path) -> None:
    returned, _ = _examples(tmp_path)
    text = _scan(returned, "--format", "sarif", "--redact").stdout
    assert str(tmp_path) not in text and "returned-application" not in text
    base = json.loads(text)["runs"][0]["originalUriBaseIds"]["FOLDER"]
    assert "uri" not in base


def test_sarif_describes_each_rule_once_from_the_checklist(tmp_path: Path) -> None:
    returned, _ = _examples(tmp_path)
    run = json.loads(_scan(returned, "--format", "sarif").stdout)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert len({rule["id"] for rule in rules}) == len(rules) == len({r["ruleId"] for r in run["results"]})
    by_id = {rule["id"]: rule for rule in rules}
    for rule in rules:
        assert rule["shortDescription"]["text"] != rule["id"]
        assert "{" not in rule["shortDescription"]["text"] + rule["fullDescription"]["text"]
        assert rule["help"]["text"] and "permit-check" in rule["properties"]["tags"]
    assert by_id["family-information.missing"]["shortDescription"]["text"] == (
        "No file for Family Information (IMM 5645 or IMM 5707).")
    assert by_id["passport.one-file"]["help"]["text"].startswith("Merge them into one PDF")
    assert "Family Information" in by_id["family-information.missing"]["fullDescription"]["text"]


def test_sarif_folder_findings_point_at_the_toml_or_become_notifications(tmp_path: Path) -> None:
    returned, _ = _examples(tmp_path)
    run = json.loads(_scan(returned, "--format", "sarif").stdout)["runs"][0]
    missing = [result for result in run["results"] if result["ruleId"] == "family-information.missing"]
    assert missing[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "permit-check.toml"
    (returned / "permit-check.toml").unlink()
    run = json.loads(_scan(returned, "--format", "sarif").stdout)["runs"][0]
    assert all(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] != "permit-check.toml"
               for result in run["results"])
    notes = run["invocations"][0]["toolExecutionNotifications"]
    rules = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert notes and all(rules[note["associatedRule"]["index"]] == note["associatedRule"]["id"] for note in notes)
    assert "application.no-answers" in {note["associatedRule"]["id"] for note in notes}
    assert [error.message for error in _sarif_validator().iter_errors({"version": "2.1.0", "runs": [run]})] == []


# =========================================================================== JUnit


def _junit(*folders: Path) -> str:
    return str(_scan(*folders, "--format", "junit").stdout)


def _read_junit(text: str, tmp_path: Path) -> junitparser.JUnitXml:
    """As a CI reads it: from the file."""
    (tmp_path / "junit.xml").write_text(text, encoding="utf-8")
    return junitparser.JUnitXml.fromfile(str(tmp_path / "junit.xml"))


def test_junit_of_the_examples_validates_against_the_jenkins_schema_and_junitparser(tmp_path: Path) -> None:
    returned, ready = _examples(tmp_path)
    text = _junit(returned, ready)
    schema = etree.XMLSchema(etree.parse(str(EXTERNAL / "junit-10.xsd")))
    document = etree.fromstring(text.encode("utf-8"))
    assert schema.validate(document), schema.error_log
    report = _read_junit(text, tmp_path)
    suites = list(report)
    assert [suite.name for suite in suites] == [returned.as_posix(), ready.as_posix()]
    assert report.failures == 6 and report.errors == 0
    outcomes = {case.name: [type(result).__name__ for result in case.result] for case in suites[0]}
    assert outcomes["Family Information (IMM 5645 or IMM 5707) [family-information]"] == ["Failure"]
    assert outcomes["Police certificate(s) [police-certificate]"] == ["Skipped"]
    assert outcomes["Job offer or employment contract [job-offer]"] == []
    assert all(case.time is not None for suite in suites for case in suite)
    assert all(suite.time is not None and suite.time >= 0 for suite in suites)
    assert suites[0].skipped == sum(outcome == ["Skipped"] for outcome in outcomes.values()) > 0


def test_junit_test_names_do_not_carry_the_result(tmp_path: Path) -> None:
    returned, ready = _examples(tmp_path)
    suites = list(_read_junit(_junit(returned, ready), tmp_path))
    names = [[case.name for case in suite] for suite in suites]
    assert names[0] == names[1]  # a failing and a passing folder: the same tests
    assert not [name for name in names[0] if re.search(r"\((ok|missing|invalid|not-applicable|optional)\)", name)]
    assert any(name.endswith("[file-name.characters]") for name in names[0])  # one test per file rule


# =========================================================================== GitLab Code Quality


def _gitlab(*args: str | Path) -> list[dict[str, Any]]:
    issues: list[dict[str, Any]] = json.loads(_scan(*args, "--format", "gitlab").stdout)
    return issues


def test_gitlab_of_the_examples_validates_against_gitlabs_format(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    returned, ready = _examples(tmp_path)
    monkeypatch.chdir(tmp_path)  # the repository's root: paths are written relative to it
    schema = _json(EXTERNAL / "gitlab-code-quality.schema.json")
    for folders in ((returned,), (ready,), (returned, ready)):
        issues = _gitlab(*folders)
        validator = Draft202012Validator(schema, format_checker=FormatChecker())
        assert [error.message for error in validator.iter_errors(issues)] == []
    issues = _gitlab(returned, ready)
    assert len(issues) == 7 and len({issue["fingerprint"] for issue in issues}) == 7
    assert sorted(issue["severity"] for issue in issues) == ["critical"] * 6 + ["info"]
    paths = {issue["location"]["path"] for issue in issues}
    assert "returned-application/photo.png" in paths and "returned-application/permit-check.toml" in paths


def test_gitlab_fingerprints_are_stable_across_runs(tmp_path: Path) -> None:
    returned, _ = _examples(tmp_path)
    first = {issue["check_name"]: issue["fingerprint"] for issue in _gitlab(returned)}
    later = invoke("scan", returned, "--as-of", "2027-01-15", "--format", "gitlab", "--lang", "fr")
    second = {issue["check_name"]: issue["fingerprint"] for issue in json.loads(later.stdout)}
    assert first == second  # another date and language: other words, the same issues


def test_gitlab_ci_recipe_works_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    job = yaml.safe_load((REPO / "docs" / "gitlab-ci.yml").read_text(encoding="utf-8"))["permit-check"]
    returned, ready = _examples(tmp_path / "clients")
    monkeypatch.chdir(tmp_path)
    codes = []
    for line in job["script"]:
        words = line.split()
        assert words[0] == "permit-check"
        expanded = [w for word in words[1:] for w in ([str(returned), str(ready)] if word == "clients/*/" else [word])]
        codes.append(invoke(*expanded, "--as-of", AS_OF).exit_code)
    assert codes == [0, 0, 1]
    reports = job["artifacts"]["reports"]
    issues = _json(tmp_path / reports["codequality"])
    schema = _json(EXTERNAL / "gitlab-code-quality.schema.json")
    assert list(Draft202012Validator(schema).iter_errors(issues)) == [] and issues
    assert junitparser.JUnitXml.fromfile(str(tmp_path / reports["junit"])).failures == 6


# =========================================================================== CLI habits


@pytest.mark.parametrize(("name", "starts"), [("report.html", "<!DOCTYPE html>"), ("report.json", "{"),
                                               ("report.sarif", "{"), ("report.xml", "<?xml"),
                                               ("report.txt", "permit-check")])
def test_the_format_follows_the_output_extension(tmp_path: Path, name: str, starts: str) -> None:
    _, ready = _examples(tmp_path)
    target = tmp_path / name
    result = _scan(ready, "-o", target)
    assert result.exit_code == 0
    assert target.read_text(encoding="utf-8").startswith(starts)
    assert result.stderr.strip() == f"Report written to {target}"


def test_a_sarif_json_name_gets_sarif(tmp_path: Path) -> None:
    _, ready = _examples(tmp_path)
    target = tmp_path / "permit-check.sarif.json"
    result = _scan(ready, "-o", target)
    assert result.exit_code == 0 and "suggests" not in result.stderr
    assert _json(target)["version"] == "2.1.0"
    assert "suggests" not in _scan(ready, "--format", "sarif", "-o", target).stderr
    assert "suggests sarif" in _scan(ready, "--format", "json", "-o", target).stderr


def test_what_the_command_line_says_is_french_with_lang_fr(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    _, ready = _examples(tmp_path)
    written = _scan(ready, "--lang", "fr", "-o", tmp_path / "rapport.txt")
    assert written.stderr.strip() == f"Rapport écrit dans {tmp_path / 'rapport.txt'}"
    mismatch = _scan(ready, "--lang", "fr", "--format", "json", "-o", tmp_path / "rapport.html")
    assert "écrit au format json" in mismatch.stderr and "writing" not in mismatch.stderr
    packed = invoke("pack", ready, "-o", tmp_path / "envoi", "--as-of", AS_OF, "--lang", "fr")
    assert f"Fichiers à téléverser écrits dans {tmp_path / 'envoi'}" in packed.stderr.splitlines()
    monkeypatch.chdir(tmp_path)
    typo = invoke("--lang", "fr", "pakc", "mydocs")
    assert typo.exit_code == 2 and "Commande inconnue « pakc ». Vouliez-vous dire « pack » ?" in typo.stderr
    # --lang before the command belongs to the command; the folders that could not be scanned say so in French.
    missing = invoke("--lang", "fr", "scan", "nope1", "nope2")
    assert missing.exit_code == 2
    assert "Impossible à vérifier :\n  nope1 : dossier introuvable : nope1" in missing.stdout
    assert "scan:" not in missing.stdout
    assert "2 dossiers : 0 prêt, 0 pas prêt, 2 impossibles à vérifier." in missing.stdout


def test_a_format_that_does_not_fit_the_extension_is_said(tmp_path: Path) -> None:
    _, ready = _examples(tmp_path)
    result = _scan(ready, "--format", "json", "-o", tmp_path / "report.html")
    assert "writing the json format to" in result.stderr and "suggests html" in result.stderr
    assert (tmp_path / "report.html").read_text(encoding="utf-8").startswith("{")
    quiet = _scan(ready, "--format", "gitlab", "-o", tmp_path / "gl-code-quality-report.json")
    assert "suggests" not in quiet.stderr


def test_letter_output_is_said(tmp_path: Path) -> None:
    letter = tmp_path / "letter.txt"
    letter.write_text("Your application is approved.\n", encoding="utf-8")
    result = invoke("letter", letter, "-o", tmp_path / "answer.txt")
    assert f"Report written to {tmp_path / 'answer.txt'}" in result.stderr


def test_pack_says_where_it_wrote(tmp_path: Path) -> None:
    _, ready = _examples(tmp_path)
    result = invoke("pack", ready, "-o", tmp_path / "upload", "--as-of", AS_OF)
    assert f"Upload files written to {tmp_path / 'upload'}" in result.stderr.splitlines()


def test_a_command_typo_gets_did_you_mean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("pakc", "mydocs")
    assert result.exit_code == 2
    assert "No such command 'pakc'. Did you mean 'pack'?" in result.stderr
    (tmp_path / "pakc").mkdir()  # a folder of that name is scanned, as always
    assert "Did you mean" not in invoke("pakc", "--as-of", AS_OF).stderr
    assert "folder not found: mydocs" in invoke("mydocs").stderr  # far from every command: a folder


def test_force_color_and_no_color(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, ready = _examples(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert "\033[" not in _scan(ready).stdout  # not a terminal
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\033[" in _scan(ready).stdout
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\033[" not in _scan(ready).stdout  # NO_COLOR wins
    assert "\033[" in _scan(ready, "--color").stdout  # and the option over both


def _commands(group: Parser, prefix: str = "") -> list[tuple[str, Parser]]:
    found: list[tuple[str, Parser]] = []
    for name, command in group.commands.items():
        found.append((f"{prefix}{name}", command))
        found += _commands(command, f"{prefix}{name} ")
    return found


def test_every_option_of_every_command_has_help() -> None:
    commands = _commands(build_parser(translations("en")))
    assert {name for name, _ in commands} >= {"scan", "init", "letter", "read", "pack", "editions", "checklists",
                                              "checklists list", "checklists show", "checklists validate"}
    missing = [f"{name} {'/'.join(action.option_strings)}" for name, command in commands
               for action in command._actions if action.option_strings and not action.help]
    assert missing == []


def test_short_helps_are_whole_sentences() -> None:
    for words in ([], ["checklists"]):
        text = invoke(*words, "--help").stdout
        listed = text.split("Commands:")[1].strip().splitlines()
        assert listed and all(line.rstrip().endswith(".") and not line.rstrip().endswith("...") for line in listed)


def test_pointers_name_what_a_pip_user_has(tmp_path: Path) -> None:
    _, ready = _examples(tmp_path)
    (ready / "permit-check.toml").unlink()
    result = _scan(ready, "--format", "json")
    hint = result.finding("application.no-answers")["hint"]
    assert "permit-check init" in hint and "README" not in hint
    french = _scan(ready, "--format", "json", "--lang", "fr").finding("application.no-answers")["hint"]
    assert "permit-check init" in french and "README" not in french
    scan_help = invoke("scan", "--help").stdout
    assert "permit-check editions" in scan_help and "editions.json" not in scan_help
    editions = invoke("editions")
    assert editions.exit_code == 0
    printed, bundled = json.loads(editions.stdout), _json(REPO / "checklists" / "ircc" / "editions.json")
    # The copy names its schema by id: the bundled file's relative path means nothing beside the user's copy.
    assert printed.pop("$schema") == _json(REPO / "schemas" / "editions.schema.json")["$id"]
    assert bundled.pop("$schema") == "../../schemas/editions.schema.json" and printed == bundled
    (tmp_path / "editions.json").write_text(editions.stdout, encoding="utf-8")
    with_copy = _scan(ready, "--format", "json", "--editions", tmp_path / "editions.json")  # it is taken back
    assert with_copy.exit_code == _scan(ready, "--format", "json").exit_code and with_copy.stderr == ""
    metadata = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert metadata["urls"]["Documentation"].startswith("https://")


def test_json_reports_name_their_schema_by_a_real_id(tmp_path: Path) -> None:
    returned, ready = _examples(tmp_path)
    schema = _json(REPO / "schemas" / "report.schema.json")
    assert ".example" not in schema["$id"]
    for folders in ((ready,), (returned, ready)):
        report = json.loads(_scan(*folders, "--format", "json").stdout)
        assert report["$schema"] == schema["$id"]
        assert list(Draft202012Validator(schema, format_checker=FormatChecker()).iter_errors(report)) == []


@pytest.mark.parametrize("args", [
    ["checklists", "validate", "no-such-checklist.json"],
    ["scan", "no-such-folder"],
    ["init", "no-such-folder", "--type", "pgwp"],
    ["pack", "no-such-folder", "-o", "out"],
    ["letter", "no-such-letter.pdf"],
    ["checklists", "show", "no-such-type"],
    ["editions", "extra"],
    ["scan", ".", "--baseline", "no-such-report.json"],
])
def test_usage_errors_exit_2_everywhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert invoke(*args).exit_code == 2


# =========================================================================== setup and recipes


def test_readme_recommends_pipx_and_says_what_make_installs() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quick start")[1].split("\n## ")[0]
    assert "pipx install ." in quick and "python3 -m venv" in quick and "PEP 668" in quick
    assert "pip install ." not in quick.replace("bin/pip install .", "")
    assert "Chromium" in quick and "130" in quick and "libmagic" in quick


def test_make_demo_has_no_ignored_error() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\ndemo:")[1].split("\n\n")[0]
    assert "\n\t-" not in recipe  # a '-' line is what prints "Error 1 (ignored)"
    assert "as expected" in recipe


def test_pre_commit_hook_works_with_its_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hook = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    assert hook["pass_filenames"] is False
    shutil.copytree(REPO / "examples" / "ready-application", tmp_path / "repo")
    monkeypatch.chdir(tmp_path / "repo")
    result = invoke(*hook["entry"].split()[1:], *hook["args"], "--as-of", AS_OF)
    assert result.exit_code == 0, result.stderr


def test_ci_docs_pin_by_commit_sha() -> None:
    text = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    block = re.search(r"## pre-commit.*?```yaml\n(.*?)```", text, re.DOTALL)
    assert block is not None
    config = yaml.safe_load(block.group(1))
    assert re.fullmatch(r"[0-9a-f]{40}", config["repos"][0]["rev"])
    assert "sha" in text.split("## pre-commit")[1].split("```")[0]


def test_gitlab_fingerprints_are_distinct_and_paths_never_absolute(tmp_path: Path) -> None:
    """Two open questions share rule, item and file: GitLab would merge their issues into one."""
    folder = tmp_path / "my docs"
    folder.mkdir()
    make.write(folder / "imm1295.pdf", make.xfa_form_pdf("1295", edition="09-2023", datasets=make.imm1295_datasets(
        validated=True, permit_type="Other")))
    issues = json.loads(invoke("scan", folder, "--format", "gitlab", "--as-of", AS_OF).stdout)
    prints = [issue["fingerprint"] for issue in issues]
    assert len(prints) == len(set(prints)) and sum(issue["check_name"] == "application.unanswered"
                                                   for issue in issues) >= 2
    assert not any(issue["location"]["path"].startswith("/") for issue in issues)


def test_sarif_describes_a_custom_checklists_rules_in_its_own_words(tmp_path: Path) -> None:
    """The scan hands the checklist it judged by to the renderer: a --checklist file's items are described too
    (the renderer once reloaded built-in checklists by id, and knew nothing of a custom one)."""
    returned, _ = _examples(tmp_path)
    checklist = tmp_path / "acme.json"
    checklist.write_text(json.dumps({
        "id": "acme-lmia", "version": "1", "title": "Acme Logistics: LMIA work permits",
        "extends": "work-permit-outside-canada",
        "items": [{"id": "bank-statement", "title": "Bank statements", "required": True,
                   "description": "Four months of statements of the account that pays for the stay.",
                   "missing_hint": "Download them from your bank's website as PDF.",
                   "match": {"names": ["*bank*"]}, "kinds": ["pdf"]}]}), encoding="utf-8")
    run = json.loads(_scan(returned, "--checklist", checklist, "--format", "sarif").stdout)["runs"][0]
    by_id = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    missing = by_id["bank-statement.missing"]
    assert missing["shortDescription"]["text"] == "No file for Bank statements."
    assert missing["fullDescription"]["text"] == ("No file for Bank statements. (Bank statements: Four months of "
                                                  "statements of the account that pays for the stay.)")
    assert missing["help"]["text"] == "Download them from your bank's website as PDF."
