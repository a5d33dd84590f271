"""The help texts of the command line (cli.py) and the words of its pages, kept apart so that cli.py reads as
its options.

A paragraph that starts with \\b is shown as written (example commands, one a line); the others are re-wrapped
to the terminal (cli_parser.HelpPage)."""

from __future__ import annotations

from permit_check.i18n import N_

# The words of every help page that are not an option's or a command's own.
SHOW_HELP, SHOW_VERSION = N_("Show this message and exit."), N_("Show the version and exit.")
VERSION, COMMANDS = N_("%(prog)s, version %(version)s"), N_("Commands")
DEFAULT, REQUIRED = N_("default: {default}"), N_("required")
# The value's name of a whole-number option on the page (`--jobs INTEGER RANGE`).
INTEGER_RANGE = N_("integer range")
# The words of the usage lines (`usage: permit-check [OPTIONS] COMMAND [ARGS]...`).
USAGE_WORDS = (N_("OPTIONS"), N_("COMMAND"), N_("ARGS"))
# A heading of the help page ("Commands:", "options:"), and a choice as an error names it ('pdf'): each in
# the typography of the run's language.
HEADING, QUOTED = N_("{heading}:"), N_("'{choice}'")
INVALID_CHOICE = N_("invalid choice: {value} (choose from {choices})")
# A word that is no command or option: named, with the closest one when there is one (difflib).
NO_SUCH_COMMAND = (N_("No such command '{word}'. Did you mean '{command}'?"), N_("No such command '{word}'."))
NO_SUCH_OPTION = (N_("No such option: {word}. Did you mean {command}?"), N_("No such option: {word}."))

MAIN_HELP = N_("""Check a Canadian work-permit application folder before you submit it.

    \b
    permit-check ./my-docs                      check a folder (same as: scan ./my-docs)
    permit-check ./my-docs --format json -o report.json
    permit-check checklists list                the permit types it knows
    permit-check checklists show work-permit-outside-canada

    The folder holds your documents (IRCC forms, passport scan, photo, letters) and, optionally,
    a permit-check.toml with your answers (permit type, marital status, work basis, ...).
    Nothing in the folder is changed, and nothing leaves your computer.

    Exit codes: 0 ready (nothing at or above --fail-on), 1 problems found, 2 usage error,
    3 invalid checklist or permit-check.toml, or libmagic missing, 4 internal error, 130 interrupted
    (Ctrl-C), 143 stopped by SIGTERM, 129 by SIGHUP, 141 the output's reader went away (| head).
    """)

SCAN_HELP = N_("""Check the documents in each FOLDER against the checklist of its permit type.

    \b
    permit-check scan ./my-docs
    permit-check scan clients/* --format html -o report.html
    permit-check scan clients/* --format sarif -o permit-check.sarif --baseline last.json

    Several folders give one report each and a summary table; the exit code is the worst folder's.
    """)

INIT_HELP = N_("""Write FOLDER/permit-check.toml with the questions your permit type depends on.

    Answers found in IRCC forms already in FOLDER (names, date of birth, marital status, passport
    expiry, work period and basis, LMIA or offer number, status expiry, representative) are filled
    in; the rest are commented-out questions to answer. The questions that decide which documents
    are needed are listed at the top of the file. Without --type, the permit type comes from the
    IMM 1295 or IMM 5710 in FOLDER.
    """)

LETTER_HELP = N_("""Read an IRCC LETTER (PDF or .txt; - reads the letter's text from stdin): what it is, and what to do.

    \b
    permit-check letter decision.pdf             what kind of letter, and the documents it points at
    permit-check letter decision.pdf ./my-docs   ...and which of its points the folder now addresses
    pbpaste | permit-check letter -              a letter's text, pasted (a PDF must be given as a file)

    A return (incomplete application) lists what is missing, with the letter's reasons; a refusal
    lists each ground with the documents that answer it and the judicial-review deadline; a
    procedural-fairness letter or a request for documents gives the deadline to answer; an approval
    needs nothing. The officer's notes (GCMS) are read like a refusal. With FOLDER the folder is
    checked too and the letter's points come first.

    Exit codes: 0 read (and FOLDER ready, every point done), 1 a point still to do or FOLDER has
    problems, 2 usage error or a LETTER that cannot be read (not a PDF or text, damaged, too complex,
    over --timeout or --memory-limit), 3 invalid checklist or permit-check.toml, 4 internal error.
    """)

READ_COMMAND_HELP = N_("""Show what permit-check reads from one FILE: its kind, the IRCC form (number, edition,
    validated, fields),
    the passport's machine-readable zone, a language-test report's results, the language of its words.

    \b
    permit-check read imm5710.pdf
    permit-check read ielts.pdf --format json
    permit-check read passport.jpg --redact      values hidden, to share with support

    This is how to see why the scan placed or judged a file as it did. The values are your file's own,
    so they are shown (--redact hides them). Exit codes: 0 read, 2 usage error (no such file),
    3 a library the reading needs is missing, 4 internal error. A file that cannot be read is
    described as such (exit 0).
    """)

PACK_COMMAND_HELP = N_("""Build an upload-ready copy of FOLDER in OUTPUT: one file per upload slot, named by item.

    \b
    permit-check pack ./my-docs --output ./upload

    Several files for one slot are merged into one PDF; images become PDF where a slot takes only
    PDF (a photo becomes JPEG); a file over the size limit has its scanned pages re-encoded at about
    150 DPI, or is left out with the reason. The originals are never changed. OUTPUT gets
    permit-check-manifest.json (what went where, with sha256), and is then checked like any folder.
    Each file is read once, and only if it is still the file the check examined; a slot whose file
    changed, or goes past --timeout (per file) or --memory-limit, is not written and is named.
    """)

CHECKLISTS_HELP = N_("""List, show and validate checklists.""")

CHECKLISTS_LIST_HELP = N_("""The permit types permit-check knows (use the id with --type).""")

CHECKLISTS_SHOW_HELP = N_("""Items, conditions, rules and sources of one checklist (an id or a file path).""")

CHECKLISTS_VALIDATE_HELP = N_("Check checklist files: the meta-schema, every embedded rule schema, ids, extends, "
                              "sources.")

EDITIONS_COMMAND_HELP = N_("""Print the bundled table of the latest IRCC form editions (JSON).

    \b
    permit-check editions > editions.json
    permit-check scan ./my-docs --editions editions.json

    Save it, update an edition when IRCC publishes a new one, and give it with --editions.
    """)
