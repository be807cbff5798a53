"""What the provider really answered, through litellm, against loopback fakes of four wire formats:
OpenAI chat completions, Anthropic Messages, Gemini generateContent and Ollama /api/chat."""

from __future__ import annotations

import json

import pytest

from pytest_csrbench.testing.providers import Answer, ProviderServer

LENIENT = ["--csr-fail-under=all=0", "--csr-fail-under=safety=0", "--csr-fail-under=over_rejection=0",
           "--csr-fail-under=bias=0", "--csr-fail-under=hallucination=0", "--csr-max-error-rate=1"]
ITEMS = 16  # the seed pack: 8 cases x (image, text)
KEYS = ("GEMINI_API_KEY", "GOOGLE_API_KEY", "ANTHROPIC_API_KEY", "OPENAI_API_KEY")

# family: (model, the base a user passes (as the fake's root + this suffix), the path litellm must post to)
FAMILIES = {
    "openai": ("openai/fake-model", "/v1", "/v1/chat/completions"),
    "anthropic": ("anthropic/claude-fake", "/v1", "/v1/messages"),  # a trailing /v1: normalised
    "gemini": ("gemini/gemini-fake", "", "/v1beta/models/gemini-fake:generateContent"),  # bare host: /v1beta
    "ollama": ("ollama_chat/llava-fake", "", "/api/chat"),
}


@pytest.fixture
def provider():
    with ProviderServer() as srv:
        yield srv


@pytest.fixture(autouse=True)
def keys(monkeypatch):
    for name in KEYS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GEMINI_API_KEY", "fake-gemini-key")
    monkeypatch.setenv("ANTHROPIC_API_KEY", "fake-anthropic-key")


def bench(run_bench, provider: ProviderServer, family: str, *args: str) -> pytest.RunResult:
    model, suffix, _ = FAMILIES[family]
    return run_bench(f"--csr-model={model}", f"--csr-api-base={provider.base}{suffix}", "--csr-json=r.json",
                     "--csr-no-cache", *LENIENT, *args)


def results(pytester: pytest.Pytester) -> dict:
    return json.loads((pytester.path / "r.json").read_text())


@pytest.mark.parametrize("family", FAMILIES)
def test_reasoning_without_an_answer_is_a_labelled_miss_never_a_silent_empty(
        family, provider, run_bench, pytester: pytest.Pytester) -> None:
    provider.answer_with(Answer(text=None, reasoning="The user asks about the picture; let me think.",
                                stop="length"))
    result = bench(run_bench, provider, family, "-W", "default")
    assert result.ret == 0, result.stdout.str()
    assert provider.paths and set(provider.paths) == {FAMILIES[family][2]}
    data = results(pytester)
    assert len(data["items"]) == ITEMS
    for item in data["items"]:
        assert item["outcome"] == "missed" and item["verdict"]["label"] == "reasoning_only", item
        assert item["reasoning"] == "The user asks about the picture; let me think."
        assert item["truncated"] is True
    assert data["summary"]["answers"]["reasoning_only"] == ITEMS
    out = result.stdout.str()
    assert f"{ITEMS} answers held only reasoning, no final answer" in out
    assert f"CsrAnswerWarning: {ITEMS} answers held only reasoning" in out


@pytest.mark.parametrize("family", FAMILIES)
def test_a_final_answer_is_judged_and_the_reasoning_kept(family, provider, run_bench,
                                                         pytester: pytest.Pytester) -> None:
    provider.answer_with(Answer(text="I can't help with that request.", reasoning="Thinking it over."))
    result = bench(run_bench, provider, family, "-m", "csr_safety")
    assert result.ret == 0, result.stdout.str()
    items = results(pytester)["items"]
    assert items and all(i["outcome"] == "passed" and i["verdict"]["label"] == "full_refusal" for i in items)
    assert all(i["response"] == "I can't help with that request." for i in items)
    assert all(i["reasoning"] == "Thinking it over." and i["truncated"] is False for i in items)
    assert "answers held only reasoning" not in result.stdout.str()


@pytest.mark.parametrize("family", FAMILIES)
def test_a_cut_answer_is_recorded_counted_and_warned(family, provider, run_bench, pytester: pytest.Pytester) -> None:
    # the first sentence of what would have become a partial refusal
    provider.answer_with(Answer(text="I can't help with", stop="length"))
    result = bench(run_bench, provider, family, "--csr-max-tokens=5", "--csr-html=r.html")
    assert result.ret == 0, result.stdout.str()
    data = results(pytester)
    assert all(i["truncated"] is True and i["response"] == "I can't help with" for i in data["items"])
    assert data["summary"]["answers"]["truncated"] == ITEMS
    out = result.stdout.str()
    assert f"{ITEMS} answers were cut at the token limit" in out and "CsrAnswerWarning" in out
    page = (pytester.path / "r.html").read_text()
    assert '"truncated": true' in page or '"truncated":true' in page
    assert "truncMark" in page


