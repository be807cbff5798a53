"""The results file (`--csr-json`): the single source for every report. Never contains API keys."""

from __future__ import annotations

import json
import os
import platform
import tempfile
from pathlib import Path
from typing import Any

from .. import __version__

SCHEMA_VERSION = 1


def manifest(csr: Any) -> dict:
    s = csr.settings
    return {
        "schema_version": SCHEMA_VERSION,
        "plugin_version": __version__,
        "model": csr.model_name or s.model,
        "model_option": s.model,
        "api_base": s.api_base,
        "judge": s.judge,
        "dataset_hash": csr.dataset_hash,
        "cases": len(csr.cases),
        "modalities": list(s.modalities),
        "samples": s.samples,
        "temperature": s.params.temperature,
        "max_tokens": s.params.max_tokens,
        "seed": s.params.seed,
        "started_at": csr.started_at.isoformat(),
        "finished_at": csr.finished_at.isoformat() if csr.finished_at else None,
        "python": platform.python_version(),
        "complete": csr.complete,
        "expected_items": csr.expected_items,
        **_provenance(csr),
        **_run_info(csr),
    }


def _run_info(csr: Any) -> dict:
    """Cache hits and misses, tokens and cost, and the run's limits (see models/runs.py)."""
    from ..models.runs import run_manifest

    return run_manifest(csr)


def _provenance(csr: Any) -> dict:
    """litellm/judge versions, git commit, provider models: computed once per session (see provenance.py)."""
    cached = getattr(csr, "_csr_provenance", None)
    if cached is None:
        from .provenance import provenance

        cached = csr._csr_provenance = provenance(csr)
    return cached


def results(csr: Any) -> dict:
    from .compare import item_key

    items = sorted(csr.records.values(), key=item_key)
    return {
        "manifest": manifest(csr),
        "items": items,
        "summary": csr.summary,
        "gate": csr.gate.to_dict() if csr.gate else {"passed": None, "reasons": ["not evaluated"], "checks": []},
        "thresholds": [{"pattern": t.pattern, "modality": t.modality, "value": t.value, "kind": t.kind}
                       for t in csr.settings.thresholds],
        "baseline": getattr(csr, "comparison", None),
    }


def write_results(csr: Any, path: Path) -> None:
    write_json(results(csr), path)


def write_json(results_data: dict, path: Path) -> None:
    """Write atomically, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps(results_data, indent=1, ensure_ascii=False, default=str)
    fd, tmp = tempfile.mkstemp(prefix=".csrbench-", dir=str(path.parent))
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(data)
    os.replace(tmp, path)
