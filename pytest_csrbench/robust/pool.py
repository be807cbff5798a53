"""Runs the cases' searches in threads that feed the run's one runner, so different cases overlap.

hypothesis's search within a case is sequential (each variant depends on the last answer); the runner
is concurrent, so `Pool` starts every selected case's search ahead of its test (a bounded number of
threads) and each `test_robust[...]` waits only for its own case. Under xdist a worker cannot know
which items it will run, so there each search starts when its test does.
"""

from __future__ import annotations

import concurrent.futures
import threading
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Optional

from ..cases.model import Case
from ..models.base import Request, Response
from ..models.limits import BudgetExhausted
from ..session import CaseItem
from .search import Probe, SearchConfig, search_case
from .strategies import Materialized

MAX_THREADS = 8


@dataclass(frozen=True)
class Outcome:
    """What a case's search left: the unperturbed item's record (with `robustness`), or why it did not run."""

    record: Any = None  # ItemRecord
    response: Optional[Response] = None
    skipped: Optional[str] = None


class Pool:
    def __init__(self, csr: Any, model: Any, cfg: SearchConfig, ahead: bool):
        self.csr, self.model, self.cfg = csr, model, cfg
        threads = max(1, min(MAX_THREADS, csr.settings.concurrency))
        self.executor = concurrent.futures.ThreadPoolExecutor(threads, thread_name_prefix="csrbench-robust")
        self.futures: dict[str, concurrent.futures.Future] = {}
        self.lock = threading.Lock()
        self.ahead = ahead
        if csr.runner is None:
            csr.start_runner(model)

    def start(self, cases: list[Case]) -> None:
        """Queue the searches of `cases` (in test order) ahead of their tests."""
        if self.ahead:
            for case in cases:
                self.future(case)

    def future(self, case: Case) -> concurrent.futures.Future:
        with self.lock:
            if case.id not in self.futures:
                self.futures[case.id] = self.executor.submit(self._run, case)
            return self.futures[case.id]

    def result(self, case: Case) -> Outcome:
        return self.future(case).result()

    def close(self) -> None:
        if self.cfg.stop is not None:
            self.cfg.stop.set()
        for f in self.futures.values():
            f.cancel()
        self.executor.shutdown(wait=True, cancel_futures=True)

    # ----- in a pool thread
    def _run(self, case: Case) -> Outcome:
        csr = self.csr
        item = CaseItem(case, "image")
        try:
            response = csr.runner.submit(item.key, lambda: csr.request(item), urgent=False).result()
        except BudgetExhausted as exc:
            return Outcome(skipped=str(exc))
        if response.error is not None:
            return Outcome(record=csr.record(item, "error", response=response, error=response.error),
                           response=response)
        verdict, record = csr.evaluate(item, response)
        if verdict is None:
            return Outcome(record=record, response=response)
        robustness = search_case(case, csr.image(case)[0], bool(verdict.passed), self._probe(), self.cfg)
        return Outcome(record=replace(record, robustness=robustness), response=response)

    def _probe(self) -> Probe:
        return Probe(call=self._call, judge=self._judge, budget_error=BudgetExhausted)

    def _call(self, case: Case, m: Materialized) -> concurrent.futures.Future:
        csr = self.csr
        base = csr.request(CaseItem(case, "image"))

        def make() -> Request:
            return replace(base, prompt=m.prompt, image=m.image, image_media_type=m.media_type)

        return csr.runner.submit(("robust", case.id, m.key), make, urgent=False)

    def _judge(self, case: Case, response: Response, m: Materialized) -> Any:
        # the judges read the case's expectation (not its wording), so the case also judges a paraphrase
        return self.csr.judge.judge(case, "image", response, m.image)


def search_config(csr: Any, model_name: str, root: Path) -> SearchConfig:
    s = csr.settings
    base = root / ".csrbench"
    return SearchConfig(max_examples=s.robustness, seed=s.params.seed, database_dir=base / "robustness" / "examples",
                        flips_dir=base / "robustness" / "flips", model_id=model_name,
                        only=s.robustness_strategies, stop=threading.Event())
