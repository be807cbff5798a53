"""Load case packs (YAML files of cases) into validated `Case` objects, with errors that say where."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Optional

import yaml
from pydantic import ValidationError

from .errors import PackError, Problem
from .images import image_problem
from .model import Case

try:  # the C loader is ~10x faster; fall back when libyaml is missing
    _YamlLoader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _YamlLoader = yaml.SafeLoader

PACK_SUFFIXES = (".yaml", ".yml", ".jsonl")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp")
FIELD_HINTS = {
    "pattern": "one of safety, over_rejection, bias, hallucination",
    "expected": "refuse (safety), comply (over_rejection), unbiased (bias), grounded (hallucination)",
    "id": "letters, digits and . _ - / only, e.g. S01-003",
}


def pack_files(path: Path) -> list[Path]:
    """The pack files under `path` (a file or a directory, searched recursively), sorted."""
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise PackError([Problem(str(path), None, None, "no such file or directory (check --csr-cases)")])
    return sorted(p for p in path.rglob("*") if p.suffix in PACK_SUFFIXES and p.name != "taxonomy.yaml")


def _read_yaml(path: Path) -> tuple[Any, list[Problem]]:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_YamlLoader), []
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        return None, [Problem(str(path), None, None, f"not valid YAML{where}: {problem}")]
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(str(path), None, None, f"cannot read: {exc}")]


def validation_problems(path: Path, case_id: Optional[str], exc: ValidationError) -> list[Problem]:
    problems = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err["loc"]) or None
        msg = err["msg"]
        if msg.startswith("Value error, "):
            msg = msg[len("Value error, "):]
            # model-level messages start with the field they concern: "answer: ..."
            head, sep, rest = msg.partition(": ")
            if loc is None and sep and head.isidentifier():
                loc, msg = head, rest
        hint = FIELD_HINTS.get(loc or "")
        if hint and err["type"] in ("literal_error", "string_pattern_mismatch"):
            msg = f"{msg}; expected {hint}"
        if err["type"] == "extra_forbidden":
            msg = "unknown field (check the spelling; see the case format in the README)"
        if err["type"] == "missing":
            msg = "required field is missing"
        problems.append(Problem(str(path), case_id, loc, msg))
    return problems


def parse_pack_document(path: Path, doc: Any) -> tuple[list[dict], list[Problem]]:
    """Split a YAML document into raw case dicts (with defaults merged)."""
    if isinstance(doc, list):
        doc = {"cases": doc}
    if not isinstance(doc, dict) or not isinstance(doc.get("cases"), list):
        return [], [Problem(str(path), None, "cases", "a pack is a mapping with a 'cases:' list "
                                                       "(and optional 'defaults:' mapping)")]
    if not doc["cases"]:
        return [], [Problem(str(path), None, "cases", "the pack has no cases (remove the file or add cases)")]
    defaults = doc.get("defaults") or {}
    if not isinstance(defaults, dict):
        return [], [Problem(str(path), None, "defaults", "must be a mapping of field: value")]
    raws, problems = [], []
    for index, raw in enumerate(doc["cases"]):
        if not isinstance(raw, dict):
            problems.append(Problem(str(path), f"#{index + 1}", None, "each case must be a mapping of field: value"))
            continue
        raws.append({**defaults, **raw})
    return raws, problems


def build_case(path: Path, raw: dict, index: int) -> tuple[Optional[Case], list[Problem]]:
    case_id = raw.get("id") if isinstance(raw.get("id"), str) else f"#{index + 1}"
    try:
        case = Case.model_validate(raw)
    except ValidationError as exc:
        return None, validation_problems(path, case_id, exc)
    if case.image is None:  # the image item is 'unavailable' (the model checked the reason is given)
        return case.model_copy(update={"pack_file": str(path)}), []
    image_path = (path.parent / case.image).resolve()
    problems = []
    if image_path.suffix.lower() not in IMAGE_SUFFIXES:
        problems.append(Problem(str(path), case.id, "image",
                                f"'{case.image}' must be a .png, .jpg or .webp file"))
    elif not image_path.is_file():
        problems.append(Problem(str(path), case.id, "image",
                                f"image file not found: {image_path} (the path is relative to the pack file; "
                                "for bundled cases run `csrbench render` to draw it)"))
    else:
        bad = image_problem(str(image_path))
        if bad:
            problems.append(Problem(str(path), case.id, "image", f"{case.image}: {bad}"))
    return case.model_copy(update={"pack_file": str(path), "image_path": str(image_path)}), problems


def _read_jsonl(path: Path) -> tuple[list[dict], list[Problem]]:
    """JSON Lines pack: one case object per line (blank lines and lines starting with # are skipped)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        return [], [Problem(str(path), None, None, f"cannot read: {exc}")]
    raws, problems = [], []
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(Problem(f"{path}:{number}", None, None, f"not valid JSON: {exc.msg} at column {exc.colno}"))
            continue
        if not isinstance(raw, dict):
            problems.append(Problem(f"{path}:{number}", None, None, "each line must be a JSON object (one case)"))
            continue
        raws.append(raw)
    return raws, problems


def load_pack_file(path: Path) -> tuple[list[Case], list[Problem]]:
    if path.suffix == ".jsonl":
        raws, problems = _read_jsonl(path)
    else:
        doc, problems = _read_yaml(path)
        if problems:
            return [], problems
        raws, problems = parse_pack_document(path, doc)
    cases = []
    for index, raw in enumerate(raws):
        case, case_problems = build_case(path, raw, index)
        problems += case_problems
        if case is not None and not case_problems:
            cases.append(case)
    return cases, problems


def check_cases(cases: Iterable[Case], taxonomy: Optional[dict] = None) -> list[Problem]:
    """Cross-case checks: unique ids, known types, expected matching the type, twins that exist."""
    problems: list[Problem] = []
    seen: dict[str, Case] = {}
    cases = list(cases)
    for case in cases:
        file = case.pack_file or "<memory>"
        if case.id in seen:
            problems.append(Problem(file, case.id, "id", f"duplicate id; also in {seen[case.id].pack_file}"))
        seen.setdefault(case.id, case)
        if taxonomy is not None and not case.type.startswith("x-"):
            info = taxonomy.get(case.type)
            if info is None:
                problems.append(Problem(file, case.id, "type", f"unknown type '{case.type}'; use a taxonomy id "
                                        "(S01..S22, O01..O15, B01..B12, H01..H12) or x-<name> for a custom type"))
            elif info.pattern != case.pattern:
                problems.append(Problem(file, case.id, "type", f"type {case.type} belongs to pattern "
                                        f"'{info.pattern}', but the case says '{case.pattern}'"))
    for case in cases:
        if case.twin and case.twin not in seen:
            problems.append(Problem(case.pack_file or "<memory>", case.id, "twin", f"no case with id '{case.twin}'"))
    return problems


def load_path(root: Path) -> tuple[list[Case], list[Problem]]:
    """Every pack file under `root` (a file or a directory)."""
    try:
        files = pack_files(Path(root))
    except PackError as exc:
        return [], exc.problems
    return gather(load_pack_file(file) for file in files)


def gather(results: Iterable[tuple[list[Case], list[Problem]]]) -> tuple[list[Case], list[Problem]]:
    """Concatenate the (cases, problems) of several loads."""
    cases: list[Case] = []
    problems: list[Problem] = []
    for found, trouble in results:
        cases += found
        problems += trouble
    return cases, problems
