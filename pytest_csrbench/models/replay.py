"""`replay:PATH`: answer with the responses recorded in an earlier run's JSON (re-judge without a model)."""

from __future__ import annotations

import json
from pathlib import Path

from ..results import item_key
from .base import Request, Response


# A modality missing from the file: which --csr-modality records it, and which replays without it.
_RECORD_WITH = {"prompt": "all", "text": "both", "image": "both"}
_REPLAY_WITH = {"prompt": "both", "text": "image", "image": "text"}


class ReplayModel:
    def __init__(self, path: str):
        self.path = Path(path)
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise ValueError(f"--csr-model replay:{path}: cannot read the results file: {exc}") from exc
        items = data.get("items") if isinstance(data, dict) else None
        if not isinstance(items, list):
            raise ValueError(f"--csr-model replay:{path}: not a csrbench results file (no 'items' list)")
        recorded_model = (data.get("manifest") or {}).get("model", "?")
        self.name = f"replay:{recorded_model}"
        self.responses: dict[tuple[str, str, int], dict] = {}
        self.modalities = {item.get("modality") for item in items if isinstance(item, dict)}
        for item in items:
            if item.get("outcome") in ("passed", "missed") and item.get("response_info") is not None:
                self.responses[item_key(item)] = item

    async def agenerate(self, request: Request) -> Response:
        item = self.responses.get((request.case_id, request.modality, request.sample))
        if item is None and request.modality not in self.modalities:
            return Response(error=f"{self.path} has no {request.modality} items to replay: it was recorded without "
                                  f"them (record with --csr-modality={_RECORD_WITH.get(request.modality, 'all')}, "
                                  f"or replay with --csr-modality={_REPLAY_WITH.get(request.modality, 'both')})")
        if item is None:
            sample = f" sample {request.sample}" if request.sample else ""
            return Response(error=f"no recorded response for {request.case_id}:{request.modality}{sample} in {self.path}")
        info = dict(item["response_info"])
        info["text"] = item.get("response") or ""
        info["cached"] = False
        return Response.model_validate(info)
