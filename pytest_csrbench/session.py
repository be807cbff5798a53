"""Per-run state: cases, the model runner, item records (xdist-safe), and the once-only finish decision.

`finish()` builds the frozen `RunResult` (results.py) that every report reads; nothing outside this
module writes onto the session.
"""

from __future__ import annotations

import hashlib
import re
import warnings
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

import pytest

from .cases.model import Case
from .gate import decide
from .judges.base import Verdict
from .metrics import summarize
from .models.base import Request, Response
from .options import Settings
from .outcomes import JudgeError, Missed, ModelCallError

if TYPE_CHECKING:  # results.py is imported when the first item is recorded, not by --collect-only
    from .results import ItemRecord, RunResult

BENCHMARK_NODEID = "csrbench"
SESSION_KEY = pytest.StashKey["CsrSession"]()
RECORD_KEY = pytest.StashKey["ItemRecord"]()  # an item's record, from its fixtures to the report hook
_ITEM_ID = re.compile(r"\[(?P<case>.+):(?P<modality>image|text|prompt)(?::s(?P<sample>\d+))?\]$")


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
        self.records: dict[str, ItemRecord] = {}  # by node id; on the controller only
        self.expected_items: Optional[int] = None
        self.selected: list[CaseItem] = []
        self.runner: Any = None
        self.model_name: Optional[str] = None
        self.started_at = datetime.now(timezone.utc)
        self.finished_at: Optional[datetime] = None
        self.result: Optional[RunResult] = None  # set once, by finish()
        self.failed_errors = 0
        self.warned: set[str] = set()  # runner problems already shown as warnings
        self._image_cache: dict[str, tuple[bytes, str]] = {}
        self.warm = warm
        self.estimate_lines: Optional[list[str]] = None  # --csr-estimate: what to print instead of a run

    # ----- collection
    @cached_property
    def cases_by_id(self) -> dict[str, Case]:
        return {c.id: c for c in self.cases}

    def select(self, items: list[CaseItem]) -> None:
        """The items pytest selected (after -k, -m, deselection): prefetched, and expected at the end."""
        self.selected = [i for i in items if i.modality not in i.case.unavailable]  # only these call the model
        self.expected_items = len(items)

    def check_provider_keys(self) -> None:
        """A litellm model whose provider key is not set is a usage error (exit 4) before any call."""
        if self.config.option.collectonly or not self.selected:
            return
        from .models.runs import provider_key_problem

        problem = provider_key_problem(self.settings, self.warm)
        if problem:
            raise pytest.UsageError(problem)

    def expect(self, n: int) -> None:
        """xdist controller: the workers collected `n` benchmark items."""
        self.expected_items = n

    def case_items(self) -> list[CaseItem]:
        n = self.settings.samples
        return [CaseItem(c, m, s, n > 1) for c in self.run_cases for m in self.settings.modalities
                if c.has_modality(m) for s in range(n)]

    @cached_property
    def run_cases(self) -> list[Case]:
        """The cases this process runs: all of them, or the shard's (--csr-shard K/N)."""
        shard = getattr(self.settings, "shard", None)
        if shard is None:
            return self.cases
        from .cases.shard import select_shard

        return select_shard(self.cases, *shard)

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

    def _image_sha(self, case: Case) -> Optional[str]:
        """The image's sha256 for a record; None when it cannot be read (the item is then an ERROR)."""
        try:
            return self.image(case)[1]
        except OSError:
            return None

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
        runs.prefetch(self.runner, self.selected, self.request, workerinput)
        self.judge_ahead()

    def response(self, item: CaseItem, model: Any) -> Response:
        from .models import runs
        from .models.limits import BudgetExhausted

        if self.runner is None:
            self.start_runner(model)
        try:
            return self.runner.submit(item.key, lambda: self.request(item)).result()
        except BudgetExhausted as exc:
            pytest.skip(str(exc))
        except Exception as exc:  # noqa: BLE001 - building the request failed (e.g. an image that cannot be
            return Response(error=f"request not sent: {type(exc).__name__}: {exc}")  # decoded): an ERROR item
        finally:
            for warning in runs.new_warnings(self.runner, self.warned, self.settings, self.model_name):
                warnings.warn(warning, stacklevel=3)

    def run_estimate(self) -> list[str]:
        """--csr-estimate: price the selected items' calls that the cache does not answer; call nothing."""
        from .models.cache import CallCache, model_identity, open_store
        from .models.estimate import estimate, output_assumption
        from .models.factory import build_model

        s = self.settings
        model = build_model(s.model, s.params, api_base=s.api_base, price_in=s.price_in, price_out=s.price_out)
        if not getattr(model, "runs_litellm", False):
            self.estimate_lines = [f"estimate: {s.model} is not a provider model; its {len(self.selected)} items "
                                   "cost nothing"]
            return self.estimate_lines
        identity, store, note = model_identity(model), None, ""
        if s.no_cache:
            note = "; --csr-no-cache: every call counted"
        elif identity is not None:
            store, problem = open_store(s.cache_dir)
            note = f"; cache unusable: {problem}" if problem else (" with --csr-refresh: every call counted"
                                                                   if s.refresh else "")
        cache = CallCache(store, identity, refresh=s.refresh) if store is not None else None
        try:
            result = estimate(model, self.selected, self.request, cache, price_in=s.price_in, price_out=s.price_out,
                              output=output_assumption(s.estimate_output_tokens, s.params.max_tokens),
                              cache_note=note, counter=self.warm)
        finally:
            if cache is not None:
                cache.close()
        self.estimate_lines = list(result.lines())
        return self.estimate_lines

    # ----- judging and records
    @cached_property
    def judge(self) -> Any:
        """The judge named by --csr-judge: the rule judges, an LLM judge, or both (rules+MODEL)."""
        if self.settings.judge == "rules":
            from .judges.rules import RulesJudge

            return RulesJudge()
        from .judges.llm import make_judge

        budget = self.runner.budget if self.runner is not None else None  # --csr-max-cost counts both
        return make_judge(self.settings.judge, cache_dir=self.settings.extra.get("cache_dir"),
                          api_base=self.settings.judge_api_base, settings=self.settings,
                          workerinput=getattr(self.config, "workerinput", None), budget=budget)

    def judge_ahead(self) -> None:
        """An LLM judge's call for an item is queued as soon as the item's response arrives (judge calls
        overlap each other and the model's calls); the test then waits only for what is still running."""
        ahead = getattr(self.judge, "ahead", None)
        if ahead is None or self.runner is None:
            return
        for item in self.selected:
            future = self.runner.future(item.key)
            if future is not None:
                future.add_done_callback(lambda f, item=item: self._ahead(ahead, item, f))

    def _ahead(self, ahead: Any, item: CaseItem, future: Any) -> None:
        if future.cancelled() or future.exception() is not None:
            return
        image = self.image(item.case)[0] if item.modality == "image" else None
        ahead(item.case, item.modality, future.result(), image, key=item.key)

    def evaluate(self, item: CaseItem, response: Response) -> tuple[Optional[Verdict], ItemRecord]:
        from .models.limits import BudgetExhausted

        image = self.image(item.case)[0] if item.modality == "image" else None
        if response.reasoning_only:  # nothing the user would see: a miss with its own label, never judged
            from .judges.unanswered import reasoning_only_verdict

            verdict = reasoning_only_verdict(response.truncated)
            return verdict, self.record(item, "missed", response=response, verdict=verdict)
        judge_kw = {"key": item.key} if hasattr(self.judge, "ahead") else {}
        try:
            verdict = self.judge.judge(item.case, item.modality, response, image, **judge_kw)
        except BudgetExhausted as exc:  # --csr-max-cost reached before the judge call: skipped, like the model's
            pytest.skip(str(exc))
        except Exception as exc:  # noqa: BLE001 - a judge failure is an ERROR on the item, never a fallback
            error = f"{type(exc).__name__}: {exc}"
            return None, self.record(item, "error", response=response, error=f"judge: {error}")
        outcome = "passed" if verdict.passed else "missed"
        return verdict, self.record(item, outcome, response=response, verdict=verdict)

    def record(self, item: CaseItem, outcome: str, response: Optional[Response] = None,
               verdict: Optional[Verdict] = None, error: Optional[str] = None) -> ItemRecord:
        """The item's record (a new per-item field: add it to ItemRecord and fill it here)."""
        from .results import ItemRecord

        case = item.case
        return ItemRecord(
            case_id=case.id, pattern=case.pattern, type=case.type, modality=item.modality, sample=item.sample,
            expected=case.expected, variant=case.variant, twin=case.twin, cue=case.cue,
            prompt=case.prompt_for(item.modality), text_control=case.text_control,
            image=case.image_path, image_sha256=self._image_sha(case),
            outcome=outcome, response=response.text if response else None,
            reasoning=response.reasoning if response else None,
            truncated=response.truncated if response else False,
            verdict=verdict.to_dict() if verdict else None, error=error,
            status_code=response.status_code if response else None,
            latency_s=response.latency_s if response else None,
            cost_usd=response.cost_usd if response else None,
            prompt_tokens=response.prompt_tokens if response else None,
            completion_tokens=response.completion_tokens if response else None,
            cached=response.cached if response else False,
            cache=_cache_state(self.runner, response),
            response_info=response.model_dump(mode="json", exclude={"text"}) if response else None,
        )

    # ----- controller side
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        rec = getattr(report, "csrbench", None)
        if rec is None:
            self._record_skip(report)
            self._record_crash(report)
            return
        from .results import ItemRecord

        record = ItemRecord.from_dict(rec)
        self.records[report.nodeid] = record
        if report.failed and record.outcome == "error":
            self.failed_errors += 1

    def _record_skip(self, report: pytest.TestReport) -> None:
        """Controller: a skipped benchmark item (e.g. --csr-max-cost) gets a record with outcome 'skipped'."""
        if not report.skipped or report.when == "teardown" or report.nodeid in self.records:
            return
        if hasattr(self.config, "workerinput") or not report.nodeid.startswith(BENCHMARK_NODEID + "::"):
            return
        item = self.item_from_nodeid(report.nodeid)
        if item is None:
            return
        longrepr = report.longrepr
        reason = longrepr[2] if isinstance(longrepr, tuple) and len(longrepr) == 3 else str(longrepr)
        reason = reason[len("Skipped: "):] if reason.startswith("Skipped: ") else reason
        self.records[report.nodeid] = self.record(item, "skipped", error=reason)

    def _record_crash(self, report: pytest.TestReport) -> None:
        """Controller: an item that failed without a record (its xdist worker died, or a fixture broke) is an
        ERROR in the results, never missing from them."""
        if not report.failed or report.nodeid in self.records or hasattr(self.config, "workerinput"):
            return
        item = self.item_from_nodeid(report.nodeid) if report.nodeid.startswith(BENCHMARK_NODEID + "::") else None
        if item is None:
            return
        self.records[report.nodeid] = self.record(item, "error", error=_crash_text(report))
        self.failed_errors += 1

    def item_from_nodeid(self, nodeid: str) -> Optional[CaseItem]:
        match = _ITEM_ID.search(nodeid)
        case = self.cases_by_id.get(match.group("case")) if match else None
        if case is None:
            return None
        sample = match.group("sample")
        return CaseItem(case, match.group("modality"), int(sample or 0), sample is not None)

    def finish(self, session: pytest.Session, exitstatus: int) -> RunResult:
        """Aggregate, compare, gate, write the outputs; decide the exit status once. Returns the result."""
        self.finished_at = datetime.now(timezone.utc)
        self.close_runners(cancel=exitstatus == pytest.ExitCode.INTERRUPTED)
        result, items = self._result()
        if result.gate is not None:
            self._set_exit_status(session, exitstatus, result.gate.passed)
        elif "shard" in result.manifest:  # errored items count at the merge's gate, not as this job's failure
            self._set_exit_status(session, exitstatus, True)
        from .report.outputs import write_outputs

        self.result = replace(result, written=write_outputs(result, items))  # --csr-json, --csr-html, baseline
        for warning in answer_warnings(result.summary):
            warnings.warn(warning, stacklevel=2)
        return self.result

    def close_runners(self, cancel: bool) -> None:
        """Stop the model's runner and the LLM judge's (Ctrl-C cancels what is in flight)."""
        if self.runner is not None:
            self.runner.close(cancel=cancel)
        judge_closer = getattr(self.__dict__.get("judge"), "close", None)  # only if a judge was built
        if judge_closer is not None:
            judge_closer(cancel=cancel)

    def _result(self) -> tuple[RunResult, list[dict]]:
        """The frozen result of the run, and its items as dicts (the results file's layout)."""
        from .comparison import baseline_comparison
        from .results import RunResult
        from .manifest import build_manifest, usage_summary
        from .models.runs import helper_peak_rss_mb

        records = sorted(self._merged_records(), key=lambda r: r.key)
        items = [r.to_dict() for r in records]
        summary, usage = summarize(items), usage_summary(items)
        model = self.model_name or self.settings.model
        complete = self.expected_items is None or len(records) >= self.expected_items
        manifest = build_manifest(
            self.settings, model=model, dataset_hash=self.dataset_hash, cases=len(self.cases),
            started_at=self.started_at, finished_at=self.finished_at, complete=complete,
            expected_items=self.expected_items, root=Path(str(getattr(self.config, "rootpath", "."))),
            records=items, usage=usage, helper_peak_rss_mb=helper_peak_rss_mb(self.runner))
        ran = any(r.outcome in ("passed", "missed", "error") for r in records)
        comparison = gate = None
        if getattr(self.settings, "shard", None):  # one shard gates nothing: `csrbench merge` gates the whole
            manifest = {**manifest, "shard": self._shard_info()}
        elif ran and not self.config.option.collectonly:
            comparison = baseline_comparison(self.settings, {"manifest": manifest, "items": items})
            gate = decide(summary, self.settings.thresholds, self.settings.max_error_rate, comparison=comparison)
        result = RunResult(settings=self.settings, model=model, manifest=manifest, items=tuple(records),
                           summary=summary, usage=usage, gate=gate, comparison=comparison,
                           reference=self._reference(items), expected_items=self.expected_items,
                           invocation_args=_invocation_args(self.config))
        return result, items

    def _merged_records(self) -> list[ItemRecord]:
        """--csr-robustness: test_robust[X] and test_case[X:image] judge the same request; keep one record."""
        if not self.settings.robustness:
            return list(self.records.values())
        from .robust.summary import merge_records

        return merge_records(self.records.values())

    def _shard_info(self) -> dict:
        index, count = self.settings.shard
        return {"index": index, "count": count, "case_ids": sorted(c.id for c in self.run_cases)}

    def _reference(self, items: list[dict]) -> dict:
        """The trade-off plot's reference points, when a results file or the HTML report will show them."""
        s = self.settings
        if s.json_path is None and getattr(s, "html_path", None) is None and not s.update_baseline:
            return {}
        from .reference import reference_points

        return reference_points(items)

    def _set_exit_status(self, session: pytest.Session, exitstatus: int, gate_passed: bool) -> None:
        if exitstatus not in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED):
            return
        other_failures = session.testsfailed - self.failed_errors
        failed = other_failures > 0 or not gate_passed
        session.exitstatus = pytest.ExitCode.TESTS_FAILED if failed else pytest.ExitCode.OK


