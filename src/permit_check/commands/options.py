"""The choices and defaults the command line offers, kept free of heavy imports so that --help starts fast."""

from __future__ import annotations

CHANNELS = ("secure-account", "ircc-portal", "paper")
LANGS = ("en", "fr")
FAIL_ON = ("error", "warning", "never")
DEFAULT_TYPE_FOR_LETTERS = "work-permit-outside-canada"
