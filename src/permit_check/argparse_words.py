"""argparse's own sentences -- its help page's words and its usage errors -- marked for permit-check's catalogue.

argparse says its sentences through its module's `_` and `ngettext`, which the command line points at
permit-check's catalogue while a run lasts (cli_parser.speaking), so they are in the run's language with
the rest. The ids are argparse's exact English: tests/contracts/test_french.py fails when argparse says a
message that is not here (a new Python version rewording one).

Nothing here is used by the code: it is here for `pybabel extract`.
"""

from __future__ import annotations

from permit_check.i18n import N_

# "positional arguments" heads a list the pages do not show (each command's usage line names its arguments).
HELP_PAGE = (N_("usage: "), N_("options"), N_("positional arguments"))

USAGE_ERRORS = (
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"),
    N_("expected at least one argument"),
    N_("ignored explicit argument %r"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
)
