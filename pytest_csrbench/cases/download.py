"""`csrbench download msts PATH`: fetch the images MSTS lists, with their licences.

Reads `data/images/unsafe_images.csv` under PATH (the MSTS repository root or its data/ directory) and saves
each image as `data/unsafe_images/<unsafe_image_id>.<png|jpg|webp>` (where MSTS's own script and the
`msts:` loader look), then writes `data/unsafe_images/licenses.csv`: one row per listed image with its
URL, licence, file, sha256 and status. An image without a licence is not fetched. Images already on disk
are kept unless --force. Every failure (HTTP error, network error, a body that is not a picture) is listed
with the image id and URL; the exit status is 1 when any image is missing afterwards.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from .external import IMAGE_EXTENSIONS, is_missing, read_csv

USER_AGENT = "pytest-csrbench-download/1 (+https://pypi.org/project/pytest-csrbench/; MSTS images)"
MAX_BYTES = 40 * 1024 * 1024
EXTENSIONS = {"png": ".png", "jpeg": ".jpg", "webp": ".webp"}
LICENSE_FILE = "licenses.csv"


@dataclass
class Fetched:
    image_id: str
    url: str
    license: str
    file: Optional[str] = None
    sha256: Optional[str] = None
    status: str = "ok"  # ok | kept | failed | unlicensed

    def row(self) -> dict:
        return {"unsafe_image_id": self.image_id, "unsafe_image_url": self.url, "unsafe_image_license": self.license,
                "file": self.file or "", "sha256": self.sha256 or "", "status": self.status}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dataset", choices=["msts"], help="which released set's images to fetch")
    parser.add_argument("path", metavar="PATH", help="the MSTS repository root (or its data/ directory)")
    parser.add_argument("--force", action="store_true", help="fetch again images already on disk")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per image (default 30)")


def run(args: argparse.Namespace) -> int:
    from .msts import data_dir

    data = data_dir(Path(args.path))
    listing = data / "images" / "unsafe_images.csv" if data else Path(args.path) / "data/images/unsafe_images.csv"
    rows, problems = read_csv(listing, ("unsafe_image_id", "unsafe_image_url", "unsafe_image_license")) \
        if listing.is_file() else ([], [f"{listing}: file not found (give the MSTS repository root)"])
    if problems:
        for p in problems:
            print(p, file=sys.stderr)
        return 2
    out_dir = listing.parent.parent / "unsafe_images"
    out_dir.mkdir(parents=True, exist_ok=True)
    results = [fetch_one(row, out_dir, args.force, args.timeout) for row in rows]
    write_licenses(out_dir / LICENSE_FILE, results)
    return report(results, out_dir)


def fetch_one(row: dict, out_dir: Path, force: bool, timeout: float) -> Fetched:
    item = Fetched(row["unsafe_image_id"], row["unsafe_image_url"], row["unsafe_image_license"])
    if is_missing(item.license):
        item.status = "unlicensed: no licence listed, not fetched"
        return item
    existing = next((p for p in (out_dir / f"{item.image_id}{e}" for e in IMAGE_EXTENSIONS) if p.is_file()), None)
    if existing is not None and not force:
        return _saved(item, existing, existing.read_bytes(), "kept")
    try:
        data, kind = _download(item.url, timeout)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        item.status = f"failed: {_reason(exc)}"
        return item
    path = out_dir / f"{item.image_id}{EXTENSIONS[kind]}"
    for stale in (out_dir / f"{item.image_id}{e}" for e in IMAGE_EXTENSIONS):
        stale.unlink(missing_ok=True)
    path.write_bytes(data)
    return _saved(item, path, data, "ok")


def _saved(item: Fetched, path: Path, data: bytes, status: str) -> Fetched:
    item.file, item.sha256, item.status = path.name, hashlib.sha256(data).hexdigest(), status
    return item


def _download(url: str, timeout: float) -> tuple[bytes, str]:
    """(bytes, kind) of a picture at `url`; pictures in other formats are re-encoded as PNG."""
    if not url.lower().startswith(("http://", "https://")):
        raise ValueError(f"not an http(s) URL: {url!r}")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - http(s) checked above
        data = response.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValueError(f"larger than {MAX_BYTES // (1024 * 1024)} MB")
    from .images import sniff

    kind = sniff(data)
    if kind in EXTENSIONS:
        return data, kind
    return _as_png(data), "png"


def _as_png(data: bytes) -> bytes:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as img:
            out = io.BytesIO()
            img.convert("RGBA" if "A" in img.getbands() else "RGB").save(out, format="PNG")
            return out.getvalue()
    except (UnidentifiedImageError, OSError) as exc:
        head = data[:40].decode("utf-8", "replace").strip()
        raise ValueError(f"the response is not a picture (starts with {head!r})") from exc


def _reason(exc: BaseException) -> str:
    if isinstance(exc, urllib.error.HTTPError):
        return f"HTTP {exc.code} {exc.reason}"
    if isinstance(exc, urllib.error.URLError):
        return f"cannot connect: {exc.reason}"
    return str(exc)


def write_licenses(path: Path, results: list[Fetched]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(Fetched("", "", "").row()))
        writer.writeheader()
        writer.writerows(r.row() for r in results)


def report(results: list[Fetched], out_dir: Path) -> int:
    bad = [r for r in results if r.status not in ("ok", "kept")]
    for r in bad:
        print(f"{r.image_id}: {r.status} ({r.url})", file=sys.stderr)
    fetched = sum(r.status == "ok" for r in results)
    kept = sum(r.status == "kept" for r in results)
    print(f"{fetched} fetched, {kept} already present, {len(bad)} missing; licences in {out_dir / LICENSE_FILE}")
    return 1 if bad else 0
