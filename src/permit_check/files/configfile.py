"""Reads the JSON and TOML files that come from outside the tool -- checklists, editions tables, baselines,
permit-check.toml -- within limits, so that a hostile file ends in one line naming it, never in a crash,
a hang or an echo of what it holds.

The limits: MAX_CONFIG_BYTES per file (MAX_REPORT_BYTES for a baseline report), MAX_DEPTH levels of
nesting, and Python's cap on the digits of an integer. Only regular files are read (a FIFO would block,
a device would never end), and where the caller asks, never through a symbolic link.
"""

from __future__ import annotations

import ast
import errno
import json
import os
import re
import stat
import tomllib
from pathlib import Path
from typing import Any

from permit_check.errors import ConfigProblem
from permit_check.files.os_words import os_reason
from permit_check.files.patterns import compile_pattern
from permit_check.i18n import N_, Phrase

# The largest bundled checklist is about 40 KB; 4 MB holds any hand-written checklist or answers file.
MAX_CONFIG_BYTES = 4 * 2**20
# A baseline is a JSON report, which grows with the folders and findings it covers (about 300 bytes each).
MAX_REPORT_BYTES = 32 * 2**20
# The bundled files nest 12 levels at most; deeper nesting is an attack on the parsers' recursion.
MAX_DEPTH = 64

# A TOML dotted key (`a.b.c = 1`, `[a.b.c]`) with more parts than MAX_DEPTH. tomllib needs time and memory
# quadratic in the parts (100,000 parts: tens of GB), so such a key is refused before parsing. The search
# is RE2's, linear; it may also hit a quoted value of 64 dotted words, which no answers file holds.
_KEY_PART = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')"""
_DEEP_DOTTED_KEY = _KEY_PART + r"(?:[ \t]*\.[ \t]*" + _KEY_PART + f"){{{MAX_DEPTH}}}"


def excerpt(text: str, limit: int = 60) -> str:
    """A short, printable piece of `text` for an error line: non-ASCII and controls as escapes, cut at `limit`."""
    escaped = ascii(text)[1:-1]
    return escaped if len(escaped) <= limit else escaped[:limit] + "..."


