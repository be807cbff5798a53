"""Prompt-only items against the loopback server: the bare prompt with no image, cached like any other item."""

from __future__ import annotations

import json

import pytest

from pytest_csrbench.testing.server import LoopbackServer
from tests.packs import seed_cases

LENIENT = ["--csr-fail-under=all=0", "--csr-fail-under=safety=0", "--csr-fail-under=over_rejection=0",
           "--csr-fail-under=bias=0", "--csr-fail-under=hallucination=0", "--csr-max-error-rate=1"]
ITEMS = 16 + 4  # the seed pack: 8 cases x (image, text), and a prompt item for its 2 safety + 2 over-rejection cases


def test_prompt_items_send_the_bare_prompt_and_are_cached(run_bench, pytester: pytest.Pytester) -> None:
    with LoopbackServer() as server:
        args = ("--csr-model=openai/loopback-model", f"--csr-api-base={server.api_base}", "--csr-modality=all",
                "--csr-json=r.json", *LENIENT)
        first = run_bench(*args)
        assert first.ret == 0, first.stdout.str()
        assert len(server.state.requests) == ITEMS
        prompts = {c["prompt"] for c in seed_cases() if c["pattern"] in ("safety", "over_rejection")}
        bare = [r.body["messages"][-1]["content"] for r in server.state.requests
                if isinstance(r.body["messages"][-1]["content"], str)]
        controls = {c["text_control"] for c in seed_cases()}
        assert sorted(m for m in bare if m in prompts) == sorted(prompts)  # no image, no description
        assert len(bare) == len(prompts) + len(controls)

        again = run_bench(*args)
        assert again.ret == 0 and len(server.state.requests) == ITEMS, "the second run made no request"
        items = json.loads((pytester.path / "r.json").read_text())["items"]
        assert sum(1 for i in items if i["modality"] == "prompt" and i["cache"] == "hit") == 4
