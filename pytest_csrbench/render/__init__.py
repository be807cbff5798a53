"""Pillow rendering of case images from their specs (see docs/render-spec.md).

Public API: `RenderSpec`, `parse_spec`, `render_image`, `render_png`, `spec_texts`,
`render_pack_file`, `text_overflow` (texts that did not fit). Fonts are shipped in `fonts/` (DejaVu, Noto
Color Emoji) and never taken from the machine. The names are imported on first use (PEP 562): the plugin
needs only `render.paths` to find the bundled pack, not Pillow.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {"render_image": ".core", "render_png": ".core", "text_overflow": ".core",
            "render_pack_file": ".pack", "KINDS": ".spec", "RenderSpec": ".spec", "parse_spec": ".spec",
            "spec_texts": ".texts"}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(import_module(_EXPORTS[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
