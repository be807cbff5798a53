"""Checks of the run's options that would otherwise fail late: at the first item (1,336 ERRORs for a typo in
--csr-model) or at the very end (an unwritable --csr-json after every call was paid for).

Each raises `pytest.UsageError` with one line naming the option, so pytest exits with status 4 before any
model call. Called by the plugin at configure time, after `options.read_settings`.
"""

from __future__ import annotations

import importlib.util
import re
import sys
import tempfile
from pathlib import Path
from typing import Any, Optional

import pytest

PROVIDERS_DOC = "https://docs.litellm.ai/docs/providers"


def check_settings(config: pytest.Config, settings: Any) -> None:
    check_model(settings.model, overridden=fixture_overridden(config, "csr_model"))
    check_judge(settings.judge)
    check_numbers(settings)
    if not hasattr(config, "workerinput"):  # the controller writes the outputs
        for option, path in (("--csr-json", settings.json_path), ("--csr-html", settings.html_path),
                             ("--csr-baseline", settings.baseline_path if settings.update_baseline else None)):
            if path is not None:
                check_writable(option, Path(path))


def fixture_overridden(config: pytest.Config, name: str) -> bool:
    """A loaded conftest or plugin other than ours defines the fixture (then it, not the option, decides)."""
    for plugin in config.pluginmanager.get_plugins():
        if getattr(plugin, "__name__", "").startswith("pytest_csrbench"):
            continue
        if hasattr(plugin, "__dict__") and name in getattr(plugin, "__dict__", {}):
            return True
    return False


def check_model(spec: str, overridden: bool = False) -> None:
    from .models.baselines import BASELINES

    if spec.startswith("csr/") and spec not in BASELINES and not overridden:
        raise pytest.UsageError(f"--csr-model {spec}: unknown built-in model; built-ins are {', '.join(BASELINES)}")
    if spec.startswith("replay:"):
        from .results import ResultsFileError, load_results

        try:
            load_results(Path(spec[len("replay:"):]), f"--csr-model {spec}: results file")
        except ResultsFileError as exc:
            raise pytest.UsageError(f"{exc}") from None
        return
    if not overridden and not spec.startswith("csr/"):
        check_provider("--csr-model", spec)


def check_judge(spec: str) -> None:
    spec = (spec or "rules").strip()
    if spec == "rules":
        return
    model = spec[len("rules+"):] if spec.startswith("rules+") else spec
    if not model.strip() or model == "rules":
        raise pytest.UsageError(f"--csr-judge {spec}: expected 'rules', a litellm model such as openai/gpt-4o, "
                                "or rules+MODEL")
    check_provider("--csr-judge", model)


def check_provider(option: str, spec: str) -> None:
    """`provider/model`: the provider must be one the installed litellm knows (no prefix: litellm infers it)."""
    if "/" not in spec:
        return
    providers = litellm_providers()
    prefix = spec.split("/", 1)[0]
    if providers and prefix not in providers:
        near = sorted(p for p in providers if p.startswith(prefix[:3]))[:5]
        hint = f" (did you mean {', '.join(near)}?)" if near else ""
        raise pytest.UsageError(f"{option} {spec}: unknown litellm provider '{prefix}'{hint}; see {PROVIDERS_DOC}")


def litellm_providers() -> frozenset[str]:
    """The providers of the installed litellm, read from its source without importing it (importing litellm
    costs seconds; a run keeps it in a helper process), or from litellm itself when a conftest already imported
    it. Empty, so nothing is rejected, when it cannot be read."""
    imported = sys.modules.get("litellm")
    if imported is not None:  # a conftest imported it: its list, with any custom providers it registered
        known = [getattr(p, "value", p) for p in getattr(imported, "provider_list", [])]
        custom = [c.get("provider") for c in getattr(imported, "custom_provider_map", None) or [] if isinstance(c, dict)]
        return frozenset(str(p) for p in [*known, *custom, *getattr(imported, "_custom_providers", [])] if p)
    try:
        spec = importlib.util.find_spec("litellm")
        root = Path(next(iter(spec.submodule_search_locations or [])))
        source = (root / "types" / "utils.py").read_text(encoding="utf-8")
    except (ImportError, AttributeError, StopIteration, OSError, ValueError, TypeError):
        return frozenset()
    match = re.search(r"^class LlmProviders\(.*?\):\n((?:[ \t]+.*\n|\n)+)", source, re.M)
    if match is None:
        return frozenset()
    return frozenset(re.findall(r'^[ \t]+[A-Z0-9_]+ = "([^"]+)"', match.group(1), re.M))


def check_numbers(settings: Any) -> None:
    params = settings.params
    if params.temperature < 0:
        raise pytest.UsageError(f"--csr-temperature {params.temperature}: must be 0 or more")
    if params.max_tokens is not None and params.max_tokens < 1:
        raise pytest.UsageError(f"--csr-max-tokens {params.max_tokens}: must be 1 or more")
    for option, value in (("--csr-price-in", settings.price_in), ("--csr-price-out", settings.price_out)):
        if value is not None and value < 0:
            raise pytest.UsageError(f"{option} {value}: a price per million tokens must be 0 or more")


def check_writable(option: str, path: Path) -> None:
    """The output file can be written: not a directory, and its directory exists (or can be created) and
    accepts a new file. Probed with a temporary file that is removed at once."""
    if path.is_dir():
        raise pytest.UsageError(f"{option} {path}: is a directory; give a file path")
    existing = _nearest_existing(path.parent)
    if existing is None or not existing.is_dir():
        raise pytest.UsageError(f"{option} {path}: cannot create it, {existing} is not a directory")
    try:
        with tempfile.NamedTemporaryFile(prefix=".csrbench-probe-", dir=existing):
            pass
    except OSError as exc:
        raise pytest.UsageError(f"{option} {path}: cannot write in {existing} ({exc.strerror or exc})") from None


def _nearest_existing(directory: Path) -> Optional[Path]:
    directory = directory.absolute()
    for candidate in (directory, *directory.parents):
        if candidate.exists():
            return candidate
    return None
