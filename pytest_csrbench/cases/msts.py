"""MSTS (Multimodal Safety Test Suite, CC-BY-4.0) as released: `--csr-cases msts:PATH[?lang=de&images=DIR]`.

PATH is the repository root (holding `data/`) or its `data/` directory. Files read, and only these:

- `data/prompts/<language>_multimodal.csv`: hazard_category, hazard_subcategory, hazard_subsubcategory,
  case_id, case_text, unsafe_image_id, unsafe_image_description, [prompt_id,] prompt_text, prompt_type
  (`assistance` "Should I ...?" / `intention` "I am going to ..."). English has both framings; the translated
  splits (arabic, chinese, farsi, french, german, hindi, italian, korean, russian, spanish) have one.
- `data/prompts/english_textonly.csv`: the same requests with the image's referent written out: the
  text-only control, matched on (case_id, prompt_type). The translated splits have no text-only file, so
  their text items are skipped with that reason (never an English control under a translated prompt).
- `data/images/unsafe_images.csv`: unsafe_image_id, unsafe_image_url, unsafe_image_license (kept per image
  in `tags`; an image without a licence is a problem), unsafe_image_cw.
- the images themselves, `<unsafe_image_id>.png|.jpg|.jpeg|.webp` in `data/unsafe_images/` (where MSTS's
  own download script and `csrbench download msts PATH` put them) or `data/images/`, or `images=DIR`.

The response annotation files (`data/response_annotations/`, `data/auto_eval/`) are never read.
Every prompt is a safety case (expected `refuse`); type `x-msts-<hazard category>`, e.g.
`x-msts-violent-crimes`; id `msts/<lang>/<case_id>/<prompt_type>`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from .errors import Problem
from .external import build_case, collect, find_image, is_missing, read_csv, slug, unknown_options
from .model import Case

LANGUAGES = {"en": "english", "ar": "arabic", "zh": "chinese", "fa": "farsi", "fr": "french", "de": "german",
             "hi": "hindi", "it": "italian", "ko": "korean", "ru": "russian", "es": "spanish"}
PROMPT_COLUMNS = ("hazard_category", "case_id", "case_text", "unsafe_image_id", "prompt_text", "prompt_type")
IMAGE_COLUMNS = ("unsafe_image_id", "unsafe_image_url", "unsafe_image_license")
IMAGE_DIRS = ("unsafe_images", "images")
NO_TRANSLATED_CONTROL = "MSTS has no text-only split in {language} (only english_textonly.csv)"


def data_dir(path: Path) -> Optional[Path]:
    for candidate in (path / "data", path):
        if (candidate / "prompts").is_dir():
            return candidate
    return None


def data_root(data: Path) -> Path:
    """The path a user gives for a data directory: the repository root when it is called data/."""
    return data.parent if data.name == "data" else data


def language(code: str) -> Optional[tuple[str, str]]:
    """'de' or 'german' -> ('de', 'german')."""
    code = code.strip().lower()
    for short, name in LANGUAGES.items():
        if code in (short, name):
            return short, name
    return None


def load_msts(path: Path, options: dict[str, str]) -> tuple[list[Case], list[Problem]]:
    source = f"msts:{path}"
    problems = unknown_options(source, options, ("lang", "images"))
    lang = language(options.get("lang", "en"))
    if lang is None:
        problems.append(Problem(source, None, "lang", f"unknown language {options['lang']!r}; one of "
                                f"{', '.join(f'{k} ({v})' for k, v in LANGUAGES.items())}"))
    data = data_dir(path)
    if data is None:
        problems.append(Problem(str(path), None, None, "not an MSTS directory: no data/prompts/ in it (give the "
                                                       "repository root or its data/ directory)"))
    if problems:
        return [], problems
    image_dirs = [_under(path, options["images"])] if options.get("images") else [data / d for d in IMAGE_DIRS]
    return _load(data, lang, image_dirs)


def _under(path: Path, images: str) -> Path:
    given = Path(images)
    return given if given.is_absolute() else path / given


def _load(data: Path, lang: tuple[str, str], image_dirs: list[Path]) -> tuple[list[Case], list[Problem]]:
    prompts_file = data / "prompts" / f"{lang[1]}_multimodal.csv"
    if not prompts_file.is_file():
        return [], [Problem(str(prompts_file), None, None, f"no {lang[1]} split: file not found")]
    rows, problems = read_csv(prompts_file, PROMPT_COLUMNS)
    images_file = data / "images" / "unsafe_images.csv"
    images, trouble = read_csv(images_file, IMAGE_COLUMNS) if images_file.is_file() else \
        ([], [Problem(str(images_file), None, None, "file not found: the image list with URLs and licences")])
    controls, more = _controls(data) if lang[0] == "en" else ({}, [])
    problems += trouble + more
    if problems:
        return [], problems
    by_image = {row["unsafe_image_id"]: row for row in images}
    return collect(_case(prompts_file, images_file, lang, row, by_image, controls, image_dirs) for row in rows)


def _controls(data: Path) -> tuple[dict[tuple[str, str], str], list[Problem]]:
    file = data / "prompts" / "english_textonly.csv"
    if not file.is_file():
        return {}, [Problem(str(file), None, None, "file not found: the English text-only controls")]
    rows, problems = read_csv(file, ("case_id", "prompt_type", "prompt_text"))
    return {(r["case_id"], r["prompt_type"]): r["prompt_text"] for r in rows}, problems


def _case(file: Path, images_file: Path, lang: tuple[str, str], row: dict, by_image: dict,
          controls: dict, image_dirs: list[Path]) -> tuple[Optional[Case], list[Problem]]:
    case_id = f"msts/{lang[0]}/{row['case_id']}/{slug(row['prompt_type'])}"
    image_id = row["unsafe_image_id"]
    meta = by_image.get(image_id)
    if meta is None:
        return None, [Problem(str(images_file), case_id, "unsafe_image_id",
                              f"image {image_id!r} is not listed, so its URL and licence are unknown")]
    if is_missing(meta.get("unsafe_image_license")):
        return None, [Problem(str(images_file), case_id, "unsafe_image_license",
                              f"image {image_id!r} has no licence recorded; it cannot be used")]
    control = controls.get((row["case_id"], row["prompt_type"]))
    raw = {
        "id": case_id, "pattern": "safety", "type": f"x-msts-{slug(row['hazard_category'])}",
        "expected": "refuse", "prompt": row["prompt_text"], "text_control": control or None,
        "source": f"msts/{lang[1]}", "tags": _tags(row, meta, lang),
    }
    if not control:
        raw["unavailable"] = {"text": NO_TRANSLATED_CONTROL.format(language=lang[1]) if lang[0] != "en" else
                              f"english_textonly.csv has no row for {row['case_id']} / {row['prompt_type']}"}
    image = next((found for d in image_dirs if (found := find_image(d, image_id))), None)
    root = data_root(file.parent.parent)
    wanted = f"{image_id}.png|.jpg in {' or '.join(str(d) for d in image_dirs)} (run `csrbench download msts {root}`)"
    return build_case(file, raw, image, "unsafe_image_id", wanted)


def _tags(row: dict, meta: dict, lang: tuple[str, str]) -> dict:
    tags = {
        "msts_case_id": row["case_id"], "prompt_type": row["prompt_type"], "language": lang[1],
        "hazard_category": row["hazard_category"], "case_text": row["case_text"],
        "unsafe_image_id": row["unsafe_image_id"], "image_url": meta.get("unsafe_image_url"),
        "image_license": meta["unsafe_image_license"],
    }
    for key in ("hazard_subcategory", "hazard_subsubcategory", "prompt_id"):
        if not is_missing(row.get(key)):
            tags[key] = row[key]
    if not is_missing(meta.get("unsafe_image_cw")):
        tags["content_warning"] = meta["unsafe_image_cw"]
    return tags
