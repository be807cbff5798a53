"""Where the bundled case pack lives (defined in cases/paths.py; the renderer writes its images there)."""

from __future__ import annotations

from ..cases.paths import PACKAGE_DIR, bundled_cases_dir

__all__ = ["PACKAGE_DIR", "bundled_cases_dir"]
