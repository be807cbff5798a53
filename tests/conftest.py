"""Shared fixtures for the plugin's own tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.packs import seed_cases, write_pack


@pytest.fixture
def seed_pack(pytester: pytest.Pytester) -> Path:
    """The seed pack written into the pytester directory as ./pack/pack.yaml."""
    return write_pack(pytester.path / "pack")


@pytest.fixture
def run_bench(pytester: pytest.Pytester, seed_pack: Path):
    """Run a benchmark session on the seed pack only (not the bundled one) with extra arguments."""

    def run(*args: str, subprocess: bool = False) -> pytest.RunResult:
        base = ("--csr-no-bundled", "--csr-cases=pack", "-p", "no:cacheprovider")
        if subprocess:
            return pytester.runpytest_subprocess(*base, *args)
        return pytester.runpytest(*base, *args)

    return run


@pytest.fixture
def seed() -> list[dict]:
    return seed_cases()
