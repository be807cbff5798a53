"""Shards: a stable 1/N of the cases, for splitting a run across CI jobs (`--csr-shard K/N`).

A case's shard depends only on a hash of an id, never on the order or number of the other cases,
so every job computes the same split. Cases linked by `twin` (a minimal pair, or a longer chain)
are one group and share the shard of the group's smallest id: a pair is never split, so per-pair
metrics see both halves. Modalities and samples are items of one case, so they follow it.
"""

from __future__ import annotations

import hashlib
import re
from typing import Iterable, Optional

from .model import Case

_SPEC = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


class ShardSpecError(ValueError):
    pass


def parse_shard(spec: str, source: str = "--csr-shard") -> tuple[int, int]:
    """'2/4' -> (2, 4): shard 2 of 4, counted from 1. Raise ShardSpecError saying how to fix it."""
    match = _SPEC.match(spec or "")
    if not match:
        raise ShardSpecError(f"{source} {spec!r}: expected K/N with whole numbers, e.g. 1/4 for the first of "
                             "four shards")
    k, n = int(match.group(1)), int(match.group(2))
    if n < 1 or not 1 <= k <= n:
        raise ShardSpecError(f"{source} {spec!r}: K must be between 1 and N (shards are counted from 1), "
                             f"e.g. 1/{max(n, 2)} .. {max(n, 2)}/{max(n, 2)}")
    return k, n


def bucket(key: str, count: int) -> int:
    """The shard (1..count) of a group key: sha256, so it is the same on every machine and Python."""
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


def group_keys(cases: Iterable[Case]) -> dict[str, str]:
    """case id -> the smallest id of its twin group (union-find over the `twin` links)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    cases = list(cases)
    for case in cases:
        find(case.id)
        if case.twin:
            a, b = find(case.id), find(case.twin)
            if a != b:
                parent[max(a, b)] = min(a, b)
    return {c.id: find(c.id) for c in cases}  # a larger root always joins a smaller one: the root is the min


def shard_of(case: Case, count: int, keys: Optional[dict[str, str]] = None) -> int:
    key = (keys or {}).get(case.id, case.id)
    return bucket(key, count)


def select_shard(cases: list[Case], index: int, count: int) -> list[Case]:
    """The cases of shard `index` of `count`, in their original order."""
    keys = group_keys(cases)
    return [c for c in cases if bucket(keys[c.id], count) == index]
