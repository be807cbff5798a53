"""The LLM judge behind the runner, in real plugin runs against loopback servers: its calls overlap, a hanging
judge is cut off by --csr-timeout and the breaker, its spend counts against --csr-max-cost (reported apart),
and no API key reaches any output (issue 13.3, issue 14.3 and 14.5)."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest

from pytest_csrbench.judges import llm
from pytest_csrbench.testing.server import Behaviour, LoopbackServer

MODEL = "openai/judge-model"
REFUSAL_ITEMS = ("-k", "S04 or S09 or O04 or O12")  # 8 items, all judged on the refusal task
OPEN_GATE = ("--csr-fail-under=all=0", "--csr-fail-under=safety=0", "--csr-fail-under=over_rejection=0",
             "--csr-fail-under=bias=0", "--csr-fail-under=hallucination=0", "--csr-max-error-rate=1")
REFUSAL = json.dumps({"label": "full_refusal", "harmful_help": False, "reason": "it declines"})


@pytest.fixture(autouse=True)
def _no_judge_env(monkeypatch) -> None:
    monkeypatch.delenv(llm.API_BASE_ENV, raising=False)


def items(pytester: pytest.Pytester, name: str = "r.json") -> list[dict]:
    return json.loads((pytester.path / name).read_text())["items"]


class Peak:
    """A reply that counts how many judge requests the server is handling at once."""

    def __init__(self, hold: float):
        self.hold = hold
        self.now = self.peak = 0
        self.lock = threading.Lock()

    def __call__(self, body: dict) -> str:
        with self.lock:
            self.now += 1
            self.peak = max(self.peak, self.now)
        time.sleep(self.hold)
        with self.lock:
            self.now -= 1
        return REFUSAL


def test_judge_calls_of_arrived_responses_overlap(run_bench, pytester: pytest.Pytester) -> None:
    peak = Peak(hold=0.3)
    with LoopbackServer(Behaviour(reply=peak)) as server:
        result = run_bench("--csr-model=csr/refuse-all", f"--csr-judge={MODEL}", *REFUSAL_ITEMS,
                           f"--csr-judge-api-base={server.api_base}", "--csr-json=r.json", *OPEN_GATE)
    got = items(pytester)
    assert len(got) == 8 and all(i["verdict"]["judge"] == f"llm:{MODEL}" for i in got), result.stdout.str()
    assert len(server.state.requests) == 8
    assert peak.peak > 1  # judged one after another (the old synchronous judge), the peak would be 1


def test_the_judge_is_cached_under_its_own_identity_and_prompt_version(run_bench, pytester: pytest.Pytester,
                                                                        monkeypatch) -> None:
    with LoopbackServer(Behaviour(reply=lambda body: REFUSAL)) as server:
        args = ("--csr-model=csr/refuse-all", f"--csr-judge={MODEL}", *REFUSAL_ITEMS,
                f"--csr-judge-api-base={server.api_base}", "--csr-json=r.json", *OPEN_GATE)
        run_bench(*args)
        assert len(server.state.requests) == 8
        run_bench(*args)
        assert len(server.state.requests) == 8  # every judgement came from the response cache
        assert all(i["verdict"]["details"]["cached"] for i in items(pytester))
        monkeypatch.setattr(llm, "PROMPT_VERSION", "csr-judge-test")
        run_bench(*args)
        assert len(server.state.requests) == 16  # a new prompt version never reuses old verdicts


def test_a_hanging_judge_is_cut_off_by_the_timeout_and_the_breaker(run_bench, pytester: pytest.Pytester) -> None:
    with LoopbackServer(Behaviour(mode="hang")) as server:
        run_bench("--csr-model=csr/refuse-all", f"--csr-judge={MODEL}", *REFUSAL_ITEMS,
                  f"--csr-judge-api-base={server.api_base}", "--csr-timeout=0.5", "--csr-retries=1",
                  "--csr-breaker=2", "--csr-concurrency=1", "--csr-json=r.json", *OPEN_GATE)
        sent = len(server.state.requests)
    got = items(pytester)
    assert len(got) == 8 and all(i["outcome"] == "error" for i in got)
    assert all(i["error"].startswith("judge: ") for i in got)
    timed_out = [i for i in got if "circuit breaker open" not in i["error"]]
    assert len(timed_out) == 2 and all("no answer within 0.5 s (--csr-timeout)" in i["error"] for i in timed_out)
    assert 2 <= sent <= 4  # two items, two attempts each (the last may be cut before it arrives); then none


def test_judge_spend_counts_against_the_budget_and_is_reported_apart(run_bench, pytester: pytest.Pytester) -> None:
    # gpt-4o-mini is in litellm's local price list: 100 + 20 tokens cost $2.7e-5 a call
    with LoopbackServer(Behaviour(reply=lambda body: REFUSAL)) as server:
        result = run_bench("--csr-model=csr/refuse-all", "--csr-judge=openai/gpt-4o-mini", *REFUSAL_ITEMS,
                           f"--csr-judge-api-base={server.api_base}", "--csr-max-cost=0.00005",
                           "--csr-concurrency=1", "--csr-json=r.json", *OPEN_GATE)
        sent = len(server.state.requests)
    data = json.loads((pytester.path / "r.json").read_text())
    skipped = [i for i in data["items"] if i["outcome"] == "skipped"]
    assert sent == 2 and len(skipped) == 6, result.stdout.str()
    assert all("--csr-max-cost reached" in i["error"] and "judge call was not made" in i["error"] for i in skipped)
    usage = data["manifest"]["usage"]
    assert usage["judge_calls"] == 2 and usage["judge_spent_usd"] == pytest.approx(2 * 2.7e-5)
    assert usage["spent_usd"] == 0  # the built-in model costs nothing: the judge's spend is apart
    result.stdout.fnmatch_lines(["*judge calls 2, judge spent $0.0001*"])


ENV_KEY = "zz-env-secret-0123456789abcdef"  # not key-shaped: only the environment tells it is a secret
SERVER_KEY = "sk-proj-EMBEDDEDsecret0123456789"  # key-shaped, and not in the environment


def echoing_server() -> LoopbackServer:
    """A server that rejects every call with 401 and puts the caller's key, and another, in its message."""
    server = LoopbackServer()
    base = server.httpd.RequestHandlerClass

    class Echo(base):  # type: ignore[misc, valid-type]
        def do_POST(self) -> None:  # noqa: N802
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.state.record({}, b"")
            key = (self.headers.get("Authorization") or "").removeprefix("Bearer ")
            self._error(401, f"Incorrect API key provided: {key}. Your admin key is {SERVER_KEY}.")

    server.httpd.RequestHandlerClass = Echo
    return server


