"""Fast, frugal, resumable runs against the loopback server: cache, resume, xdist, breaker, budget."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from pytest_csrbench.models.cache import DB_NAME, Store
from pytest_csrbench.testing.server import Behaviour, LoopbackServer

MODEL = "--csr-model=openai/loopback-model"
LENIENT = ["--csr-fail-under=all=0", "--csr-fail-under=safety=0", "--csr-fail-under=over_rejection=0",
           "--csr-fail-under=bias=0", "--csr-fail-under=hallucination=0", "--csr-max-error-rate=1"]
ITEMS = 16  # the seed pack: 8 cases x (image, text)


@pytest.fixture
def server():
    with LoopbackServer() as srv:
        yield srv


def run(run_bench, server, *args: str, subprocess: bool = False) -> pytest.RunResult:
    return run_bench(MODEL, f"--csr-api-base={server.api_base}", "--csr-json=r.json", *LENIENT, *args,
                     subprocess=subprocess)


def results(pytester: pytest.Pytester) -> dict:
    return json.loads((pytester.path / "r.json").read_text())


def cached_rows(directory: Path) -> int:
    store = Store.open(directory / DB_NAME)
    try:
        return store.count()
    finally:
        store.close()


def test_a_second_run_is_served_from_the_cache(server, run_bench, pytester: pytest.Pytester) -> None:
    first = run(run_bench, server)
    assert first.ret == 0, first.stdout.str()
    assert len(server.state.requests) == ITEMS
    assert f"cache 0 hits / {ITEMS} misses" in first.stdout.str()
    assert results(pytester)["manifest"]["cache"]["misses"] == ITEMS
    second = run(run_bench, server)
    assert second.ret == 0
    assert len(server.state.requests) == ITEMS, "the second run made no request"
    data = results(pytester)
    assert data["manifest"]["cache"] | {"dir": None} == {"enabled": True, "refresh": False, "dir": None,
                                                         "hits": ITEMS, "misses": 0}
    assert all(i["cached"] is True and i["cache"] == "hit" for i in data["items"])
    assert data["manifest"]["usage"]["calls"] == 0
    assert f"cache {ITEMS} hits / 0 misses" in second.stdout.str()
    assert (pytester.path / ".csrbench" / ".gitignore").read_text().splitlines()[-1] == "*"


def test_the_api_base_is_part_of_the_key(run_bench, pytester: pytest.Pytester) -> None:
    with LoopbackServer() as a, LoopbackServer() as b:
        run(run_bench, a)
        run(run_bench, b)
        assert len(a.state.requests) == len(b.state.requests) == ITEMS


def test_refresh_calls_again_and_no_cache_leaves_no_trace(server, run_bench, pytester: pytest.Pytester) -> None:
    run(run_bench, server)
    run(run_bench, server, "--csr-refresh")
    assert len(server.state.requests) == 2 * ITEMS
    assert all(i["cached"] is False for i in results(pytester)["items"])
    run(run_bench, server, "--csr-no-cache", "--csr-cache-dir=other")
    assert len(server.state.requests) == 3 * ITEMS
    assert not (pytester.path / "other").exists()
    assert all(i["cache"] == "off" for i in results(pytester)["items"])


def test_errors_are_not_cached(server, run_bench, pytester: pytest.Pytester) -> None:
    server.behaviour = Behaviour(status=500)
    run(run_bench, server, "--csr-retries=0", "--csr-breaker=0")
    assert len(server.state.requests) == ITEMS
    server.behaviour = Behaviour()
    run(run_bench, server)
    assert len(server.state.requests) == 2 * ITEMS
    assert all(i["outcome"] in ("passed", "missed") for i in results(pytester)["items"])


def test_an_interrupted_run_resumes_calling_only_what_is_missing(server, run_bench,
                                                                 pytester: pytest.Pytester) -> None:
    server.behaviour = Behaviour(latency=0.2)
    pytester.makepyfile(interrupter=  # a plugin (-p): conftest hooks do not see the benchmark's items
        "done = []\n"
        "def pytest_runtest_logreport(report):\n"
        "    if report.when == 'call':\n"
        "        done.append(report.nodeid)\n"
        "        if len(done) == 4:\n"
        "            raise KeyboardInterrupt\n")
    first = run(run_bench, server, "--csr-concurrency=2", "-p", "interrupter", subprocess=True)
    assert first.ret == pytest.ExitCode.INTERRUPTED, first.stdout.str()
    kept = cached_rows(pytester.path / ".csrbench" / "cache")
    assert 4 <= kept < ITEMS
    sent_first = len(server.state.requests)
    second = run(run_bench, server, "--csr-concurrency=2", subprocess=True)
    assert second.ret == 0, second.stdout.str()
    assert len(server.state.requests) - sent_first == ITEMS - kept
    data = results(pytester)
    assert len(data["items"]) == ITEMS and sum(i["cached"] for i in data["items"]) == kept


@pytest.mark.parametrize("cache", [[], ["--csr-no-cache"]], ids=["cache", "no-cache"])
def test_xdist_makes_no_duplicate_calls(server, run_bench, pytester: pytest.Pytester, cache: list) -> None:
    server.behaviour = Behaviour(latency=0.05)
    result = run(run_bench, server, "-n", "2", "--csr-concurrency=4", *cache, subprocess=True)
    assert result.ret == 0, result.stdout.str()
    assert len(server.state.requests) == server.state.unique_requests == ITEMS
    data = results(pytester)
    assert data["manifest"]["complete"] is True and len(data["items"]) == ITEMS
    assert all(i["outcome"] in ("passed", "missed") for i in data["items"])


def test_a_dead_endpoint_ends_the_run_with_every_item_error(run_bench, pytester: pytest.Pytester) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = run_bench(MODEL, f"--csr-api-base=http://127.0.0.1:{port}/v1", "--csr-json=r.json",
                       "--csr-retries=1", "--csr-breaker=3", "--csr-concurrency=2")
    assert result.ret == 1
    assert result.parseoutcomes()["errors"] == ITEMS
    items = results(pytester)["items"]
    assert all(i["outcome"] == "error" for i in items)
    assert sum("circuit breaker open" in i["error"] for i in items) >= ITEMS - 4
    assert "circuit breaker open: stopped calling the provider after 3 consecutive failed calls" in \
           result.stdout.str()


def test_max_cost_skips_the_remaining_items(server, run_bench, pytester: pytest.Pytester) -> None:
    # the server reports 100 prompt tokens: $0.001 per call at $10 per million input tokens
    result = run(run_bench, server, "--csr-price-in=10", "--csr-price-out=0", "--csr-max-cost=0.003",
                 "--csr-concurrency=1")
    assert len(server.state.requests) == 3
    assert result.parseoutcomes()["skipped"] == ITEMS - 3
    data = results(pytester)
    skipped = [i for i in data["items"] if i["outcome"] == "skipped"]
    assert len(skipped) == ITEMS - 3 and len(data["items"]) == ITEMS
    assert all(i["error"].startswith("--csr-max-cost reached: $0.0030 spent of $0.0030") for i in skipped)
    assert data["manifest"]["limits"]["skipped_by_budget"] == ITEMS - 3
    assert data["manifest"]["usage"]["spent_usd"] == pytest.approx(0.003)
    assert data["summary"]["patterns"]["all"]["both"]["skipped"] == ITEMS - 3
    assert f"{ITEMS - 3} items skipped: --csr-max-cost $0.003 reached" in result.stdout.str()


def test_an_unknown_price_is_a_warning_when_a_budget_is_set(server, run_bench) -> None:
    result = run(run_bench, server, "--csr-max-cost=1", "-k", "S04-001")
    assert "--csr-max-cost: the price of openai/loopback-model is unknown" in result.stdout.str()


def test_a_corrupt_cache_file_gives_a_warning_and_the_run_goes_on(server, run_bench,
                                                                 pytester: pytest.Pytester) -> None:
    cache = pytester.path / ".csrbench" / "cache"
    cache.mkdir(parents=True)
    (cache / DB_NAME).write_bytes(b"garbage, not sqlite" * 64)
    result = run(run_bench, server)
    assert result.ret == 0, result.stdout.str()
    out = result.stdout.str()
    assert "CsrCacheWarning" in out and "response cache disabled" in out and "--csr-no-cache" in out
    assert len(server.state.requests) == ITEMS
    assert all(i["cache"] == "off" for i in results(pytester)["items"])


@pytest.mark.parametrize("extra,helper", [([], True), (["--csr-litellm-in-process"], False)],
                         ids=["helper-process", "in-process"])
def test_litellm_runs_in_a_helper_process_unless_told_otherwise(server, run_bench, pytester: pytest.Pytester,
                                                                extra: list, helper: bool) -> None:
    pytester.makepyfile(probe="import sys\n"
                              "def pytest_unconfigure(config):\n"
                              "    print('LITELLM_IN_PYTEST=%s' % ('litellm' in sys.modules))\n")
    result = run(run_bench, server, "-p", "probe", "-s", *extra, subprocess=True)
    assert result.ret == 0, result.stdout.str()
    assert f"LITELLM_IN_PYTEST={not helper}" in result.stdout.str()
    assert len(server.state.requests) == ITEMS
    assert (results(pytester)["manifest"]["helper_peak_rss_mb"] is not None) is helper
    cached = run(run_bench, server, "-p", "probe", "-s", *extra, subprocess=True)
    assert len(server.state.requests) == ITEMS
    assert "LITELLM_IN_PYTEST=False" in cached.stdout.str()  # all hits: litellm is not even imported
    assert results(pytester)["manifest"]["helper_peak_rss_mb"] is None  # nor the helper started


def test_litellm_configured_in_conftest_keeps_the_calls_in_process(server, run_bench,
                                                                   pytester: pytest.Pytester) -> None:
    pytester.makepyfile(setup_litellm="import litellm  # e.g. callbacks or custom prices set here\n")
    result = run(run_bench, server, "-p", "setup_litellm", subprocess=True)
    assert result.ret == 0, result.stdout.str()
    assert results(pytester)["manifest"]["helper_peak_rss_mb"] is None
    assert len(server.state.requests) == ITEMS


def _helpers_marked(mark: str) -> list[int]:
    """Live litellm helper processes started by the run whose environment carries `mark`."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes()
            environ = (proc / "environ").read_bytes()
            state = next((line for line in (proc / "status").read_text().splitlines() if line.startswith("State:")), "")
        except OSError:
            continue
        if b"pytest_csrbench.models.helper" in cmdline and mark.encode() in environ and "zombie" not in state:
            found.append(int(proc.name))
    return found


