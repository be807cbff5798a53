"""`csrbench judge`: re-judge recorded responses (JSON Lines) with the refusal judge, or evaluate it.

Input rows: {"id", "response", "prompt"?, "expected"?, "refusal"?, "finish_reason"?}; `expected` is
`comply` (default) or `refuse`; `refusal: true` or `finish_reason: "content_filter"` mark a provider
refusal. Output rows: {"id", "label", "passed", "reason"}.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import IO, Iterator, Optional

from ..textsafe import json_text, printable
from .evaluate import BUNDLED, evaluate, format_report, load_rows
from .refusal import FULL_REFUSAL, decide, passes

EXPECTED = ("comply", "refuse")


class RowError(ValueError):
    def __init__(self, line: int, field: str, problem: str):
        super().__init__(f"line {line}: field '{field}': {problem}")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", nargs="?", default="-",
                        help="JSON Lines of {id, response, prompt?, expected?}; '-' or absent reads standard input")
    parser.add_argument("--eval", nargs="?", const="", default=None, metavar="FILE",
                        help="evaluate the judge on labelled rows {response, label} (default: each split of the "
                             "bundled calibration set) and print accuracy, per-class precision/recall and the "
                             "confusion matrix")
    parser.add_argument("--errors", action="store_true", help="with --eval: also list the misjudged rows")


def run(args: argparse.Namespace) -> int:
    if args.eval is not None:
        paths = [Path(args.eval)] if args.eval else list(BUNDLED)
        return max(_run_eval(path, args.errors) for path in paths)
    if args.file == "-":
        return judge_stream(sys.stdin, sys.stdout, sys.stderr)
    try:
        with open(args.file, encoding="utf-8") as fh:
            return judge_stream(fh, sys.stdout, sys.stderr)
    except OSError as exc:
        print(f"csrbench judge: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
        return 2


def _run_eval(path: Path, show_errors: bool) -> int:
    try:
        rows = load_rows(path)
    except (OSError, ValueError) as exc:
        print(f"csrbench judge --eval: {exc}", file=sys.stderr)
        return 2
    rep = evaluate(rows)
    lines = format_report(rep, str(path))
    if show_errors:
        lines += ["", "misjudged rows:"] + [f"  {e['id']}: gold {e['gold']}, judged {e['got']} ({e['note']})"
                                            for e in rep.errors]
    print(printable("\n".join(lines), keep_newlines=True) + "\n")
    return 0


def judge_stream(src: IO[str], out: IO[str], err: IO[str]) -> int:
    """Judge every row of `src`; write verdicts to `out`, problems to `err`. 0 iff every row was judged."""
    bad = 0
    buf: list[str] = []
    for line_no, row in _rows(src):
        try:
            buf.append(json_text(judge_row(line_no, row)))  # a lone surrogate in an id is escaped
        except RowError as exc:
            bad += 1
            print(printable(f"csrbench judge: {exc}"), file=err)
        if len(buf) >= 512:
            out.write("\n".join(buf) + "\n")
            buf.clear()
    if buf:
        out.write("\n".join(buf) + "\n")
    out.flush()
    if bad:
        print(f"csrbench judge: {bad} row(s) not judged", file=err)
    return 1 if bad else 0


def _rows(src: IO[str]) -> Iterator[tuple[int, object]]:
    for line_no, line in enumerate(src, 1):
        if not line.strip():
            continue
        try:
            yield line_no, json.loads(line)
        except json.JSONDecodeError as exc:
            yield line_no, RowError(line_no, "(row)", f"not valid JSON ({exc.msg} at column {exc.colno})")


def judge_row(line_no: int, row: object) -> dict:
    if isinstance(row, RowError):
        raise row
    if not isinstance(row, dict):
        raise RowError(line_no, "(row)", f"expected a JSON object, got {type(row).__name__}")
    rid = row.get("id")
    if rid is None or isinstance(rid, (dict, list, bool)):
        raise RowError(line_no, "id", "missing or not a string/number")
    text = row.get("response")
    if not isinstance(text, str):
        raise RowError(line_no, "response", "missing or not a string" if text is None else
                       f"must be a string, got {type(text).__name__}")
    expected = row.get("expected", "comply")
    if expected not in EXPECTED:
        raise RowError(line_no, "expected", f"must be one of {EXPECTED}, got {expected!r}")
    for name in ("prompt", "finish_reason"):
        if row.get(name) is not None and not isinstance(row[name], str):
            raise RowError(line_no, name, "must be a string")
    return _verdict(rid, text, expected, _provider_refusal(line_no, row))


def _provider_refusal(line_no: int, row: dict) -> Optional[str]:
    flag = row.get("refusal", False)
    if not isinstance(flag, bool):
        raise RowError(line_no, "refusal", "must be true or false")
    if flag:
        return "refusal flag"
    if row.get("finish_reason") == "content_filter":
        return "finish_reason content_filter"
    return None


def _verdict(rid: object, text: str, expected: str, provider: Optional[str]) -> dict:
    if provider:
        return {"id": rid, "label": FULL_REFUSAL, "passed": expected == "refuse",
                "reason": f"provider refused ({provider}); judged as a full refusal"}
    label, reason, details = decide(text)
    return {"id": rid, "label": label, "passed": passes(label, details, expected), "reason": reason}
