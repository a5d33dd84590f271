"""The few conditions that stop a run, each with the exit code the CLI turns it into."""

from __future__ import annotations


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
