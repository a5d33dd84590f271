"""Allows `python -m permit_check`."""

from permit_check.cli import main

main()
