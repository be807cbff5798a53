"""The csrbench command: every registered subcommand exists and explains itself."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

from pytest_csrbench.cli import COMMANDS, main


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_subcommand_module_exists(name: str) -> None:
    module = importlib.import_module(COMMANDS[name][0])
    assert callable(module.add_arguments) and callable(module.run)


def test_no_command_prints_help(capsys) -> None:
    assert main([]) == 2
    assert "judge" in capsys.readouterr().out


def test_console_script_is_installed() -> None:
    out = subprocess.run([sys.executable, "-m", "pytest_csrbench.cli", "--help"], capture_output=True, text=True)
    assert out.returncode == 0 and "validate" in out.stdout
