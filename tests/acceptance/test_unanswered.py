"""READY means ready: an unanswered question that decides a document, or a baseline hiding errors, is not READY."""

from __future__ import annotations

import json
from pathlib import Path

from tests import docfactory as make
from tests.conftest import AS_OF, REPO, invoke

OUTSIDE_BASIS_ITEMS = ("lmia", "job-offer", "cv", "education", "employment-reference")


def _newcomer(folder: Path) -> Path:
    """What a newcomer copies in first: the application form (work permit type "Other", which does not
    say whether an LMIA is involved), the family information form, a passport scan and a photo."""
    folder.mkdir(parents=True)
    make.write(folder / "imm1295.pdf", make.xfa_form_pdf("1295", edition="09-2023", datasets=make.imm1295_datasets(
        family_name="Tremblay", given_name="Noor", dob="1993-07-21", validated=True, permit_type="Other")))
    make.write(folder / "imm5645.pdf", make.xfa_form_pdf("5645", edition="01-2021", dynamic=False, datasets=(
        make.static_form_datasets("5645", "01-2021", {"page1/SectionA/Applicant/AppName": "TREMBLAY, Noor",
                                                 "page1/SectionA/Applicant/AppDOB": "1993-07-21"}))))
    make.write(folder / "passport.pdf", make.scan_pdf(1, seed=1, width=850, height=1100, noise=0.05, quality=60))
    make.write(folder / "photo.jpg", make.jpeg_bytes(make.photo_image(seed=2), quality=85, taken="2026-10-01"))
    return folder


def _answer(folder: Path, section: str, line: str) -> None:
    """Answers a question the way a person does: uncomment its line in the section and set the value."""
    answers = folder / "permit-check.toml"
    text = answers.read_text(encoding="utf-8")
    key = line.split(" = ")[0]
    head, _, rest = text.partition(f"[{section}]\n")
    lines = [line if entry.startswith((f"# {key} = ", f"{key} = ")) else entry for entry in rest.split("\n")]
    answers.write_text(f"{head}[{section}]\n" + "\n".join(lines), encoding="utf-8")


def _items(folder: Path) -> tuple[dict[str, object], dict[str, dict[str, object]]]:
    result = invoke("scan", folder, "--format", "json", "--as-of", AS_OF)
    report = json.loads(result.stdout)
    return report, {item["id"]: item for item in report["items"]}


def test_after_init_an_unanswered_work_basis_is_not_ready(tmp_path: Path) -> None:
    folder = _newcomer(tmp_path / "docs")
    assert invoke("init", folder, "--type", "work-permit-outside-canada").exit_code == 0
    result = invoke("scan", folder, "--as-of", AS_OF)
    assert result.exit_code == 1
    assert "READY TO SUBMIT" not in result.stdout
    verdict = result.stdout.strip().splitlines()[-1]
    assert verdict.startswith("NOT READY: answer work.basis") and "permit-check.toml" in verdict
    depends = result.stdout.split("Depends on your answers:")[1].split("\n\n")[0]
    assert "work.basis: What is the work permit based on" in depends
    assert '[work] basis = "lmia" | "lmia-exempt" | "open"' in depends
    lines = depends.splitlines()
    start = next(index for index, line in enumerate(lines) if line.startswith("  work.basis:"))
    basis_block = "\n".join(lines[start:start + 3])
    for title in ("Labour Market Impact Assessment (LMIA)", "Job offer", "CV / résumé"):
        assert title in basis_block
    not_needed = result.stdout.split("Not needed here: ")[1].split("\n")[0]
    assert "LMIA" not in not_needed and "Job offer" not in not_needed and "CV" not in not_needed

    report, items = _items(folder)
    assert report["ready"] is False and report["summary"]["error"] == 0
    for item_id in OUTSIDE_BASIS_ITEMS:
        assert items[item_id]["status"] == "depends" and items[item_id]["depends_on"] == ["work.basis"], item_id
        assert items[item_id]["required"] is False
    assert "depends_on" not in items["passport"]


def test_answering_the_question_decides_the_items(tmp_path: Path) -> None:
    folder = _newcomer(tmp_path / "docs")
    assert invoke("init", folder, "--type", "work-permit-outside-canada").exit_code == 0
    _, items = _items(folder)
    assert {items[item_id]["status"] for item_id in OUTSIDE_BASIS_ITEMS} == {"depends"}
    _answer(folder, "work", 'basis = "open"')
    _, items = _items(folder)
    assert {items[item_id]["status"] for item_id in OUTSIDE_BASIS_ITEMS} == {"not-applicable"}
    assert not any("depends_on" in item for item in items.values() if item["id"] in OUTSIDE_BASIS_ITEMS)
    _answer(folder, "work", 'basis = "lmia"')
    report, items = _items(folder)
    assert {items[item_id]["status"] for item_id in OUTSIDE_BASIS_ITEMS} == {"missing"}
    assert "work.basis" not in report["items"][0].get("depends_on", [])


def test_every_deciding_question_answered_can_be_ready(tmp_path: Path) -> None:
    folder = _newcomer(tmp_path / "docs")
    assert invoke("init", folder, "--type", "work-permit-outside-canada").exit_code == 0
    _answer(folder, "work", 'basis = "open"')
    result = invoke("scan", folder, "--as-of", AS_OF)
    assert result.exit_code == 1  # the medical exam still waits on two questions
    assert "work.health_or_childcare" in result.stdout.splitlines()[-1]
    _answer(folder, "work", "health_or_childcare = false")
    _answer(folder, "applicant", "lived_in_designated_country = false")
    result = invoke("scan", folder, "--as-of", AS_OF)
    assert result.exit_code == 0, result.stdout
    assert "Depends on your answers" not in result.stdout and "READY TO SUBMIT" in result.stdout


