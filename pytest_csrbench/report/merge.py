"""Join the results files of a sharded run (`--csr-shard K/N`) into the results of the whole run.

Pure functions over loaded results dicts: `check_shards` lists every problem (files of different runs,
missing or repeated shards, items in two files, items missing from a shard); `merge_shards` builds the
whole run's results dict, and the gate is applied once to it (`gate.decide`), as a run would.
"""

from __future__ import annotations

from typing import Optional

from ..gate import Threshold, decide
from ..manifest import usage_summary
from ..metrics import summarize
from ..reference import reference_points
from ..results import item_key

# manifest fields every shard of one run shares (the run's parameters)
SAME = ("schema_version", "dataset_hash", "cases", "judge", "model_option", "api_base", "modalities", "samples",
        "temperature", "max_tokens", "seed")
_SHOW = 8  # ids named per problem before "... and N more"


class MergeError(ValueError):
    """The files do not cover one run exactly once; `problems` names the files and the cases."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def _names(ids: list) -> str:
    ids = sorted({i if isinstance(i, str) else ":".join(map(str, i)) for i in ids})
    more = f" ... and {len(ids) - _SHOW} more" if len(ids) > _SHOW else ""
    return ", ".join(ids[:_SHOW]) + more


def _parameter_problems(files: list[tuple[str, dict]]) -> list[str]:
    first_name, first = files[0]
    problems = []
    for name, data in files[1:]:
        for key in SAME:
            a, b = first["manifest"].get(key), data["manifest"].get(key)
            if a != b:
                problems.append(f"{name}: {key} {b!r} differs from {first_name}'s {a!r}; these files are not "
                                "shards of one run (re-run the odd shard with the same options)")
        count = data["manifest"]["shard"]["count"]
        if count != first["manifest"]["shard"]["count"]:
            problems.append(f"{name}: shard count {count} differs from {first_name}'s "
                            f"{first['manifest']['shard']['count']}")
    return problems


def _shard_problems(files: list[tuple[str, dict]]) -> list[str]:
    count = files[0][1]["manifest"]["shard"]["count"]
    seen: dict[int, str] = {}
    problems = []
    for name, data in files:
        index = data["manifest"]["shard"]["index"]
        if index in seen:
            problems.append(f"overlap: {seen[index]} and {name} are both shard {index}/{count}")
        seen.setdefault(index, name)
    missing = [f"{k}/{count}" for k in range(1, count + 1) if k not in seen]
    if missing:
        problems.append(f"gap: shard {', '.join(missing)} missing (got {len(files)} files for {count} shards); "
                        "pass every shard's results file")
    return problems


def _item_problems(files: list[tuple[str, dict]]) -> list[str]:
    owner: dict[tuple, int] = {}
    overlaps: dict[tuple[int, int], list] = {}
    problems = []
    for n, (name, data) in enumerate(files):
        m = data["manifest"]
        shard_ids = set(m["shard"]["case_ids"])
        expected = {(c, mod, s) for c in shard_ids for mod in m.get("modalities") or () for s in
                    range(m.get("samples") or 1)}
        keys = [item_key(i) for i in data["items"]]
        for key in keys:
            if key in owner and owner[key] != n:
                overlaps.setdefault((owner[key], n), []).append(key)
            owner.setdefault(key, n)
        stray = sorted({k[0] for k in keys} - shard_ids)
        if stray:
            problems.append(f"{name}: items of cases outside its shard {m['shard']['index']}/{m['shard']['count']}: "
                            f"{_names(stray)}")
        absent = expected - set(keys)
        if absent:
            problems.append(f"gap: {name} lacks {len(absent)} items of its shard (interrupted, or filtered with -k/-m): "
                            f"{_names(sorted(absent))}; re-run that shard")
    for (a, b), keys in overlaps.items():
        problems.append(f"overlap: {files[a][0]} and {files[b][0]} both hold {len(keys)} items: {_names(keys)}")
    return problems


def check_shards(files: list[tuple[str, dict]]) -> None:
    """Raise MergeError unless the files are the shards of one run, each exactly once, with no item missing."""
    unsharded = [name for name, data in files if not isinstance(data["manifest"].get("shard"), dict)]
    if unsharded:
        raise MergeError([f"{name}: not a shard's results file (write one with --csr-shard K/N --csr-json PATH)"
                          for name in unsharded])
    problems = _parameter_problems(files)
    if problems:
        raise MergeError(problems)
    problems = _shard_problems(files) + _item_problems(files)
    if problems:
        raise MergeError(problems)


def merged_manifest(files: list[tuple[str, dict]], items: list[dict]) -> dict:
    manifests = [data["manifest"] for _, data in files]
    first = dict(manifests[0])
    first.pop("shard", None)
    usage = usage_summary(items)
    first["usage"] = {k: usage[k] for k in ("calls", "prompt_tokens", "completion_tokens", "cost_usd", "spent_usd")}
    cache = dict(first.get("cache") or {})
    cache.update(hits=usage["cache_hits"], misses=usage["cache_misses"])
    starts = [m.get("started_at") for m in manifests if m.get("started_at")]
    ends = [m.get("finished_at") for m in manifests if m.get("finished_at")]
    first.update(cache=cache, complete=True, expected_items=len(items), started_at=min(starts, default=None),
                 finished_at=max(ends, default=None),
                 shards=[{"file": name, "index": d["manifest"]["shard"]["index"],
                          "cases": len(d["manifest"]["shard"]["case_ids"]), "items": len(d["items"]),
                          "started_at": d["manifest"].get("started_at"),
                          "finished_at": d["manifest"].get("finished_at")} for name, d in files])
    return first


def merge_shards(files: list[tuple[str, dict]], thresholds: list[Threshold], max_error_rate: float,
                 comparison_of: Optional[object] = None) -> dict:
    """The whole run's results dict, gated once. `comparison_of(data) -> dict`: the baseline comparison, if any."""
    check_shards(files)
    items = sorted((i for _, data in files for i in data["items"]), key=item_key)
    data = {"manifest": merged_manifest(files, items), "items": items, "summary": summarize(items)}
    comparison = comparison_of(data) if callable(comparison_of) else None
    ran = any(i["outcome"] in ("passed", "missed", "error") for i in items)
    gate = decide(data["summary"], thresholds, max_error_rate, comparison=comparison) if ran else None
    data.update(
        gate=gate.to_dict() if gate else {"passed": None, "reasons": ["not evaluated"], "checks": []},
        thresholds=[{"pattern": t.pattern, "modality": t.modality, "value": t.value, "kind": t.kind}
                    for t in thresholds],
        baseline=comparison, reference=reference_points(items))
    return data
