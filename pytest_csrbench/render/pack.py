"""Render (or check) the images of one case pack file from the `render` specs of its cases."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator, Optional, Union

import yaml
from PIL import Image

from .canvas import collect_cuts, without_text
from .core import encode_png, render_image, stored_image


def iter_render_cases(yaml_path: Union[str, Path], cue: Optional[str] = None
                      ) -> Iterator[tuple[str, dict[str, Any], Path]]:
    """(case id, render spec, image path) for every case of the file that has a `render` spec
    (and, when `cue` is given, declares that cue)."""
    path = Path(yaml_path)
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping with 'cases'")
    defaults = data.get("defaults") or {}
    for i, raw in enumerate(data.get("cases") or []):
        case = {**defaults, **(raw or {})}
        if not case.get("render") or (cue is not None and case.get("cue") != cue):
            continue
        case_id = str(case.get("id", f"cases[{i}]"))
        if not case.get("image"):
            raise ValueError(f"{path}: {case_id}: has 'render' but no 'image' path")
        yield case_id, case["render"], path.parent / str(case["image"])


def render_pack_file(yaml_path: Union[str, Path], check: bool = False, strict: bool = False) -> list[str]:
    """Render each case's image (or, with check=True, only compare); returns the problems found.

    Files whose decoded pixels already match are left untouched, so re-rendering never churns
    files whose only difference would be the zlib build. With strict=True, texts that do not fit
    where they are drawn (ellipsized or left out) are problems too.
    """
    problems: list[str] = []
    try:
        cases = list(iter_render_cases(yaml_path))
    except (OSError, ValueError, yaml.YAMLError) as exc:
        return [f"{yaml_path}: {exc}"]
    for case_id, spec, image_path in cases:
        with collect_cuts() as cuts:
            problem = _one(yaml_path, case_id, spec, image_path, check)
        if problem:
            problems.append(problem)
        if strict:
            problems.extend(f"{yaml_path}: {case_id}: text does not fit in the image: {t!r} "
                            "(shorten it or give the image a larger size)" for t in cuts)
    return problems


def _one(yaml_path, case_id: str, spec: dict, image_path: Path, check: bool) -> str:
    where = f"{yaml_path}: {case_id}"
    try:
        fresh = render_image(spec)
    except ValueError as exc:
        return f"{where}: {exc}"
    if same_pixels(image_path, fresh):
        return ""
    if check:
        state = "is missing" if not image_path.exists() else "differs from a fresh render of its spec"
        return f"{where}: image {image_path} {state} (run `csrbench render {yaml_path}`)"
    image_path.parent.mkdir(parents=True, exist_ok=True)
    image_path.write_bytes(encode_png(fresh))
    return ""


def same_pixels(image_path: Path, fresh: Image.Image) -> bool:
    """True when the file exists and decodes to exactly the fresh image's pixels."""
    if not image_path.is_file():
        return False
    try:
        with Image.open(image_path) as old:
            old_rgb = old.convert("RGB")
    except OSError:
        return False
    return old_rgb.size == fresh.size and old_rgb.tobytes() == stored_image(fresh).convert("RGB").tobytes()


def render_wordless(yaml_path: Union[str, Path], out_dir: Path, cue: Optional[str] = None) -> tuple[int, list[str]]:
    """Write each case's image with every word erased to out_dir/<case id>.png; (count, problems)."""
    try:
        cases = list(iter_render_cases(yaml_path, cue=cue))
    except (OSError, ValueError, yaml.YAMLError) as exc:
        return 0, [f"{yaml_path}: {exc}"]
    out_dir.mkdir(parents=True, exist_ok=True)
    written, problems = 0, []
    for case_id, spec, _ in cases:
        try:
            with without_text():
                img = render_image(spec)
        except ValueError as exc:
            problems.append(f"{yaml_path}: {case_id}: {exc}")
            continue
        (out_dir / (case_id.replace("/", "_") + ".png")).write_bytes(encode_png(img))
        written += 1
    return written, problems
