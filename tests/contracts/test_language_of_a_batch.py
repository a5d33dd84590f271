"""Folders scanned in one run may each choose their language (permit-check.toml's `lang`): each report speaks its
own, and what the batch says itself (the summary, the folders that could not be scanned, a CI format's run-level
words) speaks --lang, else the reports' language when they all agree, else English -- never a mix on one line."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import AS_OF, REPO, invoke


def _folders(tmp_path: Path, *french: bool) -> list[Path]:
    """Copies of the returned example, each answering in French (lang = "fr") or not."""
    folders = []
    for index, speaks_french in enumerate(french):
        folder = tmp_path / f"{'fr' if speaks_french else 'en'}{index}"
        shutil.copytree(REPO / "examples" / "returned-application", folder)
        if speaks_french:
            answers = folder / "permit-check.toml"
            answers.write_text('lang = "fr"\n' + answers.read_text(encoding="utf-8"), encoding="utf-8")
        folders.append(folder)
    return folders


def _scan(*args: str | Path) -> str:
    return invoke("scan", *args, "--as-of", AS_OF, "--jobs", "1", "--no-color").stdout


def _summary(text: str) -> str:
    """The text report's batch summary: what follows its last rule of '='."""
    return text.rsplit("=" * 78, 1)[1]


def test_the_summary_of_folders_that_disagree_is_english_whichever_comes_first(tmp_path: Path) -> None:
    french, english = _folders(tmp_path, True, False)
    text = _scan(french, english)
    assert "Bilan : 6 erreurs" in text and "Summary: 6 errors" in text  # each report its own
    summary = _summary(text)
    assert "Folder" in summary and "2 folders: 0 ready, 2 not ready." in summary
    assert not re.search(r"Dossier|dossiers|prêt|non\b", summary), summary


def test_the_summary_of_folders_that_agree_speaks_their_language(tmp_path: Path) -> None:
    folders = _folders(tmp_path, False, True, True)
    summary = _summary(_scan(*folders[1:]))
    assert "Dossier" in summary and "2 dossiers : 0 prêt, 2 pas prêts." in summary
    assert "Folder" not in summary and "ready" not in summary
    # --lang says everything in its language, the folder that chose another included.
    text = _scan(*folders, "--lang", "en")
    assert "Bilan" not in text and "3 folders: 0 ready, 3 not ready." in _summary(text)


def test_a_folder_that_cannot_be_scanned_is_said_in_the_batch_language(tmp_path: Path) -> None:
    first, second = _folders(tmp_path, True, True)
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "permit-check.toml").write_text("bogus = 1\n", encoding="utf-8")
    text = _scan(first, broken, second)
    assert f"{broken} : {broken / 'permit-check.toml'} : (premier niveau) : 'bogus' n'était pas attendu" in text
    assert "3 dossiers : 0 prêt, 2 pas prêts, 1 impossible à vérifier." in text
    assert "was unexpected" not in text and "top level" not in text
    mixed = _scan(first, broken, *_folders(tmp_path / "more", False))
    assert f"{broken}: {broken / 'permit-check.toml'}: (top level): 'bogus' was unexpected" in mixed


def test_the_html_page_of_folders_that_disagree(tmp_path: Path) -> None:
    french, english = _folders(tmp_path, True, False)
    page = _scan(french, english, "--format", "html")
    assert '<html lang="en">' in page
    sections = page.split('<section class="folder" id="folder-')
    french_part, english_part = sections[1], sections[2]
    assert french_part.split(">", 1)[0].endswith('lang="fr" aria-labelledby="folder-1-' + _slug(french) + '-title"')
    for words in ("Comment corriger :", "Tous les éléments", "En date du : ", "Pour votre consultant"):
        assert words in html.unescape(french_part), words
    for words in ("How to fix", "Every item", "As of", "For your consultant", "Files:"):
        assert words not in french_part, words
    assert "How to fix:" in english_part and "Comment" not in english_part and ' lang="' not in english_part[:200]
    summary = sections[0].split('<section class="folder batch"', 1)[1]
    assert "Summary: 0 of 2 folders ready" in summary
    # The French report's permit type, in the English table, says which language it is in.
    assert "<td lang=\"fr\">Permis de travail demandé à l&#39;extérieur du Canada" in summary


def _slug(folder: Path) -> str:
    return re.sub(r"[^a-z0-9]+", "-", folder.as_posix().lower()).strip("-")


def test_ci_formats_of_folders_that_disagree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    french, english = _folders(tmp_path, True, False)
    junit = etree.fromstring(_scan(french, english, "--format", "junit").encode())
    french_suite, english_suite = junit.findall("testsuite")
    french_body = "\n".join(failure.text or "" for failure in french_suite.iter("failure"))
    assert "erreur : Aucun fichier pour Renseignements sur la famille" in french_body
    assert " Solution : Téléchargez" in french_body
    assert "Fix:" not in french_body and "error:" not in french_body
    english_body = "\n".join(failure.text or "" for failure in english_suite.iter("failure"))
    assert "error: No file for Family Information" in english_body and " Fix: Download" in english_body

    sarif = json.loads(_scan(french, english, "--format", "sarif"))["runs"][0]
    rules = {rule["id"]: rule for rule in sarif["tool"]["driver"]["rules"]}
    assert rules["family-information.missing"]["shortDescription"]["text"] == (
        "No file for Family Information (IMM 5645 or IMM 5707).")
    assert all("Solution" not in rule["help"]["text"] and "é" not in rule["help"]["text"] for rule in rules.values())
    described = [base["description"]["text"] for base in sarif["originalUriBaseIds"].values()]
    assert all(text.startswith("The scanned folder ") for text in described), described
    messages = [result["message"]["text"] for result in sarif["results"]]
    assert any(text.startswith("Aucun fichier") and " Solution : " in text for text in messages)
    assert any(text.startswith("No file") and " Fix: " in text for text in messages)

    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    annotations = _scan(french, english, "--format", "github").splitlines()
    assert any("::Aucun fichier pour" in line and " Solution : " in line for line in annotations)
    assert not any("::Aucun fichier pour" in line and "Fix:" in line for line in annotations)
    assert "| Folder | Type | Ready | Errors | Warnings |" in summary.read_text(encoding="utf-8")
    summary.unlink()
    _scan(french, *_folders(tmp_path / "more", True), "--format", "github")
    table = html.unescape(summary.read_text(encoding="utf-8"))
    assert "| Dossier | Type | Prêt | Erreurs | Avertissements |" in table and "| **non** |" in table

    document = json.loads(_scan(french, english, "--format", "json"))
    assert [report["lang"] for report in document["reports"]] == ["fr", "en"]
