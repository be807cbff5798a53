"""What is sent for a case's image: PNG and JPEG as they are; other formats (WebP) and images larger
than MAX_SIDE pixels on a side are re-encoded (PNG, or JPEG for JPEG sources) after downscaling."""

from __future__ import annotations

import io
import struct
from typing import BinaryIO, Optional

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


# ----- validation at load: the header is decoded (never the pixels) and the pixel count bounded
MAX_PIXELS = 50_000_000  # ~7000 x 7000: far above any case image, far below a decompression bomb
_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


def image_problem(path: str) -> Optional[str]:
    """Why the image file at `path` cannot be sent (not a PNG/JPEG/WebP, unreadable header, too many
    pixels), or None. Reads a few bytes of the header, never decodes the pixels (cheap for 1,000s of files)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(32)
            kind = sniff(head)
            size = {"png": _png_header, "jpeg": _jpeg_header, "webp": _webp_header}.get(kind, _no_header)(fh, head)
    except OSError as exc:
        return f"cannot read the image file: {exc.strerror or exc}"
    if kind == "other":
        return "not a PNG, JPEG or WebP image (its first bytes are not an image header); re-export it as PNG"
    if size is None:
        return f"a damaged {kind.upper()} file (its header gives no size); re-export it"
    width, height = size
    if width <= 0 or height <= 0:
        return f"a {kind.upper()} of {width}x{height} pixels: re-export it"
    if width * height > MAX_PIXELS:
        return (f"{width}x{height} pixels is more than the {MAX_PIXELS:,} allowed (a decompression bomb, or a "
                f"scan to downscale first); images are sent at most {MAX_SIDE} px on a side anyway")
    return None


def _no_header(fh: BinaryIO, head: bytes) -> None:
    return None


def _png_header(fh: BinaryIO, head: bytes) -> Optional[tuple[int, int]]:
    if len(head) < 24 or head[12:16] != b"IHDR":
        return None
    return _png_size(head)


def _webp_header(fh: BinaryIO, head: bytes) -> Optional[tuple[int, int]]:
    chunk, body = head[12:16], head[20:32]
    if chunk == b"VP8X" and len(body) >= 10:
        return 1 + int.from_bytes(body[4:7], "little"), 1 + int.from_bytes(body[7:10], "little")
    if chunk == b"VP8L" and len(body) >= 5 and body[0] == 0x2F:
        bits = int.from_bytes(body[1:5], "little")
        return 1 + (bits & 0x3FFF), 1 + ((bits >> 14) & 0x3FFF)
    if chunk == b"VP8 " and len(body) >= 10 and body[3:6] == b"\x9d\x01\x2a":
        return int.from_bytes(body[6:8], "little") & 0x3FFF, int.from_bytes(body[8:10], "little") & 0x3FFF
    return None


def _jpeg_header(fh: BinaryIO, head: bytes) -> Optional[tuple[int, int]]:
    """Walk the JPEG's segments to its start-of-frame (skipping EXIF and the like by their lengths)."""
    fh.seek(2)
    for _ in range(512):
        marker = fh.read(2)
        while len(marker) == 2 and marker[0] == 0xFF and marker[1] == 0xFF:  # fill bytes
            marker = marker[1:] + fh.read(1)
        if len(marker) < 2 or marker[0] != 0xFF:
            return None
        if marker[1] in (0xD8, 0x01) or 0xD0 <= marker[1] <= 0xD7:
            continue
        length = fh.read(2)
        if len(length) < 2:
            return None
        if marker[1] in _SOF:
            frame = fh.read(5)
            return (struct.unpack(">H", frame[3:5])[0], struct.unpack(">H", frame[1:3])[0]) if len(frame) == 5 else None
        fh.seek(struct.unpack(">H", length)[0] - 2, 1)
    return None
