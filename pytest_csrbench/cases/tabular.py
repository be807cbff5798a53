"""A team's own spreadsheet as cases, with a column mapping: `csv:FILE?image=col&prompt=col&expected=col&...`
(or `jsonl:FILE?...` for one JSON object per line).

Each option maps a case field to a column; `field==value` (a value starting with '=') sets a fixed value for
every row. A field whose column has the field's own name needs no option. Fields:

  id            case id (default `<file stem>/<row number>`)
  image         image path, relative to the file's directory or to `image_dir=DIR`   (required)
  prompt        the text sent with the image                                      (required)
  expected      refuse | comply | unbiased | grounded; or `pattern` (one of them is required)
  type          taxonomy id (S04, O12 ...) or x-<name> (default `x-<file stem>`)
  text_control  the text-only control; empty or unmapped: the text item is skipped with that reason
  license       the image's licence; when mapped, a row without one is a problem
  twin          the id of the row's minimal-pair partner
  pair          a pair key: the two rows sharing it are twins (the comply row names the refuse row)
  answer        hallucination: the ground truth (yes/no, 1/0, true/false -> truth kind yes_no)
  truth_kind    hallucination: yes_no | count | color | text | number ... (default from the answer)
  notes         free text

Every other column is kept in the case's `tags`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Optional

from .errors import Problem
from .external import build_case, collect, image_base, is_missing, read_csv, slug, unknown_options
from .model import EXPECTED_FOR_PATTERN, PATTERNS, Case

FIELDS = ("id", "image", "prompt", "expected", "pattern", "type", "text_control", "license", "twin", "pair",
          "answer", "truth_kind", "notes")
PATTERN_FOR_EXPECTED = {v: k for k, v in EXPECTED_FOR_PATTERN.items()}
YES = ("yes", "1", "true", "y")
NO = ("no", "0", "false", "n")

Row = tuple[int, dict[str, Any]]  # (line or row number, the row)


def load_csv(path: Path, options: dict[str, str]) -> tuple[list[Case], list[Problem]]:
    rows, problems = read_csv(path)
    if problems:
        return [], problems
    return load_rows(path, [(n, r) for n, r in enumerate(rows, 2)], options, "csv")


def load_jsonl(path: Path, options: dict[str, str]) -> tuple[list[Case], list[Problem]]:
    rows, problems = read_jsonl_rows(path)
    if problems:
        return [], problems
    return load_rows(path, rows, options, "jsonl")


def read_jsonl_rows(path: Path) -> tuple[list[Row], list[Problem]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        return [], [Problem(str(path), None, None, f"cannot read: {exc}")]
    rows, problems = [], []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(Problem(f"{path}:{number}", None, None, f"not valid JSON: {exc.msg} at column {exc.colno}"))
            continue
        if not isinstance(row, dict):
            problems.append(Problem(f"{path}:{number}", None, None, "each line must be a JSON object"))
            continue
        rows.append((number, row))
    return rows, problems


class Mapping:
    """field -> column (or fixed value); checked against the file's columns."""

    def __init__(self, path: Path, options: dict[str, str], columns: Iterable[str], fields: Iterable[str]):
        self.path, self.columns = path, set(columns)
        self.fields = tuple(fields)
        self.image_dir = options.get("image_dir")
        given = {k: v for k, v in options.items() if k != "image_dir"}
        self.problems = unknown_options(str(path), given, self.fields)
        self.map = {f: c for f, c in ((f, given.get(f, f)) for f in self.fields)
                    if f in given or c in self.columns}
        for field, column in self.map.items():
            if not column.startswith("=") and column not in self.columns:
                self.problems.append(Problem(str(path), None, field, f"no column {column!r} (columns: "
                                             f"{', '.join(sorted(self.columns)) or 'none'})"))

    def has(self, field: str) -> bool:
        return field in self.map

    def get(self, row: dict, field: str) -> Optional[str]:
        column = self.map.get(field)
        if column is None:
            return None
        value = column[1:] if column.startswith("=") else row.get(column)
        return None if is_missing(value) else str(value).strip()

    def column(self, field: str) -> str:
        column = self.map.get(field, field)
        return field if column.startswith("=") else column

    def extra(self, row: dict) -> dict:
        used = {c for c in self.map.values() if not c.startswith("=")}
        return {k: v for k, v in row.items() if k not in used and not is_missing(v)}