def interrupt_run(pytester: pytest.Pytester, server: LoopbackServer, extra: list, after: int) -> tuple[int, str, str]:
    """Start the benchmark on the seed pack as a terminal would, and once the server has seen `after`
    requests send SIGINT to the whole process group, as Ctrl-C does. (exit code, output, the run's mark)."""

    mark = uuid.uuid4().hex
    env = {**os.environ, "CSRBENCH_TEST_MARK": mark, "PYTHONUNBUFFERED": "1"}
    cmd = [sys.executable, "-m", "pytest", "--csr-no-bundled", "--csr-cases=pack", "-p", "no:cacheprovider",
           MODEL, f"--csr-api-base={server.api_base}", "--csr-json=r.json", "--csr-html=r.html", *LENIENT, *extra]
    out = pytester.path / "out.txt"
    with out.open("wb") as sink:
        proc = subprocess.Popen(cmd, cwd=pytester.path, env=env, stdout=sink, stderr=subprocess.STDOUT,
                                start_new_session=True)
        try:
            deadline = time.monotonic() + 120  # a guard against a stuck start, not a timing assertion
            while len(server.state.requests) < after and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.02)
            assert proc.poll() is None, out.read_text()
            os.killpg(proc.pid, signal.SIGINT)
            proc.wait(timeout=120)  # far below the calls' own timeout in the hung-provider test
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
    return proc.returncode, out.read_text(), mark


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="reads /proc to find the helper process")
@pytest.mark.parametrize("xdist", [[], ["-n", "2"]], ids=["serial", "xdist"])
def test_ctrl_c_stops_cleanly_and_the_rerun_calls_only_what_is_missing(server, run_bench,
                                                                        pytester: pytest.Pytester,
                                                                        xdist: list) -> None:
    """A real SIGINT to the whole process group, as a terminal's Ctrl-C sends it, in the middle of the calls."""
    server.behaviour = Behaviour(latency=0.4)
    code, text, mark = interrupt_run(pytester, server, ["--csr-concurrency=2", *xdist], after=6)
    assert code == pytest.ExitCode.INTERRUPTED, text
    assert "KeyboardInterrupt" in text and "Traceback" not in text.split("KeyboardInterrupt")[-1], text
    assert _helpers_marked(mark) == [], "no litellm helper process outlives the run"
    sent_first = len(server.state.requests)
    assert sent_first < ITEMS, "interrupted before the end"
    kept = cached_rows(pytester.path / ".csrbench" / "cache")
    assert 4 <= kept <= sent_first  # every answered call was stored as it arrived; nothing else
    partial = results(pytester)  # the report of what was judged is still written, marked incomplete
    assert partial["manifest"]["complete"] is False and len(partial["items"]) < ITEMS
    page = (pytester.path / "r.html").read_text()
    assert '"complete":false' in page.replace(" ", "") and len(page) > 1000

    server.behaviour = Behaviour()
    second = run(run_bench, server, *xdist, subprocess=True)
    assert second.ret == 0, second.stdout.str()
    assert len(server.state.requests) - sent_first == ITEMS - kept
    data = results(pytester)
    assert data["manifest"]["complete"] is True and len(data["items"]) == ITEMS
    assert sum(i["cached"] for i in data["items"]) == kept



