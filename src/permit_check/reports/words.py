"""The words of the reports themselves (headings, labels, verdicts) in English and French."""

from __future__ import annotations

from collections.abc import Sequence

from permit_check.model import ItemStatus, Report, Severity

# (singular, plural); French uses the singular for 0 and 1.
NOUNS = {
    "en": {"error": ("error", "errors"), "warning": ("warning", "warnings"), "note": ("note", "notes"),
           "file": ("file", "files"), "folder": ("folder", "folders"), "finding": ("finding", "findings"),
           "item": ("item", "items"), "question": ("question", "questions")},
    "fr": {"error": ("erreur", "erreurs"), "warning": ("avertissement", "avertissements"), "note": ("note", "notes"),
           "file": ("fichier", "fichiers"), "folder": ("dossier", "dossiers"), "finding": ("constat", "constats"),
           "item": ("élément", "éléments"), "question": ("question", "questions")},
}

TABLE_HEADERS = {
    "en": ("Folder", "Type", "Ready", "Errors", "Warnings"),
    "fr": ("Dossier", "Type", "Prêt", "Erreurs", "Avertissements"),
}

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "folder": "Folder", "as_of": "As of", "upload": "Upload", "fix": "fix", "not_needed": "Not needed here",
        "stray": "Files not placed in any item", "all_in_order": "Every item is in order.", "required": "required",
        "summary": "Summary", "in": "in", "known_from_baseline": "known from the baseline not shown",
        "not_shown": "-q hides {what}", "and": "and",
        "ready": "READY TO SUBMIT: no errors found", "worth_a_look": "worth a look",
        "not_ready": "NOT READY", "could_not_scan": "Could not be scanned",
        "depends": "Depends on your answers", "answer_in": "answer in permit-check.toml",
        "decides": "decides", "no_new": "no new problems", "known_errors": "{known} known from the baseline",
        "to_fix": "{errors} to fix",
        "unanswered_message": "Unanswered in permit-check.toml: {question} ({key}). It decides whether these are "
                              "needed: {documents}.",
        "unanswered_hint": "Answer it in permit-check.toml: {line}",
        "to_answer": "answer {questions} in permit-check.toml: which documents are needed depends on it",
        "to_answer_many": "answer {questions} in permit-check.toml: which documents are needed depends on them",
        "yes": "yes", "no": "no", "error": "error",
        "batch": "{folders}: {ready} ready, {not_ready} not ready{failed}.",
        "failed": ", {count} could not be scanned",
        # HTML
        "heading": "Application check", "intro": ("Checked by permit-check {version} against IRCC's requirements as "
                                                  "of {as_of}. Nothing was sent anywhere; this report names files and "
                                                  "problems, not what the documents say."),
        "summary_heading": "Summary: {ready} of {total} folders ready", "permit_type": "Permit type",
        "submitted": "Submitted through", "files_checked": "Files checked", "findings": "Findings",
        "about": "About the application", "checklist": "Checklist", "files": "Files",
        "no_file": "No file in the folder.",
        "how_to_fix": "How to fix:", "baseline": (
            "{count} findings already known from the baseline report are not shown."),
        "cannot_check": "Could not be checked:", "ready_short": "Ready to submit:", "not_ready_short": "Not ready:",
        "ready_detail": "no errors found ({warnings} worth a look).", "ready_clean": "no errors or warnings found.",
        "not_ready_detail": "{errors} to fix before you submit.",
        "footer": "Rules come from IRCC's published checklists and instructions.", "page_ready": "ready",
        "page_not_ready": "not ready",
        "fix_first": "Fix these first", "look_first": "Worth a look",
        "more_below": "{count} more in the details below.",
        "every_item": "Every item", "col_item": "Item", "col_state": "State", "col_files": "Files",
        "details_heading": "Details", "unplaced_file": "A file not placed in any item",
        "questions_heading": "Questions to answer", "question_badge": "Question",
        "questions_to_answer": "answer {questions} below: which documents are needed depends on them",
        "questions_intro": "Answer them in permit-check.toml (permit-check init writes one with every question).",
        "consultant": "For your consultant",
        "consultant_intro": ("The checklist, each finding's rule id and each item's condition as permit-check reads "
                             "them."),
        "type_source": "Permit type from", "col_rule": "Rule", "col_severity": "Severity",
        "col_item_id": "Item id", "col_file": "File", "col_condition": "Condition",
        "sources": "Each rule's source (IRCC page and the day it was reviewed):",
        "col_folder": "Folder", "col_type": "Permit type", "col_ready": "Ready?", "col_errors": "Errors",
        "col_warnings": "Warnings", "yes_cap": "Yes", "no_cap": "No",
    },
    "fr": {
        "folder": "Dossier", "as_of": "En date du", "upload": "Envoi", "fix": "solution",
        "not_needed": "Non requis ici",
        "stray": "Fichiers associés à aucun élément", "all_in_order": "Tous les éléments sont en ordre.",
        "required": "requis", "summary": "Bilan", "in": "dans",
        "not_shown": "-q masque {what}", "and": "et",
        "known_from_baseline": "déjà connus (référence) non affichés",
        "ready": "PRÊT À ENVOYER : aucune erreur", "worth_a_look": "à examiner",
        "not_ready": "PAS PRÊT", "could_not_scan": "Impossible à vérifier",
        "depends": "Selon vos réponses", "answer_in": "répondez dans permit-check.toml",
        "decides": "décide", "no_new": "aucun nouveau problème",
        "known_errors": "{known} déjà connue(s) (référence)", "to_fix": "{errors} à corriger",
        "unanswered_message": "Sans réponse dans permit-check.toml : {question} ({key}). Elle décide si ceux-ci "
                              "sont nécessaires : {documents}.",
        "unanswered_hint": "Répondez-y dans permit-check.toml : {line}",
        "to_answer": ("répondez à {questions} dans permit-check.toml : les documents nécessaires en "
                      "dépendent"),
        "to_answer_many": ("répondez à {questions} dans permit-check.toml : les documents nécessaires en "
                           "dépendent"),
        "yes": "oui", "no": "non",
        "error": "erreur", "batch": "{folders} : {ready} prêt(s), {not_ready} pas prêt(s){failed}.",
        "failed": ", {count} impossible(s) à vérifier",
        "heading": "Vérification de la demande", "intro": ("Vérifié par permit-check {version} selon les exigences "
                                                            "d'IRCC en date du {as_of}. Rien n'a été envoyé ; ce "
                                                            "rapport nomme des fichiers et des problèmes, pas le "
                                                            "contenu des documents."),
        "summary_heading": "Bilan : {ready} dossier(s) prêt(s) sur {total}", "permit_type": "Type de permis",
        "submitted": "Envoi par", "files_checked": "Fichiers vérifiés", "findings": "Constats",
        "about": "À propos de la demande", "checklist": "Liste de contrôle", "files": "Fichiers",
        "no_file": "Aucun fichier dans le dossier.", "how_to_fix": "Comment corriger :",
        "baseline": "{count} constats déjà connus du rapport de référence ne sont pas affichés.",
        "cannot_check": "Impossible à vérifier :", "ready_short": "Prêt à envoyer :", "not_ready_short": "Pas prêt :",
        "ready_detail": "aucune erreur ({warnings} à examiner).", "ready_clean": "aucune erreur ni avertissement.",
        "not_ready_detail": "{errors} à corriger avant l'envoi.",
        "footer": "Les règles viennent des listes de contrôle et instructions publiées par IRCC.", "page_ready": "prêt",
        "fix_first": "À corriger d'abord", "look_first": "À examiner",
        "more_below": "{count} de plus dans les détails ci-dessous.",
        "every_item": "Tous les éléments", "col_item": "Élément", "col_state": "État", "col_files": "Fichiers",
        "details_heading": "Détails", "unplaced_file": "Un fichier associé à aucun élément",
        "questions_heading": "Questions à répondre", "question_badge": "Question",
        "questions_to_answer": "répondez à {questions} ci-dessous : les documents nécessaires en dépendent",
        "questions_intro": ("Répondez-y dans permit-check.toml (permit-check init en écrit un avec chaque "
                            "question)."),
        "consultant": "Pour votre consultant",
        "consultant_intro": ("La liste de contrôle, l'identifiant de règle de chaque constat et la condition de chaque "
                             "élément, tels que permit-check les lit."),
        "type_source": "Type de permis selon", "col_rule": "Règle", "col_severity": "Gravité",
        "col_item_id": "Identifiant", "col_file": "Fichier", "col_condition": "Condition",
        "sources": "La source de chaque règle (page d'IRCC et date de vérification) :",
        "page_not_ready": "pas prêt", "col_folder": "Dossier", "col_type": "Type de permis", "col_ready": "Prêt ?",
        "col_errors": "Erreurs", "col_warnings": "Avertissements", "yes_cap": "Oui", "no_cap": "Non",
    },
}

