"""`ruff check` on the package, with the configuration in pyproject.toml: no findings."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def ruff() -> list[str]:
    exe = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if exe is None:
        pytest.fail("ruff is not installed: pip install -e '.[test]'")
    return [exe]


def test_ruff_finds_nothing_in_the_package() -> None:
    proc = subprocess.run([*ruff(), "check", "--no-cache", "--output-format", "concise", "pytest_csrbench"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_wheel_declares_types() -> None:
    assert (ROOT / "pytest_csrbench" / "py.typed").is_file()
