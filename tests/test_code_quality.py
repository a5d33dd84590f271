"""The project's own checks run with the tests, so CI enforces them: ruff, and mypy --strict on src."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests import docfactory as make
from tests.conftest import AS_OF, REPO


def test_ruff() -> None:
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "src", "tests", "examples", "benchmarks"],
                            cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict() -> None:
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_layering() -> None:
    """The import-linter contracts of pyproject.toml hold: imports point down the stages (cli -> commands ->
    reports | rules -> files -> model), and each parser has its one owner."""
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([lint_imports, "--no-cache"], cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


# What a start of the command line must not pay for: the parsers, the schema validator, RE2, the commands
# themselves, the typo finder (difflib); and, until a run starts, the catalogue with pathlib and typing, and
# datetime and dataclasses. Nothing imports click any more.
NOT_FOR_HELP = ("click", "pypdf", "PIL", "lxml", "pikepdf", "jinja2", "jsonschema", "re2", "magic", "sqlite3",
                "multiprocessing", "difflib", "shutil", "permit_check.commands.scan", "permit_check.rules",
                "permit_check.files")
NOT_AT_IMPORT = (*NOT_FOR_HELP, "threading", "permit_check.reports", "permit_check.i18n", "pathlib", "typing",
                 "datetime", "dataclasses")


def _loaded_by(code: str, modules: tuple[str, ...]) -> list[str]:
    listing = f"print(sorted(m for m in {modules!r} if m in sys.modules), file=sys.stderr)"
    result = subprocess.run([sys.executable, "-c", f"import sys\n{code}\n{listing}"], cwd=REPO, capture_output=True,
                            text=True, check=True)
    loaded: list[str] = ast.literal_eval(result.stderr.strip().splitlines()[-1])  # the list printed last
    return loaded


def test_starting_the_cli_loads_no_parser() -> None:
    """Every run pays for what the CLI imports: argparse and the CLI's own modules, nothing more."""
    assert _loaded_by("import permit_check.cli", NOT_AT_IMPORT) == []
    assert _loaded_by("import permit_check.cli", ("argparse",)) == ["argparse"]


@pytest.mark.parametrize("args", [["--help"], ["--lang", "fr", "scan", "--help"], ["scan", "--format", "pdf", "x"],
                                  ["--version"]])
def test_help_and_usage_errors_load_no_parser(args: list[str]) -> None:
    code = f"from permit_check.cli import main\ntry:\n    main({args!r})\nexcept SystemExit:\n    pass"
    assert _loaded_by(code, NOT_FOR_HELP) == []


HEAVY = ("pypdf", "PIL", "lxml", "pikepdf", "jinja2", "jsonschema", "multiprocessing", "secrets",
         "importlib.resources", "magic")


def test_a_rescan_from_the_cache_loads_no_parser(tmp_path: Path) -> None:
    """A folder scanned again unchanged is answered from the cache: no parser, no JSON Schema machinery (the
    built-in checklist is checked by the tests), no worker processes and no python-magic (which runs ldconfig
    to find libmagic) are loaded; the report is the same."""
    folder = tmp_path / "docs"
    make.write(folder / "imm1295.pdf", make.xfa_form_pdf("1295", edition="09-2023", datasets=make.imm1295_datasets()))
    make.write(folder / "offer.pdf", make.text_pdf(["Offer of employment", "IMM 5645 (01-2021) E"]))
    make.write(folder / "notes.pdf", make.text_pdf(["Some notes about the application"]))
    make.write(folder / "letter.docx", make.docx_bytes(["Dear officer"]))
    make.write(folder / "photo.jpg", make.jpeg_bytes(make.photo_image(seed=2), taken="2026-10-01"))
    code = ("import sys\nfrom permit_check.cli import main\n"
            "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            f"print('loaded:', sorted(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)")
    command = [sys.executable, "-c", code, "scan", str(folder), "--type", "work-permit-outside-canada", "--format",
               "json", "--as-of", AS_OF, "--jobs", "1"]
    first = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=True)
    again = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=True)
    assert all(f"'{module}'" in first.stderr for module in ("pypdf", "multiprocessing", "magic"))  # files were read
    assert again.stderr.strip().splitlines()[-1] == "loaded: []"
    assert again.stdout == first.stdout


