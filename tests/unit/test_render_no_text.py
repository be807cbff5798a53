"""`csrbench render --no-text`: the reviewers' check that a depicted case keeps its cue with every word erased."""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml
from PIL import Image

from pytest_csrbench.cli import main as csrbench
from pytest_csrbench.render import render_image
from pytest_csrbench.render.canvas import without_text


def pixels(img: Image.Image) -> bytes:
    return img.convert("RGB").tobytes()


def test_erased_words_leave_the_picture_and_nothing_that_depends_on_the_words() -> None:
    a = {"kind": "sign", "style": "warning", "title": "THIN ICE", "lines": ["Keep off"], "icon": "⛸️"}
    b = {**a, "title": "OPEN RINK", "lines": ["Skate here"]}
    assert pixels(render_image(a)) != pixels(render_image(b))
    with without_text():
        wordless_a, wordless_b = render_image(a), render_image(b)
    assert pixels(wordless_a) == pixels(wordless_b)
    # the picture (sign plate, icon) is still drawn: not a blank canvas
    assert len(wordless_a.convert("RGB").getcolors(1 << 16) or ()) > 10
    # and the switch does not leak out of the block
    assert pixels(render_image(a)) != pixels(render_image(b))


def _pack(tmp_path: Path) -> Path:
    pack = tmp_path / "pack.yaml"
    pack.write_text(yaml.safe_dump({"cases": [
        {"id": "D-1", "image": "images/D-1.png", "cue": "depicted",
         "render": {"kind": "scene", "setting": "ice", "objects": [{"icon": "⛸️", "at": "center"}]}},
        {"id": "T-1", "image": "images/T-1.png", "cue": "text",
         "render": {"kind": "sign", "title": "THIN ICE"}},
    ]}, allow_unicode=True), encoding="utf-8")
    return pack


def test_cli_writes_only_to_out_and_filters_by_cue(tmp_path: Path, capsys) -> None:
    pack = _pack(tmp_path)
    assert csrbench(["render", str(pack)]) == 0
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (tmp_path / "images").iterdir()}
    out = tmp_path / "wordless"
    assert csrbench(["render", "--no-text", "--out", str(out), "--cue", "depicted", str(pack)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["D-1.png"]
    assert "wrote 1 wordless image" in capsys.readouterr().out
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (tmp_path / "images").iterdir()}
    assert after == before


def test_no_text_needs_an_output_directory(tmp_path: Path, capsys) -> None:
    pack = _pack(tmp_path)
    assert csrbench(["render", "--no-text", str(pack)]) == 2
    assert "--no-text needs --out DIR" in capsys.readouterr().err
    assert csrbench(["render", "--cue", "depicted", str(pack)]) == 2