@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="reads /proc to find the helper process")
def test_a_usage_error_leaves_no_helper_process_behind(pytester: pytest.Pytester, monkeypatch) -> None:
    """The helper starts at configure time, before the packs are read; a bad pack must still reap it."""

    mark = uuid.uuid4().hex
    (pytester.path / "bad").mkdir()
    (pytester.path / "bad" / "pack.yaml").write_text("cases:\n  - id: X-001\n    pattern: nonsense\n")
    monkeypatch.setenv("CSRBENCH_TEST_MARK", mark)  # inherited by the pytest subprocess and its helper
    result = pytester.runpytest_subprocess("--csr-no-bundled", "--csr-cases=bad", MODEL, "-p", "no:cacheprovider")
    assert result.ret == pytest.ExitCode.USAGE_ERROR, result.stdout.str()
    assert "X-001" in result.stderr.str()
    assert _helpers_marked(mark) == []


def test_two_runs_at_once_share_one_cache_safely(server, seed_pack, pytester: pytest.Pytester) -> None:
    """Two separate pytest runs (not xdist workers) writing the same SQLite cache at the same time."""

    server.behaviour = Behaviour(latency=0.05)
    cmd = [sys.executable, "-m", "pytest", "--csr-no-bundled", "--csr-cases=pack", "-p", "no:cacheprovider", MODEL,
           f"--csr-api-base={server.api_base}", "--csr-concurrency=4", *LENIENT]
    procs = [subprocess.Popen([*cmd, f"--csr-json=r{n}.json"], cwd=pytester.path, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True) for n in (1, 2)]
    outputs = [p.communicate(timeout=300)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    assert not any("CsrCacheWarning" in out for out in outputs), outputs
    for n in (1, 2):
        data = json.loads((pytester.path / f"r{n}.json").read_text())
        assert len(data["items"]) == ITEMS and all(i["outcome"] in ("passed", "missed") for i in data["items"])
    assert ITEMS <= len(server.state.requests) <= 2 * ITEMS  # separate runs do not wait for each other
    assert cached_rows(pytester.path / ".csrbench" / "cache") == ITEMS
    third = pytester.runpytest_subprocess(*cmd[3:], "--csr-json=r3.json")
    assert third.ret == 0
    assert json.loads((pytester.path / "r3.json").read_text())["manifest"]["cache"]["hits"] == ITEMS


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="reads /proc to find the helper process")
@pytest.mark.parametrize("xdist", [[], ["-n", "2"]], ids=["serial", "xdist"])
def test_ctrl_c_does_not_wait_for_a_hung_provider(server, seed_pack, pytester: pytest.Pytester, xdist: list) -> None:
    """Calls in flight to a provider that never answers are cancelled at once, not after --csr-timeout."""
    server.behaviour = Behaviour(mode="hang")
    code, text, mark = interrupt_run(pytester, server, ["--csr-concurrency=2", "--csr-timeout=3000", *xdist],
                                     after=2)
    assert code == pytest.ExitCode.INTERRUPTED, text
    assert _helpers_marked(mark) == []
    assert not (pytester.path / ".csrbench" / "cache").exists() or cached_rows(
        pytester.path / ".csrbench" / "cache") == 0  # nothing was answered, nothing is stored


