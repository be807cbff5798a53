"""Pillow rendering of case images from their specs (see docs/render-spec.md).

Public API: `RenderSpec`, `parse_spec`, `render_image`, `render_png`, `spec_texts`,
`render_pack_file`, `text_overflow` (texts that did not fit). Fonts are shipped in `fonts/` (DejaVu, Noto Color Emoji) and never taken
from the machine.
"""

from __future__ import annotations

from .core import render_image, render_png, text_overflow
from .pack import render_pack_file
from .spec import KINDS, RenderSpec, parse_spec
from .texts import spec_texts

__all__ = ["KINDS", "RenderSpec", "parse_spec", "render_image", "render_png", "render_pack_file", "spec_texts",
           "text_overflow"]
