"""The built-in checks: findings the engine raises itself (missing items, upload limits, unreadable files).

Each check has a fixed suffix; its rule id is `<item>.<suffix>` when the file or item belongs to a
checklist item, else `file.<suffix>`. Checklist rules (data) cover everything else.
"""

from __future__ import annotations

from dataclasses import dataclass

from permit_check.inventory import MAX_DEPTH
from permit_check.model import Finding, Severity


@dataclass(frozen=True)
class Check:
    suffix: str
    severity: Severity
    message: str
    hint: str
    scope: str = "file"

    def finding(self, *, item: str | None, path: str | None, severity: Severity | None = None,
                hint: str | None = None, lang: str = "en", **values: object) -> Finding:
        message, default_hint = FRENCH[self.suffix] if lang == "fr" else (self.message, self.hint)
        return Finding(
            rule=f"{item or self.scope}.{self.suffix}",
            severity=severity or self.severity,
            message=message.format(path=path, **values),
            hint=(hint or default_hint).format(path=path, **values),
            item=item,
            path=path,
        )


def _check(suffix: str, severity: Severity, message: str, hint: str, scope: str = "file") -> Check:
    return Check(suffix, severity, message, hint, scope)


E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

NO_ANSWERS = _check(
    "no-answers", INFO,
    "No permit-check.toml was found. Where silence has a meaning (no representative, nothing IRCC has asked "
    "for yet), these items were taken as not needed: {items}.",
    "Run permit-check init on this folder: it writes a permit-check.toml with every question to answer.",
    scope="application",
)
# A rule whose `when` waits on an unanswered question raises nothing (never an error on a guess); this
# note keeps the skipped check from passing in silence.
UNANSWERED_CHECKS = _check(
    "unanswered-checks", INFO,
    "Some checks were not run because they depend on questions you have not answered: {questions}.",
    "Answer them in permit-check.toml ({questions}) and scan again.",
    scope="application",
)

FILE_NOUN = {"en": ("file", "files"), "fr": ("fichier", "fichiers")}  # by count > 1
SUBFOLDERS = _check(
    "subfolders", INFO, "Files in subfolders are checked too: {folders}.",
    "If a subfolder is not part of this application (old drafts, another applicant), leave it out: "
    "exclude = [\"{example}\"] in permit-check.toml, or --exclude {example}.",
    scope="application",
)

TYPE_GUESSED = _check(
    "type-guessed", E,
    "The permit type was guessed from {form}, which is also the application form of: {others}. "
    "If the guess is wrong, so is the whole checklist.",
    "Say which permit type this is: type = \"{type}\" (or {choices}) in permit-check.toml, or --type.",
    scope="application",
)

