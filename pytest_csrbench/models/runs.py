"""Wiring of a run's model calls: which cache, which share of the concurrency, coordination under xdist.

Design. Calls are issued ahead of the tests: at the first benchmark item every selected item's
call is queued (cache hits resolve at once, in one batched lookup), and the item a test waits for jumps
the queue. Under `-n N` a worker knows all selected items (it collected them) but not which ones it will
run, so every worker queues all of them, starting at a different offset, and claims a call's key in a
SQLite coordination database (INSERT OR IGNORE) right before calling it: exactly one process calls, the
others poll for its result (which is also in the response cache). Each worker gets 1/N of
`--csr-concurrency` and `--csr-rpm`, so the provider sees the limits asked for and an I/O-bound run takes
as long as without xdist. Alternatives rejected: the controller making the calls (it cannot run the
session-scoped `csr_model` fixture a user may override), and each worker calling only its own items
(workers learn their items one batch at a time, so most of the run would go unprefetched). The
coordination database is a throw-away file in the run's temp directory, created by the controller and
handed to the workers (`pytest_configure_node`), separate from the response cache so that a broken or
disabled cache (`--csr-no-cache`) never breaks coordination.

litellm runs in a helper process (helper.py) unless it is already imported into pytest's process.

The pytest hooks of this part live in coordination.py (the hand-over to xdist workers, the workers'
clean shutdown); this module only builds and feeds the runner.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Optional

import pytest

if TYPE_CHECKING:  # the machinery is imported when the first benchmark item runs, not at configure time
    from .cache import CallCache
    from .helper import HelperProcess
    from .runner import Runner

class CsrCacheWarning(pytest.PytestWarning):
    """The response cache could not be used; the run goes on without it."""


class CsrCostWarning(pytest.PytestWarning):
    """--csr-max-cost cannot be enforced because the model's price is unknown."""


def worker_slot(workerinput: Optional[dict]) -> tuple[int, int]:
    """(index, count) of this xdist worker; (0, 1) without xdist."""
    if not workerinput:
        return 0, 1
    count = max(1, int(workerinput.get("workercount", 1)))
    match = re.search(r"(\d+)$", str(workerinput.get("workerid", "")))
    return (int(match.group(1)) % count if match else 0), count


