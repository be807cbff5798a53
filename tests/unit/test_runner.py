"""The runner: bounded concurrency, retries, circuit breaker, budget, cache, claims and shutdown."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Callable, Optional

import pytest

from pytest_csrbench.models.base import Request, Response
from pytest_csrbench.models.cache import CallCache, Store, open_store
from pytest_csrbench.models.limits import Budget, BudgetExhausted, CircuitBreaker, TokenBucket
from pytest_csrbench.models.runner import Runner

IDENTITY = {"kind": "test"}


class FakeModel:
    """Answers after `delay` seconds with `answer(request, attempt)`; records concurrency and calls."""

    name = "fake"

    def __init__(self, answer: Optional[Callable[[Request, int], Response]] = None, delay: float = 0.0,
                 gate: Optional[threading.Event] = None):
        self.answer = answer or (lambda r, n: Response(text=f"answer to {r.case_id}", cost_usd=0.01))
        self.delay = delay
        self.gate = gate
        self.calls: list[str] = []
        self.in_flight = 0
        self.max_in_flight = 0

    async def agenerate(self, request: Request) -> Response:
        self.calls.append(request.case_id)
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            if self.gate is not None:
                while not self.gate.is_set():
                    await asyncio.sleep(0.001)
            await asyncio.sleep(self.delay)
            return self.answer(request, self.calls.count(request.case_id))
        finally:
            self.in_flight -= 1


def req(i: int) -> Request:
    return Request(case_id=f"C-{i:03d}", modality="text", prompt=f"prompt {i}")


def entries(n: int) -> list:
    return [(i, (lambda i=i: req(i))) for i in range(n)]


def results(runner: Runner, n: int) -> list:
    return [runner.submit(i, lambda i=i: req(i)).result(timeout=30) for i in range(n)]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """A store for the runners under test (a runner closes its store when it closes)."""
    store, _ = open_store(tmp_path)
    yield store
    store.close()


def stored(store: Store) -> int:
    """Rows in the store's file, read through a fresh connection."""
    fresh = Store.open(store.path)
    try:
        return fresh.count()
    finally:
        fresh.close()


def test_all_calls_run_with_bounded_concurrency_and_once_per_key() -> None:
    model = FakeModel(delay=0.01)
    runner = Runner(model, concurrency=4)
    runner.prefetch(entries(40))
    got = results(runner, 40)
    runner.close()
    assert [r.text for r in got] == [f"answer to C-{i:03d}" for i in range(40)]
    assert sorted(model.calls) == sorted(f"C-{i:03d}" for i in range(40))
    assert model.max_in_flight <= 4


def test_transient_failures_are_retried_and_client_errors_are_not() -> None:
    def answer(request: Request, attempt: int) -> Response:
        if request.case_id == "C-000":
            return Response(error="busy", status_code=503) if attempt < 3 else Response(text="ok")
        return Response(error="bad request", status_code=400)

    model = FakeModel(answer)
    runner = Runner(model, concurrency=2, retries=4, backoff_base=0.001)
    first, second = results(runner, 2)
    runner.close()
    assert first.text == "ok" and first.attempts == 3
    assert second.error == "bad request" and second.attempts == 1
    assert model.calls.count("C-001") == 1


def test_retries_end() -> None:
    model = FakeModel(lambda r, n: Response(error="down", status_code=500))
    runner = Runner(model, concurrency=1, retries=2, backoff_base=0.001)
    (only,) = results(runner, 1)
    runner.close()
    assert only.error == "down" and only.attempts == 3 and len(model.calls) == 3


