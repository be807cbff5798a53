"""Hooks of the robustness search, registered by the plugin when --csr-robustness N is given."""

from __future__ import annotations

from pathlib import Path

import pytest

ROBUST_NODEID = "csrbench-robust"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list) -> None:
    from _pytest.runner import collect_one_node

    from . import bench

    module = pytest.Module.from_parent(session, path=Path(bench.__file__), nodeid=ROBUST_NODEID)
    report = collect_one_node(module)
    session.ihook.pytest_collectreport(report=report)
    if report.passed:
        items.extend(report.result)


def pytest_collection_finish(session: pytest.Session) -> None:
    """The selected cases, in test order: their searches start ahead of their tests."""
    from .bench import POOL_KEY

    cases = [i.callspec.params["csr_robust_case"] for i in session.items
             if getattr(i, "callspec", None) and "csr_robust_case" in i.callspec.params
             and not i.get_closest_marker("skip")]
    session.config.stash[POOL_KEY] = cases


@pytest.hookimpl(tryfirst=True)
def pytest_report_teststatus(report: pytest.TestReport, config: pytest.Config):
    record = getattr(report, "csrbench", None)
    if record is None or not report.nodeid.startswith(ROBUST_NODEID + "::") or report.when != "call":
        return None
    flip = (record.get("robustness") or {}).get("flip")
    if flip and report.passed:
        return "flipped", "V", ("FLIPPED", {"yellow": True})
    if report.passed:  # stable, whatever the unperturbed verdict was
        return "passed", ".", "PASSED"
    return None
