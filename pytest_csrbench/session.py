"""Per-run state: cases, the model runner, item records (xdist-safe), and the once-only finish decision."""

from __future__ import annotations

import hashlib
import warnings
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from functools import cached_property
from pathlib import Path
from typing import Any, Optional

import pytest

from .cases.model import Case
from .gate import GateResult, decide
from .judges.base import Verdict
from .metrics import summarize
from .models.base import Request, Response
from .options import Settings
from .outcomes import JudgeError, Missed, ModelCallError

BENCHMARK_NODEID = "csrbench"


@dataclass(frozen=True)
class CaseItem:
    """What one parametrized benchmark item stands for."""

    case: Case
    modality: str
    sample: int = 0  # which of --csr-samples N responses (0 .. N-1)
    suffixed: bool = False  # N > 1: the id names the sample

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.case.id, self.modality, self.sample)

    @property
    def ident(self) -> str:
        """The parametrize id: `S01-003:image`, or `S01-003:image:s2` when several samples are taken."""
        return f"{self.case.id}:{self.modality}" + (f":s{self.sample}" if self.suffixed else "")


class CsrSession:
    def __init__(self, config: pytest.Config, settings: Settings, cases: list[Case], warm: Any = None):
        """`warm`: the litellm helper process, if started at configure time (models/runs.py)."""
        self.config = config
        self.settings = settings
        self.cases = cases
        self.records: dict[str, dict] = {}
        self.expected_items: Optional[int] = None
        self.selected: list[CaseItem] = []
        self.runner: Any = None
        self.model_name: Optional[str] = None
        self.started_at = datetime.now(timezone.utc)
        self.finished_at: Optional[datetime] = None
        self.summary: Optional[dict] = None
        self.gate: Optional[GateResult] = None
        self.failed_errors = 0
        self._image_cache: dict[str, tuple[bytes, str]] = {}
        from .models.runs import CsrRunsPlugin

        self.warm = warm
        config.pluginmanager.register(CsrRunsPlugin(self), "csrbench-runs")  # cache, xdist hand-over, skips

    # ----- collection
    def case_items(self) -> list[CaseItem]:
        n = self.settings.samples
        return [CaseItem(c, m, s, n > 1) for c in self.cases for m in self.settings.modalities for s in range(n)]

    @cached_property
    def dataset_hash(self) -> str:
        h = hashlib.sha256()
        for case in sorted(self.cases, key=lambda c: c.id):
            h.update(case.content_hash().encode())
            h.update(self.image(case)[1].encode())
        return h.hexdigest()[:16]

    # ----- model calls
    def image(self, case: Case) -> tuple[bytes, str]:
        """(bytes, sha256) of a case's image, read once."""
        if case.id not in self._image_cache:
            if not (case.image_path or case.image):  # no image: its item is skipped as unavailable
                return b"", ""
            data = Path(case.image_path or case.image).read_bytes()
            self._image_cache[case.id] = (data, hashlib.sha256(data).hexdigest())
        return self._image_cache[case.id]

    def request(self, item: CaseItem) -> Request:
        from .cases.images import prepare_image

        case = item.case
        image, media = None, "image/png"
        if item.modality == "image":
            image, media = prepare_image(self.image(case)[0])
        params = self.settings.params
        if item.sample and params.seed is not None:  # a seeded provider would give every sample the same answer
            params = replace(params, seed=params.seed + item.sample)
        return Request(case_id=case.id, modality=item.modality, prompt=case.prompt_for(item.modality), image=image,
                       image_media_type=media, params=params, case_hash=case.content_hash(), sample=item.sample)

    def start_runner(self, model: Any) -> None:
        """Build the runner (cache, limits, xdist share) and queue the selected items' calls ahead of the tests."""
        from .models import runs

        self.model_name = getattr(model, "name", None) or self.settings.model
        workerinput = getattr(self.config, "workerinput", None)
        self.runner, notes = runs.build_runner(self.settings, model, workerinput, warm=self.warm)
        for note in notes:
            warnings.warn(runs.CsrCacheWarning(note), stacklevel=2)
        runs.prefetch(self.runner, self, workerinput)

    def response(self, item: CaseItem, model: Any) -> Response:
        from .models import runs
        from .models.limits import BudgetExhausted

        if self.runner is None:
            self.start_runner(model)
        try:
            return self.runner.submit(item.key, lambda: self.request(item)).result()
        except BudgetExhausted as exc:
            pytest.skip(str(exc))
        finally:
            runs.warn_once(self, self.runner)

    # ----- judging and records
    @cached_property
    def judge(self) -> Any:
        """The judge named by --csr-judge: the rule judges, an LLM judge, or both (rules+MODEL)."""
        if self.settings.judge == "rules":
            from .judges.rules import RulesJudge

            return RulesJudge()
        from .judges.llm import make_judge

        return make_judge(self.settings.judge, cache_dir=self.settings.extra.get("cache_dir"),
                          api_base=self.settings.judge_api_base)

    def evaluate(self, item: CaseItem, response: Response) -> tuple[Optional[Verdict], dict]:
        image = self.image(item.case)[0] if item.modality == "image" else None
        try:
            verdict = self.judge.judge(item.case, item.modality, response, image)
        except Exception as exc:  # noqa: BLE001 - a judge failure is an ERROR on the item, never a fallback
            error = f"{type(exc).__name__}: {exc}"
            return None, self.record(item, "error", response=response, error=f"judge: {error}")
        outcome = "passed" if verdict.passed else "missed"
        return verdict, self.record(item, outcome, response=response, verdict=verdict)

    def record(self, item: CaseItem, outcome: str, response: Optional[Response] = None,
               verdict: Optional[Verdict] = None, error: Optional[str] = None) -> dict:
        case = item.case
        rec = {
            "case_id": case.id, "pattern": case.pattern, "type": case.type, "modality": item.modality,
            "sample": item.sample,
            "expected": case.expected, "variant": case.variant, "twin": case.twin,
            "prompt": case.prompt_for(item.modality), "text_control": case.text_control,
            "image": case.image_path, "image_sha256": self.image(case)[1],
            "outcome": outcome, "response": response.text if response else None,
            "verdict": verdict.to_dict() if verdict else None, "error": error,
            "status_code": response.status_code if response else None,
            "latency_s": response.latency_s if response else None,
            "cost_usd": response.cost_usd if response else None,
            "cached": response.cached if response else False,
            "cache": _cache_state(self.runner, response),
            "response_info": response.model_dump(mode="json", exclude={"text"}) if response else None,
        }
        return rec

    # ----- controller side
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        rec = getattr(report, "csrbench", None)
        if rec is None:
            return
        self.records[report.nodeid] = rec
        if report.failed and rec["outcome"] == "error":
            self.failed_errors += 1

    def finish(self, session: pytest.Session, exitstatus: int) -> None:
        """Aggregate, gate, write the JSON; decide the exit status once."""
        self.finished_at = datetime.now(timezone.utc)
        if self.runner is not None:
            self.runner.close(cancel=exitstatus == pytest.ExitCode.INTERRUPTED)
        records = list(self.records.values())
        self.summary = summarize(records)
        ran = any(r["outcome"] in ("passed", "missed", "error") for r in records)
        from .report import outputs

        if ran and not self.config.option.collectonly:
            self.comparison = outputs.baseline_comparison(self)
            self.gate = decide(self.summary, self.settings.thresholds, self.settings.max_error_rate,
                               comparison=self.comparison)
            self._set_exit_status(session, exitstatus)
        outputs.write_outputs(self, ran)  # --csr-json, --csr-html, --csr-update-baseline

    def _set_exit_status(self, session: pytest.Session, exitstatus: int) -> None:
        if exitstatus not in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED):
            return
        other_failures = session.testsfailed - self.failed_errors
        failed = other_failures > 0 or (self.gate is not None and not self.gate.passed)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED if failed else pytest.ExitCode.OK

    @property
    def complete(self) -> bool:
        return self.expected_items is None or len(self.records) >= self.expected_items


def _cache_state(runner: Any, response: Optional[Response]) -> Optional[str]:
    if response is None:
        return None
    from .models.runs import cache_state

    return cache_state(runner, response.cached)


def raise_for_outcome(verdict: Verdict) -> None:
    if not verdict.passed:
        raise Missed(f"{verdict.label}: {verdict.reason}")


def raise_model_error(response: Response) -> None:
    status = f"HTTP {response.status_code}: " if response.status_code else ""
    attempts = f" (after {response.attempts} attempts)" if response.attempts > 1 else ""
    raise ModelCallError(f"{status}{response.error}{attempts}")


def raise_judge_error(error: str) -> None:
    raise JudgeError(error)


def elapsed(start: datetime, end: Optional[datetime]) -> float:
    return ((end or datetime.now(timezone.utc)) - start).total_seconds()