def test_the_circuit_breaker_stops_calling_a_dead_provider() -> None:
    model = FakeModel(lambda r, n: Response(error="APIConnectionError: connection refused"))
    runner = Runner(model, concurrency=2, retries=1, backoff_base=0.001, breaker=CircuitBreaker(3))
    runner.prefetch(entries(50))
    got = results(runner, 50)
    runner.close()
    assert all(r.error for r in got)
    assert len(model.calls) < 12  # a few calls, not 50 x 2 attempts
    opened = [r for r in got if r.error.startswith("circuit breaker open")]
    assert len(opened) >= 40 and "connection refused" in opened[-1].error and "--csr-breaker" in opened[-1].error


def test_the_breaker_counts_provider_failures_only() -> None:
    breaker = CircuitBreaker(2)
    breaker.record(Response(error="bad", status_code=400))
    breaker.record(Response(error="bad", status_code=422))
    assert not breaker.is_open
    breaker.record(Response(error="down", status_code=502))
    breaker.record(Response(text="fine"))
    breaker.record(Response(error="down", status_code=502))
    assert not breaker.is_open
    breaker.record(Response(error="unauthorised", status_code=401))
    assert breaker.is_open
    assert not CircuitBreaker(0).is_open


def test_the_budget_stops_issuing_calls_and_skips_the_rest() -> None:
    model = FakeModel(lambda r, n: Response(text="x", cost_usd=0.25))
    runner = Runner(model, concurrency=1, budget=Budget(1.0))
    runner.prefetch(entries(10))
    outcomes = []
    for i in range(10):
        try:
            outcomes.append(runner.submit(i, lambda i=i: req(i)).result(timeout=30).text)
        except BudgetExhausted as exc:
            outcomes.append(str(exc))
    runner.close()
    assert outcomes[:4] == ["x"] * 4 and len(model.calls) == 4
    assert all(o.startswith("--csr-max-cost reached: $1.0000 spent of $1.0000") for o in outcomes[4:])


def test_budget_counts_unpriced_calls() -> None:
    budget = Budget(1.0)
    budget.add(Response(text="x"))
    budget.add(Response(error="e"))
    budget.add(Response(text="x", cost_usd=2.0))
    assert budget.unpriced == 1 and budget.exhausted and budget.spent == 2.0


def test_cache_hits_never_call_the_model_and_misses_are_stored_as_they_arrive(store: Store) -> None:
    model = FakeModel()
    runner = Runner(model, concurrency=2, cache=CallCache(store, IDENTITY))
    runner.prefetch(entries(6))
    results(runner, 6)
    runner.close()
    assert len(model.calls) == 6 and stored(store) == 6
    again = FakeModel()
    runner = Runner(again, concurrency=2, cache=CallCache(Store.open(store.path), IDENTITY))
    runner.prefetch(entries(8))
    got = results(runner, 8)
    runner.close()
    assert [r.cached for r in got] == [True] * 6 + [False] * 2
    assert again.calls == ["C-006", "C-007"]


def test_errors_are_not_stored(store: Store) -> None:
    model = FakeModel(lambda r, n: Response(error="bad", status_code=400))
    runner = Runner(model, cache=CallCache(store, IDENTITY))
    results(runner, 3)
    runner.close()
    assert stored(store) == 0


def test_close_cancels_pending_calls_without_hanging_and_keeps_what_arrived(store: Store) -> None:
    gate = threading.Event()
    model = FakeModel(lambda r, n: Response(text="late") if r.case_id != "C-000" else Response(text="first"))
    model.gate = gate
    fast = FakeModel()
    runner = Runner(fast, concurrency=1, cache=CallCache(store, IDENTITY))
    assert runner.submit(0, lambda: req(0)).result(timeout=30).text == "answer to C-000"
    runner.model = model  # the remaining calls hang until the gate opens: they never will
    runner.prefetch(entries(5))
    runner.close(cancel=True)
    assert stored(store) == 1
    assert all(runner.submit(i, lambda i=i: req(i)).cancelled() for i in range(1, 5))


