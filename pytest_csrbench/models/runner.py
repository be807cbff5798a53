"""Run model calls concurrently on a background event loop; each pytest item waits only for its own call.

Bounded concurrency, bounded retries with exponential backoff and jitter (honouring Retry-After), and
errors classified by status code: 429, 408/409/425, 5xx, timeouts and connection failures are retried;
other 4xx never are.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import random
import threading
from typing import Any, Callable, Optional

from .base import Request, Response

RETRYABLE_4XX = frozenset({408, 409, 425, 429})


def is_retryable(response: Response) -> bool:
    if response.error is None:
        return False
    status = response.status_code
    return status is None or status in RETRYABLE_4XX or status >= 500


def backoff_delay(attempt: int, base: float, cap: float, retry_after: Optional[float], rng: random.Random) -> float:
    """Full-jitter exponential backoff; a server's Retry-After wins when it asks for longer."""
    delay = rng.uniform(0, min(cap, base * (2 ** attempt)))
    if retry_after is not None:
        delay = max(delay, min(retry_after, cap))
    return delay


class Runner:
    """Owns an asyncio loop in a daemon thread. `submit` returns a concurrent Future of a Response."""

    def __init__(self, model: Any, concurrency: int = 16, retries: int = 4, backoff_base: float = 0.5,
                 backoff_cap: float = 30.0, seed: int = 0):
        self.model = model
        self.concurrency = max(1, concurrency)
        self.retries = max(0, retries)
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self._rng = random.Random(seed)
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self._thread: Optional[threading.Thread] = None
        self._sem: Optional[asyncio.Semaphore] = None
        self._futures: dict[Any, concurrent.futures.Future] = {}
        self._lock = threading.Lock()

    def _ensure_loop(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self._loop is None:
                loop = asyncio.new_event_loop()
                ready = threading.Event()

                def run() -> None:
                    asyncio.set_event_loop(loop)
                    self._sem = asyncio.Semaphore(self.concurrency)
                    ready.set()
                    loop.run_forever()

                self._thread = threading.Thread(target=run, name="csrbench-runner", daemon=True)
                self._thread.start()
                ready.wait()
                self._loop = loop
            return self._loop

    def submit(self, key: Any, make_request: Callable[[], Request]) -> concurrent.futures.Future:
        """Start (once per key) the call for `key`; later calls with the same key share the future."""
        with self._lock:
            fut = self._futures.get(key)
        if fut is not None:
            return fut
        loop = self._ensure_loop()
        with self._lock:
            fut = self._futures.get(key)
            if fut is None:
                fut = asyncio.run_coroutine_threadsafe(self._call(make_request), loop)
                self._futures[key] = fut
        return fut

    async def _call(self, make_request: Callable[[], Request]) -> Response:
        assert self._sem is not None
        request = make_request()
        async with self._sem:
            attempt = 0
            while True:
                response = await self._attempt(request)
                response = response.model_copy(update={"attempts": attempt + 1})
                if not is_retryable(response) or attempt >= self.retries:
                    return response
                await asyncio.sleep(backoff_delay(attempt, self.backoff_base, self.backoff_cap,
                                                  response.retry_after_s, self._rng))
                attempt += 1

    async def _attempt(self, request: Request) -> Response:
        try:
            return await self.model.agenerate(request)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # a model wrapper that raises: an error on the item, never a refusal
            return Response(error=f"{type(exc).__name__}: {exc}")

    def close(self) -> None:
        """Cancel what is still running (ours and the client library's background tasks), stop the loop."""
        loop = self._loop
        if loop is None:
            return
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


async def _cancel_all() -> None:
    tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
