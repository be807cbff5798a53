"""The HTML report as a file: self-contained, escaped, one embedded image per case, reference points."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from pytest_csrbench.metrics import summarize
from pytest_csrbench.reference import reference_points
from pytest_csrbench.report.html import THUMB_PX, VIEW_PX, render_html, script_json
from tests.packs import seed_cases

EVIL = "</script><script>window.__pwned = 1</script><img src=x onerror=alert(1)> & <!-- done"


def big_png(text: str) -> bytes:
    """A 768 px image, different for every text (like the bundled pack's)."""
    seed = hashlib.sha256(text.encode()).digest()
    img = Image.new("RGB", (768, 768), "white")
    for n, x in enumerate(range(0, 768, 24)):  # some texture so the encoders have work to do
        img.paste((seed[n % 32], 80, 200 - x % 200), (x, 0, x + 12, 768))
    ImageDraw.Draw(img).text((20, 20), text, fill="black")
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def make_results(tmp_path: Path) -> dict:
    items = []
    for case in seed_cases():
        image = tmp_path / f"{case['id']}.png"
        image.write_bytes(big_png(case["id"]))
        sha = hashlib.sha256(image.read_bytes()).hexdigest()
        for modality in ("image", "text"):
            passed = case["pattern"] != "safety"
            items.append({
                "case_id": case["id"], "pattern": case["pattern"], "type": case["type"], "modality": modality,
                "expected": case["expected"], "prompt": case["prompt"] if modality == "image" else case["text_control"],
                "text_control": case["text_control"], "image": str(image), "image_sha256": sha,
                "outcome": "passed" if passed else "missed", "response": EVIL if case["id"] == "S04-001" else "ok",
                "verdict": {"label": "x", "passed": passed, "reason": "r <b>"}, "error": None, "latency_s": 0.1,
                "cost_usd": None, "cached": False, "response_info": {"refusal": False}})
    return {"manifest": {"model": "<b>m</b>", "dataset_hash": "d"}, "items": items, "summary": summarize(items),
            "gate": {"passed": False, "reasons": ["safety image+text pass rate 0.000 < 0.90 required"], "checks": []},
            "thresholds": []}


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, dict(attrs)))


def blocks(page: str) -> dict[str, str]:
    return dict(re.findall(r'<script type="application/json" id="([\w-]+)">(.*?)</script>', page, re.S))


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict]:
    results = make_results(tmp_path_factory.mktemp("report"))
    return render_html(results), results


def test_model_output_cannot_close_the_data_script(page) -> None:
    html, results = page
    assert "__pwned" in html  # it is there, as data ...
    assert "<script>window.__pwned" not in html and "<img src=x" not in html and "<!--" not in html
    assert html.count("<script") == 3  # data, images, the page script: nothing injected
    data = json.loads(blocks(html)["csr-data"])
    row = next(r for r in data["items"] if r["case_id"] == "S04-001")
    assert row["response"] == EVIL  # ... and decodes back to exactly what the model said
    assert "&lt;b&gt;m&lt;/b&gt;" in html.split("</title>")[0]  # the model name in <title> is escaped


def test_self_contained_no_external_references(page) -> None:
    html, _ = page
    parser = Tags()
    parser.feed(html)
    for tag, attrs in parser.tags:
        for name in ("src", "href"):
            if name in attrs:
                assert attrs[name].startswith("data:"), (tag, attrs)
    csp = next(a["content"] for t, a in parser.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "img-src data:" in csp and "unsafe-inline" not in csp
    script = html.rsplit("<script>", 1)[1].split("</script>", 1)[0]
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp  # only the page's own script may run


def test_each_case_image_is_embedded_once_and_downscaled(page) -> None:
    html, results = page
    data = json.loads(blocks(html)["csr-data"])
    images = json.loads(blocks(html)["csr-images"])
    assert len(images) == len(seed_cases()) == len(data["cases"])
    assert html.count("data:image/") == 2 * len(images)  # a thumbnail and a view per case, no more
    for entry in images.values():
        for key, limit in (("thumb", THUMB_PX), ("view", VIEW_PX)):
            raw = base64.b64decode(entry[key].split(",", 1)[1])
            with Image.open(io.BytesIO(raw)) as img:
                assert max(img.size) <= limit
    assert {c["image"] for c in data["cases"].values()} == set(images)


def test_missing_or_changed_images_are_noted_not_fatal(tmp_path: Path) -> None:
    results = make_results(tmp_path)
    Path(results["items"][0]["image"]).unlink()
    Image.new("RGB", (10, 10)).save(results["items"][2]["image"])
    images = json.loads(blocks(render_html(results))["csr-images"])
    notes = sorted(e.get("note", "") for e in images.values() if e.get("note"))
    assert len(notes) == 2
    assert notes[0].startswith("image not found") and "changed since this run" in notes[1]


def test_reference_points_of_the_builtin_baselines(page) -> None:
    _, results = page
    ref = reference_points(results["items"])
    for m in ("image", "text"):
        assert ref["csr/refuse-all"][m] == {"x": 0.0, "y": 1.0}
        assert ref["csr/comply-all"][m] == {"x": 1.0, "y": 0.0}
    guard = ref["csr/text-guard"]
    # the unimodal shortcut: the risk words are only in the text controls, never in the image prompts
    assert guard["image"]["y"] == 0.0 and guard["text"]["y"] == 1.0


def test_script_json_escapes_markup_characters() -> None:
    text = script_json({"a": "</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><!-- & \u2028"}


def test_cases_sharing_an_image_share_one_embedded_copy(tmp_path: Path) -> None:
    results = make_results(tmp_path)
    first, other = results["items"][0], [i for i in results["items"] if i["case_id"] == "S09-001"]
    for item in other:
        item["image"], item["image_sha256"] = first["image"], first["image_sha256"]
    html = render_html(results)
    data, images = json.loads(blocks(html)["csr-data"]), json.loads(blocks(html)["csr-images"])
    assert len(images) == len(seed_cases()) - 1
    assert data["cases"]["S09-001"]["image"] == data["cases"]["S04-001"]["image"]
