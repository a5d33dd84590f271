"""The open questions of a report, in words: what to answer, where in permit-check.toml, and what it decides."""

from __future__ import annotations

import json
from dataclasses import dataclass

from permit_check.files.resources import description_in, question_schema
from permit_check.i18n import N_, in_language
from permit_check.model import Finding, ItemStatus, Report, Severity
from permit_check.reports.words import words_in

# CI formats (SARIF, JUnit, GitHub) carry findings only: an open question becomes one there, so that a
# failing build says why. It is not a finding of the report itself, and no baseline hides it.
UNANSWERED_RULE = "application.unanswered"

# The questions a checklist condition can wait on, as a person would ask them.
QUESTIONS: dict[str, str] = {
    "applying_from": N_("Do you apply from outside Canada (a visa office) or from inside Canada?"),
    "channel": N_("How will you submit: the IRCC secure account, the IRCC Portal, or on paper?"),
    "work.basis": N_("What is the work permit based on: an LMIA, an LMIA-exempt job offer, or an open permit?"),
    "applicant.marital_status": N_("What is your marital status?"),
    "applicant.travelling_alone": N_("Is the applicant (a minor) travelling without a parent?"),
    "applicant.lived_in_designated_country": N_("Did you live 6 months or more in the past year in a country "
                                                "where IRCC requires a medical exam?"),
    "applicant.only_lived_in_us": N_("Have you only ever lived in the United States?"),
    "work.health_or_childcare": N_("Will you work in health care, child care or with vulnerable people?"),
    "work.new_employer": N_("Is the application for a new employer (not only an extension)?"),
    "family.accompanying": N_("Does a spouse, partner or child apply with you?"),
    "representative.used": N_("Does a representative (consultant, lawyer) act for you?"),
    "release_of_information.used": N_("Do you authorise IRCC to share your file with someone (IMM 5475)?"),
    "requested.police_certificate": N_("Has IRCC asked you for a police certificate?"),
    "requested.medical_exam": N_("Has IRCC asked you for a medical exam?"),
    "principal.status": N_("Is your spouse or partner in Canada as a worker or as a student?"),
    "principal.program": N_("Which program does your spouse or partner study in?"),
    "study.flight_school": N_("Did you graduate from a flight school?"),
    "study.level": N_("Did you graduate from a university or a college program?"),
    "language.test": N_("Which language test did you take?"),
    "iec.category": N_("Which International Experience Canada category did you apply in?"),
    "status.current": N_("What is your current status in Canada?"),
}


@dataclass(frozen=True)
class OpenQuestion:
    """One unanswered question that decides whether documents are needed."""

    key: str  # dotted, as in the JSON report's depends_on: work.basis
    text: str
    toml: str  # where to answer it: [work] basis = "lmia" | "lmia-exempt" | "open"
    decides: tuple[str, ...]  # titles of the items waiting on it


def question_text(key: str, lang: str) -> str:
    schema = question_schema(tuple(key.split("."))) or {}
    return in_language(QUESTIONS, lang).get(key) or description_in(schema, lang) or key


def toml_line(key: str) -> str:
    """How the answer is written in permit-check.toml, with every choice the schema allows."""
    path = key.split(".")
    schema = question_schema(tuple(path)) or {}
    if "enum" in schema:
        value = " | ".join(json.dumps(choice, ensure_ascii=False) for choice in schema["enum"])
    elif schema.get("type") == "boolean":
        value = "true | false"
    else:
        value = "..."
    line = f"{path[-1]} = {value}"
    return f"[{'.'.join(path[:-1])}] {line}" if len(path) > 1 else line


def open_questions(report: Report) -> list[OpenQuestion]:
    """Each question some `depends` item waits on, with the items it decides, in checklist order."""
    decides: dict[str, list[str]] = {}
    for item in report.items:
        if item.status == ItemStatus.DEPENDS:
            for key in item.depends_on:
                decides.setdefault(key, []).append(item.title)
    return [OpenQuestion(key, question_text(key, report.lang), toml_line(key), tuple(titles))
            for key, titles in decides.items()]


def question_findings(report: Report, keys: tuple[str, ...] | None = None) -> list[Finding]:
    """The open questions (all, or those in `keys`) as error findings, for formats that show only findings."""
    words = words_in(report.lang)
    return [
        Finding(UNANSWERED_RULE, Severity.ERROR,
                words["unanswered_message"].format(question=question.text, key=question.key,
                                                   documents="; ".join(question.decides)),
                words["unanswered_hint"].format(line=question.toml))
        for question in open_questions(report) if keys is None or question.key in keys
    ]
