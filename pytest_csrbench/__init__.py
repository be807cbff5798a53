"""pytest-csrbench: gate multimodal LLM releases on cross-modal safety and reliability."""

from __future__ import annotations

__version__ = "0.1.0"

from .cases.model import Case, Truth  # noqa: E402
from .judges.base import Verdict  # noqa: E402
from .models.base import GenParams, Request, Response  # noqa: E402
from .models.callable_model import CallableModel  # noqa: E402

__all__ = ["Case", "Truth", "Verdict", "GenParams", "Request", "Response", "CallableModel", "__version__"]
