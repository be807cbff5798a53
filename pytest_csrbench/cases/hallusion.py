"""HallusionBench as released: `--csr-cases hallusion:PATH[?images=DIR]`.

PATH is `HallusionBench.json` or the directory holding it. The file is a JSON list of yes/no questions:
category (VD visual-dependent / VS visual-supplement), subcategory, visual_input ("0": asked without an
image; "1"/"2": with one), set_id, figure_id (0 the original figure, 1.. edited ones), question_id,
question, gt_answer ("1" yes / "0" no), gt_answer_details, filename (e.g.
`./hallusion_bench/VD/illusion/0_0.png`, relative to the JSON's directory or to `images=DIR`; null when
there is no image).

Each question is a hallucination case (expected `grounded`) judged by the grounding judge with truth kind
`yes_no`; type `x-hallusion-<category>-<subcategory>`; id
`hallusion/<category>/<subcategory>/<set_id>/<figure_id>/<question_id>`.
- A question with an image runs its image item; HallusionBench describes no image in words (its
  no-image questions are separate entries), so the text item is skipped with that reason.
- A question without an image runs as the text item; the image item is skipped with that reason.
- The same question asked of an edited figure with the other answer names the original figure's case as
  its `twin` (a minimal pair: same prompt, another image, a different right answer).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

from .errors import Problem
from .external import build_case, collect, image_base, read_json, slug, unknown_options
from .model import Case

ANSWERS = {"1": "yes", "0": "no", "yes": "yes", "no": "no"}
NO_DESCRIPTION = "HallusionBench gives no description of the image (its no-image questions are separate cases)"
NO_IMAGE = "HallusionBench asks this question without an image"


def load_hallusion(path: Path, options: dict[str, str]) -> tuple[list[Case], list[Problem]]:
    problems = unknown_options(f"hallusion:{path}", options, ("images",))
    file = path / "HallusionBench.json" if path.is_dir() else path
    data, trouble = read_json(file) if not problems else (None, [])
    problems += trouble
    if not problems and not isinstance(data, list):
        problems.append(Problem(str(file), None, None, "expected a JSON list of questions"))
    if problems:
        return [], problems
    base = image_base(file, options.get("images"))
    raws, problems = [], []
    for index, entry in enumerate(data):
        raw, trouble = _raw(file, index, entry)
        problems += trouble
        if raw is not None:
            raws.append(raw)
    _link_twins(raws)
    return_cases, trouble = collect(_build(file, base, raw) for raw in raws)
    return return_cases, problems + trouble


def _build(file: Path, base: Path, raw: dict) -> tuple[Optional[Case], list[Problem]]:
    filename = raw.pop("_filename")
    image = _find(base, filename) if filename else None
    return build_case(file, raw, image, "filename", str(base / filename) if filename else None)


def _find(base: Path, filename: str) -> Path:
    """The file, also when its extension differs in case (the release mixes .png and .PNG)."""
    exact = base / filename
    if exact.is_file() or not exact.parent.is_dir():
        return exact
    lower = exact.name.lower()
    return next((p for p in exact.parent.iterdir() if p.name.lower() == lower), exact)


def _raw(file: Path, index: int, entry: Any) -> tuple[Optional[dict], list[Problem]]:
    if not isinstance(entry, dict):
        return None, [Problem(str(file), f"#{index + 1}", None, "each entry must be an object")]
    parts = [slug(entry.get(k, "")) for k in ("category", "subcategory", "set_id", "figure_id", "question_id")]
    case_id = "hallusion/" + "/".join(parts)
    question = entry.get("question")
    if not isinstance(question, str) or not question.strip():
        return None, [Problem(str(file), case_id, "question", "missing or empty")]
    answer = ANSWERS.get(str(entry.get("gt_answer", "")).strip().lower())
    if answer is None:
        return None, [Problem(str(file), case_id, "gt_answer", f"must be '1' (yes) or '0' (no), got "
                                                              f"{entry.get('gt_answer')!r}")]
    with_image = str(entry.get("visual_input", "1")) != "0"
    filename = entry.get("filename") if with_image else None
    if with_image and (not isinstance(filename, str) or not filename.strip()):
        return None, [Problem(str(file), case_id, "filename", "missing, but visual_input says there is an image")]
    raw = {
        "id": case_id, "pattern": "hallucination", "expected": "grounded",
        "type": f"x-hallusion-{parts[0]}-{parts[1]}", "prompt": question.strip(),
        "truth": {"kind": "yes_no", "answer": answer, "reject": ["no" if answer == "yes" else "yes"]},
        "source": "hallusionbench", "_filename": filename,
        "tags": {k: entry[k] for k in ("category", "subcategory", "set_id", "figure_id", "question_id",
                                       "visual_input", "sample_note") if k in entry},
    }
    if with_image:
        raw["unavailable"] = {"text": NO_DESCRIPTION}
    else:
        raw["text_control"] = question.strip()
        raw["unavailable"] = {"image": NO_IMAGE}
    return raw, []


def _link_twins(raws: list[dict]) -> None:
    """An edited figure's question whose answer flips names the original figure's question as its twin."""
    originals = {}
    for raw in raws:
        t = raw["tags"]
        if raw["_filename"] and str(t.get("figure_id")) == "0":
            originals[(t.get("category"), t.get("subcategory"), t.get("set_id"), t.get("question_id"))] = raw
    for raw in raws:
        t = raw["tags"]
        original = originals.get((t.get("category"), t.get("subcategory"), t.get("set_id"), t.get("question_id")))
        if (raw["_filename"] and original is not None and original is not raw
                and original["prompt"] == raw["prompt"] and original["truth"]["answer"] != raw["truth"]["answer"]):
            raw["twin"] = original["id"]
            raw["tags"]["pair_id"] = original["id"]
