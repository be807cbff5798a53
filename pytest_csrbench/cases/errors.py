"""PackError: a problem in a case pack, always naming the file, the case and the field."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class Problem:
    file: str
    case_id: Optional[str]
    field: Optional[str]
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.case_id:
            where += f": case '{self.case_id}'"
        if self.field:
            where += f", field '{self.field}'"
        return f"{where}: {self.message}"


class PackError(Exception):
    """One or more problems in case packs. str() lists them, one per line."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__(self.render())

    def render(self, limit: int = 20) -> str:
        lines = [str(p) for p in self.problems[:limit]]
        if len(self.problems) > limit:
            lines.append(f"... and {len(self.problems) - limit} more (run `csrbench validate PATH` to list all)")
        return "\n".join(lines)
