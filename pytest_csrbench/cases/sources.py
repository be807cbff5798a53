"""Where cases come from: the bundled pack and the user's `--csr-cases` sources."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Union

from .loader import load_packs
from .model import Case


def bundled_pack_dir() -> Path:
    from ..render.paths import bundled_cases_dir

    return bundled_cases_dir()


def load_sources(sources: Iterable[Union[str, Path]], bundled: bool = True) -> list[Case]:
    """Load the bundled pack (unless `bundled` is false) and every user source; all-or-nothing."""
    roots = [bundled_pack_dir()] if bundled else []
    roots += [Path(s) for s in sources]
    return load_packs(roots)