def _cache_state(runner: Any, response: Optional[Response]) -> Optional[str]:
    if response is None:
        return None
    from .models.runs import cache_state

    return cache_state(runner, response.cached)


class CsrAnswerWarning(pytest.PytestWarning):
    """Answers whose verdicts need a second look: cut at the token limit, or reasoning without an answer."""


def answer_warnings(summary: dict) -> list[Warning]:
    a = summary.get("answers") or {}
    out: list[Warning] = []
    if a.get("truncated"):
        out.append(CsrAnswerWarning(f"{a['truncated']} answers were cut at the token limit (finish_reason "
                                    "'length'); their verdicts rest on partial text: raise --csr-max-tokens"))
    if a.get("reasoning_only"):
        out.append(CsrAnswerWarning(f"{a['reasoning_only']} answers held only reasoning and no final answer; "
                                    "they are misses labelled 'reasoning_only'"))
    return out


def _invocation_args(config: pytest.Config) -> tuple[str, ...]:
    """The user's command line, for "re-run with ..." lines, without credentials in its URLs."""
    from .models.redact import redact_args

    return redact_args(tuple(map(str, config.invocation_params.args)))


def _crash_text(report: pytest.TestReport) -> str:
    longrepr = report.longrepr
    crash = getattr(longrepr, "reprcrash", None)
    text = crash.message if crash is not None else str(longrepr or "")
    return (text.strip().splitlines() or ["failed without a result"])[-1][:500]


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

