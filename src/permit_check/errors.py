"""The few conditions that stop a run, each with the exit code the CLI turns it into."""

from __future__ import annotations

import re


class PermitCheckError(Exception):
    """A problem that stops the whole run (as opposed to a finding about one file)."""

    exit_code = 3


class UsageProblem(PermitCheckError):
    """The command line asks for something that cannot be done (missing folder, unknown type)."""

    exit_code = 2


class ConfigProblem(PermitCheckError):
    """A checklist or permit-check.toml is invalid; the message names the file, the key and why."""

    exit_code = 3


class EnvironmentProblem(PermitCheckError):
    """The machine lacks something the tool needs (libmagic)."""

    exit_code = 3


# The errors a user meets most, in French: (English pattern, French replacement). Others stay English.
FRENCH_ERRORS = (
    (r"^folder not found: (.*)$", r"dossier introuvable : \1"),
    (r"^not a folder: (.*) \(give the folder that holds the documents\)$",
     r"ce n'est pas un dossier : \1 (indiquez le dossier qui contient les documents)"),
    (r"^unknown checklist '(.*)'; available: (.*)$", r"liste de contrôle inconnue « \1 » ; disponibles : \2"),
    (r"^cannot tell which permit type this is: no IMM 1295 or IMM 5710 was found\.$",
     r"impossible de déterminer le type de permis : aucun IMM 1295 ni IMM 5710 n'a été trouvé."),
    (r"^Give --type, or set type in permit-check\.toml\. Types: (.*)$",
     r"Indiquez --type, ou type dans permit-check.toml. Types : \1"),
    (r"^(.*): file not found$", r"\1 : fichier introuvable"),
    (r"^(.*): not valid TOML: (.*)$", r"\1 : TOML non valide : \2"),
    (r"^(.*): cannot be read: (.*)$", r"\1 : illisible : \2"),
    (r"^(.*): larger than (\d+) MB, too large for a .* file$", r"\1 : plus de \2 Mo, trop gros pour ce fichier"),
    (r"^(.*): nested more than (\d+) levels deep$", r"\1 : imbriqué sur plus de \2 niveaux"),
    (r"^(.*): holds a number too long to read$", r"\1 : contient un nombre trop long pour être lu"),
    (r"^(.*): is a symbolic link; the .* file must be a regular file inside the folder$",
     r"\1 : est un lien symbolique ; ce fichier doit être un fichier ordinaire dans le dossier"),
    (r"^(.*): not a regular file; the .* file must be one$", r"\1 : n'est pas un fichier ordinaire"),
    (r"^(.*): not UTF-8 text$", r"\1 : n'est pas du texte UTF-8"),
    (r"^--output (.*) is inside the scanned folder (.*); write the report elsewhere$",
     r"--output \1 est dans le dossier vérifié \2 ; écrivez le rapport ailleurs"),
    (r"^--output (.*) must be outside the documents folder \(and not contain it\)$",
     r"--output \1 doit être hors du dossier des documents (et ne pas le contenir)"),
    (r"^(.*) is not empty; use --force to replace what is in it$",
     r"\1 n'est pas vide ; utilisez --force pour remplacer son contenu"),
    (r"^(.*) already exists; use --force to replace it$", r"\1 existe déjà ; utilisez --force pour le remplacer"),
    (r"^(.*) is .*, not a regular file; permit-check writes only regular files \(-o - prints the report\)$",
     r"\1 n'est pas un fichier ordinaire ; permit-check n'écrit que dans des fichiers ordinaires "
     r"(-o - affiche le rapport)"),
    (r"^(.*) is .*, not a regular file; permit-check writes only regular files$",
     r"\1 n'est pas un fichier ordinaire ; permit-check n'écrit que dans des fichiers ordinaires"),
    (r"^(.*) is .*, not a folder; give a real folder$", r"\1 n'est pas un dossier ; indiquez un vrai dossier"),
    (r"^--output (.*) is a link; give a real folder \(links are never followed\)$",
     r"--output \1 est un lien ; indiquez un vrai dossier (les liens ne sont jamais suivis)"),
    (r"^(.*): cannot be (?:written|created): (.*)$", r"\1 : écriture impossible : \2"),
    (r"^letter not found: (.*)$", r"lettre introuvable : \1"),
    (r"^(.*): not a regular file \(give the letter's PDF or \.txt file\)$",
     r"\1 : n'est pas un fichier ordinaire (donnez le fichier PDF ou .txt de la lettre)"),
    (r"^(.*): a letter must be a PDF, a photo or scan of it \(JPEG, PNG, TIFF\) or a \.txt file$",
     r"\1 : une lettre doit être un PDF, une photo ou une numérisation de la lettre (JPEG, PNG, TIFF) ou un "
     r"fichier .txt"),
    (r"^the OCR engine is not installed: install it with '(.*)' \(Debian/Ubuntu\) and '(.*)'$",
     r"le moteur de reconnaissance de caractères (OCR) n'est pas installé : installez-le avec « \1 » "
     r"(Debian/Ubuntu) et « \2 »"),
    (r"^(.*): no text could be read \(a scanned letter has none: copy its words into a \.txt\)$",
     r"\1 : aucun texte lisible (une lettre numérisée n'en a pas : copiez ses mots dans un .txt)"),
    (r"^(.*): no text could be read, not even by OCR \(scan the letter again at 300 DPI, or copy its words into "
     r"a \.txt\)$",
     r"\1 : aucun texte lisible, même par OCR (numérisez de nouveau la lettre à 300 ppp, ou copiez ses mots dans "
     r"un .txt)"),
    (r"^(.*): too large to be a letter \(over (\d+) MB\)$", r"\1 : trop gros pour être une lettre (plus de \2 Mo)"),
    (r"^(.*): the letter could not be read within (.*) s \(too complex\)$",
     r"\1 : la lettre n'a pas pu être lue en moins de \2 s (trop complexe)"),
    (r"^(.*): reading the letter needed more memory than allowed \(too complex\)$",
     r"\1 : lire la lettre demandait plus de mémoire que permis (trop complexe)"),
    (r"^(.*): the letter could not be read \(the reader stopped unexpectedly\)$",
     r"\1 : la lettre n'a pas pu être lue (le lecteur s'est arrêté de façon inattendue)"),
    (r"^(.*): the letter is too complex to read \(it goes past the PDF reader's safety limits\)$",
     r"\1 : la lettre est trop complexe à lire (elle dépasse les limites de sécurité du lecteur PDF)"),
    (r"^(.*): the letter is damaged and cannot be read$", r"\1 : la lettre est endommagée et illisible"),
    (r"^(.*): the letter asks for a password to open$", r"\1 : la lettre demande un mot de passe à l'ouverture"),
    (r"^stdin: give a PDF letter as a file \(stdin takes the letter's text only\)$",
     r"stdin : donnez une lettre PDF sous forme de fichier (stdin ne prend que le texte de la lettre)"),
    (r"^stdin: the letter's text is not UTF-8$", r"stdin : le texte de la lettre n'est pas en UTF-8"),
    (r"^stdin: a letter's text is at most (\d+) bytes$", r"stdin : le texte d'une lettre fait au plus \1 octets"),
    (r"^libmagic is not installed .*$",
     r"libmagic n'est pas installée ; installez-la avec « apt-get install libmagic1 » (Debian/Ubuntu) "
     r"ou « brew install libmagic » (macOS)"),
)


def in_language(line: str, lang: str | None) -> str:
    """One line of an error message, in French when asked and known; otherwise as it is."""
    if lang != "fr":
        return line
    for pattern, french in FRENCH_ERRORS:
        if re.match(pattern, line):
            return re.sub(pattern, french, line)
    return line