def test_without_answers_file_the_questions_are_named_too(tmp_path: Path) -> None:
    folder = _newcomer(tmp_path / "docs")
    result = invoke("scan", folder, "--as-of", AS_OF, "--format", "json")
    report = json.loads(result.stdout)
    assert result.exit_code == 1 and report["ready"] is False
    note = next(finding for finding in report["findings"] if finding["rule"] == "application.no-answers")
    assert note["severity"] == "info" and "representative" in note["message"] and "lmia" not in note["message"]
    assert "fee-receipt" not in note["message"]  # decided by the channel, not by silence
    assert "permit-check init" in note["hint"]
    assert {item["id"] for item in report["items"] if item["status"] == "depends"} >= set(OUTSIDE_BASIS_ITEMS)


def test_depends_in_french_and_html(tmp_path: Path) -> None:
    folder = _newcomer(tmp_path / "docs")
    text = invoke("scan", folder, "--as-of", AS_OF, "--lang", "fr").stdout
    assert "Selon vos réponses :" in text and "Sur quoi repose le permis de travail" in text
    verdict = text.strip().splitlines()[-1]
    assert verdict.startswith("PAS PRÊT : 1 erreur à corriger") and "répondez à work.basis" in verdict
    page = invoke("scan", folder, "--as-of", AS_OF, "--format", "html").stdout
    assert '<span class="state depends">Depends on your answers</span>' in page
    assert "What is the work permit based on" in page  # asked in words; the key is for the consultant
    assert "<code>work.basis</code>" in page.partition('<details class="consultant">')[2]
    assert "Ready to submit." not in page


def test_fail_on_never_still_exits_zero(tmp_path: Path) -> None:
    folder = _newcomer(tmp_path / "docs")
    assert invoke("scan", folder, "--as-of", AS_OF, "--fail-on", "never").exit_code == 0


def test_a_check_waiting_on_a_question_is_noted_not_raised(tmp_path: Path) -> None:
    """The IEC offer-number rule is an error for two categories; with no category it must not guess."""
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "permit-check.toml").write_text('type = "iec"\n[applicant]\nonly_lived_in_us = true\n',
                                              encoding="utf-8")
    report = json.loads(invoke("scan", folder, "--as-of", AS_OF, "--format", "json").stdout)
    rules = {finding["rule"]: finding for finding in report["findings"]}
    assert "iec.offer-number" not in rules
    note = rules["application.unanswered-checks"]
    assert note["severity"] == "info" and "iec.category" in note["message"]


def test_a_baseline_never_makes_errors_ready(tmp_path: Path) -> None:
    folder = REPO / "examples" / "returned-application"
    baseline = tmp_path / "base.json"
    first = invoke("scan", folder, "--as-of", AS_OF, "--format", "json", "-o", baseline)
    known = json.loads(baseline.read_text(encoding="utf-8"))["summary"]["error"]
    assert first.exit_code == 1 and known > 0
    result = invoke("scan", folder, "--as-of", AS_OF, "--baseline", baseline)
    assert result.exit_code == 0  # CI: nothing new
    verdict = result.stdout.strip().splitlines()[-1]
    assert verdict == f"NOT READY: no new problems; {known} errors known from the baseline."
    assert "READY TO SUBMIT" not in result.stdout
    french = invoke("scan", folder, "--as-of", AS_OF, "--baseline", baseline, "--lang", "fr").stdout
    assert french.strip().splitlines()[-1].startswith("PAS PRÊT : aucun nouveau problème")
    report = json.loads(invoke("scan", folder, "--as-of", AS_OF, "--baseline", baseline, "--format", "json").stdout)
    assert report["ready"] is False and report["summary"]["error"] == 0
    assert report["baseline"]["known_errors"] == known and report["baseline"]["known"] >= known
    page = invoke("scan", folder, "--as-of", AS_OF, "--baseline", baseline, "--format", "html").stdout
    assert "Ready to submit." not in page and "no new problems" in page


def test_ci_formats_say_why_the_build_fails(tmp_path: Path) -> None:
    folder = _newcomer(tmp_path / "docs")
    github = invoke("scan", folder, "--as-of", AS_OF, "--format", "github")
    assert github.exit_code == 1
    assert "::error file=" in github.stdout and "application.unanswered" in github.stdout
    assert "(work.basis)" in github.stdout
    sarif = json.loads(invoke("scan", folder, "--as-of", AS_OF, "--format", "sarif").stdout)
    # No permit-check.toml to point at: a finding about the whole folder is a notification of the run.
    notes = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    unanswered = [note for note in notes if note["associatedRule"]["id"] == "application.unanswered"]
    assert unanswered and unanswered[0]["level"] == "error" and "work.basis" in unanswered[0]["message"]["text"]
    junit = invoke("scan", folder, "--as-of", AS_OF, "--format", "junit").stdout
    assert 'name="CV / résumé [cv]"' in junit
    case = junit.split('name="CV / résumé [cv]"')[1].split("</testcase>")[0]
    assert "<failure" in case and "work.basis" in case
