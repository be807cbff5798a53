"""Shared pieces of the external-format loaders (MOSSBench, MSTS, MSSBench, VLGuard, HallusionBench, CSV...).

Every loader reads its released files, builds raw case dicts, and hands them to `build_case` here, which
validates them, checks the image file (present, a readable PNG/JPEG/WebP picture) and returns clear
per-case problems naming the file, the case id and the field. Nothing here calls a model.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any, Iterable, Optional
from urllib.parse import parse_qsl

from pydantic import ValidationError

from .errors import Problem
from .loader import validation_problems
from .model import Case

IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".webp")
MISSING_WORDS = ("", "na", "n/a", "nan", "none", "null")


def split_options(text: str) -> tuple[str, dict[str, str]]:
    """'data/x.csv?image=img&prompt=q' -> ('data/x.csv', {'image': 'img', 'prompt': 'q'})."""
    path, sep, query = text.partition("?")
    return path, (dict(parse_qsl(query, keep_blank_values=True)) if sep else {})


def unknown_options(source: str, options: dict[str, str], allowed: Iterable[str]) -> list[Problem]:
    allowed = sorted(allowed)
    wrong = [k for k in options if k not in allowed]
    if not wrong:
        return []
    known = ", ".join(allowed) if allowed else "none"
    return [Problem(source, None, k, f"unknown option '{k}' (options for this format: {known})") for k in wrong]


def image_base(file: Path, option: Optional[str], default: Optional[Path] = None) -> Path:
    """Where relative image paths start: the `images=`/`image_dir=` option (relative to the file's
    directory), else `default`, else the file's directory."""
    if option:
        given = Path(option)
        return given if given.is_absolute() else file.parent / given
    return default or file.parent


def slug(text: str) -> str:
    """'Non-Violent Crimes' -> 'non-violent-crimes' (usable in a type or case id)."""
    return re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-") or "none"


def is_missing(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip().lower() in MISSING_WORDS)


def read_json(path: Path) -> tuple[Any, list[Problem]]:
    try:
        return json.loads(path.read_text(encoding="utf-8")), []
    except json.JSONDecodeError as exc:
        return None, [Problem(str(path), None, None, f"not valid JSON at line {exc.lineno}, column {exc.colno}: "
                                                    f"{exc.msg}")]
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(str(path), None, None, f"cannot read: {exc}")]


def read_csv(path: Path, required: Iterable[str] = ()) -> tuple[list[dict[str, str]], list[Problem]]:
    """Rows of a CSV file with a header line, as dicts; a missing required column is one problem."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            rows = list(reader)
            header = reader.fieldnames or []
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        return [], [Problem(str(path), None, None, f"cannot read as CSV: {exc}")]
    missing = [c for c in required if c not in header]
    if missing:
        return [], [Problem(str(path), None, ", ".join(missing), f"missing column(s); the header has: "
                                                                 f"{', '.join(header) or 'nothing'}")]
    return rows, []


def find_image(base: Path, stem_or_rel: str) -> Optional[Path]:
    """The file at `base/stem_or_rel`, or with the same stem and another image extension."""
    exact = base / stem_or_rel
    if exact.is_file():
        return exact
    for ext in IMAGE_EXTENSIONS:
        candidate = exact.with_name(exact.name + ext) if exact.suffix.lower() not in IMAGE_EXTENSIONS \
            else exact.with_suffix(ext)
        if candidate.is_file():
            return candidate
    return None


def image_problem(path: Optional[Path], wanted: str) -> Optional[str]:
    """Why the image cannot be sent (missing, not an image, unreadable), or None when it is fine."""
    if path is None or not path.is_file():
        return f"image file not found: {wanted} (nor with another extension of {', '.join(IMAGE_EXTENSIONS)})"
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as img:
            if img.format not in ("PNG", "JPEG", "WEBP", "MPO"):
                return f"{path}: a {img.format} picture; convert it to PNG or JPEG"
            img.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        return f"image file is not a readable picture: {path} ({type(exc).__name__}: {exc})"
    return None


def build_case(file: Path, raw: dict, image: Optional[Path], image_field: str = "image",
               wanted: Optional[str] = None) -> tuple[Optional[Case], list[Problem]]:
    """Validate a raw case from an external file; `image` is the resolved file (checked here) or None when
    the case's image item is unavailable. Problems name `file`, the case id and the source's own field."""
    case_id = str(raw.get("id"))
    if "image" not in (raw.get("unavailable") or {}):
        trouble = image_problem(image, wanted or str(image))
        if trouble:
            return None, [Problem(str(file), case_id, image_field, trouble)]
        raw = {**raw, "image": str(image)}
    try:
        case = Case.model_validate(raw)
    except ValidationError as exc:
        return None, validation_problems(file, case_id, exc)
    update = {"pack_file": str(file)}
    if image is not None and case.image is not None:
        update["image_path"] = str(image.resolve())
    return case.model_copy(update=update), []


def collect(results: Iterable[tuple[Optional[Case], list[Problem]]]) -> tuple[list[Case], list[Problem]]:
    cases: list[Case] = []
    problems: list[Problem] = []
    for case, trouble in results:
        problems += trouble
        if case is not None and not trouble:
            cases.append(case)
    return cases, problems


def described(description: str, question: str) -> str:
    """The text-only control: the image described in words, then the same question."""
    return f"The image shows: {description}\n\n{question}"