def _depth(value: Any) -> int:
    """How deeply lists and tables nest in a parsed document (iterative: the document may be hostile)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        current, level = stack.pop()
        if isinstance(current, dict | list):
            deepest = max(deepest, level)
            if deepest > MAX_DEPTH:
                return deepest
            children = current.values() if isinstance(current, dict) else current
            stack.extend((child, level + 1) for child in children)
    return deepest


def _read_text(path: Path, what: str, max_bytes: int, follow_links: bool) -> str:
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC  # O_NONBLOCK: opening a FIFO must not wait for a writer
    if not follow_links:
        flags |= os.O_NOFOLLOW
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        raise ConfigProblem(N_("{path}: {what} file not found"), path=path, what=what) from None
    except OSError as error:
        if error.errno == errno.ELOOP and not follow_links:
            raise ConfigProblem(N_("{path}: is a symbolic link; the {what} file must be a regular file inside the "
                                   "folder"),
                                path=path, what=what) from None
        raise ConfigProblem(N_("{path}: cannot be read: {reason}"), path=path, reason=os_reason(error)) from None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise ConfigProblem(N_("{path}: not a regular file; the {what} file must be one"), path=path, what=what)
        chunks: list[bytes] = []
        size = 0
        while size <= max_bytes and (chunk := os.read(descriptor, max_bytes + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
    except OSError as error:
        raise ConfigProblem(N_("{path}: cannot be read: {reason}"), path=path, reason=os_reason(error)) from None
    finally:
        os.close(descriptor)
    data = b"".join(chunks)
    if len(data) > max_bytes:
        raise ConfigProblem(N_("{path}: larger than {megabytes} MB, too large for a {what} file"),
                            path=path, megabytes=max_bytes // 2**20, what=what)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigProblem(N_("{path}: not UTF-8 text"), path=path) from None


def _too_deep(path: Path) -> ConfigProblem:
    return ConfigProblem(N_("{path}: nested more than {depth} levels deep"), path=path, depth=MAX_DEPTH)


def _too_long_number(path: Path) -> ConfigProblem:
    return ConfigProblem(N_("{path}: holds a number too long to read"), path=path)


# The JSON decoder's fixed phrases, for the catalogue: a config error says them in the run's language.
JSON_DECODER_SAYS = (
    N_("Expecting value"), N_("Expecting property name enclosed in double quotes"), N_("Expecting ':' delimiter"),
    N_("Expecting ',' delimiter"), N_("Unterminated string starting at"), N_("Extra data"),
    N_("Invalid control character at"), N_("Invalid \\escape"), N_("Invalid \\uXXXX escape"),
    N_("Illegal trailing comma before end of object"), N_("Illegal trailing comma before end of array"),
)


def read_json(path: Path, what: str, *, max_bytes: int = MAX_CONFIG_BYTES) -> Any:
    """The parsed JSON document in `path`; any problem is a one-line ConfigProblem naming the file."""
    text = _read_text(path, what, max_bytes, follow_links=True)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        # The decoder's messages are fixed phrases ("Expecting value"): they never quote the file.
        raise ConfigProblem(N_("{path}: not valid JSON: line {line} column {column}: {problem}"),
                            path=path, line=error.lineno, column=error.colno,
                            problem=Phrase(error.msg) if error.msg in JSON_DECODER_SAYS else error.msg) from None
    except RecursionError:
        raise _too_deep(path) from None
    except ValueError:  # an integer over sys.get_int_max_str_digits()
        raise _too_long_number(path) from None
    if _depth(value) > MAX_DEPTH:
        raise _too_deep(path)
    return value


# tomllib's fixed phrases, for the catalogue, as the JSON decoder's above.
TOML_DECODER_SAYS = (
    N_("Invalid statement"), N_("Expected newline or end of document after a statement"),
    N_("Cannot overwrite a value"), N_("Expected ']' at the end of a table declaration"),
    N_("Expected ']]' at the end of an array declaration"), N_("Expected '=' after a key in a key/value pair"),
    N_("Invalid initial character for a key part"), N_("Unclosed array"), N_("Unclosed inline table"),
    N_("Unescaped '\\' in a string"), N_("Invalid hex value"), N_("Escaped character is not a Unicode scalar value"),
    N_("Unterminated string"), N_("Invalid date or datetime"), N_("Invalid value"),
)
# Its phrases that name a key of the file, or quote a character of it (which is never repeated).
_TOML_NAMING = (
    (re.compile(r"Cannot declare (.+) twice"), N_("Cannot declare {key} twice")),
    (re.compile(r"Cannot mutate immutable namespace (.+)"), N_("Cannot add to {key}, which is already complete")),
    (re.compile(r"Cannot redefine namespace (.+)"), N_("Cannot define {key} again")),
    (re.compile(r"Duplicate inline table key (.+)"), N_("Duplicate inline table key {key}")),
    (re.compile(r"Expected (.+)"), N_("Expected {key}")),  # a token of TOML's syntax ("']'"), not of the file
    (re.compile(r"Found invalid character .+"), N_("A character that is not allowed here")),
    (re.compile(r"Illegal character .+"), N_("A control character that is not allowed in a string")),
)
# Where tomllib says it found the problem: "(at line 3, column 7)" or "(at end of document)".
_TOML_PLACE = re.compile(r"(.+) \(at (?:line (\d+), column (\d+)|end of document)\)", re.DOTALL)


def _toml_key(named: str) -> str:
    """A key as tomllib names it -- "('applicant', 'name')" or "'name'" -- as the dotted key of the file."""
    try:
        parts = ast.literal_eval(named)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return excerpt(named)
    parts = parts if isinstance(parts, tuple) else (parts,)
    return repr(excerpt(".".join(str(part) for part in parts)))


def _toml_problem(path: Path, error: tomllib.TOMLDecodeError) -> ConfigProblem:
    """tomllib's message in the catalogue's words, with its place; a phrase it may add in a later Python is said
    as it is (shortened: some name keys, which may be long)."""
    said = _TOML_PLACE.fullmatch(str(error))
    if said is None:
        return ConfigProblem(N_("{path}: not valid TOML: {problem}"), path=path, problem=excerpt(str(error), 100))
    message, line, column = said.groups()
    problem: str = Phrase(message) if message in TOML_DECODER_SAYS else excerpt(message, 100)
    for pattern, words in () if message in TOML_DECODER_SAYS else _TOML_NAMING:
        if named := pattern.fullmatch(message):
            problem = Phrase(words, key=_toml_key(named.group(1))) if named.groups() else Phrase(words)
            break
    if line is None:
        return ConfigProblem(N_("{path}: not valid TOML: at the end of the file: {problem}"), path=path,
                             problem=problem)
    return ConfigProblem(N_("{path}: not valid TOML: line {line} column {column}: {problem}"), path=path,
                         line=int(line), column=int(column), problem=problem)


def read_toml(path: Path, what: str, *, follow_links: bool = True) -> dict[str, Any]:
    """The parsed TOML document in `path`; any problem is a one-line ConfigProblem naming the file."""
    text = _read_text(path, what, MAX_CONFIG_BYTES, follow_links)
    if compile_pattern(_DEEP_DOTTED_KEY).search(text):
        raise _too_deep(path)
    try:
        value = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _toml_problem(path, error) from None
    except RecursionError:
        raise _too_deep(path) from None
    except ValueError:  # an integer over sys.get_int_max_str_digits()
        raise _too_long_number(path) from None
    if _depth(value) > MAX_DEPTH:
        raise _too_deep(path)
    return value
