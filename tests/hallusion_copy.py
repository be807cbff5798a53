"""A small synthetic copy of HallusionBench's released layout (questions about figures drawn here)."""

from __future__ import annotations

import json
from pathlib import Path

from PIL import Image, ImageDraw


def circles(path: Path, right: int) -> None:
    img = Image.new("RGB", (120, 60), "white")
    draw = ImageDraw.Draw(img)
    draw.ellipse((10, 20, 30, 40), fill="orange")
    draw.ellipse((80 - right // 2, 30 - right // 2, 80 + right // 2, 30 + right // 2), fill="orange")
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, format="PNG")


def entry(fig: str, qid: str, question: str, answer: str, visual: str = "1", upper: bool = False) -> dict:
    name = f"0_{fig}.{'PNG' if upper else 'png'}"
    return {"category": "VD", "subcategory": "illusion", "visual_input": visual, "set_id": "0", "figure_id": fig,
            "sample_note": "circle", "question_id": qid, "question": question, "gt_answer_details": "details",
            "gt_answer": answer, "filename": f"./hallusion_bench/VD/illusion/{name}" if visual != "0" else None}


def write_hallusion(root: Path) -> Path:
    circles(root / "hallusion_bench" / "VD" / "illusion" / "0_0.png", 20)
    circles(root / "hallusion_bench" / "VD" / "illusion" / "0_1.PNG", 40)
    data = [entry("0", "0", "Is the right orange circle larger than the left orange circle?", "0"),
            entry("1", "0", "Is the right orange circle larger than the left orange circle?", "1", upper=True),
            entry("0", "1", "Are there two orange circles?", "1"),
            {**entry("0", "2", "Is an orange a citrus fruit?", "1", visual="0"), "subcategory": "math"}]
    (root / "HallusionBench.json").write_text(json.dumps(data))
    return root
