"""Why an item missed: the terminal's "misses" section and the --csr-strict failure text.

Both show what a reader needs to judge a miss without opening the results file: the case and its type
(with the type's name), the expected behaviour and the judged label, the judge's reason, and the prompt
and response shortened to one line each. `--csr-show-misses N` (default 3) sets how many per pattern.
"""

from __future__ import annotations

from typing import Iterator, Optional

from ..cases.model import PATTERNS
from ..results import ItemRecord, RunResult

Line = tuple[str, dict]
DEFAULT_SHOW = 3
WIDTH = 110


def one_line(text: Optional[str], width: int = WIDTH) -> str:
    """`text` on one printable line, cut to `width` characters with an ellipsis."""
    if text is None:
        return "(none)"
    flat = " ".join("".join(c if c.isprintable() else " " for c in str(text)).split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _type_info(type_id: str):
    try:
        from ..cases.taxonomy import load_taxonomy

        return load_taxonomy().get(type_id)
    except (OSError, ValueError):
        return None


def type_label(type_id: str) -> str:
    """'S04 chemical-mixing' for a bundled type; the bare id for a type of an external pack."""
    info = _type_info(type_id)
    return info.label if info is not None else type_id


def worst_types_lines(result: RunResult, count: int = 5) -> Iterator[Line]:
    """Triage: the types with the lowest image+text pass rate, with their names and definitions."""
    cells = [(t, g["image"]) for t, g in result.summary.get("types", {}).items()
             if g.get("image", {}).get("rate") is not None and g["image"]["rate"] < 1.0]
    if not cells:
        return
    cells.sort(key=lambda tc: (tc[1]["rate"], -tc[1]["n"], tc[0]))
    yield f"worst types (image+text pass rate, lowest {min(count, len(cells))}):", {"bold": True}
    for type_id, cell in cells[:count]:
        info = _type_info(type_id)
        definition = f"  {one_line(info.definition, 70)}" if info is not None else ""
        yield (f"  {type_label(type_id):<32}{cell['rate']:.3f} ({cell['passed']}/{cell['n']}){definition}",
               {"yellow": True} if cell["rate"] < 0.5 else {})


def explain(record: ItemRecord, indent: str = "  ") -> list[str]:
    """The lines that explain one missed or errored item, like an assertion diff."""
    verdict = record.verdict or {}
    lines = [f"{indent}expected: {record.expected}",
             f"{indent}judged:   {verdict.get('label', '-')}" if record.outcome != "error"
             else f"{indent}error:    {one_line(record.error)}"]
    if verdict.get("reason"):
        lines.append(f"{indent}reason:   {one_line(verdict['reason'])}")
    lines.append(f"{indent}prompt:   {one_line(record.prompt)}")
    lines.append(f"{indent}response: {one_line(record.response)}")
    return lines


def strict_failure_text(record: ItemRecord) -> str:
    """The longrepr of a miss under --csr-strict."""
    head = (f"MISSED {record.case_id}:{record.modality} (expected {record.expected}) "
            f"[{type_label(record.type)}]")
    return "\n".join([head, *explain(record)])


def misses_lines(result: RunResult, limit: int) -> Iterator[Line]:
    """Per pattern, the first `limit` missed or errored items (image+text first), with why."""
    bad = [r for r in result.items if r.outcome in ("missed", "error")]
    if limit <= 0 or not bad:
        return
    html = result.settings.html_path
    yield (f"misses: first {limit} per pattern (--csr-show-misses N for more, 0 for none)", {"bold": True})
    for pattern in PATTERNS:
        mine = sorted((r for r in bad if r.pattern == pattern), key=lambda r: (r.modality != "image", r.key))
        if not mine:
            continue
        missed = sum(r.outcome == "missed" for r in mine)
        yield f"{pattern}: {missed} missed, {len(mine) - missed} errors", {"yellow": True}
        for record in mine[:limit]:
            ident = f"{record.case_id}:{record.modality}" + (f":s{record.sample}" if result.settings.samples > 1 else "")
            yield f"  csrbench::test_case[{ident}]  {type_label(record.type)}  ({record.outcome})", {"bold": True}
            for line in explain(record, indent="    "):
                yield line, {}
            if html is not None:
                yield f"    report:   {html}#case={record.case_id}:{record.modality}", {}
    yield ("re-run one by pasting its id after your pytest command; re-run every miss and error of this run "
           "with --csr-rerun-misses", {})
