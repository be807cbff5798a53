"""Command-line options and ini keys of the plugin; values are read into a `Settings` at configure time."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import pytest

from .gate import DEFAULT_FAIL_UNDER, DEFAULT_MAX_ERROR_RATE, Threshold, ThresholdError, resolve_thresholds
from .models.base import GenParams

_DEFAULTS_TEXT = ", ".join(f"{k}={v}" for k, v in DEFAULT_FAIL_UNDER.items())


def add_options(parser: pytest.Parser) -> None:
    g = parser.getgroup("csrbench", "cross-modal safety and reliability benchmark (pytest-csrbench)")
    g.addoption("--csr-model", metavar="MODEL", help="model under test: a litellm model string (openai/gpt-4o), "
                "a built-in (csr/refuse-all, csr/comply-all, csr/text-guard) or replay:RESULTS.json. "
                "Without it the benchmark is not collected.")
    g.addoption("--csr-cases", action="append", default=[], metavar="PATH",
                help="extra case pack (YAML file or directory); repeatable. Added to the bundled benchmark.")
    g.addoption("--csr-no-bundled", action="store_true", help="run only the --csr-cases packs, not the bundled one")
    g.addoption("--csr-modality", choices=("image", "text", "both"), default="both",
                help="which items to run: image+text, text-only controls, or both (default)")
    g.addoption("--csr-api-base", metavar="URL", help="API base for an OpenAI-compatible server (vLLM, Ollama, proxy)")
    g.addoption("--csr-temperature", type=float, default=0.0, help="sampling temperature (default 0)")
    g.addoption("--csr-max-tokens", type=int, default=None, help="max tokens per response")
    g.addoption("--csr-timeout", type=float, default=60.0, help="seconds per model call (default 60)")
    g.addoption("--csr-seed", type=int, default=None, help="seed passed to providers that accept one")
    g.addoption("--csr-judge", default=None, metavar="JUDGE",
                help="rules (default), a litellm model for an LLM judge, or rules+MODEL for both")
    g.addoption("--csr-strict", action="store_true", help="every missed expectation is a test failure")
    g.addoption("--csr-fail-under", action="append", default=[], metavar="PATTERN[:MODALITY]=RATE",
                help=f"minimum pass rate, repeatable; patterns safety, over_rejection, bias, hallucination, all; "
                     f"modality image (default), text or both. Defaults: {_DEFAULTS_TEXT}")
    g.addoption("--csr-max-gap", action="append", default=[], metavar="PATTERN=DELTA",
                help="maximum modality gap (text-only rate minus image+text rate), repeatable")
    g.addoption("--csr-max-error-rate", type=float, default=None,
                help=f"fail the gate when more than this fraction of items errored (default {DEFAULT_MAX_ERROR_RATE})")
    g.addoption("--csr-json", metavar="PATH", help="write the results file (JSON) here")
    g.addoption("--csr-concurrency", type=int, default=16, help="concurrent model calls (default 16)")
    g.addoption("--csr-retries", type=int, default=4, help="retries per call on 429/5xx/timeouts (default 4)")
    g.addoption("--csr-price-in", type=float, default=None, help="USD per million input tokens (unpriced models)")
    g.addoption("--csr-price-out", type=float, default=None, help="USD per million output tokens (unpriced models)")
    parser.addini("csr_fail_under", "minimum pass rates, one PATTERN[:MODALITY]=RATE per line", type="linelist")
    parser.addini("csr_max_gap", "maximum modality gaps, one PATTERN=DELTA per line", type="linelist")
    parser.addini("csr_cases", "extra case sources, one per line: a path (relative to the ini file) or "
                  "FORMAT:PATH such as mossbench:PATH", type="linelist")
    parser.addini("csr_max_error_rate", "maximum fraction of errored items", default=str(DEFAULT_MAX_ERROR_RATE))
    parser.addini("csr_judge", "judge: rules, MODEL or rules+MODEL", default="rules")


@dataclass
class Settings:
    model: str
    cases: list[str]
    bundled: bool
    modalities: tuple[str, ...]
    params: GenParams
    api_base: Optional[str]
    judge: str
    strict: bool
    thresholds: list[Threshold]
    max_error_rate: float
    json_path: Optional[Path]
    concurrency: int
    retries: int
    price_in: Optional[float] = None
    price_out: Optional[float] = None
    extra: dict[str, Any] = field(default_factory=dict)


def read_settings(config: pytest.Config) -> Settings:
    """Read and check every option; raise pytest.UsageError with the option's name on a bad value."""
    opt = config.getoption
    try:
        thresholds = resolve_thresholds([*config.getini("csr_fail_under"), *opt("--csr-fail-under")],
                                        [*config.getini("csr_max_gap"), *opt("--csr-max-gap")])
    except ThresholdError as exc:
        raise pytest.UsageError(str(exc)) from None
    max_err = opt("--csr-max-error-rate")
    if max_err is None:
        max_err = _float_ini(config, "csr_max_error_rate")
    _check_range("--csr-max-error-rate", max_err, 0.0, 1.0)
    _check_range("--csr-concurrency", opt("--csr-concurrency"), 1, 10_000)
    _check_range("--csr-retries", opt("--csr-retries"), 0, 100)
    _check_range("--csr-timeout", opt("--csr-timeout"), 0.001, 86_400)
    modality = opt("--csr-modality")
    json_path = opt("--csr-json")
    return Settings(
        model=opt("--csr-model"),
        cases=[*(_ini_source(config, s) for s in config.getini("csr_cases")), *opt("--csr-cases")],
        bundled=not opt("--csr-no-bundled"),
        modalities=("image", "text") if modality == "both" else (modality,),
        params=GenParams(temperature=opt("--csr-temperature"), max_tokens=opt("--csr-max-tokens"),
                         seed=opt("--csr-seed"), timeout=opt("--csr-timeout")),
        api_base=opt("--csr-api-base"),
        judge=opt("--csr-judge") or config.getini("csr_judge") or "rules",
        strict=opt("--csr-strict"),
        thresholds=thresholds,
        max_error_rate=max_err,
        json_path=Path(json_path) if json_path else None,
        concurrency=opt("--csr-concurrency"),
        retries=opt("--csr-retries"),
        price_in=opt("--csr-price-in"),
        price_out=opt("--csr-price-out"),
    )


def _ini_source(config: pytest.Config, source: str) -> str:
    """Relative paths in the ini file are relative to the ini file's directory (also after FORMAT:)."""
    base = config.inipath.parent if config.inipath else config.rootpath
    prefix, sep, rest = source.partition(":")
    if sep and prefix.isidentifier() and len(prefix) > 1:
        return f"{prefix}:{base / rest}"
    return str(base / source)


def _float_ini(config: pytest.Config, name: str) -> float:
    raw = config.getini(name)
    try:
        return float(raw)
    except ValueError:
        raise pytest.UsageError(f"ini key {name} = {raw!r}: not a number") from None


def _check_range(name: str, value: float, low: float, high: float) -> None:
    if not low <= value <= high:
        raise pytest.UsageError(f"{name} {value}: must be between {low} and {high}")
