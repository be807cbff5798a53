"""Loading the plugin imports neither the judges, nor Pillow, nor litellm; the public names still resolve."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys

import pytest


def test_loading_the_plugin_stays_cheap() -> None:
    code = ("import json, sys, pytest_csrbench.plugin\n"
            "print(json.dumps(sorted(m for m in sys.modules)))")
    loaded = set(json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                           check=True).stdout))
    heavy = {"litellm", "PIL", "pytest_csrbench.judges.refusal", "pytest_csrbench.judges.grounding",
             "pytest_csrbench.render.core", "pytest_csrbench.models.runner", "pytest_csrbench.models.helper",
             "sqlite3"}
    assert "pytest_csrbench.plugin" in loaded
    assert sorted(heavy & loaded) == []


@pytest.mark.parametrize("package", ["pytest_csrbench", "pytest_csrbench.judges", "pytest_csrbench.render"])
def test_every_public_name_resolves(package: str) -> None:
    module = importlib.import_module(package)
    for name in module.__all__:
        assert getattr(module, name) is not None, name
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        module.nope  # noqa: B018
