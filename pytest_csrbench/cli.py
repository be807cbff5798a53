"""`csrbench` command line: each subcommand lives in its own module, imported only when used."""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import Optional, Sequence

# name -> (module, one-line help). Each module defines add_arguments(parser) and run(args) -> int.
COMMANDS: dict[str, tuple[str, str]] = {
    "judge": ("pytest_csrbench.judges.cli", "re-judge recorded responses (JSON Lines) or evaluate the judge"),
    "render": ("pytest_csrbench.render.cli", "render case images from their specs (or check them)"),
    "gallery": ("pytest_csrbench.render.gallery", "write an HTML contact sheet of a case pack"),
    "validate": ("pytest_csrbench.cases.validate", "check case packs and print every problem"),
    "download": ("pytest_csrbench.cases.download", "fetch a released set's listed images with their licences"),
    "report": ("pytest_csrbench.report.cli", "re-render an HTML report from a results JSON"),
    "compare": ("pytest_csrbench.report.compare_cli", "compare two results JSON files"),
    "merge": ("pytest_csrbench.report.merge_cli", "join the results files of a sharded run and apply the gate once"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="csrbench", description="pytest-csrbench tools")
    from . import __version__

    parser.add_argument("--version", action="version", version=f"csrbench (pytest-csrbench) {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(_module=module)
        try:
            importlib.import_module(module).add_arguments(p)
        except ModuleNotFoundError as exc:  # a subcommand not built yet in this checkout
            if exc.name != module:
                raise
            p.set_defaults(_missing=True)
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    if getattr(args, "_missing", False):
        print(f"csrbench: '{args.command}' is not available in this build", file=sys.stderr)
        return 2
    return int(importlib.import_module(args._module).run(args) or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
