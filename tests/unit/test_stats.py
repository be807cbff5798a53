"""The exact McNemar test: known values, agreement with the binomial definition, paired counting."""

from __future__ import annotations

from math import comb

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pytest_csrbench.stats import binomial_two_sided, mcnemar_exact, paired_counts


@pytest.mark.parametrize("b,c,expected", [
    (0, 0, 1.0),
    (1, 0, 1.0),
    (0, 5, 0.0625),
    (0, 6, 0.03125),
    (5, 5, 1.0),
    (2, 10, 158 / 4096),  # 2 * (C(12,0) + C(12,1) + C(12,2)) / 2^12
    (10, 2, 158 / 4096),
])
def test_known_values(b: int, c: int, expected: float) -> None:
    assert mcnemar_exact(b, c) == pytest.approx(expected, rel=1e-12)


def _definition(k: int, n: int) -> float:
    """Two-sided p by definition: the total probability of outcomes no more likely than the observed one."""
    probs = [comb(n, i) / 2**n for i in range(n + 1)]
    return min(1.0, sum(p for p in probs if p <= probs[k] * (1 + 1e-9)))


@given(st.integers(0, 60), st.integers(0, 60))
def test_matches_the_binomial_definition_and_is_symmetric(b: int, c: int) -> None:
    p = mcnemar_exact(b, c)
    assert 0.0 < p <= 1.0
    assert p == pytest.approx(_definition(b, b + c), rel=1e-9)
    assert p == mcnemar_exact(c, b)


def test_large_counts_stay_exact_and_tiny() -> None:
    assert mcnemar_exact(0, 1200) < 1e-300  # exact integers: no overflow, no normal approximation
    assert mcnemar_exact(0, 60) == pytest.approx(2 / 2**60)
    assert mcnemar_exact(600, 600) == 1.0


def test_bad_counts_are_rejected() -> None:
    with pytest.raises(ValueError):
        binomial_two_sided(5, 3)


def test_paired_counts() -> None:
    pairs = [(True, True)] * 3 + [(True, False)] * 4 + [(False, True)] + [(False, False)] * 2
    p = paired_counts(pairs)
    assert (p.n, p.base_passed, p.run_passed, p.b, p.c) == (10, 7, 4, 4, 1)
    assert p.base_rate == 0.7 and p.run_rate == 0.4 and p.delta == pytest.approx(-0.3)
    assert p.p_value == mcnemar_exact(4, 1)
    empty = paired_counts([])
    assert empty.base_rate is None and empty.delta is None and empty.p_value == 1.0
