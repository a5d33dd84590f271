"""Checks on files placed in no item: another IRCC form than this application's, another person's document,
or a file nothing matches."""

from __future__ import annotations

from permit_check.files.ircc_forms import form_title
from permit_check.i18n import N_
from permit_check.model import Context, Finding, FixFirst
from permit_check.rules.checklist import Checklist
from permit_check.rules.checks.base import Check, E, W

UNRECOGNISED = Check(
    "unrecognised", W,
    N_("{path} does not match any item of this checklist."),
    N_("Rename it after the item it belongs to (e.g. passport.pdf), or remove it if it is not part of the "
        "application."), rank=FixFirst.OTHER,
)

# A phone photo (IMG_2041.HEIC) says nothing of its slot in its name, and IRCC takes HEIC in none.
UNRECOGNISED_PHOTO = Check(
    "unrecognised-photo", W,
    N_("{path} is a HEIC photo (iPhone format) whose name matches no item of this checklist; IRCC does not "
       "accept HEIC."),
    N_("If it is your photo, convert it to JPEG and name it photo.jpg; if it is a picture of a document, make it "
       "a PDF named after the item (e.g. passport.pdf). On an iPhone: Settings > Camera > Formats > Most "
       "Compatible takes JPEG from now on; once the file is named after its item, permit-check pack converts it."),
    rank=FixFirst.OTHER,
)
OTHER_PERSON = Check(
    "other-person", W,
    N_("{path} is named as your spouse's or partner's document: it is not placed in {title}, which holds your "
       "own."),
    N_("Leave it out unless IRCC asks for it (the documents of your spouse or partner this application needs have "
       "their own items). If it is in fact yours, rename it without the word that names them (e.g. {example})."),
    rank=FixFirst.OTHER,
)
WRONG_FORM = Check(
    "wrong-form", E,
    N_("{path} is IMM {number} ({form_title}), which is not part of this application."),
    N_("Remove it, or check that you downloaded the right form for a {checklist}."),
    summary=N_("An IRCC form that is not part of this application."), rank=FixFirst.FORMS,
)


def unplaced(path: str, kind: str, wrong_form: str | None, checklist: Checklist, context: Context) -> Finding:
    """`wrong_form`: the number of the IRCC form the file is ("?" when unknown), if it is one."""
    if wrong_form is None:
        return (UNRECOGNISED_PHOTO if kind == "heic" else UNRECOGNISED).finding(context, item=None, path=path)
    title = form_title(wrong_form, context.lang) or checklist.forms.get(wrong_form, context._("another IRCC form"))
    return WRONG_FORM.finding(context, item=None, path=path, number=wrong_form, form_title=title,
                              checklist=checklist.title)


def other_person(path: str, title: str, example: str, context: Context) -> Finding:
    """A file whose name says it is the spouse's or partner's, kept out of the applicant's item `title`."""
    return OTHER_PERSON.finding(context, item=None, path=path, title=title, example=example)
