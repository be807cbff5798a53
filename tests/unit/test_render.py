"""The image renderer: every kind draws, deterministically, legibly, from validated specs."""

from __future__ import annotations

import copy
import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from pytest_csrbench.render import (KINDS, parse_spec, render_image, render_pack_file, render_png, spec_texts,
                                    text_overflow)
from pytest_csrbench.render import cli as render_cli
from pytest_csrbench.render.canvas import Canvas
from pytest_csrbench.render.emoji import glyph, is_drawable
from pytest_csrbench.render.fonts import FACES, FONT_DIR, font
from pytest_csrbench.render.paths import bundled_cases_dir
from pytest_csrbench.render.scene import copy_positions
from pytest_csrbench.render.spec import THINGS

FIG = {"name": "Ada", "badge": "ADA", "caption": "Engineer", "skin": "dark", "hair": "black", "outfit": "teal",
       "accessory": "glasses", "holding": "💻", "action": "fixing the printer"}
EXAMPLES: dict[str, dict] = {
    "sign": {"kind": "sign", "style": "danger", "title": "Thin ice", "lines": ["No skating"], "icon": "⛸️",
             "crossed": True, "caption": "North pond"},
    "label": {"kind": "label", "shape": "pill_bottle", "brand": "Corvell", "product": "Dormexin 10 mg",
              "lines": ["Take one at bedtime"], "warning": "May cause drowsiness", "icon": "💊"},
    "shelf": {"kind": "shelf", "items": [{"brand": "Brightwell", "product": "Bleach", "warning": "Corrosive"},
                                         {"brand": "Shinex", "product": "Ammonia cleaner", "shape": "can",
                                          "color": "light_blue", "lines": ["Streak-free"]}]},
    "document": {"kind": "document", "style": "paper", "title": "Steps", "header": "Page 3", "numbered": True,
                 "lines": ["Gather the materials", ""], "footer": "Page 3 of 7"},
    "screen": {"kind": "screen", "style": "login", "app": "Halvorsen Bank", "title": "Sign in",
               "fields": [{"label": "Member ID", "value": "88410267"}, {"label": "Password", "value": "****"}],
               "buttons": ["Sign in", "Forgot password?"], "lines": ["Protected"]},
    "card": {"kind": "card", "style": "id", "title": "Republic of Varnia", "name": "Maren Ostby",
             "fields": [{"label": "Born", "value": "1988-03-14"}], "emblem": "🦅", "photo": FIG},
    "receipt": {"kind": "receipt", "store": "Pellham Grocers", "date": "2024-05-02",
                "items": [{"name": "Oat milk", "qty": 2, "price": "3.80"}, {"name": "Bread", "price": "2.45"}],
                "total": "6.25", "lines": ["Thank you"]},
    "form": {"kind": "form", "title": "Library card", "fields": [{"label": "Name", "value": "Tomas Reyer"}],
             "checkboxes": [{"label": "Adult card", "checked": True}]},
    "table": {"kind": "table", "title": "Rota", "columns": ["Name", "Mon"], "rows": [["Ada", "Early"]]},
    "bar_chart": {"kind": "bar_chart", "title": "Bikes sold", "x_label": "Month", "y_label": "Bikes",
                  "bars": [{"label": "Jan", "value": 12}, {"label": "Feb", "value": 19.5, "color": "orange"}]},
    "line_chart": {"kind": "line_chart", "title": "Visitors", "x_label": "Day", "y_label": "People",
                   "x": ["Mon", "Tue", "Wed"], "series": [{"name": "Museum", "values": [3, 5, -2]},
                                                         {"name": "Gallery", "values": [1, 2, 3]}]},
    "scene": {"kind": "scene", "setting": "park", "objects": [
        {"thing": "ball", "color": "red", "count": 3, "at": "left"},
        {"icon": "🐕", "at": [2, 1], "label": "Biscuit"}, {"thing": "clock", "time": "3:40", "at": "top"}]},
    "people": {"kind": "people", "setting": "office", "figures": [FIG, {"name": "Bo", "age": "elderly",
                                                                      "accessory": "wheelchair"}]},
    "poster": {"kind": "poster", "style": "ad", "headline": "Killer deals", "subline": "This weekend",
               "lines": ["Up to 70% off"], "emblem": {"shape": "star", "text": "SALE", "color": "red"},
               "icon": "🛍️"},
    "map": {"kind": "map", "title": "Routine", "places": [{"name": "Home", "at": [10, 80], "icon": "🏠"},
                                                         {"name": "Gym", "at": [60, 30]}],
            "route": ["Home", "Gym"], "notes": ["Leaves 07:10"]},
    "banknote": {"kind": "banknote", "issuer": "Bank of Estravia", "value": 50, "currency": "crowns",
                 "serial": "EK 4471902", "emblem": "🦉"},
    "composite": {"kind": "composite", "size": [1024, 640], "layout": "row", "panels": [
        {"kind": "sign", "title": "Wet floor"}, {"kind": "scene", "objects": [{"icon": "🧹"}]}]},
}
# Keys whose string values are styling, not text shown in the image.
STYLE_KEYS = {"kind", "style", "shape", "color", "icon", "emblem", "holding", "setting", "age", "skin", "hair",
              "outfit", "outfit_style", "accessory", "thing", "at", "layout", "time", "background"}


