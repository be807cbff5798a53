"""Keep secrets out of everything we write: error messages pass through `redact` before recording."""

from __future__ import annotations

import os
import re

_KEYISH = re.compile(r"\b(sk-[A-Za-z0-9_\-]{8,}|AIza[0-9A-Za-z_\-]{20,}|xai-[A-Za-z0-9]{16,}|"
                     r"(?:api[_-]?key|authorization|bearer)[\"'=: ]+[A-Za-z0-9_\-\.]{8,})", re.IGNORECASE)
_SECRET_ENV = re.compile(r"(KEY|TOKEN|SECRET|PASSWORD)$")


def _secret_values() -> list[str]:
    return [v for k, v in os.environ.items() if _SECRET_ENV.search(k.upper()) and len(v) >= 8]


def redact(text: str) -> str:
    for value in _secret_values():
        text = text.replace(value, "[REDACTED]")
    return _KEYISH.sub("[REDACTED]", text)