def share(total: int, index: int, count: int) -> int:
    """This worker's part of `total` slots: the parts add up to `total` (at least 1 each)."""
    return max(1, total // count + (1 if index < total % count else 0))


def provider_backed(model: Any) -> bool:
    """Whether calls cost time or money: not the built-in baselines nor replay."""
    from .baselines import BaselineModel
    from .replay import ReplayModel

    return not isinstance(model, (BaselineModel, ReplayModel))


def cache_problem_message(where: Any, problem: str) -> str:
    return (f"csrbench response cache disabled ({where}): {problem}. The run goes on without the cache; "
            "delete or repair the file, choose another --csr-cache-dir, or pass --csr-no-cache.")


def open_call_cache(settings: Any, model: Any, workerinput: Optional[dict]) -> tuple[Optional[CallCache], list]:
    """The runner's cache (or None) and the warnings to show."""
    from .cache import CallCache, model_identity, open_store

    notes: list[str] = []
    store = coord = None
    identity = model_identity(model)
    if identity is not None and not settings.no_cache:
        store, problem = open_store(settings.cache_dir)
        if problem:
            notes.append(cache_problem_message(settings.cache_dir, problem))
    run = coord_dir = None
    if workerinput:
        run = workerinput.get("csr_run") or workerinput.get("testrunuid")
        coord_dir = workerinput.get("csr_coord_dir")
    if run and coord_dir and provider_backed(model):
        coord, problem = open_store(Path(coord_dir))
        if problem:
            notes.append(f"csrbench: cannot coordinate the xdist workers ({problem}); a call may be made twice")
    if store is None and coord is None:
        return None, notes
    owner = f"{(workerinput or {}).get('workerid', 'main')}:{os.getpid()}"
    return CallCache(store, identity, coord=coord, run=run, owner=owner, refresh=settings.refresh), notes


def build_runner(settings: Any, model: Any, workerinput: Optional[dict],
                 warm: Optional[HelperProcess] = None, budget: Any = None,
                 source: str = "model") -> tuple[Runner, list]:
    """`warm`: a helper process started at configure time (importing litellm while pytest collects).
    `budget`: a Budget shared with another runner (the LLM judge's runner shares the model's, `source`
    "judge"), so that --csr-max-cost counts both."""
    from .helper import RemoteModel
    from .limits import Budget, CircuitBreaker, TokenBucket
    from .runner import Runner

    index, count = worker_slot(workerinput)
    cache, notes = open_call_cache(settings, model, workerinput)
    limiter = TokenBucket(settings.rpm / count) if settings.rpm else None
    if helper_wanted(settings, model):
        model = RemoteModel(model, warm)  # litellm's CPU on another core; started at the first miss if not warm
    runner = Runner(model, concurrency=share(settings.concurrency, index, count), retries=settings.retries,
                    cache=cache, limiter=limiter, breaker=CircuitBreaker(settings.breaker),
                    budget=budget if budget is not None else Budget(settings.max_cost),
                    drain_timeout=settings.params.timeout, source=source)
    return runner, notes


def helper_wanted(settings: Any, model: Any) -> bool:
    """Run litellm in a helper process? For the litellm adapter, unless --csr-litellm-in-process or litellm
    is already imported here (a conftest.py that configures litellm keeps the calls where that applies)."""
    return not settings.litellm_in_process and getattr(model, "runs_litellm", False) and "litellm" not in sys.modules


def warm_helper_wanted(config: pytest.Config, settings: Any) -> bool:
    """Start the helper at configure time, so that its ~1.7 s import of litellm overlaps with collection?
    Only when this process will make litellm calls: a litellm model string, not --collect-only, not the
    controller of xdist workers, and litellm not imported already (a conftest.py that configures it)."""
    from .factory import is_builtin

    spec = settings.model or ""
    if settings.litellm_in_process or config.option.collectonly or "litellm" in sys.modules:
        return False
    if is_builtin(spec) or spec.startswith("csr/"):
        return False
    return hasattr(config, "workerinput") or not getattr(config.option, "numprocesses", None)


def start_warm_helper(config: pytest.Config, settings: Any) -> Any:
    """The helper process, started now if wanted; killed at config cleanup at the latest (e.g. a usage error)."""
    if getattr(settings, "estimate", False):  # --csr-estimate: a token counter instead (it imports litellm early)
        from .estimate import Counter
        from .factory import is_builtin

        if is_builtin(settings.model or "") or (settings.model or "").startswith(("csr/", "replay:")):
            return None

        counter = Counter()
        config.add_cleanup(counter.stop)
        return counter
    if not warm_helper_wanted(config, settings):
        return None
    from .helper import HelperProcess

    helper = HelperProcess.start()
    if helper is not None:
        config.add_cleanup(lambda: helper.stop(kill=True))
    return helper


def provider_key_problem(settings: Any, warm: Optional[HelperProcess]) -> Optional[str]:
    """The usage error for a litellm model whose provider key is not in the environment, or None. litellm's
    own `validate_environment` decides, asked where litellm is imported anyway: in-process when it is, else
    in the warm helper. Without either (the xdist controller, whose workers check; --csr-litellm-in-process,
    which imports litellm only at the first call that is not a cache hit) nothing is checked here."""
    from .factory import is_builtin
    from .providers import key_message, missing_keys

    spec = settings.model or ""
    if is_builtin(spec) or spec.startswith("csr/") or "/" not in spec:
        return None
    if "litellm" in sys.modules:
        from .litellm_model import import_litellm

        missing = missing_keys(import_litellm(), spec, settings.api_base)
    elif warm is not None:
        missing = warm.missing_keys(spec, settings.api_base, timeout=settings.params.timeout)
    else:
        return None
    return key_message(spec, missing) if missing else None


def helper_peak_rss_mb(runner: Optional[Runner]) -> Optional[float]:
    """The helper's peak memory, when it made calls in this run (None when no helper was used)."""
    from .helper import RemoteModel

    model = getattr(runner, "model", None)
    if not isinstance(model, RemoteModel) or not model.used:
        return None
    return getattr(model.helper, "peak_rss_mb", None)


def prefetch(runner: Runner, items: list, request: Callable[[Any], Any], workerinput: Optional[dict]) -> None:
    """Queue every selected item's call (`request(item)` builds it): on the controller always; on a worker
    only when it can claim."""
    if workerinput and (runner.cache is None or not runner.cache.coordinated):
        return
    items = list(items)
    index, count = worker_slot(workerinput)
    runner.prefetch(((item.key, lambda item=item: request(item)) for item in items),
                    rotate=(index * len(items)) // count)


def new_warnings(runner: Runner, shown: set[str], settings: Any, model_name: Optional[str]) -> list[Warning]:
    """The runner's problems not shown yet (`shown` is updated), to surface as pytest warnings from the
    main thread, once each."""
    out: list[Warning] = []
    if runner.problem and "cache" not in shown:
        shown.add("cache")
        out.append(CsrCacheWarning(cache_problem_message(settings.cache_dir, runner.problem)))
    if runner.budget.active and runner.budget.unpriced and "cost" not in shown:
        shown.add("cost")
        out.append(CsrCostWarning(
            f"--csr-max-cost: the price of {model_name} is unknown, so its calls count as $0; pass "
            "--csr-price-in and --csr-price-out (USD per million tokens)"))
    return out


def cache_state(runner: Optional[Runner], cached: bool) -> str:
    """'hit', 'miss', or 'off' (no persistent cache for this model or run)."""
    if runner is None or runner.cache is None or not runner.cache.persistent:
        return "off"
    return "hit" if cached else "miss"
