"""pytest hooks of pytest-csrbench: thin, delegating to the CsrSession kept in config.stash.

Never imports litellm: the model is built lazily when the first benchmark item needs it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import pytest

from .options import add_options, read_settings, warn_about_samples
from .session import BENCHMARK_NODEID, RECORD_KEY, SESSION_KEY, CaseItem, CsrSession, raise_judge_error, raise_model_error
PATTERN_MARKERS = {
    "csr": "a pytest-csrbench benchmark item",
    "csr_safety": "benchmark item of the safety pattern (expected: refuse)",
    "csr_over_rejection": "benchmark item of the over-rejection pattern (expected: comply)",
    "csr_bias": "benchmark item of the bias pattern (expected: unbiased)",
    "csr_hallucination": "benchmark item of the hallucination pattern (expected: grounded)",
}


def pytest_addoption(parser: pytest.Parser) -> None:
    add_options(parser)


def pytest_configure(config: pytest.Config) -> None:
    for name, text in PATTERN_MARKERS.items():
        config.addinivalue_line("markers", f"{name}: {text}")
    if not config.getoption("--csr-model"):
        return
    from .rerun import take_node_ids

    config.option.csr_node_ids = take_node_ids(config, BENCHMARK_NODEID + "::")  # pasted printed ids
    settings = read_settings(config)
    from .preflight import check_settings

    check_settings(config, settings)  # a typo is one usage error (exit 4) before any call, not 1,336 ERRORs
    warn_about_samples(config, settings)
    from .models.runs import start_warm_helper

    warm = start_warm_helper(config, settings)  # first: its import of litellm overlaps with loading the cases
    cases = _load_cases(settings)
    csr = CsrSession(config, settings, cases, warm=warm)
    config.stash[SESSION_KEY] = csr
    _install_interrupts(config, settings)
    config.pluginmanager.register(csr, "csrbench-session")  # receives pytest_runtest_logreport
    from . import item_reports
    from .coordination import CsrCoordination

    config.pluginmanager.register(item_reports, "csrbench-item-reports")  # outcomes -> pytest reports
    config.pluginmanager.register(item_reports.OneLineReports(), "csrbench-one-line-reports")
    config.pluginmanager.register(CsrCoordination(csr), "csrbench-coordination")  # xdist hand-over
    if settings.robustness:  # --csr-robustness N: test_robust[<case id>] (robust/)
        from .robust import hooks as robust_hooks

        config.pluginmanager.register(robust_hooks, "csrbench-robustness")
    if not hasattr(config, "workerinput"):  # the controller decides; xdist ships option values to workers
        config.option.csr_only = config.args_source != pytest.Config.ArgsSource.ARGS or (
            bool(config.option.csr_node_ids) and not config.args)


INTERRUPTS_KEY = pytest.StashKey[Any]()


def _install_interrupts(config: pytest.Config, settings: Any) -> None:
    """SIGTERM stops the run like Ctrl-C (results written, marked incomplete); a second signal exits at once."""
    from .interrupts import Interrupts

    handler = Interrupts((settings.json_path, getattr(settings, "html_path", None)),
                         worker=hasattr(config, "workerinput"))
    if handler.install():
        config.stash[INTERRUPTS_KEY] = handler
        config.add_cleanup(handler.uninstall)


def _load_cases(settings: Any) -> list:
    from .cases.errors import PackError
    from .cases.sources import load_sources

    try:
        return load_sources(settings.cases, bundled=settings.bundled)
    except PackError as exc:
        raise pytest.UsageError(f"invalid case pack:\n{exc.render()}") from None


def _csr(config: pytest.Config) -> Optional[CsrSession]:
    return config.stash.get(SESSION_KEY, None)


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> Optional[bool]:
    # `pytest --csr-model=M` with no path arguments runs the bundled benchmark only, from any directory.
    if _csr(config) is not None and getattr(config.option, "csr_only", False):
        return True
    return None


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list) -> None:
    if _csr(config) is None:
        return
    from . import benchmark

    from _pytest.runner import collect_one_node

    module = pytest.Module.from_parent(session, path=Path(benchmark.__file__), nodeid=BENCHMARK_NODEID)
    report = collect_one_node(module)
    session.ihook.pytest_collectreport(report=report)  # counted and shown like any collected module
    if report.passed:
        items.extend(report.result)
    from .rerun import select

    select(config, items, BENCHMARK_NODEID + "::")  # pasted node ids, --csr-rerun-misses


def pytest_collection_finish(session: pytest.Session) -> None:
    csr = _csr(session.config)
    if csr is None:
        return
    csr.select([i.callspec.params["csr_item"] for i in session.items
                if getattr(i, "callspec", None) and "csr_item" in i.callspec.params])
    if csr.settings.estimate:  # price the run and call nothing: every item is deselected
        csr.run_estimate()
        session.config.hook.pytest_deselected(items=list(session.items))
        session.items[:] = []
    else:
        csr.check_provider_keys()  # after collection, so the helper's import of litellm overlapped with it


@pytest.hookimpl(optionalhook=True)  # xdist's hook: `-p no:xdist` (or no xdist) must not be an INTERNALERROR
def pytest_xdist_node_collection_finished(node: Any, ids: list[str]) -> None:
    csr = _csr(node.config)
    if csr is not None and csr.expected_items is None:
        csr.expect(sum(1 for i in ids if i.startswith(BENCHMARK_NODEID + "::")))


@pytest.fixture(scope="session")
def csr_session(pytestconfig: pytest.Config) -> CsrSession:
    csr = _csr(pytestconfig)
    if csr is None:
        pytest.skip("pytest-csrbench is not active (pass --csr-model)")
    return csr


@pytest.fixture(scope="session")
def csr_base_model(csr_session: CsrSession) -> Any:
    """The model built from --csr-model (litellm, built-in or replay). Wrap it in your own csr_model."""
    from .models.factory import build_model

    s = csr_session.settings
    try:
        return build_model(s.model, s.params, api_base=s.api_base, price_in=s.price_in, price_out=s.price_out)
    except ValueError as exc:
        raise pytest.UsageError(str(exc)) from None


@pytest.fixture(scope="session")
def csr_model(csr_base_model: Any) -> Any:
    """The model under test. Override this fixture in your conftest.py to test your application."""
    return csr_base_model


@pytest.fixture
def csr_response(csr_item: CaseItem, csr_model: Any, csr_session: CsrSession, request: pytest.FixtureRequest):
    from .models.callable_model import as_model

    response = csr_session.response(csr_item, as_model(csr_model, name=csr_session.settings.model))
    if response.error is not None:
        request.node.stash[RECORD_KEY] = csr_session.record(csr_item, "error", response=response,
                                                            error=response.error)
        raise_model_error(response)
    return response


@pytest.fixture
def csr_verdict(csr_item: CaseItem, csr_response: Any, csr_session: CsrSession, request: pytest.FixtureRequest):
    """The judge's verdict on the response; a judge failure is an ERROR on the item."""
    verdict, record = csr_session.evaluate(csr_item, csr_response)
    request.node.stash[RECORD_KEY] = record
    if record.outcome == "error":
        raise_judge_error(record.error or "")
    return verdict


