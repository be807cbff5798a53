"""Running the benchmark as a user would (a pytest subprocess on the seed pack), always with a timeout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.packs import write_pack

LENIENT = ["--csr-fail-under=all=0", "--csr-fail-under=safety=0", "--csr-fail-under=over_rejection=0",
           "--csr-fail-under=bias=0", "--csr-fail-under=hallucination=0", "--csr-max-error-rate=1"]
ITEMS = 16  # the seed pack: 8 cases x (image, text)
RUN_TIMEOUT = 240  # a guard against a hang, far above a normal run; never a timing assertion


def command(api_base: str, *extra: str, model: str = "openai/loopback-model") -> list[str]:
    return [sys.executable, "-m", "pytest", "--csr-no-bundled", "--csr-cases=pack", "-p", "no:cacheprovider",
            f"--csr-model={model}", f"--csr-api-base={api_base}", "--csr-json=r.json", "--csr-html=r.html",
            "--junitxml=j.xml", *LENIENT, *extra]


def prepare(directory: Path) -> Path:
    if not (directory / "pack").exists():
        write_pack(directory / "pack")
    return directory


def bench(directory: Path, api_base: str, *extra: str, timeout: float = RUN_TIMEOUT,
          env: dict | None = None) -> subprocess.CompletedProcess:
    prepare(directory)
    return subprocess.run(command(api_base, *extra), cwd=directory, capture_output=True, timeout=timeout,
                          env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})})


def text(proc: subprocess.CompletedProcess) -> str:
    return (proc.stdout + proc.stderr).decode("utf-8", "backslashreplace")


def results(directory: Path) -> dict:
    return json.loads((directory / "r.json").read_text(encoding="utf-8"))