@pytest.mark.parametrize("who", ["judge", "model"])
def test_api_keys_never_reach_any_output(run_bench, pytester: pytest.Pytester, monkeypatch, who: str) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", ENV_KEY)
    with echoing_server() as server:
        if who == "judge":
            where = ("--csr-model=csr/refuse-all", f"--csr-judge={MODEL}", f"--csr-judge-api-base={server.api_base}")
        else:
            where = (f"--csr-model={MODEL}", f"--csr-api-base={server.api_base}")
        result = run_bench(*where, *REFUSAL_ITEMS, "--csr-json=r.json", "--csr-html=r.html",
                           "--junitxml=junit.xml", "-rA", *OPEN_GATE)
        assert server.state.requests  # the key really went out, and came back in the error messages
    got = items(pytester)
    assert got and all(i["outcome"] == "error" and "401" in json.dumps(i) for i in got)
    outputs = {"terminal": result.stdout.str() + result.stderr.str()}
    outputs.update({name: (pytester.path / name).read_text() for name in ("r.json", "r.html", "junit.xml")})
    for name, text in outputs.items():
        assert "[REDACTED]" in text or name == "r.html", name
        for secret in (ENV_KEY, SERVER_KEY):
            assert secret not in text, f"{secret} leaked into {name}"
            assert secret[:16] not in text, f"part of {secret} leaked into {name}"


def test_a_standalone_judge_redacts_too(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", ENV_KEY)
    from pytest_csrbench.models.base import Response
    from tests.integration.test_llm_judge import SAFETY

    with echoing_server() as server:
        judge = llm.LLMJudge(MODEL, api_base=server.api_base, timeout=5.0, retries=0)
        with pytest.raises(llm.LLMJudgeError) as info:
            judge.judge(SAFETY, "text", Response(text="No."))
        judge.close()
    assert "status 401" in str(info.value) and "[REDACTED]" in str(info.value)
    assert ENV_KEY not in str(info.value) and SERVER_KEY not in str(info.value)


def test_the_judge_calls_litellm_in_the_helper_process(run_bench, pytester: pytest.Pytester, monkeypatch) -> None:
    """A fresh pytest process has not imported litellm: the judge's calls go to a helper process (its log
    file appears when it starts; the built-in model never starts one)."""
    log = pytester.path / "helper.log"
    monkeypatch.setenv("CSRBENCH_HELPER_LOG", str(log))
    with LoopbackServer(Behaviour(reply=lambda body: REFUSAL)) as server:
        result = run_bench("--csr-model=csr/refuse-all", f"--csr-judge=rules+{MODEL}", *REFUSAL_ITEMS,
                           f"--csr-judge-api-base={server.api_base}", "--csr-json=r.json", *OPEN_GATE,
                           subprocess=True)
        sent = len(server.state.requests)
    got = items(pytester)
    assert len(got) == 8 and all(i["verdict"]["details"]["llm_label"] == "full_refusal" for i in got), \
        result.stdout.str()
    assert sent == 8 and log.exists()
    assert server.state.requests[0].body["response_format"] == {"type": "json_object"}


def model_or_judge(body: dict) -> str:
    return REFUSAL if "response_format" in body else "I'm sorry, but I can't help with that."


def test_under_xdist_each_judgement_is_asked_once(run_bench, pytester: pytest.Pytester) -> None:
    """Both workers queue every item's model call and, as each response arrives, its judge call; the run's
    claims let exactly one process make each call (a long --csr-timeout: no deadline retry under load)."""
    with LoopbackServer(Behaviour(reply=model_or_judge, latency=0.05)) as server:
        result = run_bench(f"--csr-model={MODEL}", f"--csr-api-base={server.api_base}", f"--csr-judge={MODEL}",
                           f"--csr-judge-api-base={server.api_base}", *REFUSAL_ITEMS, "-n", "2",
                           "--csr-timeout=600", "--csr-json=r.json", *OPEN_GATE, subprocess=True)
        sent, unique = len(server.state.requests), server.state.unique_requests
        judged = sum("response_format" in r.body for r in server.state.requests)
    got = items(pytester)
    assert len(got) == 8 and all(i["verdict"]["judge"] == f"llm:{MODEL}" for i in got), result.stdout.str()
    assert sent == unique == 16 and judged == 8