def test_an_urgent_item_jumps_the_queue() -> None:
    gate = threading.Event()
    model = FakeModel(gate=gate)
    runner = Runner(model, concurrency=1)
    runner.prefetch(entries(20))
    future = runner.submit(19, lambda: req(19), urgent=True)
    gate.set()
    future.result(timeout=30)
    runner.close()
    assert model.calls.index("C-019") <= 1  # at most the one call already started went first


def test_two_runners_sharing_a_store_call_each_key_once(store: Store) -> None:
    """What two xdist workers do: both queue every item; claims let exactly one of them call each."""
    models = [FakeModel(delay=0.002), FakeModel(delay=0.002)]
    runners = [Runner(m, concurrency=3, cache=CallCache(None, None, coord=Store.open(store.path), run="run",
                                                        owner=f"gw{i}:{i}"),
                      poll_interval=0.005) for i, m in enumerate(models)]
    runners[0].prefetch(entries(30))
    runners[1].prefetch(entries(30), rotate=15)
    got = [results(r, 30) for r in runners]
    for r in runners:
        r.close()
    calls = models[0].calls + models[1].calls
    assert sorted(calls) == sorted(f"C-{i:03d}" for i in range(30))
    assert [r.text for r in got[0]] == [r.text for r in got[1]]
    assert models[0].calls and models[1].calls


def test_a_released_claim_is_taken_over(store: Store) -> None:
    store.claim("run", CallCache(store, None).key(req(0)), "gw9:1")  # a claim that will be released
    model = FakeModel()
    runner = Runner(model, cache=CallCache(None, None, coord=store, run="run", owner="gw0:2"), poll_interval=0.005)
    future = runner.submit(0, lambda: req(0))
    store.release("run", "gw9:1")
    assert future.result(timeout=30).text == "answer to C-000"
    runner.close()
    assert model.calls == ["C-000"]


def fake_time() -> tuple[list, Callable]:
    now = [0.0]

    async def sleep(seconds: float) -> None:
        now[0] += seconds

    return now, sleep


def test_the_token_bucket_allows_a_burst_then_the_rate() -> None:
    now, sleep = fake_time()
    bucket = TokenBucket(60, burst=2, clock=lambda: now[0], sleep=sleep)

    async def take(n: int) -> list[float]:
        stamps = []
        for _ in range(n):
            await bucket.acquire()
            stamps.append(now[0])
        return stamps

    stamps = asyncio.run(take(6))
    assert stamps == pytest.approx([0, 0, 1, 2, 3, 4])


def test_the_token_bucket_default_burst_is_one_second_of_requests() -> None:
    now, sleep = fake_time()
    bucket = TokenBucket(600, clock=lambda: now[0], sleep=sleep)

    async def take(n: int) -> None:
        for _ in range(n):
            await bucket.acquire()

    asyncio.run(take(10))
    assert now[0] == 0
    asyncio.run(take(10))
    assert now[0] == pytest.approx(1.0)
    with pytest.raises(ValueError):
        TokenBucket(0)


def test_every_attempt_takes_a_token() -> None:
    class Counting(TokenBucket):
        taken = 0

        async def acquire(self) -> None:
            Counting.taken += 1

    model = FakeModel(lambda r, n: Response(error="busy", status_code=429) if n == 1 else Response(text="ok"))
    runner = Runner(model, retries=2, backoff_base=0.001, limiter=Counting(60))
    results(runner, 3)
    runner.close()
    assert Counting.taken == 6 and len(model.calls) == 6


@pytest.mark.parametrize("total,count", [(16, 1), (16, 2), (16, 3), (5, 4), (2, 3)])
def test_xdist_workers_share_the_concurrency(total: int, count: int) -> None:
    from pytest_csrbench.models.runs import share, worker_slot

    parts = [share(total, worker_slot({"workerid": f"gw{i}", "workercount": count})[0], count) for i in range(count)]
    assert all(p >= 1 for p in parts)
    assert sum(parts) == max(total, count)  # never more than asked, except one slot each at least
    assert worker_slot(None) == (0, 1)
