"""Where cases come from: the bundled pack, the user's packs (YAML / JSON Lines) and external formats.

A source is a path (file or directory of packs) or `FORMAT:PATH` for an external format
(`mossbench:PATH`). Loading is all-or-nothing: every problem is collected and reported at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, Union

from .errors import PackError, Problem
from .loader import check_cases, gather, load_path
from .model import Case

Loader = Callable[[Path], "tuple[list[Case], list[Problem]]"]


def bundled_pack_dir() -> Path:
    from .paths import bundled_cases_dir

    return bundled_cases_dir()


def _external_loaders() -> dict[str, Loader]:
    from .mossbench import load_mossbench

    return {"mossbench": load_mossbench}


def split_source(source: Union[str, Path]) -> tuple[str, Path]:
    """'mossbench:/data/MOSSBench' -> ('mossbench', Path); a plain path -> ('pack', Path)."""
    text = str(source)
    prefix, sep, rest = text.partition(":")
    if sep and prefix in _external_loaders() and rest:
        return prefix, Path(rest)
    return "pack", Path(text)


def load_source(source: Union[str, Path]) -> tuple[list[Case], list[Problem]]:
    kind, path = split_source(source)
    if kind == "pack":
        return load_path(path)
    return _external_loaders()[kind](path)


def collect_sources(sources: Iterable[Union[str, Path]], bundled: bool = True) -> tuple[list[Case], list[Problem]]:
    """Load every source; return the valid cases and every problem found (including cross-case ones)."""
    cases, problems = gather(load_source(s) for s in ([bundled_pack_dir()] if bundled else []) + list(sources))
    return cases, problems + check_cases(cases, _taxonomy())


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
