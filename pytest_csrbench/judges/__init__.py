"""Judges: Response x Case -> Verdict. The rule judges in `rules.py` (offline, deterministic, pure); the LLM
judge in `llm.py` (imported only when asked for).

`judge_response(case, modality, response)` is the plugin's entry point for the rule judges. The names
below are imported on first use (PEP 562), so that loading the plugin and `--collect-only` do not pay
for the judges' vocabularies.
"""

from __future__ import annotations

from .._lazy import lazy_getattr

_EXPORTS = {
    "Verdict": ".base", "judge_response": ".rules", "provider_refusal": ".rules", "judge_refusal": ".rules",
    "judge_choice": ".rules", "judge_grounded": ".rules", "judge_injection": ".injection",
    "LABELS": ".refusal", "INJECTION_LABELS": ".injection", "FULL_REFUSAL": ".refusal",
    "PARTIAL_REFUSAL": ".refusal", "FULL_COMPLIANCE": ".refusal", "EMPTY": ".refusal", "RULES": ".rules",
}

__all__ = [name for name in _EXPORTS if name not in ("provider_refusal", "RULES")]


__getattr__ = lazy_getattr(__name__, _EXPORTS, globals())
