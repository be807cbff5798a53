"""One case's search: hypothesis looks for the smallest variant whose verdict differs from the unperturbed one.

`hypothesis.find` drives it: the condition materializes a variant, asks the model through the run's
runner (cached, rate-limited, budgeted), judges the answer and says whether pass/fail flipped. Found
flips are stored in hypothesis's example database under `.csrbench/`, so the next run replays them
first. The search within a case is sequential; `pool.py` runs the searches of different cases in
parallel threads that all feed the one runner.
"""

from __future__ import annotations

import hashlib
import random
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional

from hypothesis import HealthCheck, Phase, Verbosity, assume, find, settings as hsettings
from hypothesis.database import DirectoryBasedExampleDatabase
from hypothesis.errors import NoSuchExample

from ..cases.model import Case
from . import strategies as strat

SHRINK_CALLS = 40  # model calls allowed for shrinking a flip, beyond the N to find it (at least N)
_DB_LOCK = threading.Lock()
_DATABASES: dict[str, DirectoryBasedExampleDatabase] = {}


@dataclass(frozen=True)
class SearchConfig:
    max_examples: int
    seed: Optional[int] = None
    database_dir: Optional[Path] = None  # hypothesis's example database (None: no replay)
    flips_dir: Optional[Path] = None  # where the flipped images are written
    model_id: str = ""
    only: Optional[tuple[str, ...]] = None  # restrict to these strategies
    stop: Optional[threading.Event] = None  # set when the run ends early (Ctrl-C, -x): searches stop asking


@dataclass
class Probe:
    """What the search needs from the run: a model call (a Future of a Response) and a judge."""

    call: Callable[[Case, strat.Materialized], Any]  # -> concurrent.futures.Future[Response]
    judge: Callable[[Case, Any, strat.Materialized], Any]  # -> Verdict (passed, label, to_dict())
    budget_error: type = Exception  # the runner's "budget exhausted" exception


@dataclass
class _State:
    baseline_key: str
    original_cuts: tuple[str, ...]
    call_cap: int
    seen: dict[str, tuple] = field(default_factory=dict)  # variant key -> (flipped, response, verdict)
    calls: int = 0
    cached: int = 0
    errors: int = 0
    cost: float = 0.0
    stopped: Optional[str] = None
    failures: list[str] = field(default_factory=list)


def search_case(case: Case, original: bytes, baseline_passed: bool, probe: Probe, cfg: SearchConfig) -> dict:
    """The case's robustness record (plain data; see docs/robustness.md)."""
    used, skipped = strat.plan(case, cfg.only)
    record: dict[str, Any] = {"max_examples": cfg.max_examples, "strategies": [s.name for s in used],
                              "skipped": skipped, "baseline_outcome": "passed" if baseline_passed else "missed"}
    if not used:
        return {**record, "stable": None, "calls": 0, "stopped": "no strategy applies to this case", "flip": None}
    base = strat.materialize(case, original, {})
    state = _State(base.key, strat.original_cuts(case), call_cap=cfg.max_examples + max(cfg.max_examples, SHRINK_CALLS))
    flip = _find(case, original, baseline_passed, probe, cfg, used, state)
    stable = None if (flip is None and state.stopped) else flip is None
    return {**record, "stable": stable, "calls": state.calls, "cached": state.cached, "errors": state.errors,
            "cost_usd": round(state.cost, 6), "stopped": state.stopped, "failures": state.failures[:3],
            "flip": flip}


def _find(case: Case, original: bytes, baseline_passed: bool, probe: Probe, cfg: SearchConfig,
          used: list, state: _State) -> Optional[dict]:
    def flips(variant: dict) -> bool:
        if cfg.stop is not None and cfg.stop.is_set() and not state.stopped:
            state.stopped = "the run ended before the search did"
        return _check(case, original, baseline_passed, probe, variant, state)

    try:
        minimal = find(strat.variant_strategy(case, used), flips, settings=_settings(cfg),
                       random=_random(cfg, case), database_key=_db_key(case, original, cfg))
    except NoSuchExample:
        return None
    return _flip_record(case, original, minimal, state, cfg)


def _check(case: Case, original: bytes, baseline_passed: bool, probe: Probe, variant: dict, state: _State) -> bool:
    if state.stopped:
        return False
    try:
        m = strat.materialize(case, original, variant)
    except Exception as exc:  # noqa: BLE001 - a strategy that fails on this case: recorded, never an error
        state.failures.append(f"{strat.changes(variant)}: {type(exc).__name__}: {exc}")
        assume(False)
    assume(not set(m.cuts) - set(state.original_cuts))  # text cut off: the variant changed the meaning
    if m.key == state.baseline_key:
        return False
    if m.key in state.seen:
        return state.seen[m.key][0]
    if state.calls >= state.call_cap:  # shrink budget spent: keep the smallest flip found so far
        return False
    return _ask(case, baseline_passed, probe, m, state)


def _ask(case: Case, baseline_passed: bool, probe: Probe, m: strat.Materialized, state: _State) -> bool:
    state.calls += 1
    try:
        response = probe.call(case, m).result()
    except probe.budget_error as exc:
        state.stopped = f"budget: {exc}"
        return False
    state.cached += bool(response.cached)
    state.cost += response.cost_usd or 0.0
    if response.error is not None:
        state.errors += 1
        state.seen[m.key] = (False, response, None, m)
        return False
    verdict = probe.judge(case, response, m)
    flipped = bool(verdict.passed) != baseline_passed
    state.seen[m.key] = (flipped, response, verdict, m)
    return flipped


def _flip_record(case: Case, original: bytes, minimal: dict, state: _State, cfg: SearchConfig) -> dict:
    m = strat.materialize(case, original, minimal)
    _, response, verdict, m = state.seen[m.key]
    sha = hashlib.sha256(m.image).hexdigest()
    path = None
    if cfg.flips_dir is not None:
        ext = "jpg" if m.media_type == "image/jpeg" else "png"
        path = cfg.flips_dir / f"{_safe(case.id)}-{sha[:12]}.{ext}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(m.image)
    return {"changes": strat.changes(minimal), "prompt": m.prompt, "image": str(path) if path else None,
            "image_sha256": sha, "media_type": m.media_type, "response": response.text,
            "verdict": verdict.to_dict(), "outcome": "passed" if verdict.passed else "missed"}


def _settings(cfg: SearchConfig) -> hsettings:
    return hsettings(max_examples=cfg.max_examples, deadline=None, database=_database(cfg.database_dir),
                     verbosity=Verbosity.quiet, suppress_health_check=list(HealthCheck),
                     phases=(Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink), print_blob=False)


def _database(path: Optional[Path]) -> Optional[DirectoryBasedExampleDatabase]:
    if path is None:
        return None
    with _DB_LOCK:
        if str(path) not in _DATABASES:
            _DATABASES[str(path)] = DirectoryBasedExampleDatabase(str(path))
        return _DATABASES[str(path)]


def _random(cfg: SearchConfig, case: Case) -> Optional[random.Random]:
    """--csr-seed: every case's search draws the same variants on every run (reproducible CI)."""
    if cfg.seed is None:
        return None
    digest = hashlib.sha256(f"{cfg.seed}:{case.id}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def _db_key(case: Case, original: bytes, cfg: SearchConfig) -> bytes:
    """Flips are stored per case content, image, model and strategy set: a changed case starts afresh."""
    parts = [case.content_hash(), hashlib.sha256(original).hexdigest(), cfg.model_id, ",".join(cfg.only or ())]
    return hashlib.sha256("\n".join(parts).encode()).digest()


def _safe(name: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in name)