MISSING = _check("missing", E, "No file for {title} ({condition}).", "{hint}")
# Added to MISSING's fix when files of the folder were not placed: the missing document may be one of them,
# named by a scanner or a phone ("Scan_0001.pdf", "IMG_4432.JPG").
UNPLACED_HINT = {
    "en": ("{count} file(s) were not matched to any item ({files}): if one of them is the {title}, rename it, "
           "e.g. {example}."),
    "fr": ("{count} fichier(s) n'ont été associés à aucun élément ({files}) : si l'un d'eux correspond à « {title} », "
           "renommez-le, p. ex. {example}."),
}
ONE_FILE = _check(
    "one-file", E, "{count} files for one upload slot: {files}.",
    "Merge them into one PDF, in page order, and keep only that file.",
)
COPY = _check(
    "copy", W, "{path} is an exact copy of {kept}.",
    "Keep one of them and delete the other: only one file is uploaded for this slot.",
)
OLDER_VERSION = _check(
    "older-version", E, "{path} is another version of IMM {number}; {kept} is the one to keep ({why}).",
    "Keep only the current version: delete {path} or move it out of the folder.",
)
ALTERNATIVE_FORM = _check(
    "alternative-form", E,
    "{path} is IMM {number} and {kept} is IMM {kept_number}: the {title} slot takes one of these forms, not both "
    "(and an IRCC form cannot be merged with another file).",
    "Keep one: {kept} (IMM {kept_number}, the form this checklist lists first) unless the other is the one your "
    "instructions ask for; delete the other or move it out of the folder.",
)
# Why the kept file is the current version (OLDER_VERSION's {why}).
WHY_KEPT = {
    "en": {"validated": "it is validated", "newer-edition": "it is the newer edition",
           "main-folder": "it is in the main folder", "tie": "the two look alike: make sure it is the current one"},
    "fr": {"validated": "il est validé", "newer-edition": "c'est l'édition la plus récente",
           "main-folder": "il est dans le dossier principal",
           "tie": "les deux se ressemblent : vérifiez que c'est bien la version actuelle"},
}
CONTENT_TYPE = _check(
    "content-type", E, "{path} is {kind_name}; the {title} slot accepts {accepted}.",
    "{fix}",
)
MAX_SIZE = _check(
    "max-size", E, "{path} is {size_mb} MB; the {channel} accepts at most {limit_mb} MB per file.",
    "Scan again at 150 DPI or less, or save the PDF with a 'reduced size' setting, until it is under {limit_mb} MB.",
)
# MAX_SIZE's fix depends on what the file is: a photo is not made smaller the way a PDF is.
SIZE_HINTS = {
    "en": {"pdf": MAX_SIZE.hint,
           "image": ("Save it again at a lower resolution (150 DPI is enough for a scan) or a lower JPEG quality, "
                     "until it is under {limit_mb} MB."),
           "other": ("Save it as a PDF (pictures compressed, 150 DPI), until it is under {limit_mb} MB.")},
    "fr": {"pdf": ("Numérisez de nouveau à 150 ppp ou moins, ou enregistrez le PDF en « taille réduite », jusqu'à "
                   "passer sous {limit_mb} Mo."),
           "image": ("Enregistrez l'image de nouveau à une résolution plus basse (150 ppp suffisent pour une "
                     "numérisation) ou en qualité JPEG moindre, jusqu'à passer sous {limit_mb} Mo."),
           "other": "Enregistrez le document en PDF (images compressées, 150 ppp), jusqu'à passer sous {limit_mb} Mo."},
}
IMAGE_KINDS = frozenset({"jpeg", "png", "tiff", "jp2", "heic", "webp", "gif", "bmp"})


def size_hint(kind: str, lang: str) -> str:
    """How to make a file of this kind smaller."""
    family = "pdf" if kind == "pdf" else "image" if kind in IMAGE_KINDS else "other"
    return SIZE_HINTS[lang][family]

