"""Click's own sentences -- its help page's words and its usage errors -- marked for permit-check's catalogue.

Click says them through gettext's default domain (`gettext.gettext`, `ngettext`), which the command line
points at permit-check's catalogue while a run lasts (cli._speaking), so they are in the run's language
with the rest. The ids are click's exact English: tests/contracts/test_french.py fails when click says a
message that is not here (a new click version rewording one).

Only `SHOW_HELP` is used by the code; the rest is here for `pybabel extract`.
"""

from __future__ import annotations

from permit_check.i18n import N_


def ngettext(singular: str, plural: str) -> tuple[str, str]:
    """Marks one of click's plural messages: `pybabel extract` knows plurals by this name."""
    return singular, plural


SHOW_HELP = N_("Show this message and exit.")

HELP_PAGE = (
    N_("Usage:"), N_("Options"), N_("Commands"), N_("Positional arguments"), SHOW_HELP,
    N_("Show the version and exit."), N_("%(prog)s, version %(version)s"),
    N_("default: {default}"), N_("required"), N_("env var: {var}"), N_("(dynamic)"), N_("deprecated"),
)

USAGE_ERRORS = (
    N_("Error: {message}"),
    N_("Try '{command} {option}' for help."),
    N_("No such option {name!r}."),
    N_("No such command {name!r}."),
    ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"),
    N_("Missing command."),
    N_("Missing argument"),
    N_("Missing option"),
    N_("Missing parameter"),
    N_("Missing {param_type}"),
    N_("Missing parameter: {param_name}"),
    ngettext("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"),
    N_("Option {name!r} does not take a value."),
    ngettext("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."),
    N_("Invalid value: {message}"),
    N_("Invalid value for {param_hint}: {message}"),
    ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}."),
    N_("Choose from:\n\t{choices}"),
    ngettext("{value!r} does not match the format {format}.", "{value!r} does not match the formats {formats}."),
    N_("{value!r} is not a valid {number_type}."),
    N_("{value} is not in the range {range}."),
    N_("file"),
    N_("directory"),
    N_("path"),
    N_("{name} {filename!r} does not exist."),
    N_("{name} {filename!r} is a file."),
    N_("{name} {filename!r} is a directory."),
    N_("{name} {filename!r} is not readable."),
    N_("{name} {filename!r} is not writable."),
    N_("{name} {filename!r} is not executable."),
    N_("Aborted!"),
)

# The nouns of click's types, which its metavars (upper-cased: `--jobs INTEGER RANGE`) and errors say.
TYPE_NAMES = (
    N_("text"), N_("integer"), N_("float"), N_("integer range"), N_("float range"), N_("boolean"), N_("choice"),
    N_("datetime"),
)

# The words of permit-check's own metavars that a French page says in French (the help texts name them too).
METAVAR_WORDS = (N_("FOLDER"), N_("FILE"), N_("FILES"), N_("LETTER"), N_("SECONDS"))
