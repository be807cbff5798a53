"""Where the bundled case pack lives: inside an installed wheel, or next to the package in a checkout."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # pytest_csrbench/


def bundled_cases_dir() -> Path:
    """`pytest_csrbench/_cases` in an installed wheel, else the repository's `cases/`."""
    wheel = PACKAGE_DIR / "_cases"
    if wheel.is_dir():
        return wheel
    return PACKAGE_DIR.parent / "cases"
