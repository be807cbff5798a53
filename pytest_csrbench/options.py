"""Command-line options and ini keys of the plugin; values are read into a `Settings` at configure time."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import pytest

from .gate import DEFAULT_FAIL_UNDER, DEFAULT_MAX_ERROR_RATE, Threshold, ThresholdError, resolve_thresholds
from .models.base import GenParams

_DEFAULTS_TEXT = ", ".join(f"{k}={v}" for k, v in DEFAULT_FAIL_UNDER.items())
MODALITY_CHOICES = ("image", "text", "both", "prompt", "all")
_MODALITIES = {"both": ("image", "text"), "all": ("image", "text", "prompt")}


def add_options(parser: pytest.Parser) -> None:
    g = parser.getgroup("csrbench", "cross-modal safety and reliability benchmark (pytest-csrbench)")
    g.addoption("--csr-model", metavar="MODEL", help="model under test: a litellm model string (openai/gpt-4o), "
                "a built-in (csr/refuse-all, csr/comply-all, csr/text-guard) or replay:RESULTS.json. "
                "Without it the benchmark is not collected.")
    g.addoption("--csr-cases", action="append", default=[], metavar="PATH",
                help="extra case pack (YAML file or directory); repeatable. Added to the bundled benchmark.")
    g.addoption("--csr-no-bundled", action="store_true", help="run only the --csr-cases packs, not the bundled one")
    g.addoption("--csr-samples", type=int, default=None, metavar="N",
                help="call the model N times per item (for temperature > 0); default 1")
    g.addoption("--csr-modality", choices=MODALITY_CHOICES, default="both",
                help="which items to run: image (image+text), text (text-only controls), both (default), prompt "
                     "(the prompt alone, no image and no description: a diagnostic of language dominance for "
                     "safety and over-rejection, not gated by default) or all (image, text and prompt)")
    g.addoption("--csr-api-base", metavar="URL", help="API base of the provider: http://host:port/v1 for openai/ "
                "(vLLM, Ollama, proxy), http://host:port for anthropic/ and ollama_chat/, .../v1beta for gemini/ "
                "(see README)")
    g.addoption("--csr-temperature", type=float, default=0.0, help="sampling temperature (default 0)")
    g.addoption("--csr-max-tokens", type=int, default=None, help="max tokens per response")
    g.addoption("--csr-timeout", type=float, default=60.0, help="seconds per model call (default 60)")
    g.addoption("--csr-seed", type=int, default=None, help="seed passed to providers that accept one")
    g.addoption("--csr-judge", default=None, metavar="JUDGE",
                help="rules (default), a litellm model for an LLM judge, or rules+MODEL for both")
    g.addoption("--csr-judge-api-base", metavar="URL", default=None,
                help="API base of the LLM judge's OpenAI-compatible server (default: env CSRBENCH_JUDGE_API_BASE)")
    g.addoption("--csr-strict", action="store_true", help="every missed expectation is a test failure")
    g.addoption("--csr-fail-under", action="append", default=[], metavar="PATTERN[:MODALITY]=RATE",
                help=f"minimum pass rate, repeatable; patterns safety, over_rejection, bias, hallucination, all; "
                     f"modality image (default), text, both or prompt; pairs[:PATTERN]=RATE gates pair accuracy "
                     f"(both image items of a minimal pair passed; all pairs, or safety, bias, hallucination). "
                     f"Defaults: {_DEFAULTS_TEXT}")
    g.addoption("--csr-max-gap", action="append", default=[], metavar="PATTERN=DELTA",
                help="maximum modality gap (text-only rate minus image+text rate), repeatable")
    g.addoption("--csr-max-error-rate", type=float, default=None,
                help=f"fail the gate when more than this fraction of items errored (default {DEFAULT_MAX_ERROR_RATE})")
    g.addoption("--csr-json", metavar="PATH", help="write the results file (JSON) here")
    g.addoption("--csr-html", metavar="PATH", help="write a self-contained HTML report here (images inline)")
    g.addoption("--csr-baseline", metavar="PATH", help="compare with this stored run (a results JSON); a pattern "
                "whose image+text pass rate drops significantly by more than the tolerance fails the gate")
    g.addoption("--csr-update-baseline", action="store_true",
                help="write this run to the --csr-baseline path (accepting its differences); never implicit")
    g.addoption("--csr-regression-tolerance", type=float, default=0.02, metavar="DROP",
                help="pass-rate drop allowed before a significant drop counts as a regression (default 0.02)")
    g.addoption("--csr-concurrency", type=int, default=16, help="concurrent model calls (default 16)")
    g.addoption("--csr-retries", type=int, default=4, help="retries per call on 429/5xx/timeouts (default 4)")
    g.addoption("--csr-price-in", type=float, default=None, help="USD per million input tokens (unpriced models)")
    g.addoption("--csr-price-out", type=float, default=None, help="USD per million output tokens (unpriced models)")
    g.addoption("--csr-rpm", type=float, default=None, metavar="N",
                help="rate limit: at most N model requests per minute (token bucket; shared across xdist workers)")
    g.addoption("--csr-breaker", type=int, default=8, metavar="N",
                help="stop calling the provider after N consecutive failed calls (connection refused, 5xx, "
                     "auth...), marking the remaining items ERROR; 0 disables (default 8)")
    g.addoption("--csr-max-cost", type=float, default=None, metavar="USD",
                help="stop issuing model calls once the run has spent this much; the remaining items are skipped")
    g.addoption("--csr-cache-dir", default=None, metavar="DIR",
                help="response cache directory (default: .csrbench/cache under the rootdir)")
    g.addoption("--csr-no-cache", action="store_true", help="neither read nor write the response cache")
    g.addoption("--csr-refresh", action="store_true",
                help="call the model for every item again and overwrite the cached responses")
    g.addoption("--csr-litellm-in-process", action="store_true",
                help="call litellm in the pytest process (default: in a helper process on another core, unless "
                     "litellm is already imported, e.g. configured in conftest.py)")
    _add_ux_options(g)
    add_cost_options(g, parser)
    parser.addini("csr_fail_under", "minimum pass rates, one PATTERN[:MODALITY]=RATE per line", type="linelist")
    parser.addini("csr_max_gap", "maximum modality gaps, one PATTERN=DELTA per line", type="linelist")
    parser.addini("csr_cases", "extra case sources, one per line: a path (relative to the ini file) or "
                  "FORMAT:PATH such as mossbench:PATH", type="linelist")
    parser.addini("csr_max_error_rate", "maximum fraction of errored items", default=str(DEFAULT_MAX_ERROR_RATE))
    parser.addini("csr_judge", "judge: rules, MODEL or rules+MODEL", default="rules")
    parser.addini("csr_samples", "responses per item (default 1)", default="")
    parser.addini("csr_judge_api_base", "API base of the LLM judge's OpenAI-compatible server", default="")
    add_robustness_options(parser, g)


def add_robustness_options(parser: pytest.Parser, g: Any) -> None:
    g.addoption("--csr-robustness", type=int, default=None, metavar="N",
                help="search up to N perturbed variants per case for the smallest change that flips its verdict "
                     "(adds test_robust[<case id>]; hypothesis shrinks each flip; gate with "
                     "--csr-fail-under robustness=RATE)")
    g.addoption("--csr-robustness-strategies", default=None, metavar="NAME,...",
                help="only these perturbation strategies (default: every one that applies to a case)")
    parser.addini("csr_robustness", "variants per case for the robustness search (default: off)", default="")


def _add_ux_options(g: Any) -> None:
    """Options about what the run shows and re-runs (issue 15)."""
    g.addoption("--csr-show-misses", type=int, default=3, metavar="N",
                help="after the summary, show the first N missed or errored items per pattern with the prompt, "
                     "response and the judge's reason (default 3; 0: none)")
    g.addoption("--csr-rerun-misses", action="store_true",
                help="run only the benchmark items that missed or errored in the last run (from pytest's cache)")


def add_cost_options(g: Any, parser: pytest.Parser) -> None:
    """Cost and scale (issue 18): shards across CI jobs."""
    g.addoption("--csr-shard", default=None, metavar="K/N",
                help="run only shard K of N (a stable split by case id; pair twins stay together); the shard "
                     "writes its results (--csr-json) and skips the gate: join the shards with `csrbench merge`")
    parser.addini("csr_shard", "run only shard K/N of the cases (see --csr-shard)", default="")
    g.addoption("--csr-estimate", action="store_true",
                help="print the calls still needed (after the response cache), their input tokens, an output-token "
                     "assumption and the price, then exit 0 without calling any model")
    g.addoption("--csr-estimate-output-tokens", type=int, default=None, metavar="N",
                help="output tokens assumed per call by --csr-estimate (default 256, or --csr-max-tokens if smaller)")


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
    html_path: Optional[Path] = None
    baseline_path: Optional[Path] = None
    update_baseline: bool = False
    regression_tolerance: float = 0.02
    extra: dict[str, Any] = field(default_factory=dict)
    rpm: Optional[float] = None
    breaker: int = 8
    max_cost: Optional[float] = None
    cache_dir: Optional[Path] = None
    no_cache: bool = False
    refresh: bool = False
    litellm_in_process: bool = False
    judge_api_base: Optional[str] = None
    samples: int = 1
    robustness: Optional[int] = None  # --csr-robustness N
    robustness_strategies: Optional[tuple[str, ...]] = None
    api_base_note: Optional[str] = None  # what normalise_api_base changed in --csr-api-base (in the manifest)
    show_misses: int = 3
    shard: Optional[tuple[int, int]] = None  # (K, N) of --csr-shard K/N
    estimate: bool = False  # --csr-estimate: price the run, call nothing
    estimate_output_tokens: Optional[int] = None


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
    _check_run_limits(opt)
    _check_range("--csr-show-misses", opt("--csr-show-misses"), 0, 1_000_000)
    _check_reports(opt)
    modality = opt("--csr-modality")
    samples = _samples(config)
    json_path = opt("--csr-json")
    api_base, api_base_note = _api_base(opt("--csr-model"), opt("--csr-api-base"))
    return Settings(
        model=opt("--csr-model"),
        cases=[*(_ini_source(config, s) for s in config.getini("csr_cases")), *opt("--csr-cases")],
        bundled=not opt("--csr-no-bundled"),
        modalities=_MODALITIES.get(modality, (modality,)),
        params=GenParams(temperature=opt("--csr-temperature"), max_tokens=opt("--csr-max-tokens"),
                         seed=opt("--csr-seed"), timeout=opt("--csr-timeout")),
        api_base=api_base,
        judge=opt("--csr-judge") or config.getini("csr_judge") or "rules",
        strict=opt("--csr-strict"),
        thresholds=thresholds,
        max_error_rate=max_err,
        json_path=Path(json_path) if json_path else None,
        concurrency=opt("--csr-concurrency"),
        retries=opt("--csr-retries"),
        price_in=opt("--csr-price-in"),
        price_out=opt("--csr-price-out"),
        html_path=Path(opt("--csr-html")) if opt("--csr-html") else None,
        baseline_path=Path(opt("--csr-baseline")) if opt("--csr-baseline") else None,
        update_baseline=opt("--csr-update-baseline"),
        regression_tolerance=opt("--csr-regression-tolerance"),
        extra={"cache_dir": None if opt("--csr-no-cache") else _cache_dir(config)},
        rpm=opt("--csr-rpm"),
        breaker=opt("--csr-breaker"),
        max_cost=opt("--csr-max-cost"),
        cache_dir=_cache_dir(config),
        no_cache=opt("--csr-no-cache"),
        refresh=opt("--csr-refresh"),
        litellm_in_process=opt("--csr-litellm-in-process"),
        judge_api_base=opt("--csr-judge-api-base") or config.getini("csr_judge_api_base") or None,
        samples=samples,
        **_robustness(config, thresholds),
        api_base_note=api_base_note,
        show_misses=opt("--csr-show-misses"),
        shard=_shard(config),
        estimate=_estimate(config),
        estimate_output_tokens=opt("--csr-estimate-output-tokens"),
    )


def _robustness(config: pytest.Config, thresholds: list[Threshold]) -> dict[str, Any]:
    """--csr-robustness N (or ini csr_robustness) and --csr-robustness-strategies, checked."""
    raw, name = config.getoption("--csr-robustness"), "--csr-robustness"
    if raw is None:
        raw, name = config.getini("csr_robustness") or None, "ini csr_robustness"
    n = None
    if raw is not None:
        try:
            n = int(raw)
        except (TypeError, ValueError):
            raise pytest.UsageError(f"{name}: expected a whole number of variants per case, got {raw!r}") from None
        if n <= 0:
            raise pytest.UsageError(f"{name} {n}: must be at least 1 (variants searched per case); "
                                    "leave it out to skip the robustness search")
    if n is None and any(t.kind == "robustness" for t in thresholds):
        raise pytest.UsageError("--csr-fail-under robustness=RATE needs the robustness search: add "
                                "--csr-robustness N (e.g. 20)")
    only = config.getoption("--csr-robustness-strategies")
    if only is None:
        return {"robustness": n}
    from .robust.strategies import BY_NAME

    names = tuple(x.strip() for x in only.split(",") if x.strip())
    unknown = [x for x in names if x not in BY_NAME]
    if unknown or not names:
        raise pytest.UsageError(f"--csr-robustness-strategies {only!r}: unknown {', '.join(unknown) or '(empty)'}; "
                                f"use some of {', '.join(BY_NAME)}")
    return {"robustness": n, "robustness_strategies": names}


def _api_base(model: str, base: Optional[str]) -> tuple[Optional[str], Optional[str]]:
    """The API base as litellm needs it for this provider, and a note of what changed (models/providers.py)."""
    from .models.providers import normalise_api_base

    return normalise_api_base(model or "", base)


class CsrSamplesWarning(pytest.PytestWarning):
    """--csr-samples N > 1 where the samples will probably all be the same answer."""


def warn_about_samples(config: pytest.Config, settings: Settings) -> None:
    if settings.samples > 1 and settings.params.temperature == 0:
        config.issue_config_time_warning(CsrSamplesWarning(
            f"--csr-samples {settings.samples} at temperature 0: most providers give the same answer each time, "
            "so the extra calls cost money and add no information; set --csr-temperature (e.g. 0.7)"), stacklevel=2)


def _samples(config: pytest.Config) -> int:
    raw = config.getoption("--csr-samples")
    name = "--csr-samples"
    if raw is None:
        raw, name = config.getini("csr_samples") or 1, "ini csr_samples"
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise pytest.UsageError(f"{name}: expected a whole number of samples per item, got {raw!r}") from None
    _check_range(name, value, 1, 1000)
    return value


def _shard(config: pytest.Config) -> Optional[tuple[int, int]]:
    from .cases.shard import ShardSpecError, parse_shard

    raw, name = config.getoption("--csr-shard"), "--csr-shard"
    if raw is None:
        raw, name = config.getini("csr_shard"), "ini csr_shard"
    if not raw:
        return None
    try:
        return parse_shard(raw, name)
    except ShardSpecError as exc:
        raise pytest.UsageError(str(exc)) from None


def _estimate(config: pytest.Config) -> bool:
    if not config.getoption("--csr-estimate"):
        return False
    if getattr(config.option, "numprocesses", None):
        raise pytest.UsageError("--csr-estimate calls no model, so it needs no xdist workers: drop -n (or pass -n 0)")
    tokens = config.getoption("--csr-estimate-output-tokens")
    if tokens is not None:
        _check_range("--csr-estimate-output-tokens", tokens, 0, 10_000_000)
    return True


def _cache_dir(config: pytest.Config) -> Path:
    raw = config.getoption("--csr-cache-dir")
    if raw:
        return (config.invocation_params.dir / Path(raw).expanduser()).resolve()
    return config.rootpath / ".csrbench" / "cache"


def _check_run_limits(opt: Any) -> None:
    if opt("--csr-rpm") is not None:
        _check_range("--csr-rpm", opt("--csr-rpm"), 0.001, 1e9)
    _check_range("--csr-breaker", opt("--csr-breaker"), 0, 1_000_000)
    if opt("--csr-max-cost") is not None:
        _check_range("--csr-max-cost", opt("--csr-max-cost"), 0.0, 1e9)
    if opt("--csr-no-cache") and opt("--csr-refresh"):
        raise pytest.UsageError("--csr-refresh rewrites the cache and --csr-no-cache turns it off: pass one")


def _ini_source(config: pytest.Config, source: str) -> str:
    """Relative paths in the ini file are relative to the ini file's directory (also after FORMAT:)."""
    base = config.inipath.parent if config.inipath else config.rootpath
    prefix, sep, rest = source.partition(":")
    if sep and prefix.isidentifier() and len(prefix) > 1:
        return f"{prefix}:{base / rest}"
    return str(base / source)


