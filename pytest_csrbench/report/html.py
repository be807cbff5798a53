"""The self-contained HTML report (`--csr-html`, `csrbench report`), rendered from a results dict only.

It only reads: the trade-off plot's reference points come with the results (reference.py computes them).

One file, no network: styles, the script and every image are inline. The data travels as JSON inside
`<script type="application/json">` with `<`, `>` and `&` escaped as `\\u003c` etc., so no model output can
close the script element; the page script inserts all text with textContent, never as markup. A
Content-Security-Policy allows only the page's own script (by hash) and data: images.

Images: each case's image is embedded once (keyed by its hash), twice downscaled: a ~256 px thumbnail
for the table and a 512 px view for the case panel, each as the smaller of a JPEG and a palette PNG.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Optional

from ..results import item_key
from ..textsafe import json_text, unsurrogate
from .html_assets import CSS, PAGE
from .html_robust import ROBUST_CSS, ROBUST_SCRIPT, robust_payload
from .html_script import SCRIPT as _PAGE_SCRIPT

SCRIPT = _PAGE_SCRIPT + ROBUST_SCRIPT  # the flips gallery draws itself only when the run searched

THUMB_PX = 256
VIEW_PX = 512
ITEM_KEYS = ("case_id", "pattern", "type", "modality", "sample", "expected", "variant", "outcome", "prompt", "response",
             "error", "status_code", "latency_s", "cost_usd", "cached", "truncated", "reasoning")


# ----- images

def _fit(img: Any, size: int, resample: Any) -> Any:
    im = img.copy()
    im.thumbnail((size, size), resample, reducing_gap=2.0)
    return im


def _encode(im: Any) -> str:
    """A 128-colour PNG (small and sharp for rendered cards, signs and charts); a JPEG when smaller (photos)."""
    from PIL import Image

    png = io.BytesIO()
    im.quantize(128, method=Image.Quantize.FASTOCTREE).save(png, "PNG")
    best, media = png.getvalue(), "image/png"
    if len(best) > im.width * im.height // 12:  # many colours: likely a photo, where JPEG wins
        jpeg = io.BytesIO()
        im.save(jpeg, "JPEG", quality=80)
        if len(jpeg.getvalue()) < len(best):
            best, media = jpeg.getvalue(), "image/jpeg"
    return f"data:{media};base64," + base64.b64encode(best).decode("ascii")


def _image_entry(path: str, recorded_sha: Optional[str]) -> dict:
    """{'thumb', 'view'} data URLs plus a 'note' when the image is missing or changed since the run."""
    from PIL import Image, UnidentifiedImageError

    try:
        data = Path(path).read_bytes()
    except OSError:
        return {"note": f"image not found: {path}"}
    note = None
    if recorded_sha and hashlib.sha256(data).hexdigest() != recorded_sha:
        note = "the image file changed since this run (its hash differs): shown as it is now"
    try:
        with Image.open(io.BytesIO(data)) as raw:
            img = raw.convert("RGB")
    except (UnidentifiedImageError, OSError) as exc:
        return {"note": f"image unreadable: {path} ({exc})"}
    from PIL import Image

    view = _fit(img, VIEW_PX, Image.Resampling.BILINEAR)
    thumb = _fit(view, THUMB_PX, Image.Resampling.BOX)
    entry = {"thumb": _encode(thumb), "view": _encode(view), "w": img.width, "h": img.height}
    if note:
        entry["note"] = note
    return entry


def embed_images(items: list[dict]) -> tuple[dict[str, str], dict[str, dict]]:
    """(case_id -> image key, image key -> entry): one entry per distinct image, encoded in parallel."""
    wanted: dict[str, tuple[str, Optional[str]]] = {}
    case_key: dict[str, str] = {}
    for item in items:
        path, sha = item.get("image"), item.get("image_sha256")
        if not path or item["case_id"] in case_key:
            continue
        key = (sha or hashlib.sha256(str(path).encode()).hexdigest())[:16]
        case_key[item["case_id"]] = key
        wanted.setdefault(key, (str(path), sha))
    workers = max(1, min(8, os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        entries = dict(zip(wanted, pool.map(lambda v: _image_entry(*v), wanted.values())))
    return case_key, entries


# ----- the page

def _row(item: dict, flips: dict) -> dict:
    verdict = item.get("verdict") or {}
    row = {k: item.get(k) for k in ITEM_KEYS}
    row.update(label=verdict.get("label"), reason=verdict.get("reason"), judge=verdict.get("judge"),
               provider_refusal=bool((item.get("response_info") or {}).get("refusal")))
    flip = flips.get(item_key(item))
    if flip:
        row["flip"] = f"{flip['before']}→{flip['after']}"
        row["before"] = {k: flip.get(k) for k in ("before", "before_label", "before_reason", "before_response")}
    return row


def payload(results: dict, source: Optional[str] = None) -> tuple[dict, dict]:
    """(data, images) for the page: everything the script draws, as plain JSON."""
    items = sorted(results.get("items") or [], key=item_key)
    comparison = results.get("baseline")
    flips = {item_key(f): f for f in (comparison or {}).get("flips", [])}
    case_key, images = embed_images(items)
    cases: dict[str, dict] = {}
    for item in items:
        case = cases.setdefault(item["case_id"], {"image": case_key.get(item["case_id"]), "image_path": item.get("image")})
        if item.get("text_control"):
            case["text_control"] = item["text_control"]
    data = {
        "manifest": results.get("manifest") or {}, "gate": results.get("gate") or {},
        "summary": results.get("summary") or {}, "thresholds": results.get("thresholds") or [],
        "baseline": _without_flip_texts(comparison), "source": source,
        "items": [_row(i, flips) for i in items], "cases": cases, "reference": results.get("reference") or {},
    }
    if (results.get("summary") or {}).get("robustness"):  # --csr-robustness: the flips gallery
        robust_flips, flip_images = robust_payload(items, _image_entry)
        data["robustness"] = {"summary": results["summary"]["robustness"], "flips": robust_flips}
        images.update(flip_images)
    return data, images


def _without_flip_texts(comparison: Optional[dict]) -> Optional[dict]:
    """The flips' baseline responses travel on the rows; keep the comparison block small."""
    if comparison is None:
        return None
    flips = [{k: v for k, v in f.items() if k not in ("before_response", "before_reason")}
             for f in comparison.get("flips", [])]
    return {**comparison, "flips": flips}


def script_json(obj: Any) -> str:
    """JSON safe inside a <script> element: no '<', '>' or '&' survive, so nothing can close or open a tag."""
    text = json_text(obj, separators=(",", ":"), default=str)
    for char, esc in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"), ("\u2028", "\\u2028"),
                      ("\u2029", "\\u2029")):
        text = text.replace(char, esc)
    return text


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def render_html(results: dict, source: Optional[str] = None) -> str:
    data, images = payload(results, source)
    manifest = data["manifest"]
    title = f"csrbench · {manifest.get('model') or 'results'}"
    css = CSS + ROBUST_CSS
    csp = (f"default-src 'none'; img-src data:; style-src {_csp_hash(css)}; script-src {_csp_hash(SCRIPT)}; "
           "base-uri 'none'; form-action 'none'")
    return PAGE.format(title=html.escape(unsurrogate(title)), csp=html.escape(csp, quote=True), css=css, script=SCRIPT,
                       data=script_json(data), images=script_json(images))


def write_html(results: dict, path: Path, source: Optional[str] = None) -> None:
    """Render and write atomically."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_text(render_html(results, source), encoding="utf-8")
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)  # no temporary file left behind (e.g. the path is a directory)
        raise
