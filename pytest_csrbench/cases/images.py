"""What is sent for a case's image: PNG and JPEG as they are; other formats (WebP) and images larger
than MAX_SIDE pixels on a side are re-encoded (PNG, or JPEG for JPEG sources) after downscaling."""

from __future__ import annotations

import io
import struct

MAX_SIDE = 2048  # documented in the README: larger images are downscaled to this longest side


def sniff(data: bytes) -> str:
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return "png"
    if data[:3] == b"\xff\xd8\xff":
        return "jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return "other"


def _png_size(data: bytes) -> tuple[int, int]:
    return struct.unpack(">II", data[16:24])


def prepare_image(data: bytes) -> tuple[bytes, str]:
    """(bytes, media type) to send for an image file's bytes."""
    kind = sniff(data)
    if kind == "png" and max(_png_size(data)) <= MAX_SIDE:
        return data, "image/png"
    from PIL import Image

    with Image.open(io.BytesIO(data)) as img:
        if kind == "jpeg" and max(img.size) <= MAX_SIDE:
            return data, "image/jpeg"
        img.load()
        img.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        if kind == "jpeg":
            img.convert("RGB").save(out, format="JPEG", quality=90)
            return out.getvalue(), "image/jpeg"
        img.save(out, format="PNG")
        return out.getvalue(), "image/png"