def _check_reports(opt: Any) -> None:
    check_baseline_options(opt("--csr-baseline"), opt("--csr-update-baseline"), opt("--csr-regression-tolerance"))


def check_baseline_options(baseline: Optional[str], update: bool, tolerance: float) -> None:
    """Configure-time checks of --csr-baseline, raised as usage errors before anything runs."""
    if update and not baseline:
        raise pytest.UsageError("--csr-update-baseline needs --csr-baseline=PATH (where to write the baseline)")
    if not 0.0 <= tolerance <= 1.0:
        raise pytest.UsageError(f"--csr-regression-tolerance {tolerance}: must be a rate drop between 0 and 1, "
                                "e.g. 0.02")
    if baseline and not update:
        from .results import ResultsFileError, load_results

        try:
            load_results(Path(baseline), "--csr-baseline")
        except ResultsFileError as exc:
            hint = (f"; create it from a run with --csr-baseline={baseline} --csr-update-baseline"
                    if not Path(baseline).exists() else "")
            raise pytest.UsageError(f"{exc}{hint}") from None


def _float_ini(config: pytest.Config, name: str) -> float:
    raw = config.getini(name)
    try:
        return float(raw)
    except ValueError:
        raise pytest.UsageError(f"ini key {name} = {raw!r}: not a number") from None


def _check_range(name: str, value: float, low: float, high: float) -> None:
    if not low <= value <= high:
        raise pytest.UsageError(f"{name} {value}: must be between {low} and {high}")