# IRCC writes "4 MB" without saying whether a MB is 1,000,000 or 1,048,576 bytes: between the two
# readings of the limit a file may or may not be refused.
SIZE_UNCERTAIN = _check(
    "size-uncertain", W,
    "{path} is {size_bytes} bytes: over {limit_mb} MB if IRCC counts 1,000,000 bytes to a MB, under it if "
    "1,048,576. The {channel} may refuse it.",
    "To be safe, make it smaller than {safe_bytes} bytes: scan again at 150 DPI or less, or save a smaller copy.",
)
EXTENSION_MISMATCH = _check(
    "extension-mismatch", E, "{path} is named .{extension} but is really {kind_name}.",
    "Open it in the program that made it and save or export it as a real {expected_name} "
    "(or rename it to .{right_extension}).",
)
EMPTY = _check("empty", E, "{path} is empty (0 bytes).", "Copy or download the document again; the file holds nothing.")
UNREADABLE = _check(
    "unreadable", E, "{path} cannot be read: {reason}.",
    "Check the file's permissions (or whether it is still downloading) and copy it again.",
)
PASSWORD = _check(
    "password-protected", E, "{path} needs a password to open; the officer will not be able to open it.",
    "Open it, remove the password (File > Properties > Security > No Security) and save a copy.",
)
DAMAGED = _check(
    "damaged", E, "{path} is damaged and cannot be opened ({reason}).",
    "Get a fresh copy from the source, or re-save it from a program that opens it.",
)
TRUNCATED = _check(
    "truncated", E, "{path} is cut short: {reason}.",
    "Copy or download the file again and check that it opens completely.",
)
TOO_COMPLEX = _check(
    "too-complex", E, "{path} could not be checked: {reason}.",
    "Open the file and re-save it (or print it to a new PDF); an officer's viewer may fail on it too.",
)
TOO_LARGE = _check(
    "too-large", E, "{path} could not be checked: {reason}.",
    "Re-scan or re-export the document at a normal resolution (150-300 DPI).",
)
MRZ_MISSING = _check(
    "mrz-missing", W,
    "No machine-readable zone (the two lines of <<< at the bottom of the bio-data page) could be read in "
    "{path}: the bio-data page is missing or not legible.",
    "Include the passport's bio-data page (photo, name, date of birth and the two coded lines at the bottom), "
    "scanned whole, flat and in colour at 300 DPI.",
)
MRZ_ILLEGIBLE = _check(
    "mrz-illegible", W,
    "The machine-readable zone of {path} was found but its check digits do not add up: the scan is not "
    "legible enough.",
    "Rescan the bio-data page at 300 DPI, the booklet pressed flat on the glass, with no glare or shadow over "
    "the two coded lines at the bottom.",
)
MRZ_EXPIRY = _check(
    "mrz-expiry", E,
    "The passport expiry in {path}'s machine-readable zone differs from the one the application form or "
    "permit-check.toml gives.",
    "Copy the expiry date exactly from the passport's bio-data page into the form and permit-check.toml.",
)
UNRECOGNISED = _check(
    "unrecognised", W, "{path} does not match any item of this checklist.",
    "Rename it after the item it belongs to (e.g. passport.pdf), or remove it if it is not part of the application.",
)
# A phone photo (IMG_2041.HEIC) says nothing of its slot in its name, and IRCC takes HEIC in none.
UNRECOGNISED_PHOTO = _check(
    "unrecognised-photo", W,
    "{path} is a HEIC photo (iPhone format) whose name matches no item of this checklist; IRCC does not accept HEIC.",
    "If it is your photo, convert it to JPEG and name it photo.jpg; if it is a picture of a document, make it a PDF "
    "named after the item (e.g. passport.pdf). On an iPhone: Settings > Camera > Formats > Most Compatible takes "
    "JPEG from now on; once the file is named after its item, permit-check pack converts it.",
)
OTHER_PERSON = _check(
    "other-person", W,
    "{path} is named as your spouse's or partner's document: it is not placed in {title}, which holds your own.",
    "Leave it out unless IRCC asks for it (the documents of your spouse or partner this application needs have "
    "their own items). If it is in fact yours, rename it without the word that names them (e.g. {example}).",
)
WRONG_FORM = _check(
    "wrong-form", E, "{path} is IMM {number} ({form_title}), which is not part of this application.",
    "Remove it, or check that you downloaded the right form for a {checklist}.",
)
SYMLINK_OUTSIDE = _check(
    "symlink-outside", W, "{path} is a link to a file outside the folder; it was not checked.",
    "Copy the real file into the folder instead of linking to it.",
)
BROKEN_LINK = _check(
    "broken-link", W, "{path} is a link whose target does not exist.",
    "Remove the link and copy the real file into the folder.",
)
NOT_A_FILE = _check(
    "not-a-file", W, "{path} is not a regular file (a device, pipe or socket); it was not checked.",
    "Remove it from the application folder.",
)
UNREADABLE_FOLDER = _check(
    "unreadable-folder", E, "The folder {path} cannot be opened, so its documents were not checked.",
    "Check the folder's permissions, or move its documents into the main folder.",
)
TOO_DEEP = _check(
    "too-deep", E, f"The folder {{path}} is nested more than {MAX_DEPTH} folders deep, so what it holds was not "
    "checked.",
    "Move its documents up into the main folder: an application needs only a few levels of folders.",
)

