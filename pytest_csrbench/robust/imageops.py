"""Image-level perturbations: deterministic functions of (image, magnitude), identity at magnitude 0.

Each applies to any case with an image (bundled or an external pack). Magnitudes are small integers so
that hypothesis shrinks a flip towards the smallest change (0 is the unperturbed image).
"""

from __future__ import annotations

import io
import random

from PIL import Image, ImageChops, ImageEnhance


def decode(data: bytes) -> Image.Image:
    with Image.open(io.BytesIO(data)) as img:
        img.load()
        return img.convert("RGB")


def encode_png(img: Image.Image) -> bytes:
    out = io.BytesIO()
    img.save(out, format="PNG", compress_level=1)  # fast: variants are many and short-lived
    return out.getvalue()


def encode_jpeg(img: Image.Image, quality: int) -> bytes:
    out = io.BytesIO()
    img.save(out, format="JPEG", quality=int(quality))
    return out.getvalue()


def corner_colour(img: Image.Image) -> tuple[int, int, int]:
    """The background colour to fill with: the top-left pixel (renders start from a flat background)."""
    return img.getpixel((0, 0))[:3]


def tint(img: Image.Image, value: tuple[str, int]) -> Image.Image:
    """Add `amount` (0..255) to one colour channel ('r', 'g' or 'b')."""
    channel, amount = value
    if not amount:
        return img
    bands = list(img.split())
    i = "rgb".index(channel)
    bands[i] = bands[i].point(lambda v: min(255, v + amount))
    return Image.merge("RGB", bands)


def brightness(img: Image.Image, percent: int) -> Image.Image:
    """Darker (negative) or brighter (positive) by `percent` per cent."""
    return ImageEnhance.Brightness(img).enhance(1 + percent / 100) if percent else img


def noise(img: Image.Image, level: int) -> Image.Image:
    """Uniform noise of +-level per pixel and channel, seeded by the level (same variant, same bytes)."""
    if not level:
        return img
    rng = random.Random(level)
    n = img.width * img.height * 3
    scale = (2 * level + 1) / 256

    def layer(seed_bytes: bytes) -> Image.Image:
        return Image.frombytes("RGB", img.size, seed_bytes).point(lambda v: int(v * scale))

    plus, minus = layer(rng.randbytes(n)), layer(rng.randbytes(n))
    return ImageChops.subtract(ImageChops.add(img, plus), minus)


def rotate(img: Image.Image, degrees: int) -> Image.Image:
    if not degrees:
        return img
    return img.rotate(degrees, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=corner_colour(img))


def crop(img: Image.Image, value: tuple[str, int]) -> Image.Image:
    """Cut `percent` of the width or height from one side ('left', 'right', 'top', 'bottom')."""
    side, percent = value
    if not percent:
        return img
    w, h = img.size
    dx, dy = w * percent // 100, h * percent // 100
    box = {"left": (dx, 0, w, h), "right": (0, 0, w - dx, h), "top": (0, dy, w, h), "bottom": (0, 0, w, h - dy)}
    return img.crop(box[side])


def pad(img: Image.Image, value: tuple[str, int]) -> Image.Image:
    """Add a border of `percent` of the width on one side, or all round ('all'), in the background colour."""
    side, percent = value
    if not percent:
        return img
    w, h = img.size
    p = max(1, w * percent // 100)
    left, top, right, bottom = {"all": (p, p, p, p), "left": (p, 0, 0, 0), "right": (0, 0, p, 0),
                                "top": (0, p, 0, 0), "bottom": (0, 0, 0, p)}[side]
    out = Image.new("RGB", (w + left + right, h + top + bottom), corner_colour(img))
    out.paste(img, (left, top))
    return out


def scale(img: Image.Image, percent: int) -> Image.Image:
    """Downscale by `percent` per cent (the smaller image carries less detail; never upscaled)."""
    if not percent:
        return img
    w, h = img.size
    size = (max(16, w * (100 - percent) // 100), max(16, h * (100 - percent) // 100))
    return img.resize(size, Image.Resampling.LANCZOS)


def aspect(img: Image.Image, percent: int) -> Image.Image:
    """Stretch the width by `percent` per cent (negative: squeeze)."""
    if not percent:
        return img
    w, h = img.size
    return img.resize((max(16, w * (100 + percent) // 100), h), Image.Resampling.LANCZOS)


# name -> function(img, value); the order is the order they are applied in (JPEG is the encoding, last)
IMAGE_OPS = {"tint": tint, "brightness": brightness, "rotate": rotate, "crop": crop, "pad": pad,
             "scale": scale, "aspect": aspect, "noise": noise}
