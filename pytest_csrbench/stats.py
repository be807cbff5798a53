"""Small, exact statistics: Wilson intervals, and the exact McNemar test on paired pass/miss outcomes.

Two runs of the same cases give paired outcomes. Only the discordant pairs carry information about a
change: `b` cases passed before and missed now, `c` missed before and pass now. Under "no change" each
discordant pair is equally likely to go either way, so `b ~ Binomial(b + c, 1/2)`; the exact two-sided
p-value is twice the smaller tail, capped at 1. Exact integers throughout (no normal approximation),
which matters for the small per-pattern counts a benchmark has.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from math import comb
from typing import Iterable, Optional

Z95 = 1.959963984540054

__all__ = ["binomial_two_sided", "mcnemar_exact", "Paired", "paired_counts", "wilson"]


def wilson(k: float, n: float, z: float = Z95) -> tuple[Optional[float], Optional[float]]:
    """Wilson score interval for k successes out of n (None, None when n == 0). `k` may be fractional:
    with repeated samples it is the summed per-case pass rates over n cases."""
    if n <= 0:
        return None, None
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    lo = 0.0 if k == 0 else max(0.0, centre - half)  # exact at the ends (no rounding just inside them)
    hi = 1.0 if k == n else min(1.0, centre + half)
    return lo, hi


def binomial_two_sided(k: int, n: int) -> float:
    """Exact two-sided p-value of k successes in n trials with p = 1/2 (symmetric, so 2 x smaller tail)."""
    if n < 0 or k < 0 or k > n:
        raise ValueError(f"need 0 <= k <= n, got k={k}, n={n}")
    if n == 0:
        return 1.0
    tail = sum(comb(n, i) for i in range(min(k, n - k) + 1))
    return min(1.0, 2 * tail / (1 << n))  # int / int: exact ratio, correctly rounded to float


def mcnemar_exact(b: int, c: int) -> float:
    """Exact McNemar p-value for b (passed -> missed) and c (missed -> passed) discordant pairs."""
    return binomial_two_sided(b, b + c)


@dataclass(frozen=True)
class Paired:
    """Paired outcomes of one group of shared items (True = passed)."""

    n: int
    base_passed: int
    run_passed: int
    b: int  # passed before, missed now
    c: int  # missed before, passed now

    @property
    def base_rate(self) -> Optional[float]:
        return self.base_passed / self.n if self.n else None

    @property
    def run_rate(self) -> Optional[float]:
        return self.run_passed / self.n if self.n else None

    @property
    def delta(self) -> Optional[float]:
        return (self.c - self.b) / self.n if self.n else None

    @property
    def p_value(self) -> float:
        return mcnemar_exact(self.b, self.c)


def paired_counts(pairs: Iterable[tuple[bool, bool]]) -> Paired:
    """Count (before, now) pass flags into a `Paired`."""
    n = base = run = b = c = 0
    for before, now in pairs:
        n += 1
        base += before
        run += now
        b += before and not now
        c += now and not before
    return Paired(n=n, base_passed=base, run_passed=run, b=b, c=c)
