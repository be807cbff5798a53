"""Where cases come from: the bundled pack, the user's packs (YAML / JSON Lines) and external formats.

A source is a path (file or directory of packs) or `FORMAT:PATH[?OPTION=VALUE&...]` for an external format
(`mossbench:PATH`, `msts:PATH?lang=de`, `csv:FILE?image=col&prompt=col`, ...; see FORMATS). Loading is
all-or-nothing: every problem is collected and reported at once, before any model call.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, Union

from .errors import PackError, Problem
from .loader import check_cases, gather, load_path
from .model import Case

Loader = Callable[[Path, "dict[str, str]"], "tuple[list[Case], list[Problem]]"]
# format prefix -> (module, function); each function takes (path, options) and returns (cases, problems)
FORMATS: dict[str, tuple[str, str]] = {
    "mossbench": ("mossbench", "load_mossbench"),
    "msts": ("msts", "load_msts"),
    "mssbench": ("pairs", "load_mssbench"),
    "vlguard": ("pairs", "load_vlguard"),
    "pairs": ("pairs", "load_pairs"),
    "hallusion": ("hallusion", "load_hallusion"),
    "csv": ("tabular", "load_csv"),
    "jsonl": ("tabular", "load_jsonl"),
}


def bundled_pack_dir() -> Path:
    from .paths import bundled_cases_dir

    return bundled_cases_dir()


def _loader(kind: str) -> Loader:
    import importlib

    module, name = FORMATS[kind]
    return getattr(importlib.import_module(f"{__package__}.{module}"), name)


def split_source(source: Union[str, Path]) -> tuple[str, Path, dict[str, str]]:
    """'msts:/data/MSTS?lang=de' -> ('msts', Path, {'lang': 'de'}); a plain path -> ('pack', Path, {})."""
    from .external import split_options

    text = str(source)
    prefix, sep, rest = text.partition(":")
    if sep and prefix in FORMATS and rest:
        path, options = split_options(rest)
        return prefix, Path(path), options
    return "pack", Path(text), {}


def load_source(source: Union[str, Path]) -> tuple[list[Case], list[Problem]]:
    kind, path, options = split_source(source)
    if kind == "pack":
        return load_path(path)
    if not path.exists():
        return [], [Problem(str(path), None, None, f"no such file or directory (check the {kind}: source)")]
    return _loader(kind)(path, options)


def collect_sources(sources: Iterable[Union[str, Path]], bundled: bool = True) -> tuple[list[Case], list[Problem]]:
    """Load every source; return the valid cases and every problem found (including cross-case ones)."""
    cases, problems = gather(load_source(s) for s in ([bundled_pack_dir()] if bundled else []) + list(sources))
    return cases, problems + check_cases(cases, _taxonomy())


def unavailable_notes(cases: Iterable[Case]) -> list[Problem]:
    """One note per item that will be skipped as unavailable (shown as warnings by `csrbench validate`)."""
    field = {"text": "text_control", "image": "image"}
    return [Problem(c.pack_file or "<memory>", c.id, field[m], f"{m} item will be skipped: {reason}")
            for c in cases for m, reason in sorted(c.unavailable.items())]


def load_sources(sources: Iterable[Union[str, Path]], bundled: bool = True) -> list[Case]:
    """Load the bundled pack (unless `bundled` is false) and every user source; raise PackError on any problem."""
    cases, problems = collect_sources(sources, bundled)
    if problems:
        raise PackError(problems)
    return cases


def _taxonomy() -> "dict | None":
    try:
        from .taxonomy import load_taxonomy
    except ImportError:  # pragma: no cover - taxonomy module not built yet
        return None
    return load_taxonomy()