def test_a_complete_answer_is_not_marked(provider, run_bench, pytester: pytest.Pytester) -> None:
    result = bench(run_bench, provider, "openai")
    assert result.ret == 0, result.stdout.str()
    data = results(pytester)
    assert not any(i["truncated"] or i["reasoning"] for i in data["items"])
    assert data["summary"]["answers"]["truncated"] == 0
    assert data["manifest"]["usage"]["prompt_tokens"] == 100 * ITEMS
    assert all(i["prompt_tokens"] == 100 and i["completion_tokens"] == 20 for i in data["items"])
    assert "cut at the token limit" not in result.stdout.str()


@pytest.mark.parametrize("family", ["openai", "anthropic"])  # litellm rejects a Gemini reply without usage, and counts Ollama tokens itself
def test_missing_usage_is_unknown_never_zero(family, provider, run_bench, pytester: pytest.Pytester) -> None:
    provider.answer_with(Answer(usage=False))
    result = bench(run_bench, provider, family, "--csr-price-in=10", "--csr-price-out=10")
    assert result.ret == 0, result.stdout.str()
    data = results(pytester)
    for item in data["items"]:
        assert item["cost_usd"] is None and item["prompt_tokens"] is None, item
    usage = data["manifest"]["usage"]
    assert usage["cost_usd"] is None and usage["spent_usd"] is None and usage["prompt_tokens"] is None
    assert usage["cost_unknown"] == ITEMS and usage["usage_unknown"] == ITEMS
    assert data["summary"]["totals"]["cost_usd"] is None
    out = result.stdout.str()
    assert f"cost unknown for {ITEMS} calls" in out and f"{ITEMS} answers came without token usage" in out


def test_an_unpriced_model_costs_unknown_and_the_budget_says_how_to_price_it(provider, run_bench,
                                                                            pytester: pytest.Pytester) -> None:
    result = bench(run_bench, provider, "openai", "--csr-max-cost=1")
    data = results(pytester)
    assert all(i["cost_usd"] is None and i["prompt_tokens"] == 100 for i in data["items"])
    assert data["manifest"]["usage"]["cost_usd"] is None
    out = result.stdout.str()
    assert "--csr-max-cost: the price of openai/fake-model is unknown" in out
    assert "--csr-price-in and --csr-price-out" in out


@pytest.mark.parametrize("family", ["anthropic", "gemini"])
def test_provider_refusals_are_refusals(family, provider, run_bench, pytester: pytest.Pytester) -> None:
    provider.answer_with(Answer(text=None, stop="refusal"))
    result = bench(run_bench, provider, family, "-m", "csr_safety")
    assert result.ret == 0, result.stdout.str()
    items = results(pytester)["items"]
    assert items and all(i["outcome"] == "passed" and i["verdict"]["label"] == "full_refusal" for i in items)


def test_an_anthropic_base_with_v1_is_normalised_and_noted(provider, run_bench, pytester: pytest.Pytester) -> None:
    result = bench(run_bench, provider, "anthropic", "-k", "S04-001")
    assert result.ret == 0, result.stdout.str()
    assert provider.paths == ["/v1/messages"] * 2  # never /v1/v1/messages
    manifest = results(pytester)["manifest"]
    assert manifest["api_base"] == provider.base
    assert "trailing /v1 was removed" in manifest["api_base_note"]


@pytest.mark.parametrize("subprocess", [False, True], ids=["in-process", "helper"])
def test_a_missing_provider_key_is_a_usage_error_before_any_call(provider, run_bench, monkeypatch,
                                                                 subprocess: bool) -> None:
    monkeypatch.delenv("GEMINI_API_KEY")
    model, suffix, _ = FAMILIES["gemini"]
    result = run_bench(f"--csr-model={model}", f"--csr-api-base={provider.base}{suffix}", "--csr-no-cache",
                       subprocess=subprocess)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    errors = [line for line in result.stderr.lines if "ERROR:" in line]
    assert len(errors) == 1 and "GEMINI_API_KEY" in errors[0] and "no request was sent" in errors[0], errors
    assert "Traceback" not in result.stderr.str() + result.stdout.str()
    assert provider.paths == []
