"""The results of a run: one item record per benchmark item, the frozen `RunResult`, and the results file.

This module is the one home of the results-file format (`--csr-json`, baselines, `replay:PATH`,
`csrbench compare` and `csrbench report` all read or write it). It imports nothing else of the
package at run time, so every stage can depend on it without an arrow pointing up the flow.

- `ItemRecord`: what one item left behind (its outcome, response, verdict, error, cost, cache state).
  It travels from an xdist worker to the controller as the plain dict `to_dict()` returns (pytest
  ships `report.csrbench` through execnet, which takes plain data only) and is rebuilt on the
  controller with `from_dict()`. A new per-item field: add it here (with a default, so older results
  files still load) and fill it in `CsrSession.record`.
- `RunResult`: what `CsrSession.finish()` decided, built once; every report is a function of it.
- `results_dict(result)`: the results file's content; `write_json` / `load_results` write and read it.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from .textsafe import json_text

if TYPE_CHECKING:
    from .gate import GateResult
    from .options import Settings

SCHEMA_VERSION = 1
OUTCOMES = ("passed", "missed", "error", "skipped")
JUDGED = ("passed", "missed")

Key = tuple[str, str, int]


class ResultsFileError(ValueError):
    """A results file that cannot be read, or is not a csrbench results file (the message says which)."""


@dataclass(frozen=True, slots=True)
class ItemRecord:
    """One benchmark item's record. Field order is the key order of the results file's items."""

    case_id: str
    pattern: str
    type: str
    modality: str
    sample: int = 0
    expected: Optional[str] = None
    variant: Optional[str] = None
    twin: Optional[str] = None
    cue: Optional[str] = None  # where the decisive element is: text, depicted, mixed (None: not declared)
    prompt: Optional[str] = None
    text_control: Optional[str] = None
    image: Optional[str] = None
    image_sha256: Optional[str] = None
    outcome: str = "error"  # one of OUTCOMES
    response: Optional[str] = None
    reasoning: Optional[str] = None  # the model's reasoning text, when it sent one (never judged)
    truncated: bool = False  # the answer was cut at the token limit (finish_reason 'length')
    verdict: Optional[dict] = None  # Verdict.to_dict()
    error: Optional[str] = None
    status_code: Optional[int] = None
    latency_s: Optional[float] = None
    cost_usd: Optional[float] = None  # None: unknown (unpriced model, or no usage reported), never 0
    prompt_tokens: Optional[int] = None  # None: the provider reported no usage
    completion_tokens: Optional[int] = None
    cached: bool = False
    cache: Optional[str] = None  # 'hit', 'miss', 'off' (None: no response)
    response_info: Optional[dict] = None  # the Response without its text
    robustness: Optional[dict] = None  # --csr-robustness: the case's search (robust/search.py), image items

    def to_dict(self) -> dict:
        return {name: getattr(self, name) for name in ITEM_FIELDS}

    @classmethod
    def from_dict(cls, data: dict) -> ItemRecord:
        return cls(**{k: v for k, v in data.items() if k in _FIELD_SET})

    @property
    def key(self) -> Key:
        return (self.case_id, self.modality, self.sample or 0)

    @property
    def judged(self) -> bool:
        return self.outcome in JUDGED


ITEM_FIELDS = tuple(f.name for f in fields(ItemRecord))
_FIELD_SET = frozenset(ITEM_FIELDS)


def item_key(item: dict) -> Key:
    """Items pair on case, modality and sample (0 in runs without --csr-samples and in older files)."""
    return (item["case_id"], item["modality"], item.get("sample") or 0)


@dataclass(frozen=True)
class Written:
    """What `finish()` wrote (the summary's last lines say so)."""

    json_path: Optional[Path] = None
    html_path: Optional[Path] = None
    baseline_path: Optional[str] = None


@dataclass(frozen=True)
class RunResult:
    """Everything the reports show, decided once at the end of the run.

    The dict-valued sections have the results file's layout (see docs/architecture.md); treat them as
    read-only. A new summary section goes in `metrics.summarize` (it lands in `summary`); a new run-wide
    fact goes in `manifest` (built by `manifest.build_manifest`); a new report reads this object.
    """

    settings: Settings  # what the run was asked to do (options), read by the reports, never changed
    model: str  # the model's display name
    manifest: dict  # who, what, when, versions, usage, cache, limits
    items: tuple[ItemRecord, ...]  # sorted by item key
    summary: dict  # metrics.summarize: rates, intervals, gaps per pattern and type, totals
    usage: dict  # manifest.usage_summary: calls, tokens, cost, cache hits and misses, skips
    gate: Optional[GateResult] = None  # None: not evaluated (nothing ran, or --collect-only)
    comparison: Optional[dict] = None  # comparison.compare with --csr-baseline, else None
    reference: dict = field(default_factory=dict)  # built-in baselines' points for the trade-off plot
    expected_items: Optional[int] = None
    invocation_args: tuple[str, ...] = ()  # the user's command line (for "re-run with ..." lines)
    written: Written = Written()

    @property
    def complete(self) -> bool:
        return self.expected_items is None or len(self.items) >= self.expected_items

    @property
    def ran(self) -> bool:
        return any(i.outcome in ("passed", "missed", "error") for i in self.items)


def results_dict(result: RunResult, items: Optional[list[dict]] = None) -> dict:
    """The results file's content. `items`: the records as dicts, when the caller has them already."""
    s = result.settings
    return {
        "manifest": result.manifest,
        "items": items if items is not None else [i.to_dict() for i in result.items],
        "summary": result.summary,
        "gate": result.gate.to_dict() if result.gate else {"passed": None, "reasons": ["not evaluated"],
                                                           "checks": []},
        "thresholds": [{"pattern": t.pattern, "modality": t.modality, "value": t.value, "kind": t.kind}
                       for t in s.thresholds],
        "baseline": result.comparison,
        "reference": result.reference,
    }


def write_json(results_data: dict, path: Path) -> None:
    """Write atomically, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = json_text(results_data, indent=1, default=str)
    fd, tmp = tempfile.mkstemp(prefix=".csrbench-", dir=str(path.parent))
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a results file is shared like any other file
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)  # no temporary file left behind (e.g. the path is a directory)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def load_results(path: Path, what: str = "results file") -> dict:
    """Read a csrbench results JSON, or raise ResultsFileError saying what is wrong with it."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ResultsFileError(f"{what} {path}: no such file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ResultsFileError(f"{what} {path}: cannot be read as JSON ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("items"), list) or "manifest" not in data:
        raise ResultsFileError(f"{what} {path}: not a csrbench results file (expected 'manifest' and an 'items' "
                               f"list, as written by --csr-json)")
    for n, item in enumerate(data["items"]):
        missing = [k for k in ("case_id", "modality", "pattern", "outcome") if not isinstance(item, dict)
                   or k not in item]
        if missing:
            raise ResultsFileError(f"{what} {path}: item {n} lacks {', '.join(missing)}")
    return data
