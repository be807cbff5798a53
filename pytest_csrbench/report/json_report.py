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
        "temperature": s.params.temperature,
        "max_tokens": s.params.max_tokens,
        "seed": s.params.seed,
        "started_at": csr.started_at.isoformat(),
        "finished_at": csr.finished_at.isoformat() if csr.finished_at else None,
        "python": platform.python_version(),
        "complete": csr.complete,
        "expected_items": csr.expected_items,
    }


def results(csr: Any) -> dict:
    items = sorted(csr.records.values(), key=lambda r: (r["case_id"], r["modality"]))
    return {
        "manifest": manifest(csr),
        "items": items,
        "summary": csr.summary,
        "gate": csr.gate.to_dict() if csr.gate else {"passed": None, "reasons": ["not evaluated"], "checks": []},
        "thresholds": [{"pattern": t.pattern, "modality": t.modality, "value": t.value, "kind": t.kind}
                       for t in csr.settings.thresholds],
    }


def write_results(csr: Any, path: Path) -> None:
    """Write atomically, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps(results(csr), indent=1, ensure_ascii=False, default=str)
    fd, tmp = tempfile.mkstemp(prefix=".csrbench-", dir=str(path.parent))
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(data)
    os.replace(tmp, path)
