"""Paired sets as minimal pairs: MSSBench (same question, safe vs unsafe image), VLGuard (same image, benign vs
harmful instruction) and a generic `pairs:FILE` (one pair per JSON Lines object or CSV row).

Every pair gives two cases: the safe side is over_rejection (`comply`) and names the unsafe side as its
`twin`; the unsafe side is safety (`refuse`). Both carry `tags.pair_id` and `tags.pair_kind`:
`same-prompt` (the two differ only in the image: a minimal pair in the strict sense), `same-image` (they
differ only in the instruction: VLGuard) or `both-differ`. Pair accuracy counts a pair as right when both
of its items are right, whatever its kind; `pair_kind` lets a report separate the kinds.

- `mssbench:ROOT[?task=chat|embodied]`: ROOT holds `combine.json` ({"chat": [...], "embodied": [...]}),
  `chat/` and `embodied/` (the released layout). A chat entry (safe_image_path, unsafe_image_path, intent,
  unsafe_image (a description), Type, queries) gives one pair per query; an embodied entry (task, category,
  safe/unsafe image paths, safe_instruction(s), unsafe_instruction(s), optional observation_safe/unsafe)
  one pair per instruction pair. Type `x-mssbench-<Type or category>`. The queries are sent as they are,
  without MSSBench's instruction-following preamble.
- `vlguard:FILE_OR_DIR[?images=DIR]`: the released `test.json` (or `train.json`; a directory holding
  test.json) with the images in `test/` next to it. A safe image with a `safe_instruction` and an
  `unsafe_instruction` gives a same-image pair; an unsafe image's `instruction` gives one safety case. The
  `response` fields are never read.
- `pairs:FILE[?field=column...]`: fields id, prompt (shared) or safe_prompt / unsafe_prompt, image (shared)
  or safe_image / unsafe_image, safe_text_control, unsafe_text_control, type, safe_type, unsafe_type,
  license, image_dir=DIR; a field whose column has its own name needs no option.

A side without a description of its image has its text item skipped with that reason.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Optional

from .errors import Problem
from .external import (build_case, collect, described, image_base, is_missing, read_csv, read_json, slug,
                       unknown_options)
from .model import Case
from .tabular import Mapping, read_jsonl_rows

SIDES = ("safe", "unsafe")
PAIR_FIELDS = ("id", "prompt", "safe_prompt", "unsafe_prompt", "image", "safe_image", "unsafe_image",
               "safe_text_control", "unsafe_text_control", "type", "safe_type", "unsafe_type", "license")


def pair_raws(pair_id: str, safe: dict, unsafe: dict, tags: dict, source: str) -> list[dict]:
    """Two raw cases from the two sides {prompt, image, type, text_control or no_control reason}."""
    kind = "same-prompt" if safe["prompt"] == unsafe["prompt"] else \
        "same-image" if safe["image"] == unsafe["image"] else "both-differ"
    ids = {side: f"{pair_id}/{side}" for side in SIDES}
    raws = []
    for side, info, pattern, expected in [("safe", safe, "over_rejection", "comply"),
                                          ("unsafe", unsafe, "safety", "refuse")]:
        raw = {"id": ids[side], "pattern": pattern, "expected": expected, "type": info["type"],
               "prompt": info["prompt"], "image": info["image"], "source": source,
               "tags": {**tags, "pair_id": pair_id, "pair_kind": kind, "pair_side": side}}
        if side == "safe":
            raw["twin"] = ids["unsafe"]
        if info.get("text_control"):
            raw["text_control"] = info["text_control"]
        else:
            raw["unavailable"] = {"text": info.get("no_control") or "the source has no description of this image"}
        raws.append(raw)
    return raws


def build_all(file: Path, base: Path, raws: Iterable[dict], field: str) -> tuple[list[Case], list[Problem]]:
    """Build every case; a side whose partner failed is left out (the partner's problem says why)."""
    cases, problems = collect(build_case(file, raw, base / raw["image"], field, str(base / raw["image"]))
                              for raw in raws)
    failed = {p.case_id for p in problems}
    return [c for c in cases if c.twin is None or c.twin not in failed], problems


def _text(value: Any) -> Optional[str]:
    return None if is_missing(value) or not isinstance(value, str) else value.strip()


# ----- MSSBench
def load_mssbench(path: Path, options: dict[str, str]) -> tuple[list[Case], list[Problem]]:
    problems = unknown_options(f"mssbench:{path}", options, ("task",))
    tasks = ("chat", "embodied") if options.get("task", "all") == "all" else (options.get("task"),)
    if any(t not in ("chat", "embodied") for t in tasks):
        problems.append(Problem(f"mssbench:{path}", None, "task", "one of chat, embodied, all"))
    file = path / "combine.json" if path.is_dir() else path
    data, trouble = read_json(file) if not problems else (None, [])
    problems += trouble
    if not problems and not (isinstance(data, dict) and all(isinstance(data.get(t), list) for t in tasks)):
        problems.append(Problem(str(file), None, None, "expected an object with 'chat' and 'embodied' lists"))
    if problems:
        return [], problems
    raws, problems = [], []
    for task in tasks:
        builder = _chat_pairs if task == "chat" else _embodied_pairs
        for index, entry in enumerate(data[task]):
            found, trouble = builder(file, index, entry)
            raws += found
            problems += trouble
    cases, trouble = build_all(file, file.parent, raws, "image")
    return cases, problems + trouble


def _chat_pairs(file: Path, index: int, entry: Any) -> tuple[list[dict], list[Problem]]:
    where = f"mssbench/chat/{index}"
    if not isinstance(entry, dict):
        return [], [Problem(str(file), where, None, "each chat entry must be an object")]
    missing = [k for k in ("safe_image_path", "unsafe_image_path", "queries") if not entry.get(k)]
    if missing or not isinstance(entry["queries"], list):
        return [], [Problem(str(file), where, (missing or ["queries"])[0], "missing or empty (queries is a list)")]
    type_ = f"x-mssbench-{slug(entry.get('Type') or 'chat')}"
    tags = {k: entry[k] for k in ("intent", "Type") if _text(entry.get(k))}
    raws = []
    for k, query in enumerate(entry["queries"]):
        if not _text(query):
            return [], [Problem(str(file), f"{where}/{k}", f"queries[{k}]", "empty query")]
        unsafe_desc = _text(entry.get("unsafe_image"))
        safe = {"prompt": query, "image": f"chat/{entry['safe_image_path']}", "type": type_,
                "no_control": "MSSBench gives no description of the safe image"}
        unsafe = {"prompt": query, "image": f"chat/{entry['unsafe_image_path']}", "type": type_,
                  "text_control": described(unsafe_desc, query) if unsafe_desc else None}
        raws += pair_raws(f"{where}/{k}", safe, unsafe, tags, "mssbench/chat")
    return raws, []


def _embodied_pairs(file: Path, index: int, entry: Any) -> tuple[list[dict], list[Problem]]:
    where = f"mssbench/embodied/{index}"
    if not isinstance(entry, dict):
        return [], [Problem(str(file), where, None, "each embodied entry must be an object")]
    safe_list = entry.get("safe_instructions") or [entry.get("safe_instruction")]
    unsafe_list = entry.get("unsafe_instructions") or [entry.get("unsafe_instruction")]
    missing = [k for k in ("safe", "unsafe") if not _text(entry.get(k))]
    if missing or not all(map(_text, safe_list + unsafe_list)) or len(safe_list) != len(unsafe_list):
        field = missing[0] if missing else "safe_instructions"
        return [], [Problem(str(file), where, field, "needs safe and unsafe image paths and as many safe as "
                                                     "unsafe instructions, none empty")]
    type_ = f"x-mssbench-{slug(entry.get('category') or 'embodied')}"
    tags = {k: entry[k] for k in ("task", "category") if _text(entry.get(k))}
    raws = []
    for k, (safe_instr, unsafe_instr) in enumerate(zip(safe_list, unsafe_list)):
        sides = {}
        for side, instr in (("safe", safe_instr), ("unsafe", unsafe_instr)):
            seen = _text(entry.get(f"observation_{side}"))
            sides[side] = {"prompt": instr, "image": f"embodied/{entry[side]}", "type": type_,
                           "text_control": described(seen, instr) if seen else None,
                           "no_control": f"MSSBench gives no observation of the {side} image"}
        raws += pair_raws(f"{where}/{k}", sides["safe"], sides["unsafe"], tags, "mssbench/embodied")
    return raws, []


# ----- VLGuard
def load_vlguard(path: Path, options: dict[str, str]) -> tuple[list[Case], list[Problem]]:
    problems = unknown_options(f"vlguard:{path}", options, ("images",))
    file = path / "test.json" if path.is_dir() else path
    data, trouble = read_json(file) if not problems else (None, [])
    problems += trouble
    if not problems and not isinstance(data, list):
        problems.append(Problem(str(file), None, None, "expected a JSON list of entries (VLGuard's test.json)"))
    if problems:
        return [], problems
    base = image_base(file, options.get("images"), file.parent / file.stem)
    raws = []
    for index, entry in enumerate(data):
        found, trouble = _vlguard_entry(file, index, entry)
        raws += found
        problems += trouble
    cases, trouble = build_all(file, base, raws, "image")
    return cases, problems + trouble


def _instructions(entry: dict) -> dict[str, str]:
    """The instruction fields of `instr-resp` (its `response` fields are never read)."""
    found = {}
    for item in entry.get("instr-resp") or []:
        if isinstance(item, dict):
            for key in ("safe_instruction", "unsafe_instruction", "instruction"):
                if _text(item.get(key)):
                    found.setdefault(key, item[key].strip())
    return found


def _vlguard_entry(file: Path, index: int, entry: Any) -> tuple[list[dict], list[Problem]]:
    if not isinstance(entry, dict) or not _text(entry.get("image")):
        return [], [Problem(str(file), f"vlguard/#{index + 1}", "image", "each entry needs an image path")]
    where = f"vlguard/{slug(entry.get('id') or index + 1)}"
    instr = _instructions(entry)
    category = _text(entry.get("harmful_category"))
    type_ = f"x-vlguard-{slug(category) if category else 'safe-image'}"
    tags = {k: entry[k] for k in ("id", "harmful_category", "harmful_subcategory", "safe") if k in entry}
    no_control = "VLGuard gives no description of the image"
    if entry.get("safe") is True:
        if "safe_instruction" not in instr or "unsafe_instruction" not in instr:
            return [], [Problem(str(file), where, "instr-resp", "a safe image needs a safe_instruction and an "
                                                                "unsafe_instruction")]
        safe = {"prompt": instr["safe_instruction"], "image": entry["image"], "type": type_, "no_control": no_control}
        unsafe = {**safe, "prompt": instr["unsafe_instruction"]}
        return pair_raws(where, safe, unsafe, tags, "vlguard"), []
    if "instruction" not in instr:
        return [], [Problem(str(file), where, "instr-resp", "an unsafe image needs an instruction")]
    return [{"id": where, "pattern": "safety", "expected": "refuse", "type": type_, "prompt": instr["instruction"],
             "image": entry["image"], "source": "vlguard", "tags": tags, "unavailable": {"text": no_control}}], []


# ----- generic pairs
def load_pairs(path: Path, options: dict[str, str]) -> tuple[list[Case], list[Problem]]:
    if path.suffix.lower() == ".csv":
        rows, problems = read_csv(path)
        numbered = list(enumerate(rows, 2))
    else:
        numbered, problems = read_jsonl_rows(path)
    if problems:
        return [], problems
    mapping = Mapping(path, options, {k for _, r in numbered for k in r}, PAIR_FIELDS)
    if mapping.problems:
        return [], mapping.problems
    raws, problems = [], []
    for number, row in numbered:
        found, trouble = _generic_pair(path, mapping, number, row)
        raws += found
        problems += trouble
    cases, trouble = build_all(path, image_base(path, mapping.image_dir), raws, "image")
    return cases, problems + trouble


def _generic_pair(path: Path, m: Mapping, number: int, row: dict) -> tuple[list[dict], list[Problem]]:
    pair_id = m.get(row, "id") or f"{slug(path.stem)}/{number}"
    sides = {}
    for side in SIDES:
        info = {"prompt": m.get(row, f"{side}_prompt") or m.get(row, "prompt"),
                "image": m.get(row, f"{side}_image") or m.get(row, "image"),
                "type": m.get(row, f"{side}_type") or m.get(row, "type") or f"x-{slug(path.stem)}",
                "text_control": m.get(row, f"{side}_text_control"),
                "no_control": f"no {side}_text_control for this pair"}
        for field in ("prompt", "image"):
            if not info[field]:
                return [], [Problem(str(path), pair_id, f"{side}_{field}", f"row {number}: the {side} side has no "
                                    f"{field} (map {field}= for both sides or {side}_{field}=)")]
        sides[side] = info
    if m.has("license") and m.get(row, "license") is None:
        return [], [Problem(str(path), pair_id, m.column("license"), f"row {number}: no licence for these images")]
    tags = {"license": m.get(row, "license")} if m.get(row, "license") else {}
    return pair_raws(pair_id, sides["safe"], sides["unsafe"], tags, path.name), []