def _python_files(folder: str) -> list[Path]:
    return sorted((REPO / "src" / "permit_check" / folder).rglob("*.py"))


def test_pool_failures_are_compared_with_the_pools_constants() -> None:
    """A worker's failure is named by files/pool.py's constants (TIMEOUT, MEMORY, ERROR, CRASHED): a string
    spelled again where it is compared would silently stop matching if the pool renamed one."""
    spelled_out = []
    for path in _python_files(""):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Compare) and isinstance(node.left, ast.Attribute) and node.left.attr == "failure"
                    and any(isinstance(side, ast.Constant) and isinstance(side.value, str)
                            for side in node.comparators)):
                spelled_out.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert spelled_out == []


def test_json_reports_are_written_by_the_one_writer() -> None:
    """Every JSON report is written by reports/pretty_json.py (the same text as json.dumps, faster); an
    indented json.dumps elsewhere in reports/ would be a second writer to keep in step."""
    second_writers = []
    for path in _python_files("reports"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "dumps"
                    and any(keyword.arg == "indent" for keyword in node.keywords)):
                second_writers.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert second_writers == []


# Where the wall clock may be read: the CLI turns a missing --as-of into today, and a passport's MRZ reading
# (cached across runs, so independent of --as-of) places a two-digit birth year in its century.
READS_THE_CLOCK = {"cli.py", "files/inspectors/passport_mrz.py"}


def test_only_the_cli_chooses_today() -> None:
    """The day every date rule counts from is a date given from the CLI to the last rule: nothing below it
    defaults to today (a renderer or a command choosing its own day could disagree with the scan's)."""
    clock_readers = set()
    for path in _python_files(""):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in ("today", "now", "utcnow"):
                clock_readers.add(path.relative_to(REPO / "src" / "permit_check").as_posix())
    assert clock_readers <= READS_THE_CLOCK, sorted(clock_readers - READS_THE_CLOCK)


def test_the_day_is_required_below_the_cli() -> None:
    from permit_check.commands.scan import ScanOptions
    from permit_check.model import Context

    with pytest.raises(TypeError, match="as_of"):
        Context()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="as_of"):
        ScanOptions(folder=Path())  # type: ignore[call-arg]


def test_no_code_chooses_french_by_name() -> None:
    """Languages are data: the catalogue and the data files' language blocks, picked by the language itself; no
    module tests for French or keeps a table of French words of its own."""
    import re

    choosing = re.compile(r'lang == "fr"|FRENCH|_FR\b')
    found = [f"{path.relative_to(REPO)}:{number}" for path in _python_files("")
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if choosing.search(line)]
    assert not found


def test_a_schema_description_is_read_from_the_block_of_its_language() -> None:
    from permit_check.files.resources import description_in

    entry = {"description": "Marital status", "fr": {"description": "État matrimonial"},
             "de": {"description": "Familienstand"}}
    assert description_in(entry, "fr") == "État matrimonial"
    assert description_in(entry, "de") == "Familienstand"
    assert description_in(entry, "en") == "Marital status"
    assert description_in({"description": "Marital status"}, "fr") == "Marital status"


@pytest.mark.parametrize(("library", "says"), [("pypdf", "files/inspectors/pdf.py"),
                                                ("PIL", "files/inspectors/image.py")])
def test_the_module_that_names_a_librarys_importers_names_them_all(library: str, says: str) -> None:
    """pdf.py and image.py say which modules import their heavy library (they run only in workers): a module that
    starts importing it must be named there too, or the sentence is no longer true."""
    package = REPO / "src" / "permit_check"
    docstring = ast.get_docstring(ast.parse((package / says).read_text(encoding="utf-8"))) or ""
    importers = set()
    for path in _python_files(""):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            if any(name == library or name.startswith(f"{library}.") for name in names):
                importers.add(path.relative_to(package).as_posix())
    unnamed = {module for module in importers - {says} if module.rsplit("/", 1)[-1] not in docstring}
    assert not unnamed