OUTDATED_EDITION = _check(
    "outdated-edition", E, "{path} is IMM {number} edition {edition}; the latest edition is {latest}{caveat}.",
    "Download the current IMM {number} from IRCC's website, fill it in again and replace the file.",
)
NEWER_EDITION = _check(
    "newer-edition", INFO, "{path} is IMM {number} edition {edition}, newer than the editions table knows ({latest}).",
    "Update the editions table (--editions FILE) so that older editions are caught.",
)
EMPTY_FIELD = _check(
    "empty-field", E, "{label} is empty in {path} (IMM {number}).",
    "Open the form in Adobe Reader, fill in {label}, then validate (if it has a Validate button) and save it.",
)
BLANK_FORM = _check(
    "blank-form", E, "{path} (IMM {number}) has no answers saved in it.",
    "Fill in the form in Adobe Reader and use Save, not Print; a browser preview does not keep your answers.",
)
LAYOUT_UNKNOWN = _check(
    "layout-unknown", INFO,
    "{path} is IMM {number} edition {edition}, whose layout permit-check does not know field by field; "
    "its answers were not checked one by one.",
    "Check by eye that every required answer is filled in (or use the current edition of the form).",
)

REPAIRABLE = _check(
    "damaged-repairable", E, "{path} is damaged ({reason}), though a repairing reader can still open it.",
    "Open it in a PDF reader and save it again (or print it to a new PDF), then replace the file.",
)
UNSUPPORTED = _check(
    "unsupported", E,
    "{path} uses something this checker cannot read ({reason}); an officer may not be able to open it.",
    "Save it again as a plain PDF, without certificate security or other special features.",
)
TIMEOUT = _check(
    "timeout", E, "{path} could not be checked: {reason}. It may be damaged or unusually complex.",
    "Open it and re-save it (or print it to a new PDF); an officer's viewer may struggle with it too.",
)
CRASHED = _check(
    "crashed", E, "{path} could not be checked: {reason}.",
    "Open it and re-save it (or print it to a new PDF), then check again.",
)

# A problem kind reported by an inspector -> the check that reports it.
BY_PROBLEM = {
    "password": PASSWORD,
    "damaged": DAMAGED,
    "repairable": REPAIRABLE,
    "unsupported": UNSUPPORTED,
    "timeout": TIMEOUT,
    "crashed": CRASHED,
    "truncated": TRUNCATED,
    "too-complex": TOO_COMPLEX,
    "too-large": TOO_LARGE,
    "unreadable": UNREADABLE,
}

# An inventory entry problem -> the check that reports it.
BY_ENTRY_PROBLEM = {
    "symlink-outside": SYMLINK_OUTSIDE,
    "broken-link": BROKEN_LINK,
    "not-a-file": NOT_A_FILE,
    "unreadable-folder": UNREADABLE_FOLDER,
    "too-deep": TOO_DEEP,
}

ALL_CHECKS = (
    NO_ANSWERS, TYPE_GUESSED, SUBFOLDERS, MISSING, ONE_FILE, COPY, OLDER_VERSION, ALTERNATIVE_FORM, CONTENT_TYPE,
    MAX_SIZE, SIZE_UNCERTAIN, EXTENSION_MISMATCH, EMPTY, UNREADABLE, PASSWORD, DAMAGED, TRUNCATED, TOO_COMPLEX,
    TOO_LARGE, UNRECOGNISED, UNRECOGNISED_PHOTO, OTHER_PERSON, WRONG_FORM, SYMLINK_OUTSIDE, BROKEN_LINK,
    NOT_A_FILE, UNREADABLE_FOLDER, OUTDATED_EDITION, NEWER_EDITION, EMPTY_FIELD, BLANK_FORM, LAYOUT_UNKNOWN, REPAIRABLE,
    UNSUPPORTED, TIMEOUT, CRASHED, TOO_DEEP, UNANSWERED_CHECKS, MRZ_MISSING, MRZ_ILLEGIBLE, MRZ_EXPIRY,
)

