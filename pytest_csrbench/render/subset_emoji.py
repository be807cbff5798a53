"""Maintainers' tool: cut the bundled Noto Color Emoji font down to the emoji the project uses.

The full font is ~11 MB of the wheel; the pack and the documentation use a few hundred emoji. Run
after adding cases that use new emoji (CONTRIBUTING.md):

    python -m pytest_csrbench.render.subset_emoji            # needs fontTools (pip install fonttools)

It collects every emoji written in the bundled cases, the tests, the examples and the docs (so the
render-spec page's "handy ones" keep working for pack authors), keeps the ones the current font can
draw, writes the subset font in place and checks that each kept emoji draws pixel-identically. An
emoji outside the subset is rejected at validation, naming the field, as any unknown emoji is.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from .emoji import EMOJI_FILE

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("cases", "tests", "examples", "docs", "README.md")
# a run of pictographic code points, with joiners, variation selectors, skin tones and flags' letters
CLUSTER = re.compile("[\u2190-\u2bff\u3030\u303d\u3297\u3299\U0001f000-\U0001faff\U0001f1e6-\U0001f1ff]"
                     "(?:[\ufe0f\u20e3\U0001f3fb-\U0001f3ff]|\u200d[\u2190-\u2bff\U0001f000-\U0001faff]\ufe0f?)*")


def used_emoji(root: Path = ROOT) -> set[str]:
    found: set[str] = set()
    for name in SOURCES:
        base = root / name
        files = [base] if base.is_file() else [p for p in base.rglob("*") if p.suffix in (".yaml", ".yml", ".py",
                                                                                        ".md", ".jsonl")]
        for path in files:
            try:
                found.update(CLUSTER.findall(path.read_text(encoding="utf-8")))
            except (OSError, UnicodeDecodeError):
                continue
    return found


def subset(font_path: Path, keep: set[str]) -> None:
    from fontTools import subset as ft_subset  # maintainers only

    options = ft_subset.Options()
    options.layout_features = ["*"]
    options.notdef_outline = True
    options.name_IDs = ["*"]
    font = ft_subset.load_font(str(font_path), options)
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(unicodes={ord(ch) for e in keep for ch in e})
    subsetter.subset(font)
    ft_subset.save_font(font, str(font_path), options)


def main() -> int:
    from . import emoji

    keep = {e for e in used_emoji() if emoji.is_drawable(e)}
    before = {e: emoji.glyph(e, 64).tobytes() for e in keep}
    size = EMOJI_FILE.stat().st_size
    subset(EMOJI_FILE, keep)
    for fn in (emoji._font, emoji._native, emoji.glyph):
        fn.cache_clear()
    changed = sorted(e for e in keep if not emoji.is_drawable(e) or emoji.glyph(e, 64).tobytes() != before[e])
    print(f"kept {len(keep)} emoji; font {size / 1e6:.1f} MB -> {EMOJI_FILE.stat().st_size / 1e6:.1f} MB")
    if changed:
        print(f"these no longer draw the same: {' '.join(changed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
