"""What keeps a run within bounds: a token-bucket rate limit, a circuit breaker and a cost budget.

All three are small, synchronous-state objects used from the runner's event loop; the clock and the
sleep function are injectable so tests need no real time.
"""

from __future__ import annotations

import asyncio
import time
from typing import Awaitable, Callable, Optional

from .base import Response

# Failures that say something about the provider, not about one request: connection errors and timeouts
# (no status), server errors, rate limits that outlasted the retries, and auth / unknown-model answers
# that every later call would get too. 400, 413, 422 and the like concern one request and do not count.
PROVIDER_FAILURE_4XX = frozenset({401, 403, 404, 408, 429})


class TokenBucket:
    """`--csr-rpm`: at most `per_minute` call attempts a minute, in bursts of at most `burst`."""

    def __init__(self, per_minute: float, burst: Optional[float] = None,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep):
        if per_minute <= 0:
            raise ValueError("per_minute must be positive")
        self.rate = per_minute / 60.0
        self.capacity = max(1.0, burst if burst is not None else self.rate)  # one second's worth by default
        self.tokens = self.capacity
        self._clock = clock
        self._sleep = sleep
        self._stamp = clock()
        self._lock: Optional[asyncio.Lock] = None

    def _refill(self) -> None:
        now = self._clock()
        self.tokens = min(self.capacity, self.tokens + (now - self._stamp) * self.rate)
        self._stamp = now

    async def acquire(self) -> None:
        if self._lock is None:
            self._lock = asyncio.Lock()
        async with self._lock:  # first come, first served
            while True:
                self._refill()
                if self.tokens >= 1.0 - 1e-9:  # tolerate float rounding of the refill
                    self.tokens = max(0.0, self.tokens - 1.0)
                    return
                await self._sleep((1.0 - self.tokens) / self.rate)


def is_provider_failure(response: Response) -> bool:
    if response.error is None:
        return False
    status = response.status_code
    return status is None or status >= 500 or status in PROVIDER_FAILURE_4XX


class CircuitBreaker:
    """Opens after `threshold` consecutive provider failures (each one a call that used up its retries).

    Once open, no more calls are made: every remaining item gets `rejection()`, an error naming the cause.
    A success resets the count; request-specific errors (400, 422...) neither count nor reset.
    `threshold` 0 disables the breaker.
    """

    def __init__(self, threshold: int):
        self.threshold = max(0, threshold)
        self.consecutive = 0
        self.last: Optional[Response] = None
        self.is_open = False

    def record(self, response: Response) -> None:
        if response.error is None:
            self.consecutive = 0
        elif is_provider_failure(response):
            self.consecutive += 1
            self.last = response
            if self.threshold and self.consecutive >= self.threshold:
                self.is_open = True

    def rejection(self) -> Response:
        last = self.last or Response(error="unknown")
        status = f"HTTP {last.status_code}: " if last.status_code else ""
        return Response(error=f"circuit breaker open: stopped calling the provider after {self.consecutive} "
                              f"consecutive failed calls (last: {status}{last.error}); check the endpoint, "
                              f"or raise --csr-breaker (0 disables it)", status_code=last.status_code)


class BudgetExhausted(Exception):
    """`--csr-max-cost` was reached before this item's call was issued: the item is skipped."""


class Budget:
    """`--csr-max-cost USD`: no new call is issued once the running cost has reached the limit.

    Calls already in flight finish (and are cached), so a run may end slightly above the limit.
    `total` is the run's cost across processes when the runner shares a counter (xdist), else `spent`.
    """

    def __init__(self, max_cost: Optional[float]):
        self.max_cost = max_cost
        self.spent = 0.0  # by this process
        self.total = 0.0  # by the whole run, as last known
        self.unpriced = 0  # successful calls whose cost is unknown
        self.parts: dict[str, float] = {}  # spent by this process, per source ("model", "judge")

    @property
    def active(self) -> bool:
        return self.max_cost is not None

    def add(self, response: Response, shared_total: Optional[float] = None, source: str = "model") -> None:
        cost = response.cost_usd
        if cost is None and response.error is None and not response.cached:
            self.unpriced += 1
        self.spent += cost or 0.0
        self.parts[source] = self.parts.get(source, 0.0) + (cost or 0.0)
        self.total = shared_total if shared_total is not None else max(self.total, self.spent)

    def observe(self, shared_total: Optional[float]) -> None:
        if shared_total is not None:
            self.total = max(self.total, shared_total)

    @property
    def exhausted(self) -> bool:
        return self.max_cost is not None and self.total >= self.max_cost

    def reason(self, what: str = "model call") -> str:
        parts = ""
        if self.parts.get("judge"):  # the LLM judge's calls count against the same budget
            parts = " (" + ", ".join(f"{k} ${v:.4f}" for k, v in sorted(self.parts.items())) + " in this process)"
        return (f"--csr-max-cost reached: ${self.total:.4f} spent of ${self.max_cost:.4f}{parts}; "
                f"this item's {what} was not made")
