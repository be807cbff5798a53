"""Run model calls concurrently on a background event loop; each pytest item waits only for its own call.

- Bounded concurrency: `concurrency` dispatcher tasks take jobs from a priority queue; the calls of all
  selected items are queued ahead of the tests (`prefetch`), and the item a test is waiting for jumps
  the queue (`submit(urgent=True)`).
- Bounded retries with full-jitter exponential backoff honouring Retry-After. Classified by status code:
  429, 408/409/425, 5xx, timeouts and connection failures are retried; other 4xx never are.
- Optional rate limit (token bucket), circuit breaker and cost budget (see `limits.py`).
- Optional cache (`cache.CallCache`): hits are resolved before anything is queued; each response is
  stored as it arrives; under xdist a key is claimed before calling it, so exactly one process calls and
  the others wait for its result.
- `close(cancel=True)` (Ctrl-C) cancels what is in flight; `close(cancel=False)` lets in-flight calls
  finish (and be stored) but starts nothing new.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import itertools
import random
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Optional

from .base import Request, Response
from .cache import CallCache, load_response, pid_alive
from .limits import Budget, BudgetExhausted, CircuitBreaker, TokenBucket

RETRYABLE_4XX = frozenset({408, 409, 425, 429})
URGENT, AHEAD = 0, 1
PREFETCH_CHUNK = 64
LEASE_S = 20.0  # claims are renewed every LEASE_S / 4


def is_retryable(response: Response) -> bool:
    if response.error is None:
        return False
    if response.retryable is not None:  # the model knows better (e.g. the LLM judge's out-of-format reply)
        return response.retryable
    status = response.status_code
    return status is None or status in RETRYABLE_4XX or status >= 500


def backoff_delay(attempt: int, base: float, cap: float, retry_after: Optional[float], rng: random.Random) -> float:
    """Full-jitter exponential backoff; a server's Retry-After wins when it asks for longer."""
    delay = rng.uniform(0, min(cap, base * (2 ** attempt)))
    if retry_after is not None:
        delay = max(delay, min(retry_after, cap))
    return delay


@dataclass(eq=False)
class Job:
    key: Any
    request: Optional[Request]
    future: concurrent.futures.Future
    cache_key: Optional[str] = None
    state: str = "queued"  # queued | running | waiting (for another process's call) | done


