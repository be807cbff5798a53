"""`csrbench merge A.json B.json ... --json all.json [--html r.html]`: join a sharded run and gate it once.

The thresholds are those of the project's ini file (pytest.ini, .pytest.ini, pyproject.toml, tox.ini,
setup.cfg, found from the current directory upwards as pytest finds them, or `-c FILE`), overridden by
`--fail-under` / `--max-gap` / `--max-error-rate`. Exit status as a run's: 0 gate passed, 1 gate failed,
4 the files do not make one run (usage error).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Optional

from ..gate import DEFAULT_MAX_ERROR_RATE, ThresholdError, resolve_thresholds
from ..results import ResultsFileError, load_results, write_json
from .merge import MergeError, merge_shards

USAGE_ERROR = 4
INI_NAMES = ("pytest.ini", ".pytest.ini", "pyproject.toml", "tox.ini", "setup.cfg")
_SECTIONS = {"tox.ini": "pytest", "setup.cfg": "tool:pytest"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="SHARD.json", help="the results file of every shard")
    parser.add_argument("--json", metavar="OUT", help="write the whole run's results file here")
    parser.add_argument("--html", metavar="OUT", help="write the whole run's HTML report here")
    parser.add_argument("-c", "--ini", metavar="FILE", help="read thresholds from this ini file (default: found "
                        "from the current directory upwards, as pytest does)")
    parser.add_argument("--fail-under", action="append", default=[], metavar="PATTERN[:MODALITY]=RATE",
                        help="as --csr-fail-under; overrides the ini file")
    parser.add_argument("--max-gap", action="append", default=[], metavar="PATTERN=DELTA", help="as --csr-max-gap")
    parser.add_argument("--max-error-rate", type=float, default=None, help="as --csr-max-error-rate")
    parser.add_argument("--baseline", metavar="BASE.json", help="as --csr-baseline: regressions fail the gate")
    parser.add_argument("--tolerance", type=float, default=None, help="as --csr-regression-tolerance")


def find_ini(start: Path) -> Optional[tuple[Path, dict]]:
    """The first directory upwards holding a pytest config file; (path, its pytest section) or None."""
    for directory in (start, *start.parents):
        for name in INI_NAMES:
            path = directory / name
            if path.is_file():
                section = read_ini(path)
                if section is not None:
                    return path, section
    return None


def read_ini(path: Path) -> Optional[dict]:
    """The pytest section of a config file (None if it has none), values as lists of lines or strings."""
    if path.suffix == ".toml":
        import tomllib

        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return data.get("tool", {}).get("pytest", {}).get("ini_options")
    import iniconfig

    ini = iniconfig.IniConfig(str(path))
    section = _SECTIONS.get(path.name, "pytest")
    if section not in ini:
        return {} if path.name in ("pytest.ini", ".pytest.ini") else None
    return dict(ini[section].items())


def _lines(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [line.strip() for line in str(value).splitlines() if line.strip()]


def gate_settings(args: argparse.Namespace) -> tuple[list, float, str]:
    """(thresholds, max error rate, where they came from); raise ValueError naming the bad entry."""
    if args.ini and not Path(args.ini).is_file():
        raise ValueError(f"-c {args.ini}: no such ini file")
    found = (Path(args.ini), read_ini(Path(args.ini)) or {}) if args.ini else find_ini(Path.cwd())
    path, section = found if found else (None, {})
    source = f"ini file {path}" if path else "defaults (no ini file found)"
    thresholds = resolve_thresholds([*_lines(section.get("csr_fail_under")), *args.fail_under],
                                    [*_lines(section.get("csr_max_gap")), *args.max_gap])
    raw = args.max_error_rate if args.max_error_rate is not None else section.get("csr_max_error_rate")
    try:
        max_error_rate = DEFAULT_MAX_ERROR_RATE if raw in (None, "") else float(raw)
    except ValueError:
        raise ValueError(f"{path}: csr_max_error_rate = {raw!r}: not a number") from None
    return thresholds, max_error_rate, source


def _comparison(args: argparse.Namespace):
    if not args.baseline:
        return None
    from ..comparison import DEFAULT_TOLERANCE, compare

    base = load_results(Path(args.baseline), "baseline")
    tolerance = DEFAULT_TOLERANCE if args.tolerance is None else args.tolerance
    return lambda data: compare(base, data, tolerance=tolerance, path=args.baseline)


def run(args: argparse.Namespace) -> int:
    try:
        thresholds, max_error_rate, source = gate_settings(args)
        files = [(name, load_results(Path(name))) for name in args.files]
        data = merge_shards(files, thresholds, max_error_rate, _comparison(args))
    except (ResultsFileError, ThresholdError, ValueError, OSError) as exc:
        problems = exc.problems if isinstance(exc, MergeError) else [str(exc)]
        print("csrbench merge: the files do not make one run:" if isinstance(exc, MergeError)
              else "csrbench merge: error:", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        return USAGE_ERROR
    for line in summary(data, len(files), source):
        print(line)
    if args.json:
        write_json(data, Path(args.json))
        print(f"results written to {args.json}")
    if args.html:
        from .html import write_html

        write_html(data, Path(args.html), source=", ".join(args.files))
        print(f"wrote {args.html}")
    passed = data["gate"]["passed"]
    return 0 if passed is not False else 1


def summary(data: dict, n_files: int, source: str) -> list[str]:
    totals = data["summary"]["totals"]
    lines = [f"merged {n_files} shards: {totals['items']} items, {totals['errors']} errors "
             f"(dataset {data['manifest'].get('dataset_hash')}, judge {data['manifest'].get('judge')})",
             f"thresholds from {source}"]
    for pattern, group in data["summary"]["patterns"].items():
        cell = group["image"] if group["image"]["n"] else group["both"]
        rate = "-" if cell["rate"] is None else f"{cell['rate']:.3f}"
        lines.append(f"  {pattern:<15} n={group['both']['n']:<6} pass rate {rate}")
    gate = data["gate"]
    if gate["passed"] is None:
        lines.append("gate: not evaluated (nothing ran)")
    elif gate["passed"]:
        lines.append(f"gate: PASSED ({len(gate['checks'])} checks)")
    else:
        lines.append(f"gate: FAILED ({len(gate['reasons'])} of {len(gate['checks'])} checks)")
        lines.extend(f"  - {reason}" for reason in gate["reasons"])
    return lines
