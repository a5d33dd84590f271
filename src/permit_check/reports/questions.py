"""The open questions of a report, in words: what to answer, where in permit-check.toml, and what it decides."""

from __future__ import annotations

import json
from dataclasses import dataclass

from permit_check.model import Finding, ItemStatus, Report, Severity
from permit_check.reports.words import WORDS
from permit_check.rules.conditions import question_schema

# CI formats (SARIF, JUnit, GitHub) carry findings only: an open question becomes one there, so that a
# failing build says why. It is not a finding of the report itself, and no baseline hides it.
UNANSWERED_RULE = "application.unanswered"

# The questions a checklist condition can wait on, as a person would ask them.
QUESTIONS: dict[str, dict[str, str]] = {
    "en": {
        "applying_from": "Do you apply from outside Canada (a visa office) or from inside Canada?",
        "channel": "How will you submit: the IRCC secure account, the IRCC Portal, or on paper?",
        "work.basis": "What is the work permit based on: an LMIA, an LMIA-exempt job offer, or an open permit?",
        "applicant.marital_status": "What is your marital status?",
        "applicant.travelling_alone": "Is the applicant (a minor) travelling without a parent?",
        "applicant.lived_in_designated_country": ("Did you live 6 months or more in the past year in a country "
                                                  "where IRCC requires a medical exam?"),
        "applicant.only_lived_in_us": "Have you only ever lived in the United States?",
        "work.health_or_childcare": "Will you work in health care, child care or with vulnerable people?",
        "work.new_employer": "Is the application for a new employer (not only an extension)?",
        "family.accompanying": "Does a spouse, partner or child apply with you?",
        "representative.used": "Does a representative (consultant, lawyer) act for you?",
        "release_of_information.used": "Do you authorise IRCC to share your file with someone (IMM 5475)?",
        "requested.police_certificate": "Has IRCC asked you for a police certificate?",
        "requested.medical_exam": "Has IRCC asked you for a medical exam?",
        "principal.status": "Is your spouse or partner in Canada as a worker or as a student?",
        "principal.program": "Which program does your spouse or partner study in?",
        "study.flight_school": "Did you graduate from a flight school?",
        "study.level": "Did you graduate from a university or a college program?",
        "language.test": "Which language test did you take?",
        "iec.category": "Which International Experience Canada category did you apply in?",
        "status.current": "What is your current status in Canada?",
    },
    "fr": {
        "applying_from": "Présentez-vous la demande de l'extérieur du Canada (un bureau des visas) ou du Canada ?",
        "channel": "Comment envoyez-vous la demande : compte sécurisé d'IRCC, portail d'IRCC ou sur papier ?",
        "work.basis": ("Sur quoi repose le permis de travail : une EIMT, une offre d'emploi dispensée d'EIMT, ou un "
                       "permis ouvert ?"),
        "applicant.marital_status": "Quel est votre état matrimonial ?",
        "applicant.travelling_alone": "Le demandeur (mineur) voyage-t-il sans un parent ?",
        "applicant.lived_in_designated_country": ("Avez-vous vécu 6 mois ou plus, au cours de la dernière année, dans "
                                                  "un pays où IRCC exige un examen médical ?"),
        "applicant.only_lived_in_us": "Avez-vous toujours vécu uniquement aux États-Unis ?",
        "work.health_or_childcare": ("Travaillerez-vous en santé, en garde d'enfants ou auprès de personnes "
                                     "vulnérables ?"),
        "work.new_employer": "La demande vise-t-elle un nouvel employeur (pas seulement une prolongation) ?",
        "family.accompanying": "Un époux, un conjoint ou un enfant présente-t-il une demande avec vous ?",
        "representative.used": "Un représentant (consultant, avocat) agit-il en votre nom ?",
        "release_of_information.used": ("Autorisez-vous IRCC à communiquer votre dossier à une personne "
                                        "(IMM 5475) ?"),
        "requested.police_certificate": "IRCC vous a-t-il demandé un certificat de police ?",
        "requested.medical_exam": "IRCC vous a-t-il demandé un examen médical ?",
        "principal.status": "Votre époux ou conjoint est-il au Canada comme travailleur ou comme étudiant ?",
        "principal.program": "Dans quel programme votre époux ou conjoint étudie-t-il ?",
        "study.flight_school": "Êtes-vous diplômé d'une école de pilotage ?",
        "study.level": "Êtes-vous diplômé d'un programme universitaire ou collégial ?",
        "language.test": "Quel test de langue avez-vous passé ?",
        "iec.category": "Dans quelle catégorie d'Expérience internationale Canada avez-vous présenté une demande ?",
        "status.current": "Quel est votre statut actuel au Canada ?",
    },
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
    return QUESTIONS[lang].get(key) or str(schema.get("description") or key)


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
    words = WORDS[report.lang]
    return [
        Finding(UNANSWERED_RULE, Severity.ERROR,
                words["unanswered_message"].format(question=question.text, key=question.key,
                                                   documents="; ".join(question.decides)),
                words["unanswered_hint"].format(line=question.toml))
        for question in open_questions(report) if keys is None or question.key in keys
    ]
