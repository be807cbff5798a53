"""--csr-estimate prices the calls the cache does not answer and calls nothing (loopback server: 0 requests)."""

from __future__ import annotations

import re

import pytest

from pytest_csrbench.testing.server import LoopbackServer

ITEMS = 16  # the seed pack: 8 cases x (image, text)


@pytest.fixture
def server():
    with LoopbackServer() as srv:
        yield srv


def estimate(run_bench, server, *args: str, model: str = "openai/loopback-model") -> pytest.RunResult:
    return run_bench(f"--csr-model={model}", f"--csr-api-base={server.api_base}", "--csr-json=r.json",
                     "--csr-estimate", *args)


def figures(out: str) -> dict:
    calls, items, cached = map(int, re.search(r": (\d+) calls to make \((\d+) items, (\d+) answered", out).groups())
    tokens = re.search(r"input tokens  (\d+) \(text (\d+); images (\d+) for (\d+) images", out).groups()
    output = int(re.search(r"output tokens (\d+) \(assumed (\d+) per call", out).group(1))
    return {"calls": calls, "items": items, "cached": cached, "input": int(tokens[0]), "text": int(tokens[1]),
            "image": int(tokens[2]), "images": int(tokens[3]), "output": output}


def test_the_estimate_calls_nothing_and_exits_0(run_bench, server, pytester: pytest.Pytester) -> None:
    result = estimate(run_bench, server, "--csr-price-in=2.5", "--csr-price-out=10")
    assert result.ret == 0, result.stdout.str()
    assert server.state.requests == []
    out = result.stdout.str()
    f = figures(out)
    assert f | {"input": 0, "text": 0, "image": 0} == {"calls": ITEMS, "items": ITEMS, "cached": 0, "input": 0,
                                                       "text": 0, "image": 0, "images": 8, "output": ITEMS * 256}
    assert f["input"] == f["text"] + f["image"] and f["text"] > ITEMS * 5 and f["image"] >= 8 * 85
    cost = (f["input"] * 2.5 + f["output"] * 10) / 1e6
    assert f"cost          ${cost:.4f} at $2.5 in / $10 out per million tokens (--csr-price-in/--csr-price-out)" in out
    assert "--csr-max-cost" in out and f"{ITEMS} deselected" in out
    assert not (pytester.path / "r.json").exists()  # nothing ran, nothing written


def test_the_estimate_counts_only_what_the_cache_lacks(run_bench, server) -> None:
    lenient = ["--csr-fail-under=all=0", "--csr-max-error-rate=1", *(f"--csr-fail-under={p}=0" for p in
               ("safety", "over_rejection", "bias", "hallucination"))]
    run_bench("--csr-model=openai/loopback-model", f"--csr-api-base={server.api_base}", "-k", "image", *lenient)
    assert len(server.state.requests) == ITEMS // 2
    result = estimate(run_bench, server, "--csr-estimate-output-tokens=100")
    f = figures(result.stdout.str())
    assert (f["calls"], f["cached"], f["images"], f["image"], f["output"]) == (ITEMS // 2, ITEMS // 2, 0, 0, 800)
    assert "cost          unknown: litellm has no price for this model" in result.stdout.str()
    assert len(server.state.requests) == ITEMS // 2  # the estimate made none
    refresh = figures(estimate(run_bench, server, "--csr-refresh").stdout.str())
    assert (refresh["calls"], refresh["cached"]) == (ITEMS, 0)


def test_the_price_comes_from_litellms_price_map(run_bench, server) -> None:
    result = estimate(run_bench, server, "--csr-max-tokens=50", model="openai/gpt-4o")
    out = result.stdout.str()
    assert result.ret == 0 and server.state.requests == []
    f = figures(out)
    assert f["output"] == ITEMS * 50 and "(assumed 50 per call, --csr-max-tokens)" in out
    match = re.search(r"cost          \$([\d.]+) at \$([\d.e-]+) in / \$([\d.e-]+) out per million tokens "
                      r"\(litellm's price map\)", out)
    assert match, out
    cost, p_in, p_out = map(float, match.groups())
    assert p_in > 0 and p_out > 0 and cost == pytest.approx((f["input"] * p_in + f["output"] * p_out) / 1e6, abs=1e-4)


def test_the_estimate_refuses_xdist(run_bench, server) -> None:
    result = estimate(run_bench, server, "-n", "2")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--csr-estimate calls no model*-n 0*"])


def test_a_built_in_model_costs_nothing(run_bench) -> None:
    result = run_bench("--csr-model=csr/refuse-all", "--csr-estimate")
    assert result.ret == 0
    result.stdout.fnmatch_lines([f"estimate: csr/refuse-all is not a provider model; its {ITEMS} items cost nothing"])
