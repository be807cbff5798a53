"""The benchmark's one parametrized test: `test_case[<case id>:<image|text|prompt>]` (`...:s<k>` with --csr-samples).

Collected only when `--csr-model` is given (the plugin adds this module to the session).
"""

from __future__ import annotations

import pytest

from .session import SESSION_KEY, raise_for_outcome


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "csr_item" not in metafunc.fixturenames:
        return
    csr = metafunc.config.stash[SESSION_KEY]
    params = [pytest.param(item, id=item.ident, marks=_marks(item)) for item in csr.case_items()]
    metafunc.parametrize("csr_item", params)


def _marks(item) -> list:
    marks = [pytest.mark.csr, getattr(pytest.mark, f"csr_{item.case.pattern}")]
    reason = item.case.unavailable.get(item.modality)
    if reason:  # e.g. a source without a text-only control: skipped with the reason, recorded as 'skipped'
        marks.append(pytest.mark.skip(reason=f"{item.modality} item unavailable: {reason}"))
    return marks


def test_case(csr_item, csr_verdict) -> None:
    raise_for_outcome(csr_verdict)  # a miss leaves the test body as `Missed` (docs/architecture.md)