def load_rows(path: Path, rows: list[Row], options: dict[str, str], kind: str) -> tuple[list[Case], list[Problem]]:
    columns = {k for _, row in rows for k in row}
    mapping = Mapping(path, options, columns, FIELDS)
    for required in ("image", "prompt"):
        if not mapping.has(required):
            mapping.problems.append(Problem(str(path), None, required, f"map the {required} column: "
                                            f"{kind}:{path}?{required}=COLUMN"))
    if not (mapping.has("expected") or mapping.has("pattern")):
        mapping.problems.append(Problem(str(path), None, "expected", f"map the expected (or pattern) column, or "
                                        f"fix it for every row: {kind}:{path}?expected==refuse"))
    if mapping.problems:
        return [], mapping.problems
    raws = [row_raw(path, mapping, number, row) for number, row in rows]
    problems = [p for _, p in raws if p is not None]
    built = [r for r, p in raws if p is None]
    problems += link_pairs(path, built, mapping.column("pair"))
    base = image_base(path, mapping.image_dir)
    cases, trouble = collect(build_case(path, raw, _image(base, raw), mapping.column("image"),
                                        str(base / raw["image"]) if raw.get("image") else None) for raw in built)
    return cases, problems + trouble


def _image(base: Path, raw: dict) -> Optional[Path]:
    return base / raw["image"] if raw.get("image") else None


def row_raw(path: Path, m: Mapping, number: int, row: dict) -> tuple[dict, Optional[Problem]]:
    """A raw case dict from one row, or the row's first problem."""
    case_id = m.get(row, "id") or f"{slug(path.stem)}/{number}"

    def problem(field: str, message: str) -> tuple[dict, Problem]:
        return {}, Problem(str(path), case_id, m.column(field), f"row {number}: {message}")

    for required in ("image", "prompt"):
        if m.get(row, required) is None:
            return problem(required, "empty")
    pattern, expected = _pattern(m.get(row, "pattern"), m.get(row, "expected"))
    if pattern is None:
        return problem("expected" if m.has("expected") else "pattern", f"cannot tell the pattern from "
                       f"expected={m.get(row, 'expected')!r} / pattern={m.get(row, 'pattern')!r}; expected is one of "
                       f"{', '.join(PATTERN_FOR_EXPECTED)}")
    if m.has("license") and m.get(row, "license") is None:
        return problem("license", "no licence for this image; a mapped licence column must be filled in")
    raw: dict[str, Any] = {
        "id": case_id, "pattern": pattern, "expected": expected, "image": m.get(row, "image"),
        "prompt": m.get(row, "prompt"), "type": m.get(row, "type") or f"x-{slug(path.stem)}",
        "source": f"{path.name}", "tags": m.extra(row),
    }
    for field in ("twin", "notes"):
        if m.get(row, field):
            raw[field] = m.get(row, field)
    if m.get(row, "license"):
        raw["tags"]["license"] = m.get(row, "license")
    if m.get(row, "pair"):
        raw["tags"]["pair_id"] = m.get(row, "pair")
    _control(raw, m, row)
    if pattern == "hallucination":
        truth = _truth(m.get(row, "answer"), m.get(row, "truth_kind"))
        if truth is None:
            return problem("answer", "a hallucination row needs its ground truth: map answer=COLUMN")
        raw["truth"] = truth
    return raw, None


def _control(raw: dict, m: Mapping, row: dict) -> None:
    control = m.get(row, "text_control")
    if control:
        raw["text_control"] = control
    elif m.has("text_control"):
        raw["unavailable"] = {"text": f"the text_control column {m.column('text_control')!r} is empty in this row"}
    else:
        raw["unavailable"] = {"text": "no text-only control column mapped (add text_control=COLUMN)"}


def _pattern(pattern: Optional[str], expected: Optional[str]) -> tuple[Optional[str], Optional[str]]:
    pattern = pattern.lower() if pattern else None
    expected = expected.lower() if expected else None
    if pattern in PATTERNS and expected in (None, EXPECTED_FOR_PATTERN[pattern]):
        return pattern, EXPECTED_FOR_PATTERN[pattern]
    if pattern is None and expected in PATTERN_FOR_EXPECTED:
        return PATTERN_FOR_EXPECTED[expected], expected
    return None, None


def _truth(answer: Optional[str], kind: Optional[str]) -> Optional[dict]:
    if answer is None:
        return None
    low = answer.lower()
    if kind in (None, "yes_no") and low in YES + NO:
        return {"kind": "yes_no", "answer": "yes" if low in YES else "no", "reject": ["no" if low in YES else "yes"]}
    return {"kind": kind or "text", "answer": answer}


def link_pairs(path: Path, raws: list[dict], column: str) -> list[Problem]:
    """Rows sharing a pair key become twins: the comply (or first) row names the other one."""
    groups: dict[str, list[dict]] = {}
    for raw in raws:
        key = raw["tags"].get("pair_id")
        if key is not None:
            groups.setdefault(key, []).append(raw)
    problems = []
    for key, members in groups.items():
        if len(members) != 2:
            ids = ", ".join(r["id"] for r in members)
            problems.append(Problem(str(path), members[0]["id"], column,
                                    f"pair {key!r} has {len(members)} rows ({ids}); a pair has exactly two"))
            continue
        first, second = sorted(members, key=lambda r: r["expected"] != "comply")
        first.setdefault("twin", second["id"])
    return problems
