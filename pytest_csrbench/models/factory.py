"""Build the model under test from `--csr-model`."""

from __future__ import annotations

from typing import Any, Optional

from .base import GenParams
from .baselines import BASELINES


def build_model(spec: str, params: GenParams, api_base: Optional[str] = None,
                price_in: Optional[float] = None, price_out: Optional[float] = None) -> Any:
    if spec in BASELINES:
        return BASELINES[spec]()
    if spec.startswith("csr/"):
        raise ValueError(f"--csr-model {spec}: unknown built-in model; built-ins are {', '.join(BASELINES)}")
    if spec.startswith("replay:"):
        from .replay import ReplayModel

        return ReplayModel(spec[len("replay:"):])
    from .litellm_model import LiteLLMModel  # lazy: never imported for built-ins

    return LiteLLMModel(spec, params, api_base=api_base, price_in=price_in, price_out=price_out)


def is_builtin(spec: str) -> bool:
    return spec in BASELINES or spec.startswith("replay:")
