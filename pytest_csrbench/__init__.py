"""pytest-csrbench: gate multimodal LLM releases on cross-modal safety and reliability."""

from __future__ import annotations

from ._lazy import lazy_getattr

__version__ = "0.1.0"

# Imported on first use (PEP 562): pytest imports this package for the plugin, and `--collect-only` must
# stay cheap (no asyncio, no judges).
_EXPORTS = {"Case": ".cases.model", "Truth": ".cases.model", "Verdict": ".judges.base",
            "GenParams": ".models.base", "Request": ".models.base", "Response": ".models.base",
            "CallableModel": ".models.callable_model"}

__all__ = [*_EXPORTS, "__version__"]


__getattr__ = lazy_getattr(__name__, _EXPORTS, globals())
