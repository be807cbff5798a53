"""The oldest litellm the plugin accepts (pyproject: litellm>=FLOOR) still passes the litellm loopback tests.

The suite itself runs on whatever pip resolved (the newest release in range); this test installs the
floor into a separate venv through a constraints file and runs tests/integration/test_litellm_loopback.py
there. It takes minutes (a litellm install), so it runs in CI (CI=true, as .ci/run does) or when
CSRBENCH_TEST_LITELLM_FLOOR=1, and is skipped otherwise.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def litellm_floor() -> str:
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    match = re.search(r'"litellm>=([0-9][^,"]*)', text)
    assert match, "pyproject.toml: litellm must be a range with a floor (litellm>=X,<Y)"
    return match.group(1)


def test_litellm_is_a_range_not_a_pin() -> None:
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert "litellm==" not in text
    assert litellm_floor()


@pytest.mark.slow
@pytest.mark.skipif(not (os.environ.get("CI") or os.environ.get("CSRBENCH_TEST_LITELLM_FLOOR")),
                    reason="installs litellm's floor into a venv (minutes): runs in CI or with "
                           "CSRBENCH_TEST_LITELLM_FLOOR=1")
def test_loopback_tests_pass_on_the_litellm_floor(tmp_path: Path) -> None:
    floor = litellm_floor()
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    constraints = tmp_path / "constraints.txt"
    constraints.write_text(f"litellm=={floor}\n", encoding="utf-8")
    install = subprocess.run([str(python), "-m", "pip", "install", "-q", "-c", str(constraints), "-e", str(REPO)],
                             capture_output=True, text=True)
    assert install.returncode == 0, install.stdout[-3000:] + install.stderr[-3000:]
    version = subprocess.run([str(python), "-c", "import importlib.metadata as m; print(m.version('litellm'))"],
                             capture_output=True, text=True, check=True).stdout.strip()
    assert version == floor
    run = subprocess.run([str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider",
                          "tests/integration/test_litellm_loopback.py"], cwd=REPO, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-5000:] + run.stderr[-3000:]
