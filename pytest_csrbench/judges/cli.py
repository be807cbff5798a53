"""`csrbench judge`: re-judge recorded responses (JSON Lines) with the rule judges, or evaluate them.

Input rows: {"id", "response", "prompt"?, "refusal"?, "finish_reason"?} plus what the row's judge needs:
- refusal (default): `expected` `comply` (default) or `refuse`;
- choice: `options` (list of strings), `answer` (the option that passes), `context`? (the image in words);
- grounding: `truth` (a case's Truth: {"kind", "answer", "accept"?, "reject"?, "premise"?});
- injection: `text_control` (the image in words, with the injected line), `payload_terms`? (list of strings).
The judge is named by `judge` or inferred from those fields. `refusal: true` or `finish_reason:
"content_filter"` mark a provider refusal. Output rows: {"id", "label", "passed", "reason"}.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import IO, Iterator

from ..textsafe import json_text, printable
from .evaluate import BUNDLED, evaluate, format_report, load_rows
from .rowjudge import RowError, judge_fields
from .scoring import RESPONSE_SPLITS, format_scores, load_labelled, score


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", nargs="?", default="-",
                        help="JSON Lines of {id, response, prompt?, expected? | options+answer | truth | text_control}; "
                             "'-' or absent reads standard input")
    parser.add_argument("--eval", nargs="?", const="", default=None, metavar="FILE",
                        help="evaluate the judges on labelled rows {response, label, judge?} (default: every split of "
                             "the bundled calibration sets) and print per judge: accuracy (refusal: 3-way, binary and the "
                             "safety pass figures), per-class precision/recall and the confusion matrix")
    parser.add_argument("--errors", action="store_true", help="with --eval: also list the misjudged rows")
    parser.add_argument("--categories", action="store_true", help="with --eval: accuracy per failure category")
    parser.add_argument("--json", action="store_true", dest="as_json",
                        help="with --eval on the response calibration set: print the figures per judge as JSON")


def run(args: argparse.Namespace) -> int:
    if args.eval is not None:
        paths = [Path(args.eval)] if args.eval else list(RESPONSE_SPLITS) + list(BUNDLED)
        if getattr(args, "as_json", False):
            return _eval_json([Path(args.eval)] if args.eval else list(RESPONSE_SPLITS))
        return max(_run_eval(path, args.errors, getattr(args, "categories", False)) for path in paths)
    if args.file == "-":
        return judge_stream(sys.stdin, sys.stdout, sys.stderr)
    try:
        with open(args.file, encoding="utf-8") as fh:
            return judge_stream(fh, sys.stdout, sys.stderr)
    except OSError as exc:
        print(f"csrbench judge: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
        return 2


def _run_eval(path: Path, show_errors: bool, categories: bool = False) -> int:
    try:
        if _multi_judge(path):
            return _run_scores(path, show_errors, categories)
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


def _eval_json(paths: list[Path]) -> int:
    out = {}
    for path in paths:
        try:
            if not _multi_judge(path):
                raise ValueError(f"{path}: --json needs rows of the response calibration set (each names its 'judge')")
            out[path.name] = {kind: s.figures() for kind, s in score(load_labelled(path)).items()}
        except (OSError, ValueError) as exc:
            print(f"csrbench judge --eval: {exc}", file=sys.stderr)
            return 2
    print(json.dumps(out, indent=2))
    return 0


def _multi_judge(path: Path) -> bool:
    """A file of the response calibration set (rows name their judge), not a refusal-only file."""
    with open(path, encoding="utf-8") as fh:
        first = next((line for line in fh if line.strip()), "")
    try:
        return isinstance(json.loads(first), dict) and "judge" in json.loads(first)
    except json.JSONDecodeError:
        return False


def _run_scores(path: Path, show_errors: bool, categories: bool) -> int:
    scores = score(load_labelled(path))
    lines = format_scores(scores, str(path), categories)
    refusal = scores.get("refusal")
    if refusal is not None:
        lines += ["", "refusal confusion (rows = gold, columns = judged)"]
        labels = sorted({g for g in refusal.confusion} | {p for c in refusal.confusion.values() for p in c})
        lines.append(f"{'':<17}" + "".join(f"{lab[:9]:>10}" for lab in labels))
        for g in labels:
            lines.append(f"{g:<17}" + "".join(f"{refusal.confusion[g][p]:>10}" for p in labels))
    if show_errors:
        lines += ["", "misjudged rows:"]
        for kind, s in scores.items():
            lines += [f"  {e['id']} [{kind}/{e['category']}]: gold {e['gold']} (pass {e['gold_passed']}), judged {e['got']} "
                      f"(pass {e['passed']}): {e['reason']}" for e in s.errors]
    print("\n".join(lines) + "\n")
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
    verdict = judge_fields(line_no, row)
    return {"id": rid, "label": verdict.label, "passed": verdict.passed, "reason": verdict.reason}
