"""MOSSBench (over-sensitivity benchmark) released data as cases: `--csr-cases mossbench:PATH`.

PATH is the repository root (holding `data/` and `data_contrast/`) or one set directory. A set directory
holds `images_information/information.json`: an object keyed by pid, each entry with `image` (relative to
the set directory, e.g. `images/1.png`), `question`, `short description`, `description`, `pid` and
`metadata` (`over`: "type 1" | "type 2" | "type 3"; the benign set also has human, child, syn, ocr, harm).

- Benign set (`data/`): pattern over_rejection, expected comply; type 1/2/3 -> O01 exaggerated-risk,
  O02 negated-harm, O03 counterintuitive-interpretation.
- Contrast set (a directory whose name contains "contrast"): pattern safety, expected refuse; its type is
  kept from the source as `x-mossbench-type-N`.
- Case id `mossbench/<set directory name>/<pid>`; the text-only control is the image's `description`
  (or, when empty, its `short description`) in words, followed by the question. The released sets have
  entries where both are empty (4 in the benign set, 22 in the contrast set): such an entry still runs its
  image item; its text item is skipped with the reason recorded (`Case.unavailable`), and
  `csrbench validate` lists it as a warning.
- An entry's image is taken at its exact path; when that file is absent, a file with the same name and
  another image extension (.png, .jpg, .jpeg, .webp) is used, since the released sets ship both.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Optional

from pydantic import ValidationError

from .errors import Problem
from .loader import gather
from .model import Case

INFO_FILE = Path("images_information") / "information.json"
OVER_TYPES = {"type 1": "O01", "type 2": "O02", "type 3": "O03"}
IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".webp")


def set_directories(path: Path) -> list[Path]:
    """The set directories under a MOSSBench root, or [path] when it is a set directory itself."""
    if (path / INFO_FILE).is_file():
        return [path]
    return sorted(p for p in path.iterdir() if (p / INFO_FILE).is_file()) if path.is_dir() else []


NO_DESCRIPTION = ("MOSSBench gives no description or short description of this image, so there is no "
                  "text-only control")


def load_mossbench(path: Path, options: Optional[dict] = None) -> tuple[list[Case], list[Problem]]:
    from .external import unknown_options

    if options:
        return [], unknown_options(f"mossbench:{path}", options, ())
    sets = set_directories(path)
    if not sets:
        return [], [Problem(str(path), None, None, f"not a MOSSBench directory: no {INFO_FILE} in it or in its "
                                                   "subdirectories (give the repository root or a set directory)")]
    return gather(load_set(set_dir) for set_dir in sets)


def load_set(set_dir: Path) -> tuple[list[Case], list[Problem]]:
    info = set_dir / INFO_FILE
    try:
        data = json.loads(info.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        return [], [Problem(str(info), None, None, f"not valid JSON at line {exc.lineno}, column {exc.colno}: "
                                                   f"{exc.msg}")]
    except (OSError, UnicodeDecodeError) as exc:
        return [], [Problem(str(info), None, None, f"cannot read: {exc}")]
    if not isinstance(data, dict):
        return [], [Problem(str(info), None, None, "expected a JSON object keyed by pid")]
    contrast = "contrast" in set_dir.name.lower()
    cases, problems = [], []
    for key, entry in data.items():
        case, trouble = _entry_case(info, set_dir, str(key), entry, contrast)
        problems += trouble
        if case is not None:
            cases.append(case)
    return cases, problems


def _entry_case(info: Path, set_dir: Path, key: str, entry: Any, contrast: bool) -> tuple[Optional[Case], list]:
    case_id = f"mossbench/{set_dir.name}/{key}"

    def problem(field: Optional[str], message: str) -> list[Problem]:
        return [Problem(str(info), case_id, field, message)]

    if not isinstance(entry, dict):
        return None, problem(None, "each entry must be an object with image, question, description, metadata")
    question = entry.get("question")
    if not isinstance(question, str) or not question.strip():
        return None, problem("question", "missing or empty")
    metadata = entry.get("metadata") if isinstance(entry.get("metadata"), dict) else {}
    over = metadata.get("over")
    if over not in OVER_TYPES:
        return None, problem("metadata.over", f"unknown over type {over!r}; expected one of {', '.join(OVER_TYPES)}")
    description = (entry.get("description") or "").strip() or (entry.get("short description") or "").strip()
    image, trouble = _image_path(set_dir, entry.get("image"), info, case_id)
    if trouble:
        return None, trouble
    return _build(case_id, set_dir, entry, question, description, image, over, contrast, info)


def _image_path(set_dir: Path, rel: Any, info: Path, case_id: str) -> tuple[Optional[Path], list[Problem]]:
    if not isinstance(rel, str) or not rel:
        return None, [Problem(str(info), case_id, "image", "missing image path")]
    exact = set_dir / rel
    candidates = [exact] + [exact.with_suffix(ext) for ext in IMAGE_EXTENSIONS if ext != exact.suffix.lower()]
    for candidate in candidates:
        if candidate.is_file():
            from .external import image_problem

            trouble = image_problem(candidate, str(candidate))
            return (None, [Problem(str(info), case_id, "image", trouble)]) if trouble else (candidate, [])
    return None, [Problem(str(info), case_id, "image", f"image file not found: {exact} (nor with another "
                                                        f"extension of {', '.join(IMAGE_EXTENSIONS)})")]


def _build(case_id: str, set_dir: Path, entry: dict, question: str, description: str, image: Path, over: str,
           contrast: bool, info: Path) -> tuple[Optional[Case], list[Problem]]:
    number = over.split()[-1]
    raw = {
        "id": case_id,
        "pattern": "safety" if contrast else "over_rejection",
        "type": f"x-mossbench-type-{number}" if contrast else OVER_TYPES[over],
        "expected": "refuse" if contrast else "comply",
        "image": str(image.relative_to(set_dir)),
        "prompt": question,
        "text_control": f"The image shows: {description}\n\n{question}" if description else None,
        "unavailable": {} if description else {"text": NO_DESCRIPTION},
        "source": f"mossbench/{set_dir.name}",
        "tags": {k: v for k, v in (entry.get("metadata") or {}).items()},
    }
    try:
        case = Case.model_validate(raw)
    except ValidationError as exc:
        return None, [Problem(str(info), case_id, ".".join(map(str, e["loc"])) or None, e["msg"]) for e in exc.errors()]
    return case.model_copy(update={"pack_file": str(info), "image_path": str(image.resolve())}), []
