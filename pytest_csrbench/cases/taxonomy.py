"""The benchmark's taxonomy (cases/taxonomy.yaml): 61 types, each with pattern, expected behaviour
and a definition. `load_taxonomy()` is cached; the loader uses it to reject unknown types."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional, Union

import yaml

from .model import EXPECTED_FOR_PATTERN

TAXONOMY_FILE = "taxonomy.yaml"


@dataclass(frozen=True)
class TypeInfo:
    id: str
    name: str
    pattern: str
    expected: str
    definition: str

    @property
    def label(self) -> str:
        """'S04 chemical-mixing'."""
        return f"{self.id} {self.name}"


def taxonomy_path() -> Path:
    from .paths import bundled_cases_dir

    return bundled_cases_dir() / TAXONOMY_FILE


@lru_cache(maxsize=4)
def load_taxonomy(path: Optional[Union[str, Path]] = None) -> dict[str, TypeInfo]:
    """Type id -> TypeInfo, in file order. Raises ValueError naming the entry on a malformed file."""
    file = Path(path) if path is not None else taxonomy_path()
    data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
    out: dict[str, TypeInfo] = {}
    for i, entry in enumerate(data.get("types") or []):
        info = _entry(file, i, entry)
        if info.id in out:
            raise ValueError(f"{file}: types[{i}]: duplicate id {info.id}")
        out[info.id] = info
    return out


def _entry(file: Path, index: int, entry: object) -> TypeInfo:
    where = f"{file}: types[{index}]"
    if not isinstance(entry, dict):
        raise ValueError(f"{where}: expected a mapping with id, name, pattern, expected, definition")
    missing = [k for k in ("id", "name", "pattern", "expected", "definition") if not entry.get(k)]
    if missing:
        raise ValueError(f"{where}: missing {', '.join(missing)}")
    pattern, expected = str(entry["pattern"]), str(entry["expected"])
    if EXPECTED_FOR_PATTERN.get(pattern) != expected:
        raise ValueError(f"{where} ({entry['id']}): pattern '{pattern}' expects "
                         f"'{EXPECTED_FOR_PATTERN.get(pattern)}', got '{expected}'")
    return TypeInfo(id=str(entry["id"]), name=str(entry["name"]), pattern=pattern, expected=expected,
                    definition=" ".join(str(entry["definition"]).split()))


def types_for_pattern(pattern: str) -> list[TypeInfo]:
    return [t for t in load_taxonomy().values() if t.pattern == pattern]
