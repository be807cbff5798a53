"""The run's manifest and usage: facts about a run, computed once by `CsrSession.finish()`.

The manifest is the results file's "manifest" block: what ran (model, judge, dataset hash, settings),
when, with which versions (plugin, litellm, judge, git commit; see provenance.py), and what it cost
(calls, tokens, cache hits, limits). A new run-wide fact goes here.
"""

from __future__ import annotations

import platform
from datetime import datetime
from pathlib import Path
from typing import Optional

from . import __version__
from .metrics import known_sum
from .options import Settings
from .provenance import provenance
from .models.redact import redact_url
from .results import SCHEMA_VERSION


def usage_summary(records: list[dict]) -> dict:
    """Tokens, cost and cache use over the items' records (for the terminal summary and the JSON)."""
    answered = [r for r in records if r.get("response_info")]
    fresh = [r for r in answered if not r.get("cached")]
    info = [r["response_info"] for r in answered]
    cached = [r for r in records if r.get("cache") in ("hit", "miss")]
    return {
        "calls": len(fresh),
        # None: unknown (no usage reported, model not priced), never 0; the *_unknown counts say how many
        "prompt_tokens": known_sum(i.get("prompt_tokens") for i in info),
        "completion_tokens": known_sum(i.get("completion_tokens") for i in info),
        "cost_usd": known_sum(r.get("cost_usd") for r in answered),
        "spent_usd": known_sum(r.get("cost_usd") for r in fresh),
        "cost_unknown": sum(1 for r in fresh if r.get("cost_usd") is None and not r["response_info"].get("error")),
        "usage_unknown": sum(1 for r in fresh if r["response_info"].get("prompt_tokens") is None
                             and not r["response_info"].get("error")),
        "cache_hits": sum(1 for r in cached if r["cache"] == "hit"),
        "cache_misses": sum(1 for r in cached if r["cache"] == "miss"),
        "skipped": sum(1 for r in records if r.get("outcome") == "skipped"),
        "skipped_by_budget": sum(1 for r in records if r.get("outcome") == "skipped"
                                 and (r.get("error") or "").startswith("--csr-max-cost")),
        **judge_usage(records),
    }


def judge_usage(records: list[dict]) -> dict:
    """The LLM judge's calls and spend, apart from the model's (both count against --csr-max-cost)."""
    details = [((r.get("verdict") or {}).get("details") or {}) for r in records]
    fresh = [d for d in details if "prompt_version" in d and d.get("cached") is False]
    return {"judge_calls": len(fresh), "judge_spent_usd": sum(d.get("judge_cost_usd") or 0.0 for d in details)}


def run_info(s: Settings, usage: dict, helper_peak_rss_mb: Optional[float]) -> dict:
    """Usage, cache and limits, as the manifest shows them."""
    return {
        "usage": {k: usage[k] for k in ("calls", "prompt_tokens", "completion_tokens", "cost_usd", "spent_usd",
                                           "cost_unknown", "usage_unknown",
                                           "judge_calls", "judge_spent_usd")},
        "cache": {"enabled": not s.no_cache, "refresh": s.refresh, "dir": str(s.cache_dir) if s.cache_dir else None,
                  "hits": usage["cache_hits"], "misses": usage["cache_misses"]},
        "helper_peak_rss_mb": helper_peak_rss_mb,
        "limits": {"concurrency": s.concurrency, "rpm": s.rpm, "retries": s.retries, "breaker": s.breaker,
                   "max_cost_usd": s.max_cost, "skipped_by_budget": usage["skipped_by_budget"]},
    }


def build_manifest(s: Settings, *, model: str, dataset_hash: str, cases: int, started_at: datetime,
                   finished_at: Optional[datetime], complete: bool, expected_items: Optional[int],
                   root: Path, records: list[dict], usage: dict, helper_peak_rss_mb: Optional[float]) -> dict:
    return {
        "schema_version": SCHEMA_VERSION,
        "plugin_version": __version__,
        "model": model,
        "model_option": s.model,
        "api_base": redact_url(s.api_base),  # never a user:password@ or a key= parameter
        "api_base_note": s.api_base_note,
        "judge": s.judge,
        "dataset_hash": dataset_hash,
        "cases": cases,
        "modalities": list(s.modalities),
        "samples": s.samples,
        "temperature": s.params.temperature,
        "max_tokens": s.params.max_tokens,
        "seed": s.params.seed,
        "started_at": started_at.isoformat(),
        "finished_at": finished_at.isoformat() if finished_at else None,
        "python": platform.python_version(),
        "complete": complete,
        "expected_items": expected_items,
        **provenance(root, records),
        **run_info(s, usage, helper_peak_rss_mb),
    }
