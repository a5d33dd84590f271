"""`permit-check init` writes the questions a permit type depends on, pre-filled from the IRCC forms found."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker

from permit_check.files.resources import load_schema
from permit_check.rules.checklist import available_types
from tests import docfactory as make
from tests.conftest import invoke
from tests.contracts.test_french import schema_descriptions


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
    assert answers["work"]["basis"] == "lmia"  # type: ignore[index]  # the form's work permit type: LMOS
    assert str(answers["documents"]["passport"]["expires"]) == "2032-02-29"  # type: ignore[index]
    for question in ("# health_or_childcare = true", "# police_certificate = true",
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


def test_init_in_french_writes_no_english_comment(tmp_path: Path) -> None:
    english = [english for english, _ in schema_descriptions(load_schema("application")).values()]
    written = []
    for type_id in available_types():
        folder = tmp_path / type_id
        folder.mkdir()
        assert invoke("--lang", "fr", "init", folder, "--type", type_id).exit_code == 0
        written.append((folder / "permit-check.toml").read_text(encoding="utf-8"))
    forms = _folder_with_forms(tmp_path)  # answered lines carry their comment too
    assert invoke("--lang", "fr", "init", forms, "--type", "work-permit-outside-canada").exit_code == 0
    written.append((forms / "permit-check.toml").read_text(encoding="utf-8"))
    lines = [line for text in written for line in text.splitlines()]
    assert [line for line in lines if any(sentence in line for sentence in english)] == []
    text = "\n".join(lines)
    assert "# issued = AAAA-MM-JJ  # Date de délivrance (une photo : le jour où elle a été prise ;" in text
    assert "YYYY" not in text  # the dates to fill in are written as the French reports write them
    assert "# basis = \"lmia\"  # lmia | lmia-exempt | open ; Ce sur quoi repose le permis de travail : une EIMT" \
        in text
    assert "expires = 2032-02-29  # Date d'expiration (un passeport, un permis)." in text
    assert "# Vérifiez avec : permit-check scan <ce dossier>" in text  # what to do next, not what was done


def test_a_folder_initialised_in_french_is_scanned_in_french(tmp_path: Path) -> None:
    """init --lang fr wrote a French file but no `lang`: the next scan of the folder answered in English."""
    folder = _folder_with_forms(tmp_path)
    assert invoke("init", folder, "--type", "work-permit-outside-canada", "--lang", "fr").exit_code == 0
    assert _answers(folder)["lang"] == "fr"
    scanned = invoke(folder, "--as-of", "2026-11-28", "--no-cache")
    assert "PAS PRÊT" in scanned.stdout and "NOT READY" not in scanned.stdout
    english = tmp_path / "english"
    english.mkdir()
    assert invoke("init", english, "--type", "pgwp").exit_code == 0
    assert "lang" not in _answers(english)


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


def _application_form(folder: Path, number: str, **fields: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    datasets = make.imm1295_datasets(**fields) if number == "1295" else make.imm5710_datasets(**fields)
    make.write(folder / f"imm{number}.pdf", make.xfa_form_pdf(number, edition="09-2023", datasets=datasets))
    return folder


def test_init_infers_the_permit_type_from_the_application_form(tmp_path: Path) -> None:
    outside = _application_form(tmp_path / "outside", "1295")
    result = invoke("init", outside)
    assert result.exit_code == 0, result.stderr
    assert "permit type work-permit-outside-canada, from the forms found" in result.stdout
    assert _answers(outside)["type"] == "work-permit-outside-canada"
    # IMM 5710 is the form of an extension, a PGWP and a spousal permit alike: the type stays a question.
    inside = _application_form(tmp_path / "inside", "5710")
    result = invoke("init", inside)
    assert result.exit_code == 0 and "could also be pgwp, spousal-open-work-permit" in result.stdout
    assert "type" not in _answers(inside)
    text = (inside / "permit-check.toml").read_text(encoding="utf-8")
    assert "#   type -- decides: the whole checklist" in text
    assert '# type = "work-permit-inside-canada"  # work-permit-inside-canada | pgwp | spousal-open-work-permit' \
        in text
    nothing = tmp_path / "nothing"
    nothing.mkdir()
    result = invoke("init", nothing)
    assert result.exit_code == 2 and "--type" in result.stderr and not (nothing / "permit-check.toml").exists()


def test_init_fills_in_what_the_forms_say_about_the_work(tmp_path: Path) -> None:
    lmia = _application_form(tmp_path / "lmia", "1295", permit_type="LMOS", lmia_or_offer="9876543")
    assert invoke("init", lmia).exit_code == 0
    assert _answers(lmia)["work"] == {"basis": "lmia", "lmia_number": "9876543"}
    # The LMIA-based permit now needs the LMIA itself: the scan asks for it instead of waiting.
    report = json.loads(invoke(lmia, "--format", "json", "--as-of", "2026-11-28").stdout)
    assert {item["id"]: item["status"] for item in report["items"]}["lmia"] == "missing"
    exempt = _application_form(tmp_path / "exempt", "1295", permit_type="ELMO", lmia_or_offer="A1234567")
    assert invoke("init", exempt).exit_code == 0
    assert _answers(exempt)["work"] == {"basis": "lmia-exempt", "offer_number": "A1234567"}
    other = _application_form(tmp_path / "other", "1295", permit_type="Other")
    assert invoke("init", other).exit_code == 0
    assert "basis" not in _answers(other).get("work", {})  # type: ignore[operator]


def test_init_fills_in_the_status_expiry_from_imm5710(tmp_path: Path) -> None:
    folder = _application_form(tmp_path / "inside", "5710", status_to="2027-05-31", marital_status="01")
    assert invoke("init", folder).exit_code == 0
    answers = _answers(folder)
    assert str(answers["documents"]["status-document"]["expires"]) == "2027-05-31"  # type: ignore[index]
    assert answers["applicant"]["marital_status"] == "married"  # type: ignore[index]


def test_init_makes_the_open_questions_impossible_to_miss(tmp_path: Path) -> None:
    folder = _application_form(tmp_path / "docs", "1295", permit_type="Other")
    result = invoke("init", folder)
    # "Other" names no permit type: the type is the first open question.
    assert "4 questions that decide which documents you need are still open: type, work.basis" in result.stdout
    text = (folder / "permit-check.toml").read_text(encoding="utf-8")
    top = text.split("\nchannel = ")[0]
    assert "# UNANSWERED: 4 questions below decide which documents you need" in top
    assert "#   work.basis -- decides: Labour Market Impact Assessment (LMIA) from ESDC; Job offer" in top
    work = text.split("[work]\n")[1]
    assert work.startswith("# UNANSWERED -- decides: Labour Market Impact Assessment (LMIA) from ESDC; Job offer")
    assert work.splitlines()[1].startswith('# basis = "lmia"  # lmia | lmia-exempt | open')
