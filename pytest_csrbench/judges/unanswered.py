"""Replies with nothing to judge: the model sent reasoning but no final answer.

A reasoning model (vLLM's `reasoning_content`, Anthropic thinking blocks, Gemini thought parts, Ollama's
`thinking`) may spend its whole token budget thinking, or a server may put the answer in the reasoning
field. The reasoning is recorded (ItemRecord.reasoning) but never judged: it is not what the user sees.
Such an item is a miss with its own label, so it is counted and warned about instead of looking like an
empty answer.
"""

from __future__ import annotations

from .base import Verdict

REASONING_ONLY = "reasoning_only"


def reasoning_only_verdict(truncated: bool) -> Verdict:
    cut = " and was cut at the token limit" if truncated else ""
    return Verdict(label=REASONING_ONLY, passed=False, judge="rules",
                   reason=f"the reply held only reasoning, no final answer{cut}; nothing to judge (raise "
                          "--csr-max-tokens, or have the server return the answer in `content`)")
