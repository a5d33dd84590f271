"""`permit-check checklists` and `editions`: the permit types known, one checklist shown, checklist files
validated, the bundled editions table printed."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path

from permit_check.commands.result import EXIT_OK, CommandResult
from permit_check.errors import ConfigProblem, EnvironmentProblem, UsageProblem
from permit_check.files.ircc_forms import default_editions_path
from permit_check.files.os_words import os_reason
from permit_check.files.resources import load_schema
from permit_check.i18n import N_, translations
from permit_check.reports.describe import describe
from permit_check.rules.checklist import Checklist, available_types, load_checklist, names_a_file

# What a checklist file that is no JSON is told, after the reader's own words (a TOML file, a text file).
NOT_JSON = N_("{error} (a checklist file must be JSON)")


def load_checklist_file(path: Path, lang: str = "en") -> Checklist:
    """A checklist file the user named, loaded as a file whatever its name: the CLI told it from a built-in id
    by the text given (`./mine`, `mine.toml`: a path separator, or a file of that name), which Path keeps only
    in part (`./mine` is `mine`), so a name the loader would take for an id is given it as `./mine`."""
    text = str(path)
    try:
        return load_checklist(text if names_a_file(text) else f"{os.curdir}{os.sep}{text}", lang)
    except ConfigProblem as error:
        if "not valid JSON" not in error.message:
            raise
        raise ConfigProblem(NOT_JSON, error=error.phrase()) from None


def list_checklists(lang: str = "en") -> CommandResult:
    """Each permit type's id, title (in `lang`) and version."""
    catalogue = translations(lang)
    lines = []
    for type_id in available_types():
        loaded = load_checklist(type_id, lang)
        version = catalogue.gettext("(version {version})").format(version=loaded.version)
        lines.append(f"{loaded.id:<30} {loaded.title}  {version}\n")
    return CommandResult("".join(lines), EXIT_OK)


def show_checklist(reference: Path | str, lang: str) -> CommandResult:
    """One checklist described: a file (Path) or a built-in one (its id), as the CLI told them."""
    loaded = load_checklist(reference, lang) if isinstance(reference, str) else load_checklist_file(reference, lang)
    return CommandResult(describe(loaded, lang), EXIT_OK)


def validate_checklists(paths: Sequence[Path], lang: str = "en") -> CommandResult:
    """Each file loaded as a checklist: `ok`, or its problems on stderr; exit 2 for a file that is not
    there, 3 for an invalid checklist."""
    said: list[str] = []
    problems: list[str] = []
    code = EXIT_OK
    for path in paths:
        try:
            if not path.exists():  # the wrong name given: a usage error (a check in the parser would echo it raw)
                raise UsageProblem(N_("{path}: checklist file not found"), path=path)
            load_checklist_file(path)
        except (ConfigProblem, UsageProblem) as error:
            code = max(code, error.exit_code)
            problems.extend(error.said_in(lang).splitlines())
            continue
        said.append(translations(lang).gettext("{path}: ok").format(path=path) + "\n")
    return CommandResult("".join(said), code, stderr=tuple(problems))


def print_editions() -> CommandResult:
    """The bundled table of the latest IRCC form editions, to copy, edit and give with --editions."""
    try:
        text = default_editions_path().read_text(encoding="utf-8")
    except OSError as error:
        raise EnvironmentProblem(N_("the bundled editions table cannot be read: {reason}"),
                                 reason=os_reason(error)) from None
    # The bundled file names its schema by a path inside the package, which means nothing beside the user's
    # copy: the copy names it by the schema's id instead.
    bundled = json.dumps(json.loads(text).get("$schema", ""))
    text = text.replace(f'"$schema": {bundled}', f'"$schema": {json.dumps(load_schema("editions")["$id"])}', 1)
    return CommandResult(text if text.endswith("\n") else text + "\n", EXIT_OK)