STATUS_TEXT = {
    "en": {ItemStatus.OK: "ok", ItemStatus.MISSING: "MISSING", ItemStatus.INVALID: "PROBLEM",
           ItemStatus.NOT_APPLICABLE: "n/a", ItemStatus.OPTIONAL: "optional", ItemStatus.DEPENDS: "DEPENDS"},
    "fr": {ItemStatus.OK: "ok", ItemStatus.MISSING: "MANQUANT", ItemStatus.INVALID: "PROBLÈME",
           ItemStatus.NOT_APPLICABLE: "s.o.", ItemStatus.OPTIONAL: "facultatif", ItemStatus.DEPENDS: "SELON"},
}
# An item's state in the HTML report's overview; "depends" is an item that depends on answers not given.
STATE_LABELS = {
    "en": {"ok": "OK", "missing": "Missing", "problem": "Problem", "depends": "Depends on your answers",
           "not-needed": "Not needed", "optional": "Optional"},
    "fr": {"ok": "OK", "missing": "Manquant", "problem": "Problème", "depends": "Selon vos réponses",
           "not-needed": "Non requis", "optional": "Facultatif"},
}
SEVERITY_TEXT = {
    "en": {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"},
    "fr": {Severity.ERROR: "erreur", Severity.WARNING: "avert.", Severity.INFO: "note"},
}
SEVERITY_BADGES = {
    "en": {Severity.ERROR: "Error", Severity.WARNING: "Warning", Severity.INFO: "Note"},
    "fr": {Severity.ERROR: "Erreur", Severity.WARNING: "Avertissement", Severity.INFO: "Note"},
}


# French typography puts a space before a colon and a semicolon.
COLON = {"en": ": ", "fr": " : "}
SEMICOLON = {"en": "; ", "fr": " ; "}


def listing(values: Sequence[str], lang: str) -> str:
    """'a, b and c' / 'a, b et c'."""
    conjunction = "et" if lang == "fr" else "and"
    return ", ".join(values[:-1]) + f" {conjunction} {values[-1]}" if len(values) > 1 else values[0]


def not_ready_detail(report: Report) -> str:
    """Why a report is not ready: errors to fix, errors a baseline hides, questions to answer."""
    lang, words = report.lang, WORDS[report.lang]
    errors, questions = report.count(Severity.ERROR), report.open_questions()
    if errors and not report.known_errors and not questions:
        return words["not_ready_detail"].format(errors=plural(errors, "error", lang))
    parts = []
    if errors:
        parts.append(words["to_fix"].format(errors=plural(errors, "error", lang)))
    elif report.known_errors:
        parts.append(words["no_new"])
    if report.known_errors:
        parts.append(words["known_errors"].format(known=plural(report.known_errors, "error", lang)))
    if questions:
        key = "to_answer_many" if len(questions) > 1 else "to_answer"
        parts.append(words[key].format(questions=listing(questions, lang)))
    return ("; " if lang == "en" else " ; ").join(parts) + "."


def plural(count: int, noun: str, lang: str) -> str:
    singular, many = NOUNS[lang][noun]
    one = count in (0, 1) if lang == "fr" else count == 1
    return f"{count} {singular if one else many}"
