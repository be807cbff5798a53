"""--csr-shard K/N: the split is a partition, stable, and keeps pair twins together."""

from __future__ import annotations

import random

import pytest

from pytest_csrbench.cases.shard import ShardSpecError, bucket, group_keys, parse_shard, select_shard
from pytest_csrbench.cases.sources import load_sources


@pytest.fixture(scope="module")
def bundled() -> list:
    return load_sources([], bundled=True)


@pytest.mark.parametrize("spec, expected", [("1/1", (1, 1)), ("2/4", (2, 4)), (" 4 / 4 ", (4, 4))])
def test_parse_shard(spec: str, expected: tuple) -> None:
    assert parse_shard(spec) == expected


@pytest.mark.parametrize("spec", ["3/2", "0/4", "a/b", "1/0", "", "2", "1/2/3", "-1/2"])
def test_bad_specs_say_how_to_write_one(spec: str) -> None:
    with pytest.raises(ShardSpecError, match=r"--csr-shard .*(K/N|between 1 and N)"):
        parse_shard(spec)


@pytest.mark.parametrize("count", [1, 2, 3, 7])
def test_shards_partition_the_cases(bundled: list, count: int) -> None:
    shards = [select_shard(bundled, k, count) for k in range(1, count + 1)]
    ids = [c.id for shard in shards for c in shard]
    assert sorted(ids) == sorted(c.id for c in bundled)  # every case once: no gap, no overlap
    if count > 1:
        assert all(shard for shard in shards)
        assert max(map(len, shards)) < 1.5 * len(bundled) / count  # roughly even


def test_pair_twins_share_a_shard(bundled: list) -> None:
    linked = [c for c in bundled if c.twin]
    assert len(linked) > 50  # the bundled pack has minimal pairs
    for count in (2, 5):
        where = {c.id: k for k in range(1, count + 1) for c in select_shard(bundled, k, count)}
        assert all(where[c.id] == where[c.twin] for c in linked)


def test_the_split_does_not_depend_on_order_or_on_other_cases(bundled: list) -> None:
    shuffled = list(bundled)
    random.Random(3).shuffle(shuffled)
    a = {c.id for c in select_shard(bundled, 2, 4)}
    assert {c.id for c in select_shard(shuffled, 2, 4)} == a
    unlinked = [c for c in bundled if not c.twin and c.id not in {x.twin for x in bundled}]
    half = unlinked[: len(unlinked) // 2]
    assert {c.id for c in select_shard(half, 2, 4)} == a & {c.id for c in half}


def test_twin_chains_are_one_group(bundled: list) -> None:
    a, b, c = (bundled[0].model_copy(update={"id": i, "twin": t}) for i, t in
               (("Z-3", "Z-2"), ("Z-2", "Z-1"), ("Z-1", None)))
    assert group_keys([a, b, c]) == {"Z-3": "Z-1", "Z-2": "Z-1", "Z-1": "Z-1"}
    assert bucket("Z-1", 5) == bucket("Z-1", 5) and 1 <= bucket("Z-1", 5) <= 5
