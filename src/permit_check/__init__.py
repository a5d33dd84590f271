"""permit-check: check a Canadian work-permit application folder before it is submitted."""

from __future__ import annotations

__version__ = "0.1.0"