class Runner:
    """Owns an asyncio loop in a daemon thread. `submit` returns a concurrent Future of a Response."""

    def __init__(self, model: Any, concurrency: int = 16, retries: int = 4, backoff_base: float = 0.5,
                 backoff_cap: float = 30.0, seed: int = 0, *, cache: Optional[CallCache] = None,
                 limiter: Optional[TokenBucket] = None, breaker: Optional[CircuitBreaker] = None,
                 budget: Optional[Budget] = None, drain_timeout: float = 60.0, poll_interval: float = 0.05,
                 lease_s: float = LEASE_S, source: str = "model"):
        """`source` names this runner's calls in a budget shared with another runner (the LLM judge's)."""
        self.model = model
        self.source = source
        self.concurrency = max(1, concurrency)
        self.retries = max(0, retries)
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.cache = cache
        self.limiter = limiter
        self.breaker = breaker or CircuitBreaker(0)
        self.budget = budget or Budget(None)
        self.drain_timeout = drain_timeout
        self.poll_interval = poll_interval
        self.lease_s = lease_s  # a claim not renewed for this long is taken over
        self._beat: Optional[asyncio.Task] = None
        self.calls = 0  # requests that reached the model (attempts, retries included)
        self._rng = random.Random(seed)
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self._thread: Optional[threading.Thread] = None
        self._queue: Optional[asyncio.PriorityQueue] = None
        self._stop: Optional[asyncio.Event] = None
        self._db: Optional[concurrent.futures.ThreadPoolExecutor] = None
        self._jobs: dict[Any, Job] = {}
        self._waiting: dict[str, Job] = {}
        self._poller: Optional[asyncio.Task] = None
        self._dispatchers: list[asyncio.Task] = []
        self._seq = itertools.count()
        self._lock = threading.Lock()
        self._stopping = False

    # ----- main thread
    def prefetch(self, entries: Iterable[tuple[Any, Callable[[], Request]]], rotate: int = 0) -> None:
        """Queue the calls of all `entries` (item key, request factory); cache hits resolve at once.

        `rotate` starts the queue at a different place in each xdist worker, so workers rarely race for
        the same claim.
        """
        entries = list(entries)
        if entries:
            cut = rotate % len(entries)
            entries = entries[cut:] + entries[:cut]
        for start in range(0, len(entries), PREFETCH_CHUNK):  # the first calls start while keys are computed
            with self._lock:
                jobs = [self._new_job(key, make) for key, make in entries[start:start + PREFETCH_CHUNK]
                        if key not in self._jobs]
            self._resolve_hits(jobs)
            pending = [j for j in jobs if not j.future.done()]
            if pending:
                self._enqueue(pending, AHEAD)

    def submit(self, key: Any, make_request: Callable[[], Request], urgent: bool = True) -> concurrent.futures.Future:
        """The future of `key`'s response, starting its call if needed (once per key)."""
        with self._lock:
            job = self._jobs.get(key)
            new = job is None
            if new:
                job = self._new_job(key, make_request)
        if new:
            self._resolve_hits([job])
        if not job.future.done() and job.state == "queued" and (new or urgent):
            self._enqueue([job], URGENT if urgent else AHEAD)  # a queued job jumps ahead; the stale entry is skipped
        return job.future

    def future(self, key: Any) -> Optional[concurrent.futures.Future]:
        """The future of a call already queued or made for `key` (None: none was)."""
        with self._lock:
            job = self._jobs.get(key)
        return job.future if job is not None else None

    def _new_job(self, key: Any, make_request: Callable[[], Request]) -> Job:
        job = Job(key, None, concurrent.futures.Future())
        self._jobs[key] = job
        try:
            job.request = make_request()
            job.cache_key = self.cache.key(job.request) if self.cache is not None else None
        except Exception as exc:  # e.g. an unreadable image: an error on this item only
            job.state = "done"
            job.future.set_exception(exc)
        return job

    def _resolve_hits(self, jobs: list[Job]) -> None:
        if self.cache is None or not self.cache.reads:
            return
        hits = self.cache.lookup([j.cache_key for j in jobs if j.cache_key and not j.future.done()])
        for job in jobs:
            response = hits.get(job.cache_key) if job.cache_key else None
            if response is not None and not job.future.done():
                job.state = "done"
                job.future.set_result(response)

    def _enqueue(self, jobs: list[Job], priority: int) -> None:
        if self._stopping:
            return
        loop = self._ensure_loop()
        entries = [(priority, next(self._seq), job) for job in jobs]
        loop.call_soon_threadsafe(self._put, entries)

    def _put(self, entries: list) -> None:
        assert self._queue is not None
        for entry in entries:
            self._queue.put_nowait(entry)

    def _ensure_loop(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self._loop is None:
                loop = asyncio.new_event_loop()
                ready = threading.Event()
                self._db = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="csrbench-db")

                def run() -> None:
                    asyncio.set_event_loop(loop)
                    self._queue = asyncio.PriorityQueue()
                    self._stop = asyncio.Event()
                    self._dispatchers = [loop.create_task(self._dispatch()) for _ in range(self.concurrency)]
                    if self.cache is not None and self.cache.coordinated:
                        self._beat = loop.create_task(self._heartbeat())
                    ready.set()
                    loop.run_forever()

                self._thread = threading.Thread(target=run, name="csrbench-runner", daemon=True)
                self._thread.start()
                ready.wait()
                self._loop = loop
            return self._loop

    # ----- event loop
    async def _dispatch(self) -> None:
        assert self._queue is not None
        while True:
            _, _, job = await self._queue.get()
            if job.state != "queued" or self._stopping:
                continue
            job.state = "running"
            await self._run(job)

    async def _run(self, job: Job) -> None:
        try:
            response = await self._obtain(job)
        except asyncio.CancelledError:
            job.future.cancel()
            raise
        except BudgetExhausted as exc:
            return self._settle(job, exc=exc)
        except Exception as exc:  # a bug here must fail the item, not hang it
            return self._settle(job, exc=exc)
        if response is not None:
            self._settle(job, response)

    def _settle(self, job: Job, response: Optional[Response] = None, exc: Optional[BaseException] = None) -> None:
        job.state = "done"
        if job.future.done():
            return
        if exc is not None:
            job.future.set_exception(exc)
        else:
            job.future.set_result(response)

    async def _in_db(self, fn: Callable, *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self._db, fn, *args)

    async def _obtain(self, job: Job) -> Optional[Response]:
        """The job's response, or None when another process is calling it (the job then waits)."""
        assert job.request is not None
        await self._check_budget()
        if self.breaker.is_open:
            return self.breaker.rejection()
        cache = self.cache
        if cache is not None and cache.coordinated and job.cache_key is not None:
            if not await self._in_db(cache.claim, job.cache_key):  # another process calls it (or did)
                self._wait_for(job)
                return None
        response = await self._call(job.request)
        await self._record(job, response)
        return response

    async def _check_budget(self) -> None:
        if not self.budget.active:
            return
        if self.cache is not None and self.cache.coordinated:
            self.budget.observe(await self._in_db(self.cache.shared_cost))
        if self.budget.exhausted:
            raise BudgetExhausted(self.budget.reason("judge call" if self.source == "judge" else "model call"))

    async def _call(self, request: Request) -> Response:
        attempt = 0
        while True:
            if self.limiter is not None:
                await self.limiter.acquire()
            self.calls += 1
            response = (await self._attempt(request)).model_copy(update={"attempts": attempt + 1})
            if (not is_retryable(response) or attempt >= self.retries or self._stopping
                    or self.breaker.is_open):
                break
            await self._pause(backoff_delay(attempt, self.backoff_base, self.backoff_cap,
                                            response.retry_after_s, self._rng))
            attempt += 1
        self.breaker.record(response)
        return response

    async def _pause(self, seconds: float) -> None:
        """Sleep, but wake up at once when the runner is closing."""
        assert self._stop is not None
        try:
            await asyncio.wait_for(self._stop.wait(), timeout=seconds)
        except asyncio.TimeoutError:
            pass

    async def _attempt(self, request: Request) -> Response:
        """One call, bounded by --csr-timeout as a wall-clock deadline: litellm's own timeout is per read, so
        a server trickling bytes (or a user's callable that never returns) would otherwise hold it forever.
        The litellm helper's start-up gets a grace period until it first answers (see helper.py)."""
        deadline = request.params.timeout
        grace = getattr(self.model, "deadline_grace", 0.0)
        start = asyncio.get_running_loop().time()
        try:
            return await asyncio.wait_for(self.model.agenerate(request), timeout=deadline + grace)
        except asyncio.CancelledError:
            raise
        except asyncio.TimeoutError:  # retryable (no status code), like any timeout
            latency = asyncio.get_running_loop().time() - start
            return Response(error=f"Timeout: no answer within {deadline:g} s (--csr-timeout)", latency_s=latency)
        except Exception as exc:  # a model wrapper that raises: an error on the item, never a refusal
            return Response(error=f"{type(exc).__name__}: {exc}")

    async def _record(self, job: Job, response: Response) -> None:
        """Store the response as it arrives (on the DB thread, in order; the next call need not wait)."""
        cache = self.cache
        shared = None
        if cache is not None and job.cache_key is not None:
            assert self._db is not None
            if response.error is not None and self._stopping and cache.coordinated:
                self._db.submit(cache.release, job.cache_key)  # cut short: let another worker retry it
            else:
                self._db.submit(cache.complete, job.cache_key, response)
            if self.budget.active and response.cost_usd and cache.coordinated:
                shared = await self._in_db(cache.add_cost, response.cost_usd)
        self.budget.add(response, shared, self.source)

    # ----- waiting for another process's call (xdist)
    def _wait_for(self, job: Job) -> None:
        job.state = "waiting"
        self._waiting[job.cache_key] = job
        if self._poller is None or self._poller.done():
            self._poller = asyncio.get_running_loop().create_task(self._poll())

    async def _poll(self) -> None:
        assert self.cache is not None
        while self._waiting and not self._stopping:
            await asyncio.sleep(self.poll_interval)
            keys = list(self._waiting)
            rows = await self._in_db(self.cache.leases, keys)
            for key in keys:
                await self._check_claim(self._waiting[key], rows.get(key))

    def _lease_lost(self, row: tuple) -> bool:
        """A pending claim whose owner died (or is a zombie) or stopped renewing its lease."""
        owner, _, _, heartbeat = row
        return not pid_alive(owner) or time.time() - heartbeat > self.lease_s

    async def _heartbeat(self) -> None:
        """Renew this process's claims while it lives (a killed worker's claims then expire)."""
        assert self.cache is not None
        while not self._stopping:
            await self._in_db(self.cache.heartbeat)
            await self._pause(self.lease_s / 4)

    async def _check_claim(self, job: Job, row: Optional[tuple]) -> None:
        assert self.cache is not None and job.cache_key is not None
        if row is not None and row[1] == "pending":
            if not self._lease_lost(row):
                return
            await self._in_db(self.cache.take_over, job.cache_key, row[0])
            row = None
        del self._waiting[job.cache_key]
        if row is None:  # released (its process stopped or died): take it over
            job.state = "queued"
            self._put([(URGENT, next(self._seq), job)])
            return
        response = load_response(row[2] or "", cached=False)
        self._settle(job, response or Response(error=f"unreadable shared response for {job.key}"))

    # ----- shutdown
    def close(self, cancel: bool = True) -> None:
        """Stop. With `cancel` (Ctrl-C) in-flight calls are cancelled; without, they finish first."""
        self._stopping = True
        loop = self._loop
        if loop is not None:
            loop.call_soon_threadsafe(self._stop.set)  # type: ignore[union-attr]
            if not cancel:
                running = [j.future for j in list(self._jobs.values()) if j.state == "running"]
                concurrent.futures.wait(running, timeout=self.drain_timeout)
            try:
                asyncio.run_coroutine_threadsafe(_cancel_all(), loop).result(timeout=5)
            except (concurrent.futures.TimeoutError, RuntimeError):
                pass
            loop.call_soon_threadsafe(loop.stop)
            if self._thread is not None:
                self._thread.join(timeout=5)
            if not loop.is_running():
                loop.close()
            self._loop = None
        if self._db is not None:
            self._db.shutdown(wait=True)
        for job in list(self._jobs.values()):
            if not job.future.done():
                job.future.cancel()
        if self.cache is not None:
            self.cache.close()
        closer = getattr(self.model, "close", None)  # e.g. the litellm helper process
        if callable(closer):
            closer(kill=cancel)

    @property
    def problem(self) -> Optional[str]:
        return self.cache.problem if self.cache is not None else None


async def _cancel_all() -> None:
    tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
