"""`csrbench gallery --out DIR`: a contact sheet of a case pack for human review.

Writes DIR/index.html (grouped by type, with the taxonomy definition) and DIR/thumbs/*.jpg; each
thumbnail links to a copy of the full image in DIR/images/. All case text is HTML-escaped.
"""

from __future__ import annotations

import argparse
import html
import shutil
import sys
from collections import defaultdict
from pathlib import Path

from ..cases.model import Case

THUMB_SIDE = 320
STYLE = """
body{font:14px/1.4 system-ui,sans-serif;margin:0;background:#f5f5f2;color:#222}
header{padding:16px 24px;background:#1f2a44;color:#fff}header p{margin:4px 0 0;opacity:.8}
nav{padding:8px 24px;background:#fff;border-bottom:1px solid #ddd;position:sticky;top:0}
nav a{margin-right:8px;font-family:monospace}
section{padding:8px 24px}h2{margin:24px 0 4px}.def{max-width:960px;color:#555;margin:0 0 12px}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(340px,1fr));gap:12px}
.card{background:#fff;border:1px solid #ddd;border-radius:8px;padding:10px}
.card img{width:100%;height:auto;border:1px solid #eee;border-radius:4px}
.id{font-family:monospace;font-weight:bold}.exp{float:right;padding:1px 6px;border-radius:4px;font-size:12px}
.refuse{background:#fde2e1}.comply{background:#dff3e3}.unbiased{background:#e3e8fb}.grounded{background:#fff1cc}
dl{margin:6px 0 0}dt{font-weight:600;font-size:12px;color:#666;margin-top:4px}dd{margin:0}
.muted{color:#888;font-size:12px}
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sources", nargs="*", metavar="SOURCE", help="packs to show (default: the bundled one)")
    parser.add_argument("--out", required=True, type=Path, help="output directory (created)")


def run(args: argparse.Namespace) -> int:
    from ..cases.errors import PackError
    from ..cases.sources import load_sources

    try:
        cases = load_sources(args.sources, bundled=not args.sources)
    except PackError as exc:
        print(f"csrbench gallery: invalid case pack:\n{exc.render()}", file=sys.stderr)
        return 1
    index = write_gallery(cases, args.out)
    print(f"wrote {index} ({len(cases)} cases)")
    return 0


def write_gallery(cases: list[Case], out: Path) -> Path:
    (out / "thumbs").mkdir(parents=True, exist_ok=True)
    (out / "images").mkdir(exist_ok=True)
    by_type: dict[str, list[Case]] = defaultdict(list)
    for case in cases:
        by_type[case.type].append(case)
    definitions = _definitions()
    sections = [_section(t, sorted(cs, key=lambda c: c.id), definitions.get(t), out) for t, cs in sorted(by_type.items())]
    nav = " ".join(f'<a href="#{html.escape(t)}">{html.escape(t)}</a>' for t in sorted(by_type))
    page = (f"<!doctype html><html><head><meta charset='utf-8'><title>csrbench gallery</title><style>{STYLE}"
            f"</style></head><body><header><h1>csrbench case gallery</h1><p>{len(cases)} cases, "
            f"{len(by_type)} types</p></header><nav>{nav}</nav>{''.join(sections)}</body></html>")
    index = out / "index.html"
    index.write_text(page, encoding="utf-8")
    return index


def _definitions() -> dict[str, str]:
    try:
        from ..cases.taxonomy import load_taxonomy

        return {k: f"{v.name}: {v.definition}" for k, v in load_taxonomy().items()}
    except Exception:  # a pack outside the taxonomy still gets a gallery
        return {}


def _section(type_id: str, cases: list[Case], definition: str | None, out: Path) -> str:
    cards = "".join(_card(c, out) for c in cases)
    doc = f"<p class='def'>{html.escape(definition)}</p>" if definition else ""
    return f"<section id='{html.escape(type_id)}'><h2>{html.escape(type_id)} ({len(cases)})</h2>{doc}" \
           f"<div class='grid'>{cards}</div></section>"


def _card(case: Case, out: Path) -> str:
    thumb, full = _thumbnail(case, out)
    e = html.escape
    extra = []
    if case.payload_terms:
        extra.append(("payload terms", ", ".join(case.payload_terms)))
    if case.options:
        opts = "; ".join(f"{'ABCDEFGH'[i]}. {o}" for i, o in enumerate(case.options))
        extra.append(("options", f"{opts} — answer: {case.answer} ({case.variant})"))
    if case.truth:
        t = case.truth
        extra.append(("truth", f"{t.kind}: {t.answer}" + (f"; must not claim: {', '.join(t.reject)}" if t.reject else "")))
    if case.twin:
        extra.append(("harmful twin", case.twin))
    rows = "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in
                   [("prompt (with image)", case.prompt),
                    ("text-only control", case.text_control or f"(skipped: {case.unavailable.get('text')})"), *extra])
    return (f"<div class='card' id='{e(case.id)}'><span class='exp {e(case.expected)}'>{e(case.expected)}</span>"
            f"<span class='id'>{e(case.id)}</span><a href='{e(full)}'><img loading='lazy' src='{e(thumb)}' "
            f"alt='{e(case.id)}'></a><dl>{rows}</dl></div>")


def _thumbnail(case: Case, out: Path) -> tuple[str, str]:
    from PIL import Image

    if not (case.image_path or case.image):  # a question asked without an image (its image item is skipped)
        return "", ""
    src = Path(case.image_path or case.image)
    safe = case.id.replace("/", "_")
    full = out / "images" / f"{safe}{src.suffix.lower()}"
    shutil.copyfile(src, full)
    thumb = out / "thumbs" / f"{safe}.jpg"
    with Image.open(src) as img:
        img = img.convert("RGB")
        img.thumbnail((THUMB_SIDE * 2, THUMB_SIDE * 2))
        img.save(thumb, format="JPEG", quality=85)
    return f"thumbs/{thumb.name}", f"images/{full.name}"
