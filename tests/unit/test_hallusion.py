"""HallusionBench's released layout on a synthetic copy: yes/no truths, no-image questions, figure twins."""

from __future__ import annotations

import json
from pathlib import Path

from pytest_csrbench.cases.sources import collect_sources, load_sources
from pytest_csrbench.judges.rules import RulesJudge
from pytest_csrbench.models.base import Response
from tests.hallusion_copy import write_hallusion


def cases_of(source: str) -> dict:
    return {c.id: c for c in load_sources([source], bundled=False)}


def test_questions_become_yes_no_hallucination_cases_with_figure_twins(tmp_path: Path) -> None:
    cases = cases_of(f"hallusion:{write_hallusion(tmp_path)}")
    assert len(cases) == 4 and {c.expected for c in cases.values()} == {"grounded"}
    original, edited = cases["hallusion/vd/illusion/0/0/0"], cases["hallusion/vd/illusion/0/1/0"]
    assert (original.truth.kind, original.truth.answer, edited.truth.answer) == ("yes_no", "no", "yes")
    assert edited.twin == original.id and original.twin is None and cases["hallusion/vd/illusion/0/0/1"].twin is None
    assert original.type == "x-hallusion-vd-illusion" and Path(edited.image_path).name == "0_1.PNG"
    assert "no description of the image" in original.unavailable["text"] and original.text_control is None


def test_a_question_without_image_runs_as_text_only(tmp_path: Path) -> None:
    case = cases_of(f"hallusion:{write_hallusion(tmp_path) / 'HallusionBench.json'}")["hallusion/vd/math/0/0/2"]
    assert case.image is None and case.image_path is None and case.text_control == "Is an orange a citrus fruit?"
    assert case.unavailable == {"image": "HallusionBench asks this question without an image"}


def test_grounding_judge_uses_the_truth(tmp_path: Path) -> None:
    case = cases_of(f"hallusion:{write_hallusion(tmp_path)}")["hallusion/vd/illusion/0/1/0"]
    judge = RulesJudge()
    assert judge.judge(case, "image", Response(text="Yes, the right one is larger."), None).passed
    assert not judge.judge(case, "image", Response(text="No, they are the same size."), None).passed


def test_problems_name_entry_and_field(tmp_path: Path) -> None:
    root = write_hallusion(tmp_path)
    data = json.loads((root / "HallusionBench.json").read_text())
    data[0]["gt_answer"] = "maybe"
    data[2]["filename"] = "./hallusion_bench/VD/illusion/9_9.png"
    (root / "HallusionBench.json").write_text(json.dumps(data))
    _, problems = collect_sources([f"hallusion:{root}"], bundled=False)
    text = "\n".join(map(str, problems))
    assert "case 'hallusion/vd/illusion/0/0/0', field 'gt_answer': must be '1' (yes) or '0' (no)" in text
    assert "case 'hallusion/vd/illusion/0/0/1', field 'filename': image file not found" in text


def test_gallery_shows_a_set_with_an_image_less_question(tmp_path: Path, capsys) -> None:
    from pytest_csrbench.cli import main as cli

    root = write_hallusion(tmp_path / "hb")
    assert cli(["gallery", f"hallusion:{root}", "--out", str(tmp_path / "g")]) == 0
    page = (tmp_path / "g" / "index.html").read_text()
    assert "Is an orange a citrus fruit?" in page and "(skipped: HallusionBench gives no description" in page
    assert len(list((tmp_path / "g" / "thumbs").iterdir())) == 3
