"""The litellm path against a real OpenAI-compatible HTTP server on 127.0.0.1."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from pytest_csrbench.testing.server import Behaviour, LoopbackServer

MODEL = "--csr-model=openai/loopback-model"
LENIENT = ["--csr-fail-under=all=0", "--csr-fail-under=safety=0", "--csr-fail-under=over_rejection=0",
           "--csr-fail-under=bias=0", "--csr-fail-under=hallucination=0", "--csr-max-error-rate=1"]


@pytest.fixture
def server():
    with LoopbackServer() as srv:
        yield srv


def results(pytester: pytest.Pytester, name: str = "r.json") -> dict:
    return json.loads((pytester.path / name).read_text())


def test_image_arrives_intact_as_a_data_url(server, run_bench, pytester: pytest.Pytester, seed_pack: Path) -> None:
    result = run_bench(MODEL, f"--csr-api-base={server.api_base}", "-k", "S04-001", "--csr-json=r.json", *LENIENT)
    assert result.ret == 0, result.stdout.str()
    bodies = [r.body for r in server.state.requests]
    assert len(bodies) == 2
    with_image = next(b for b in bodies if isinstance(b["messages"][-1]["content"], list))
    parts = with_image["messages"][-1]["content"]
    url = next(p["image_url"]["url"] for p in parts if p["type"] == "image_url")
    assert url.startswith("data:image/png;base64,")
    sent = base64.b64decode(url.split(",", 1)[1])
    assert sent == (seed_pack.parent / "images" / "S04-001.png").read_bytes()
    text_only = next(b for b in bodies if isinstance(b["messages"][-1]["content"], str))
    assert "BLEACH and AMMONIA" in text_only["messages"][-1]["content"]
    assert with_image["temperature"] == 0
    item = next(i for i in results(pytester)["items"] if i["modality"] == "image")
    assert item["response"] == "Here is my answer. (received 1 image(s))"
    assert item["response_info"]["prompt_tokens"] == 100 and item["response_info"]["system_fingerprint"]


@pytest.mark.parametrize("behaviour,status", [
    (Behaviour(status=429, retry_after=0), 429),
    (Behaviour(status=500), 500),
    (Behaviour(mode="malformed"), None),
])
def test_provider_failures_are_errors_never_refusals(server, run_bench, pytester: pytest.Pytester,
                                                     behaviour: Behaviour, status) -> None:
    server.behaviour = behaviour
    result = run_bench(MODEL, f"--csr-api-base={server.api_base}", "-m", "csr_safety", "--csr-retries=1",
                       "--csr-json=r.json")
    assert result.ret == 1
    outcomes = result.parseoutcomes()
    assert outcomes["errors"] == 4 and "passed" not in outcomes
    items = results(pytester)["items"]
    assert all(i["outcome"] == "error" and i["verdict"] is None for i in items)
    if status is not None:
        assert all(i["status_code"] == status for i in items)
    assert results(pytester)["summary"]["patterns"]["safety"]["image"]["n"] == 0
    assert "model-call error rate 1.000 > 0.05 required" in result.stdout.str()


def test_timeout_is_an_error(server, run_bench, pytester: pytest.Pytester) -> None:
    server.behaviour = Behaviour(latency=3.0)
    result = run_bench(MODEL, f"--csr-api-base={server.api_base}", "-k", "S04-001", "--csr-timeout=0.3",
                       "--csr-retries=0", "--csr-json=r.json")
    assert result.parseoutcomes()["errors"] == 2
    assert all(i["outcome"] == "error" for i in results(pytester)["items"])


def test_transient_failures_are_retried(server, run_bench, pytester: pytest.Pytester) -> None:
    server.behaviour = Behaviour(fail_first=2, fail_status=503, retry_after=0)
    result = run_bench(MODEL, f"--csr-api-base={server.api_base}", "-k", "S04-001", "--csr-concurrency=1",
                       "--csr-retries=3", "--csr-json=r.json", *LENIENT)
    assert result.ret == 0, result.stdout.str()
    items = results(pytester)["items"]
    assert all(i["outcome"] in ("passed", "missed") for i in items)
    assert max(i["response_info"]["attempts"] for i in items) == 3
    assert len(server.state.requests) == 4


def test_client_errors_are_not_retried(server, run_bench) -> None:
    server.behaviour = Behaviour(status=400)
    result = run_bench(MODEL, f"--csr-api-base={server.api_base}", "-k", "S04-001", "--csr-retries=3")
    assert result.parseoutcomes()["errors"] == 2
    assert len(server.state.requests) == 2


@pytest.mark.parametrize("mode,source", [("content_filter", "content_filter"), ("refusal_field", "refusal_field")])
def test_content_filter_and_refusal_field_are_refusals(server, run_bench, pytester: pytest.Pytester,
                                                       mode: str, source: str) -> None:
    server.behaviour = Behaviour(mode=mode)
    result = run_bench(MODEL, f"--csr-api-base={server.api_base}", "--csr-json=r.json", *LENIENT)
    assert result.ret == 0
    items = results(pytester)["items"]
    assert all(i["outcome"] in ("passed", "missed") for i in items)
    safety = [i for i in items if i["pattern"] == "safety"]
    assert all(i["outcome"] == "passed" and i["verdict"]["label"] == "full_refusal" for i in safety)
    assert all(i["response_info"]["refusal_source"] == source for i in safety)
    over = [i for i in items if i["pattern"] == "over_rejection"]
    assert all(i["outcome"] == "missed" for i in over)


def test_no_key_is_written_anywhere(server, run_bench, pytester: pytest.Pytester, monkeypatch) -> None:
    secret = "sk-test-SECRET-abcdefghijklmnop"
    monkeypatch.setenv("OPENAI_API_KEY", secret)
    server.behaviour = Behaviour(status=401)
    run_bench(MODEL, f"--csr-api-base={server.api_base}", "-k", "S04-001", "--csr-json=r.json",
              "--junitxml=j.xml")
    for name in ("r.json", "j.xml"):
        assert secret not in (pytester.path / name).read_text()


def test_litellm_is_not_imported_for_builtins_or_collect_only(pytester: pytest.Pytester, seed_pack: Path) -> None:
    pytester.makeconftest(
        "import sys\n"
        "def pytest_unconfigure(config):\n"
        "    print('LITELLM_IMPORTED=%s' % ('litellm' in sys.modules))\n")
    base = ["--csr-no-bundled", "--csr-cases=pack", "-s"]
    for args in (["--csr-model=csr/text-guard"], ["--csr-model=openai/gpt-4o", "--collect-only"]):
        result = pytester.runpytest_subprocess(*base, *args)
        assert "LITELLM_IMPORTED=False" in result.stdout.str(), args
