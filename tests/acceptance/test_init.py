"""`permit-check init` writes the questions a permit type depends on, pre-filled from the IRCC forms found."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker

from permit_check.resources import load_schema
from tests import docfactory as make
from tests.conftest import invoke


def _folder_with_forms(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    make.write(folder / "imm1295.pdf", make.xfa_form_pdf("1295", edition="09-2023", datasets=make.imm1295_datasets(
        family_name="Okafor", given_name="Amara", dob="1991-03-14", marital_status="03",
        work_from="2027-01-15", work_to="2029-01-14", passport_expiry="2032-02-29")))
    make.write(folder / "imm5476.pdf", make.xfa_form_pdf("5476", edition="11-2025", dynamic=False))
    return folder


def _answers(folder: Path) -> dict[str, object]:
    with (folder / "permit-check.toml").open("rb") as handle:
        return tomllib.load(handle)


def test_init_prefills_from_the_forms_and_asks_the_rest(tmp_path: Path) -> None:
    folder = _folder_with_forms(tmp_path)
    result = invoke("init", folder, "--type", "work-permit-outside-canada")
    assert result.exit_code == 0, result.stderr
    assert "answers filled in from IMM 1295, IMM 5476" in result.stdout
    text = (folder / "permit-check.toml").read_text(encoding="utf-8")
    answers = _answers(folder)
    assert answers["type"] == "work-permit-outside-canada"
    assert answers["applicant"] == {"family_name": "Okafor", "given_names": "Amara",
                                    "date_of_birth": dt.date(1991, 3, 14),
                                    "passport_number": "X1234567", "marital_status": "common-law"}
    assert answers["representative"] == {"used": True}
    assert str(answers["work"]["start"]) == "2027-01-15"  # type: ignore[index]
    assert str(answers["documents"]["passport"]["expires"]) == "2032-02-29"  # type: ignore[index]
    for question in ('# basis = "lmia"  # lmia | lmia-exempt | open', "# police_certificate = true",
                     "# accompanying = true", "[documents.police-certificate]"):
        assert question in text, question
    assert "[study]" not in text  # only what this type's conditions depend on


def test_init_output_is_a_valid_answers_file_that_scans(tmp_path: Path) -> None:
    folder = _folder_with_forms(tmp_path)
    assert invoke("init", folder, "--type", "work-permit-outside-canada").exit_code == 0
    plain = json.loads(json.dumps(_answers(folder), default=str))
    validator = Draft202012Validator(load_schema("application"), format_checker=FormatChecker())
    assert [error.message for error in validator.iter_errors(plain)] == []
    assert invoke(folder, "--as-of", "2026-11-28").exit_code in (0, 1)


def test_init_asks_each_type_its_own_questions(tmp_path: Path) -> None:
    texts = {}
    for type_id in ("pgwp", "iec", "spousal-open-work-permit", "work-permit-inside-canada"):
        folder = tmp_path / type_id
        folder.mkdir()
        assert invoke("init", folder, "--type", type_id).exit_code == 0
        texts[type_id] = (folder / "permit-check.toml").read_text(encoding="utf-8")
    assert "# final_marks = YYYY-MM-DD" in texts["pgwp"] and "[language]" in texts["pgwp"]
    assert "# invitation_accepted = YYYY-MM-DD" in texts["iec"] and '# category = "working-holiday"' in texts["iec"]
    assert '# status = "worker"' in texts["spousal-open-work-permit"] and "# teer = 0" in texts[
        "spousal-open-work-permit"]
    assert "[documents.status-document]" in texts["work-permit-inside-canada"]
    assert "[study]" not in texts["iec"]


def test_init_never_overwrites_without_force(tmp_path: Path) -> None:
    folder = _folder_with_forms(tmp_path)
    (folder / "permit-check.toml").write_text("# my own notes\n", encoding="utf-8")
    result = invoke("init", folder, "--type", "pgwp")
    assert result.exit_code == 2 and "--force" in result.stderr
    assert (folder / "permit-check.toml").read_text(encoding="utf-8") == "# my own notes\n"
    assert invoke("init", folder, "--type", "pgwp", "--force").exit_code == 0
    assert _answers(folder)["type"] == "pgwp"


def test_init_usage_errors(tmp_path: Path) -> None:
    assert invoke("init", tmp_path / "missing", "--type", "pgwp").exit_code == 2
    result = invoke("init", tmp_path, "--type", "visitor")
    assert result.exit_code == 2 and "pgwp" in result.stderr
    assert not (tmp_path / "permit-check.toml").exists()
