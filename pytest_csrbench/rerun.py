"""Re-running benchmark items the pytest way: a printed node id pasted back as an argument
(`pytest --csr-model=M 'csrbench::test_case[S04-001:image]'`), and `--csr-rerun-misses`, which runs only
the items that missed or errored in the last run (kept in pytest's cache, like `--lf`).

The benchmark's module is not a file under the rootdir, so pytest itself cannot resolve its node ids:
they are taken out of the arguments at configure time and applied as a selection after collection.
"""

from __future__ import annotations

from typing import Any, Optional

import pytest

CACHE_KEY = "csrbench/rerun"


def take_node_ids(config: pytest.Config, prefix: str) -> list[str]:
    """Remove benchmark node ids from the arguments; return them. Leaves the other arguments alone."""
    ids = [a for a in config.args if a.startswith(prefix)]
    if ids:
        config.args[:] = [a for a in config.args if not a.startswith(prefix)]
    return ids


def wanted(config: pytest.Config) -> Optional[set[str]]:
    """The node ids to keep (None: no selection): pasted ids and, with --csr-rerun-misses, the last misses."""
    ids = getattr(config.option, "csr_node_ids", None) or []
    chosen = set(ids) if ids else None
    if config.getoption("--csr-rerun-misses"):
        last = set(_last_misses(config))
        chosen = last if chosen is None else chosen | last
    return chosen


def _last_misses(config: pytest.Config) -> list[str]:
    cache = getattr(config, "cache", None)
    if cache is None:
        raise pytest.UsageError("--csr-rerun-misses reads the last run from pytest's cache: "
                                "remove -p no:cacheprovider")
    saved = cache.get(CACHE_KEY, None)
    if saved is None:
        raise pytest.UsageError("--csr-rerun-misses: no earlier benchmark run recorded in pytest's cache "
                                f"({cache.mkdir('csrbench').parent}); run without it first")
    return list(saved)


def select(config: pytest.Config, items: list, prefix: str) -> None:
    """Deselect the benchmark items not asked for (in place), reporting them as deselected."""
    keep = wanted(config)
    if keep is None:
        return
    dropped = [i for i in items if i.nodeid.startswith(prefix) and i.nodeid not in keep]
    if dropped:
        gone = set(map(id, dropped))
        items[:] = [i for i in items if id(i) not in gone]
        config.hook.pytest_deselected(items=dropped)


def remember(config: pytest.Config, records: dict[str, Any]) -> None:
    """Controller, at finish: the node ids of this run's missed and errored items, for --csr-rerun-misses."""
    cache = getattr(config, "cache", None)
    if cache is None or config.option.collectonly:
        return
    ids = sorted(nodeid for nodeid, r in records.items() if r.outcome in ("missed", "error"))
    cache.set(CACHE_KEY, ids)
