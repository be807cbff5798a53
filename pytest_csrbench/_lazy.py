"""Package attributes imported on first use (PEP 562), so that importing the plugin stays cheap."""

from __future__ import annotations

from importlib import import_module
from typing import Any, Callable


def lazy_getattr(package: str, exports: dict[str, str], namespace: dict) -> Callable[[str], Any]:
    """A module `__getattr__` that imports `name` from the relative module `exports[name]` once."""

    def __getattr__(name: str) -> Any:
        if name in exports:
            value = getattr(import_module(exports[name], package), name)
            namespace[name] = value
            return value
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__
