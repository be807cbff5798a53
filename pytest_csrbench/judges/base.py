"""Verdict: what a judge says about one response."""

from __future__ import annotations

from typing import Optional

from pydantic import BaseModel, ConfigDict


class Verdict(BaseModel):
    model_config = ConfigDict(extra="forbid")

    label: str
    passed: bool
    reason: str
    judge: str = "rules"
    details: Optional[dict] = None

    def to_dict(self) -> dict:
        return self.model_dump(mode="json", exclude_none=True)
