"""`csrbench render [PATHS...] [--check]`: (re)render case images from their specs, or check them."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Iterable

from .paths import bundled_cases_dir


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="case pack YAML files or directories (default: the bundled cases/)")
    parser.add_argument("--check", action="store_true",
                        help="do not write; report images that differ from a fresh render (exit 1 if any)")
    parser.add_argument("--strict", action="store_true",
                        help="also report texts that do not fit where they are drawn (cut or left out)")
    parser.add_argument("--no-text", action="store_true",
                        help="review diagnostic: draw every image with all words erased into --out "
                             "(pack images are never touched), to confirm a depicted case keeps its cue")
    parser.add_argument("--out", metavar="DIR", help="with --no-text: where to write the wordless images")
    parser.add_argument("--cue", choices=("text", "depicted", "mixed"),
                        help="with --no-text: only cases that declare this cue")


def pack_files(paths: Iterable[str]) -> list[Path]:
    """The YAML files named, and every *.yaml / *.yml under the directories named (sorted)."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and _is_pack(p)))
        else:
            out.append(path)
    return out


def _is_pack(path: Path) -> bool:
    """Skip files that are not case packs (the taxonomy, configs) by a cheap look for `cases:`."""
    try:
        return any(line.startswith("cases:") for line in path.read_text(encoding="utf-8").splitlines())
    except (OSError, UnicodeDecodeError):
        return False


def run(args: argparse.Namespace) -> int:
    from .pack import render_pack_file

    paths = args.paths or [str(bundled_cases_dir())]
    files = pack_files(paths)
    missing = [str(p) for p in files if not p.exists()]
    if missing:
        print(f"csrbench render: no such file: {', '.join(missing)}", file=sys.stderr)
        return 2
    if args.no_text:
        return _run_no_text(files, args)
    if args.out or args.cue:
        print("csrbench render: --out and --cue only apply with --no-text", file=sys.stderr)
        return 2
    problems: list[str] = []
    for path in files:
        problems.extend(render_pack_file(path, check=args.check, strict=args.strict))
    for problem in problems:
        print(problem, file=sys.stderr)
    verb = "checked" if args.check else "rendered"
    print(f"csrbench render: {verb} {len(files)} pack file(s), {len(problems)} problem(s)")
    return 1 if problems else 0


def _run_no_text(files: list[Path], args: argparse.Namespace) -> int:
    from .pack import render_wordless

    if not args.out or args.check:
        print("csrbench render: --no-text needs --out DIR (and cannot be combined with --check)", file=sys.stderr)
        return 2
    out = Path(args.out)
    written, problems = 0, []
    for path in files:
        n, trouble = render_wordless(path, out, cue=args.cue)
        written += n
        problems += trouble
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"csrbench render: wrote {written} wordless image(s) to {out}, {len(problems)} problem(s)")
    return 1 if problems else 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pytest_csrbench.render",
                                     description="render case images from their specs (or check them)")
    add_arguments(parser)
    return run(parser.parse_args(argv))