@pytest.hookimpl(tryfirst=True)  # before --junitxml writes its file: the gate is one of its test cases
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    csr = _csr(session.config)
    if csr is None or hasattr(session.config, "workerinput"):
        return
    if csr.settings.estimate:
        if exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED and csr.estimate_lines is not None:
            session.exitstatus = pytest.ExitCode.OK
        return
    interrupts = session.config.stash.get(INTERRUPTS_KEY, None)
    if interrupts is not None:
        interrupts.finishing()  # a signal from now on does not cut a report in half
    result = csr.finish(session, exitstatus)
    from .rerun import remember

    remember(session.config, csr.records)
    if result.gate is not None:
        from .item_reports import log_gate_report

        log_gate_report(session, result.gate)


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    csr = _csr(config)
    if csr is not None and csr.estimate_lines is not None:
        for line in csr.estimate_lines:
            terminalreporter.write_line(line)
        return
    if csr is None or hasattr(config, "workerinput") or csr.result is None or config.option.collectonly:
        return  # --collect-only: nothing ran, so no summary (not an "incomplete run")
    from .report.terminal import summary_lines
    from .textsafe import printable

    for line, markup in summary_lines(csr.result):
        terminalreporter.write_line(printable(line), **markup)  # a provider's text may hold escape sequences
