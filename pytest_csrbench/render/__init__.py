"""Pillow rendering of case images from their specs (see docs/render-spec.md).

Public API: `RenderSpec`, `parse_spec`, `render_image`, `render_png`, `spec_texts`,
`render_pack_file`, `text_overflow` (texts that did not fit). Fonts are shipped in `fonts/` (DejaVu, Noto
Color Emoji) and never taken from the machine. The names are imported on first use (PEP 562): the plugin
needs only `cases.paths` to find the bundled pack, not Pillow.
"""

from __future__ import annotations

from .._lazy import lazy_getattr

_EXPORTS = {"render_image": ".core", "render_png": ".core", "text_overflow": ".core",
            "render_pack_file": ".pack", "KINDS": ".spec", "RenderSpec": ".spec", "parse_spec": ".spec",
            "spec_texts": ".texts"}

__all__ = sorted(_EXPORTS)


__getattr__ = lazy_getattr(__name__, _EXPORTS, globals())