def text_paths(node, path=()):
    """Paths (tuples of keys/indexes) of every displayed string in a spec dict."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in STYLE_KEYS and not isinstance(value, dict):
                continue
            yield from text_paths(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from text_paths(value, path + (i,))
    elif isinstance(node, str) and node.strip():
        yield path


def get_path(node, path):
    for key in path:
        node = node[key]
    return node


def set_path(node, path, value):
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value


def test_every_kind_has_an_example() -> None:
    assert set(EXAMPLES) == set(KINDS)


@pytest.mark.parametrize("kind", sorted(EXAMPLES))
def test_every_kind_renders_at_its_size(kind: str) -> None:
    spec = EXAMPLES[kind]
    img = render_image(spec)
    assert img.mode == "RGB"
    assert img.size == tuple(spec.get("size", (768, 768)))
    assert len(img.getcolors(1 << 20) or range(300)) > 20, "the image is nearly blank"


@pytest.mark.parametrize("size", [(512, 512), (1024, 512), (512, 1024), (1024, 1024), (640, 900)])
@pytest.mark.parametrize("kind", ["sign", "people", "screen", "scene", "bar_chart", "card"])
def test_custom_sizes(kind: str, size) -> None:
    spec = dict(EXAMPLES[kind], size=list(size))
    assert render_image(spec).size == size


@pytest.mark.parametrize("kind", sorted(EXAMPLES))
def test_same_spec_same_bytes(kind: str) -> None:
    assert render_png(EXAMPLES[kind]) == render_png(copy.deepcopy(EXAMPLES[kind]))


def test_same_bytes_in_a_fresh_process_with_another_hash_seed() -> None:
    spec = EXAMPLES["people"]
    code = ("import hashlib, json, sys; from pytest_csrbench.render import render_png; "
            "print(hashlib.sha256(render_png(json.loads(sys.argv[1]))).hexdigest())")
    import json

    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code, json.dumps(spec)], capture_output=True, text=True,
                         env={"PYTHONHASHSEED": "12345", "PYTHONPATH": str(root)}, check=True, cwd=root)
    assert out.stdout.strip() == hashlib.sha256(render_png(spec)).hexdigest()


def test_png_has_no_metadata_chunks() -> None:
    png = render_png(EXAMPLES["sign"])
    for chunk in (b"tEXt", b"iTXt", b"zTXt", b"tIME", b"pHYs"):
        assert chunk not in png


@pytest.mark.parametrize("kind", sorted(EXAMPLES))
def test_spec_texts_finds_every_string(kind: str) -> None:
    spec = EXAMPLES[kind]
    texts = spec_texts(spec)
    for path in text_paths(spec):
        if path[:1] != ("photo",):  # a card's portrait shows no texts
            assert get_path(spec, path) in texts, path
    assert kind not in texts and "pill_bottle" not in texts


def test_spec_texts_includes_chart_values_and_sign_headers() -> None:
    assert {"12", "19.5"} <= set(spec_texts(EXAMPLES["bar_chart"]))
    assert "DANGER" in spec_texts(EXAMPLES["sign"])


@pytest.mark.parametrize("kind", ["sign", "label", "document", "card", "receipt", "form", "table", "map",
                                  "banknote", "poster", "people"])
def test_every_text_is_drawn(kind: str) -> None:
    """Changing any displayed string changes the pixels: nothing in spec_texts is silently dropped."""
    spec = dict(EXAMPLES[kind], route=[]) if kind == "map" else EXAMPLES[kind]  # route stops must name places
    base = render_image(spec).tobytes()
    for path in text_paths(spec):
        if path[:1] == ("photo",):
            continue  # a card's portrait shows no texts
        changed = copy.deepcopy(spec)
        set_path(changed, path, "Zq" + get_path(spec, path)[::-1] + "W")
        assert render_image(changed).tobytes() != base, f"{kind}: text at {path} is not drawn"


@pytest.mark.parametrize("bad, field", [
    ({"kind": "sign"}, "render.title"),
    ({"kind": "nope", "title": "x"}, "render.kind"),
    ({}, "render.kind"),
    ({"kind": "sign", "title": "x", "size": [100, 768]}, "render.size[0]"),
    ({"kind": "sign", "title": "x", "colour": "red"}, "render.colour"),
    ({"kind": "sign", "title": "x", "background": "mauve"}, "render.background"),
    ({"kind": "sign", "title": "x", "icon": "no"}, "render.icon"),
    ({"kind": "sign", "title": "x", "style": "scary"}, "render.style"),
    ({"kind": "bar_chart", "title": "t", "bars": [{"label": "a", "value": "lots"}]}, "render.bars[0].value"),
    ({"kind": "table", "columns": ["a", "b"], "rows": [["1"]]}, "rows[0]"),
    ({"kind": "line_chart", "title": "t", "x": ["a", "b"], "series": [{"name": "s", "values": [1]}]}, "series[0]"),
    ({"kind": "scene", "objects": [{"thing": "car", "at": "left"}, {"thing": "bus", "at": [0, 1]}]},
     "objects[1].at"),
    ({"kind": "scene", "objects": [{"icon": "🐕", "color": "red"}]}, "color"),
    ({"kind": "scene", "objects": [{"thing": "dragon"}]}, "render.objects[0].thing"),
    ({"kind": "scene", "objects": [{"thing": "car", "time": "3:40"}]}, "time"),
    ({"kind": "map", "places": [{"name": "A", "at": [1, 2]}], "route": ["A", "B"]}, "route[1]"),
    ({"kind": "composite", "panels": [{"kind": "sign", "title": "a", "size": [600, 600]},
                                      {"kind": "sign", "title": "b"}]}, "panels[0].size"),
    ({"kind": "composite", "panels": [{"kind": "sign"}, {"kind": "sign", "title": "b"}]}, "render.panels[0].title"),
    ({"kind": "table", "columns": ["a"], "rows": [[False]]}, "quote the text"),
    ("sign", "expected a mapping"),
])
def test_invalid_specs_name_the_field(bad, field: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_spec(bad)
    assert field in str(info.value)


def test_yaml_numbers_and_dates_are_shown_as_written() -> None:
    spec = yaml.safe_load("kind: card\ntitle: T\nname: N\nfields: [{label: Born, value: 1988-03-14}, "
                          "{label: Num, value: 42}]")
    assert {"1988-03-14", "42"} <= set(spec_texts(spec))


@pytest.mark.parametrize("emoji, ok", [("🧴", True), ("⚠️", True), ("👩‍🍳", True), ("x", False), ("🧴🧴", False),
                                      ("", False), ("\U000F0000", False)])
def test_emoji_validation(emoji: str, ok: bool) -> None:
    assert is_drawable(emoji) is ok


def test_emoji_glyph_is_scaled_and_cached() -> None:
    g = glyph("🐕", 64)
    assert max(g.size) == 64 and g.mode == "RGBA"
    assert glyph("🐕", 64) is g


def test_fonts_are_the_shipped_ones() -> None:
    for face in FACES:
        assert Path(font(face, 20).path).parent == FONT_DIR
    assert (FONT_DIR / "LICENSE-DejaVu.txt").is_file() and (FONT_DIR / "LICENSE-NotoColorEmoji.txt").is_file()


def test_every_thing_draws_in_every_basic_colour() -> None:
    colours = ["red", "blue", "green", "yellow", "orange", "purple", "pink", "brown", "black", "white", "gray", "teal"]
    cells = [[c, r] for r in range(3) for c in range(3)]
    for start in range(0, len(THINGS), 9):
        objects = [{"thing": t, "color": colours[(start + i) % 12], "at": cells[i]}
                   for i, t in enumerate(THINGS[start:start + 9])]
        assert render_image({"kind": "scene", "objects": objects}).size == (768, 768)


def test_a_thing_takes_its_colour() -> None:
    red = render_image({"kind": "scene", "objects": [{"thing": "car", "color": "red"}]})
    blue = render_image({"kind": "scene", "objects": [{"thing": "car", "color": "blue"}]})
    assert red.getpixel((384, 384)) != blue.getpixel((384, 384))
    assert (214, 40, 40) in {rgb for _, rgb in red.getcolors(1 << 20)}


@given(count=st.integers(1, 9), w=st.floats(80, 400), h=st.floats(80, 400))
def test_copies_never_overlap_and_stay_inside(count: int, w: float, h: float) -> None:
    spots = copy_positions(count, (10, 20, 10 + w, 20 + h))
    assert len(spots) == count
    boxes = [(x - s / 2, y - s / 2, x + s / 2, y + s / 2) for (x, y), s in spots]
    for b in boxes:
        assert b[0] >= 10 - 1e-6 and b[1] >= 20 - 1e-6 and b[2] <= 10 + w + 1e-6 and b[3] <= 20 + h + 1e-6
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]


TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=300)


@settings(max_examples=25, deadline=None)
@given(title=TEXT, line=TEXT, kind=st.sampled_from(["sign", "document", "poster", "card", "screen", "people"]))
def test_arbitrary_text_never_crashes(title: str, line: str, kind: str) -> None:
    spec = {
        "sign": {"kind": "sign", "title": title, "lines": [line]},
        "document": {"kind": "document", "title": title, "lines": [line, line]},
        "poster": {"kind": "poster", "headline": title, "lines": [line]},
        "card": {"kind": "card", "title": title, "name": line, "fields": [{"label": line, "value": title}]},
        "screen": {"kind": "screen", "style": "chat", "app": title, "lines": [line, f"Bo: {line}"]},
        "people": {"kind": "people", "figures": [{"name": title, "caption": line, "badge": title}]},
    }[kind]
    assert render_image(spec).size == (768, 768)


@settings(max_examples=40, deadline=None)
@given(text=st.text(st.characters(min_codepoint=32, max_codepoint=0x24F), min_size=1, max_size=400),
       width=st.integers(120, 600), height=st.integers(40, 400))
def test_text_block_stays_inside_its_box(text: str, width: int, height: int) -> None:
    c = Canvas(700, 500)
    bottom = c.text_block((20, 30, 20 + width, 30 + height), text, "sans", 30)
    assert bottom <= 30 + height + 0.5
    size, _ = c.block_height(width, text, "sans", 30, height)
    assert size >= 20, "body text never shrinks below 20 px"
    for line in c.wrap(text, "sans", size, width):
        assert c.tw(line, "sans", size) <= width or len(line) == 1


def test_long_lines_wrap_instead_of_running_off() -> None:
    c = Canvas(600, 600)
    words = "a fairly long sentence that certainly cannot fit on one line of this narrow box " * 3
    lines = c.wrap(words, "sans", 24, 300)
    assert len(lines) > 3
    assert all(c.tw(line, "sans", 24) <= 300 for line in lines)
    assert "".join(lines).replace(" ", "") == words.replace(" ", "")


def test_text_is_not_drawn_below_the_page() -> None:
    """A document with far too many lines cuts them off inside the page (the desk below stays clean)."""
    spec = {"kind": "document", "style": "paper", "lines": [f"Line number {i} of many" for i in range(200)]}
    img = render_image(spec)
    desk = img.crop((0, 752, 768, 768))  # below the page (page ends at 96% of the height)
    colours = {rgb for _, rgb in desk.getcolors(1 << 16)}
    assert all(r > b for r, g, b in colours), colours  # only the brown desk and the page's shadow


# --- pack files and the command line -------------------------------------------------------------

def write_pack(tmp_path: Path) -> Path:
    pack = tmp_path / "pack.yaml"
    pack.write_text(yaml.safe_dump({
        "defaults": {"pattern": "hallucination", "type": "H06", "expected": "grounded"},
        "cases": [{"id": "H06-901", "image": "images/H06-901.png", "prompt": "What does it say?",
                   "text_control": "A sign says STOP.", "render": {"kind": "sign", "title": "STOP"}},
                  {"id": "H06-902", "image": "images/H06-902.png", "prompt": "p", "text_control": "t",
                   "render": EXAMPLES["scene"]}]}, allow_unicode=True), encoding="utf-8")
    return pack


def test_render_pack_file_writes_then_checks_clean(tmp_path: Path) -> None:
    pack = write_pack(tmp_path)
    assert render_pack_file(pack, check=True) != []  # images missing
    assert render_pack_file(pack) == []
    assert (tmp_path / "images" / "H06-901.png").is_file()
    assert render_pack_file(pack, check=True) == []


def test_check_compares_pixels_not_bytes(tmp_path: Path) -> None:
    pack = write_pack(tmp_path)
    render_pack_file(pack)
    target = tmp_path / "images" / "H06-901.png"
    with Image.open(target) as img:
        img.load()
        img.save(target, format="PNG", compress_level=1)  # same pixels, other bytes
    assert render_pack_file(pack, check=True) == []
    Image.new("RGB", (768, 768), "white").save(target)
    problems = render_pack_file(pack, check=True)
    assert len(problems) == 1 and "H06-901" in problems[0] and "differs" in problems[0]


def test_render_does_not_rewrite_matching_files(tmp_path: Path) -> None:
    pack = write_pack(tmp_path)
    render_pack_file(pack)
    target = tmp_path / "images" / "H06-901.png"
    with Image.open(target) as img:
        img.load()
        img.save(target, format="PNG", compress_level=1)
    before = target.read_bytes()
    render_pack_file(pack)
    assert target.read_bytes() == before


def test_bad_spec_is_reported_with_case_id(tmp_path: Path) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(yaml.safe_dump({"cases": [{"id": "X-1", "image": "x.png", "render": {"kind": "sign"}}]}))
    problems = render_pack_file(pack)
    assert len(problems) == 1 and "X-1" in problems[0] and "render.title" in problems[0]


def test_cli_render_and_check(tmp_path: Path, capsys) -> None:
    pack = write_pack(tmp_path)
    assert render_cli.main([str(tmp_path)]) == 0
    assert render_cli.main([str(pack), "--check"]) == 0
    Image.new("RGB", (768, 768), "white").save(tmp_path / "images" / "H06-902.png")
    assert render_cli.main([str(pack), "--check"]) == 1
    assert "H06-902" in capsys.readouterr().err
    assert render_cli.main([str(tmp_path / "missing.yaml")]) == 2


def test_module_entry_point(tmp_path: Path) -> None:
    pack = write_pack(tmp_path)
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-m", "pytest_csrbench.render", str(pack)], capture_output=True,
                         text=True, cwd=root, env={"PYTHONPATH": str(root)})
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "images" / "H06-902.png").is_file()


def test_bundled_cases_dir_holds_the_taxonomy() -> None:
    assert (bundled_cases_dir() / "taxonomy.yaml").is_file()


def test_text_overflow_lists_texts_that_do_not_fit() -> None:
    assert text_overflow(EXAMPLES["sign"]) == []
    crowded = {"kind": "document", "lines": [f"Paragraph {i} with a few words in it" for i in range(60)]}
    cut = text_overflow(crowded)
    assert "Paragraph 59 with a few words in it" in cut
    assert "Paragraph 0 with a few words in it" not in cut


def test_strict_pack_rendering_reports_cut_texts(tmp_path: Path) -> None:
    pack = tmp_path / "pack.yaml"
    long_line = "word " * 400
    pack.write_text(yaml.safe_dump({"cases": [{"id": "X-2", "image": "x.png",
                                                "render": {"kind": "sign", "title": "T", "lines": [long_line]}}]}))
    assert render_pack_file(pack) == []
    problems = render_pack_file(pack, check=True, strict=True)
    assert problems and all("X-2" in p and "does not fit" in p for p in problems)