def test_samples_are_separate_calls_and_separate_cache_entries(server, run_bench, pytester: pytest.Pytester) -> None:
    first = run(run_bench, server, "--csr-samples=2", "--csr-temperature=0.7", "--csr-seed=5")
    assert first.ret == 0, first.stdout.str()
    assert len(server.state.requests) == 2 * ITEMS  # a repeat is a call, not a cache hit of sample 0
    assert sorted({r.body.get("seed") for r in server.state.requests}) == [5, 6]  # else a seeded provider repeats itself
    data = results(pytester)
    assert data["manifest"]["cache"]["misses"] == 2 * ITEMS
    again = run(run_bench, server, "--csr-samples=2", "--csr-temperature=0.7", "--csr-seed=5")
    assert again.ret == 0 and len(server.state.requests) == 2 * ITEMS
    assert results(pytester)["manifest"]["cache"]["hits"] == 2 * ITEMS
    more = run(run_bench, server, "--csr-samples=3", "--csr-temperature=0.7", "--csr-seed=5")
    assert more.ret == 0 and len(server.state.requests) == 3 * ITEMS  # only the third sample is new

    (pytester.path / "recorded.json").write_text((pytester.path / "r.json").read_text())
    replayed = run_bench("--csr-model=replay:recorded.json", "--csr-samples=3", "--csr-temperature=0.7",
                         "--csr-json=r.json", *LENIENT)
    assert replayed.ret == 0, replayed.stdout.str()
    assert all(i["outcome"] != "error" for i in results(pytester)["items"]) and len(server.state.requests) == 3 * ITEMS
