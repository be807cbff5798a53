"""How a benchmark item's outcome becomes a pytest report (see docs/architecture.md, "A miss in pytest").

Registered by the plugin when the benchmark is active. The test body raises `Missed` for a miss; a
failed call or judge raises an `ItemError`. `OneLineReports` turns either into a one-line report
without pytest's traceback rendering; the `pytest_runtest_makereport` wrapper then attaches the item's
record (`report.csrbench`, the results file's item) and its JUnit properties, and, unless --csr-strict,
turns a miss into a pass shown as "M"/MISSED.
"""

from __future__ import annotations

from typing import Any, Optional

import pytest

from .outcomes import ItemError, Missed
from .results import ItemRecord
from .session import BENCHMARK_NODEID, RECORD_KEY, SESSION_KEY
from .textsafe import printable


class OneLineReports:
    """Registered next to this module (a module cannot hold two implementations of one hook)."""

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo) -> Optional[pytest.TestReport]:
        """A benchmark item's miss or error is reported in one line, which the wrapper below then
        rewrites: skip pytest's traceback rendering (source parsing, ~10 ms per item), which would make
        the test loop, not the model, the bottleneck of a run (1,200 items)."""
        exc = call.excinfo
        if exc is None or not isinstance(exc.value, (Missed, ItemError)):
            return None
        if not item.nodeid.startswith(BENCHMARK_NODEID + "::"):
            return None
        sections = [(f"Captured {key} {when}", content)
                    for when, key, content in getattr(item, "_report_sections", [])]
        return pytest.TestReport(item.nodeid, item.location, dict.fromkeys(item.keywords, 1), "failed",
                                 printable(f"{type(exc.value).__name__}: {exc.value}"), call.when, sections,
                                 duration=call.duration, start=call.start, stop=call.stop,
                                 user_properties=item.user_properties)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    record = item.stash.get(RECORD_KEY, None)
    if record is None or report.when == "teardown":
        return report
    excinfo = call.excinfo
    if excinfo is not None and excinfo.errisinstance(ItemError):
        report.longrepr = printable(f"{excinfo.value.what} failed for {record.case_id}:{record.modality}: {excinfo.value}")
    elif report.when == "call" and excinfo is not None and excinfo.errisinstance(Missed):
        _mark_missed(item, report, record, excinfo.value)
    elif report.when != "call":
        return report
    report.csrbench = record.to_dict()  # plain data: xdist ships it to the controller
    _add_properties(item, report, record)
    return report


def _mark_missed(item: pytest.Item, report: pytest.TestReport, record: ItemRecord, exc: BaseException) -> None:
    if item.config.stash[SESSION_KEY].settings.strict and record.modality != "prompt":  # prompt-only: a diagnostic
        from .report.misses import strict_failure_text

        report.longrepr = printable(strict_failure_text(record), keep_newlines=True)
    else:
        report.outcome = "passed"
        report.longrepr = None


def _add_properties(item: pytest.Item, report: pytest.TestReport, record: ItemRecord) -> None:
    props = [("csr_case", record.case_id), ("csr_pattern", record.pattern), ("csr_type", record.type),
             ("csr_modality", record.modality), ("csr_expected", record.expected)]
    if record.verdict is not None:
        props.append(("csr_verdict", record.verdict.get("label")))
    props.append(("csr_outcome", record.outcome))
    existing = {k for k, _ in report.user_properties}
    report.user_properties = [*(p for p in props if p[0] not in existing), *report.user_properties]
    # --junitxml writes the teardown report's properties, which pytest copies from the item: record them there
    on_item = {k for k, _ in item.user_properties}
    item.user_properties[:0] = [p for p in props if p[0] not in on_item]


def pytest_report_teststatus(report: pytest.TestReport, config: pytest.Config):
    record = getattr(report, "csrbench", None)  # the item's record: its outcome is the one source of truth
    if record is not None and record["outcome"] == "missed" and report.when == "call" and report.passed:
        return "missed", "M", ("MISSED", {"yellow": True})
    return None


GATE_NODEID = BENCHMARK_NODEID + "::gate"


def log_gate_report(session: pytest.Session, gate: Any) -> None:
    """The gate as one test case: in --junitxml (passed or failed, with the gate's reasons) and, when it
    fails, in the terminal's counts and its FAILURES section, so CI test tabs show a red gate as red.

    Given to the JUnit writer and the terminal's statistics directly, not through pytest_runtest_logreport:
    `--lf` and the per-item progress line are about items, and the gate is not one."""
    passed = bool(gate.passed)
    reasons = list(gate.reasons)
    longrepr = None if passed else f"gate FAILED: {'; '.join(reasons)}\n" + "\n".join(f"  - {r}" for r in reasons)
    location = (BENCHMARK_NODEID, None, "gate")
    props = [("csr_gate", "passed" if passed else "failed")]
    call = pytest.TestReport(GATE_NODEID, location, {}, "passed" if passed else "failed", longrepr, "call",
                             user_properties=props)
    teardown = pytest.TestReport(GATE_NODEID, location, {}, "passed", None, "teardown", user_properties=props)
    from _pytest.junitxml import xml_key

    xml = session.config.stash.get(xml_key, None)
    if xml is not None:
        xml.pytest_runtest_logreport(call)
        xml.pytest_runtest_logreport(teardown)
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None and not passed:
        reporter.stats.setdefault("failed", []).append(call)