# French wording of every check ({placeholders} as in English), as IRCC publishes in both languages.
FRENCH: dict[str, tuple[str, str]] = {
    "no-answers": (
        "Aucun fichier permit-check.toml n'a été trouvé. Là où le silence a un sens (pas de représentant, rien "
        "encore demandé par IRCC), ces éléments ont été considérés comme non requis : {items}.",
        "Lancez permit-check init sur ce dossier : il écrit un fichier permit-check.toml avec chaque question à "
        "répondre."),
    "unanswered-checks": (
        "Certaines vérifications n'ont pas été faites, car elles dépendent de questions sans réponse : {questions}.",
        "Répondez-y dans permit-check.toml ({questions}) et vérifiez de nouveau."),
    "subfolders": ("Les fichiers des sous-dossiers sont vérifiés aussi : {folders}.",
                   "Si un sous-dossier ne fait pas partie de cette demande (anciens brouillons, autre demandeur), "
                   "laissez-le de côté : exclude = [\"{example}\"] dans permit-check.toml, ou --exclude {example}."),
    "type-guessed": ("Le type de permis a été deviné d'après {form}, qui est aussi le formulaire de demande de : "
                     "{others}. Si la supposition est fausse, toute la liste de contrôle l'est aussi.",
                     "Indiquez le type de permis : type = \"{type}\" (ou {choices}) dans permit-check.toml, ou "
                     "--type."),
    "missing": ("Aucun fichier pour {title} ({condition}).", "{hint}"),
    "one-file": ("{count} fichiers pour un seul emplacement de téléversement : {files}.",
                 "Fusionnez-les en un seul PDF, dans l'ordre des pages, et ne gardez que ce fichier."),
    "copy": ("{path} est une copie exacte de {kept}.",
             "Gardez l'un des deux et supprimez l'autre : un seul fichier est téléversé pour cet emplacement."),
    "older-version": ("{path} est une autre version du formulaire IMM {number} ; {kept} est celle à garder ({why}).",
                      "Ne gardez que la version actuelle : supprimez {path} ou sortez-le du dossier."),
    "alternative-form": ("{path} est le formulaire IMM {number} et {kept} le formulaire IMM {kept_number} : "
                         "l'emplacement « {title} » prend l'un de ces formulaires, pas les deux (et un formulaire "
                         "d'IRCC ne peut pas être fusionné avec un autre fichier).",
                         "Gardez-en un : {kept} (IMM {kept_number}, le formulaire que cette liste nomme en premier), "
                         "sauf si vos instructions demandent l'autre ; supprimez l'autre ou sortez-le du dossier."),
    "content-type": ("{path} est {kind_name} ; l'emplacement « {title} » accepte {accepted}.", "{fix}"),
    "max-size": ("{path} fait {size_mb} Mo ; le {channel} accepte au plus {limit_mb} Mo par fichier.",
                 "Numérisez de nouveau à 150 ppp ou moins, ou enregistrez le PDF en « taille réduite », jusqu'à "
                 "passer sous {limit_mb} Mo."),
    "size-uncertain": ("{path} fait {size_bytes} octets : plus de {limit_mb} Mo si IRCC compte 1 000 000 "
                       "d'octets par Mo, moins s'il en compte 1 048 576. Le {channel} pourrait le refuser.",
                       "Par prudence, ramenez-le sous {safe_bytes} octets : numérisez de nouveau à 150 ppp ou moins, "
                       "ou enregistrez une copie plus légère."),
    "extension-mismatch": ("{path} porte l'extension .{extension} mais est en réalité {kind_name}.",
                           "Ouvrez-le dans le programme qui l'a créé et enregistrez-le ou exportez-le comme un vrai "
                           "{expected_name} (ou renommez-le en .{right_extension})."),
    "empty": ("{path} est vide (0 octet).",
              "Copiez ou téléchargez de nouveau le document : ce fichier ne contient rien."),
    "unreadable": ("{path} ne peut pas être lu : {reason}.",
                   "Vérifiez les permissions du fichier (ou s'il est encore en téléchargement) et copiez-le de "
                   "nouveau."),
    "password-protected": ("{path} demande un mot de passe à l'ouverture ; l'agent ne pourra pas l'ouvrir.",
                           "Ouvrez-le, retirez le mot de passe (Fichier > Propriétés > Sécurité > Aucune sécurité) "
                           "et enregistrez une copie."),
    "damaged": ("{path} est endommagé et ne peut pas être ouvert ({reason}).",
                "Procurez-vous une nouvelle copie, ou réenregistrez-le depuis un programme qui l'ouvre."),
    "damaged-repairable": ("{path} est endommagé ({reason}), mais un lecteur capable de le réparer l'ouvre encore.",
                           "Ouvrez-le dans un lecteur PDF et enregistrez-le de nouveau (ou imprimez-le dans un "
                           "nouveau PDF), puis remplacez le fichier."),
    "truncated": ("{path} est incomplet : {reason}.",
                  "Copiez ou téléchargez de nouveau le fichier et vérifiez qu'il s'ouvre entièrement."),
    "too-complex": ("{path} n'a pas pu être vérifié : {reason}.",
                    "Ouvrez le fichier et réenregistrez-le (ou imprimez-le dans un nouveau PDF) ; le lecteur de "
                    "l'agent pourrait aussi échouer."),
    "too-large": ("{path} n'a pas pu être vérifié : {reason}.",
                  "Numérisez ou exportez de nouveau le document à une résolution normale (150 à 300 ppp)."),
    "unsupported": ("{path} utilise une fonction que ce vérificateur ne sait pas lire ({reason}) ; l'agent "
                    "pourrait ne pas pouvoir l'ouvrir.",
                    "Enregistrez-le de nouveau en PDF ordinaire, sans sécurité par certificat ni autre fonction "
                    "particulière."),
    "timeout": ("{path} n'a pas pu être vérifié : {reason}. Il est peut-être endommagé ou inhabituellement "
                "complexe.",
                "Ouvrez-le et réenregistrez-le (ou imprimez-le dans un nouveau PDF) ; le lecteur de l'agent "
                "pourrait aussi avoir du mal."),
    "crashed": ("{path} n'a pas pu être vérifié : {reason}.",
                "Ouvrez-le et réenregistrez-le (ou imprimez-le dans un nouveau PDF), puis vérifiez de nouveau."),
    "mrz-missing": ("Aucune zone de lecture automatique (les deux lignes de <<< au bas de la page des données "
                    "biographiques) n'a pu être lue dans {path} : la page des données biographiques manque ou "
                    "n'est pas lisible.",
                    "Joignez la page des données biographiques du passeport (photo, nom, date de naissance et les "
                    "deux lignes codées du bas), numérisée en entier, à plat et en couleur à 300 ppp."),
    "mrz-illegible": ("La zone de lecture automatique de {path} a été trouvée, mais ses chiffres de contrôle ne "
                      "concordent pas : la numérisation n'est pas assez lisible.",
                      "Numérisez de nouveau la page des données biographiques à 300 ppp, le passeport bien à plat "
                      "sur la vitre, sans reflet ni ombre sur les deux lignes codées du bas."),
    "mrz-expiry": ("La date d'expiration du passeport dans la zone de lecture automatique de {path} diffère de "
                   "celle que donnent le formulaire de demande ou permit-check.toml.",
                   "Recopiez la date d'expiration exactement depuis la page des données biographiques dans le "
                   "formulaire et dans permit-check.toml."),
    "unrecognised": ("{path} ne correspond à aucun élément de cette liste de contrôle.",
                     "Renommez-le d'après l'élément auquel il appartient (p. ex. passport.pdf), ou retirez-le s'il "
                     "ne fait pas partie de la demande."),
    "unrecognised-photo": (
        "{path} est une photo HEIC (format iPhone) dont le nom ne correspond à aucun élément de cette liste de "
        "contrôle ; IRCC n'accepte pas le HEIC.",
        "Si c'est votre photo, convertissez-la en JPEG et nommez-la photo.jpg ; si c'est l'image d'un document, "
        "faites-en un PDF nommé d'après l'élément (p. ex. passport.pdf). Sur un iPhone : Réglages > Appareil photo > "
        "Formats > Le plus compatible donne désormais du JPEG ; une fois le fichier nommé d'après son élément, "
        "permit-check pack le convertit."),
    "other-person": ("{path} est nommé comme un document de votre époux ou conjoint : il n'est pas placé dans "
                     "« {title} », qui contient le vôtre.",
                     "Laissez-le de côté sauf si IRCC le demande (les documents de votre époux ou conjoint dont "
                     "cette demande a besoin ont leurs propres éléments). S'il est bien à vous, renommez-le sans le "
                     "mot qui le désigne (p. ex. {example})."),
    "wrong-form": ("{path} est le formulaire IMM {number} ({form_title}), qui ne fait pas partie de cette demande.",
                   "Retirez-le, ou vérifiez que vous avez téléchargé le bon formulaire pour : {checklist}."),
    "symlink-outside": ("{path} est un lien vers un fichier hors du dossier ; il n'a pas été vérifié.",
                        "Copiez le vrai fichier dans le dossier au lieu d'y mettre un lien."),
    "broken-link": ("{path} est un lien dont la cible n'existe pas.",
                    "Supprimez le lien et copiez le vrai fichier dans le dossier."),
    "not-a-file": ("{path} n'est pas un fichier ordinaire (un périphérique, un tube ou un socket) ; il n'a pas été "
                   "vérifié.", "Retirez-le du dossier de la demande."),
    "unreadable-folder": ("Le dossier {path} ne peut pas être ouvert : ses documents n'ont pas été vérifiés.",
                          "Vérifiez les permissions du dossier, ou déplacez ses documents dans le dossier principal."),
    "too-deep": (f"Le dossier {{path}} est imbriqué à plus de {MAX_DEPTH} niveaux de profondeur : son contenu n'a "
                 "pas été vérifié.",
                 "Remontez ses documents dans le dossier principal : une demande n'a besoin que de quelques niveaux "
                 "de dossiers."),
    "outdated-edition": ("{path} est le formulaire IMM {number}, édition {edition} ; la dernière édition est "
                         "{latest}{caveat}.",
                         "Téléchargez la version actuelle du formulaire IMM {number} sur le site d'IRCC, remplissez-la "
                         "de nouveau et remplacez le fichier."),
    "newer-edition": ("{path} est le formulaire IMM {number}, édition {edition}, plus récente que celle que connaît la "
                      "table des éditions ({latest}).",
                      "Mettez à jour la table des éditions (--editions FICHIER) pour repérer les éditions anciennes."),
    "empty-field": ("{label} : champ vide dans {path} (IMM {number}).",
                    "Ouvrez le formulaire dans Adobe Reader, remplissez ce champ ({label}), validez-le (s'il a un "
                    "bouton Valider) et enregistrez-le."),
    "blank-form": ("{path} (IMM {number}) ne contient aucune réponse enregistrée.",
                   "Remplissez le formulaire dans Adobe Reader et utilisez Enregistrer, pas Imprimer ; un aperçu dans "
                   "le navigateur ne garde pas vos réponses."),
    "layout-unknown": ("{path} est le formulaire IMM {number}, édition {edition}, dont permit-check ne connaît pas "
                       "la disposition champ par champ ; ses réponses n'ont pas été vérifiées une à une.",
                       "Vérifiez vous-même que chaque réponse obligatoire est remplie (ou utilisez l'édition actuelle "
                       "du formulaire)."),
}
