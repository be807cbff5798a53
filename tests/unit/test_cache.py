"""The SQLite response cache: content-addressed keys, what is stored, failure modes, several processes."""

from __future__ import annotations

import dataclasses
import multiprocessing
import sqlite3
from pathlib import Path

import pytest

from pytest_csrbench.models.base import GenParams, Request, Response
from pytest_csrbench.models.cache import (
    DB_NAME, CallCache, Store, key_messages, model_identity, open_store, prepare_cache_dir, request_key,
)
from pytest_csrbench.models.litellm_model import LiteLLMModel

IDENTITY = {"kind": "litellm", "model": "openai/m", "api_base": "http://a/v1"}
BASE = Request(case_id="S04-001", modality="image", prompt="What is this?", image=b"\x89PNG-bytes",
               params=GenParams(temperature=0.0, max_tokens=100, seed=1, timeout=30), sample=0, case_hash="abc")


def key(request: Request = BASE, identity: dict = IDENTITY) -> str:
    return request_key(request, identity)


@pytest.mark.parametrize("change", [
    {"prompt": "What is that?"},
    {"image": b"\x89PNG-other"},
    {"image": None},
    {"image_media_type": "image/jpeg"},
    {"params": GenParams(temperature=0.7, max_tokens=100, seed=1, timeout=30)},
    {"params": GenParams(temperature=0.0, max_tokens=101, seed=1, timeout=30)},
    {"params": GenParams(temperature=0.0, max_tokens=100, seed=2, timeout=30)},
    {"sample": 1},
    {"case_hash": "abd"},
])
def test_every_request_field_changes_the_key(change: dict) -> None:
    assert key(dataclasses.replace(BASE, **change)) != key()


@pytest.mark.parametrize("field,value", [("model", "openai/other"), ("api_base", "http://b/v1"),
                                         ("api_base", None)])
def test_model_and_api_base_change_the_key(field: str, value) -> None:
    assert key(identity={**IDENTITY, field: value}) != key()


def test_timeout_is_not_a_generation_parameter() -> None:
    assert key(dataclasses.replace(BASE, params=GenParams(temperature=0.0, max_tokens=100, seed=1,
                                                          timeout=5))) == key()


def test_the_key_uses_the_image_hash_not_its_bytes() -> None:
    messages = key_messages(BASE)
    text = repr(messages)
    assert "base64" not in text and "PNG-bytes" not in text
    assert "sha256" in text


def test_litellm_identity_has_model_and_normalised_api_base() -> None:
    a = model_identity(LiteLLMModel("openai/m", GenParams(), api_base="http://h:1/v1/"))
    b = model_identity(LiteLLMModel("openai/m", GenParams(), api_base="http://h:1/v1"))
    c = model_identity(LiteLLMModel("openai/m", GenParams(), api_base="http://h:2/v1"))
    assert a == b == {"kind": "litellm", "model": "openai/m", "api_base": "http://h:1/v1"}
    assert c != a


def test_callables_and_baselines_are_not_cached_unless_they_opt_in() -> None:
    from pytest_csrbench.models.baselines import TextGuard
    from pytest_csrbench.models.callable_model import CallableModel

    assert model_identity(TextGuard()) is None
    assert model_identity(CallableModel(lambda r: "x")) is None

    class Mine:
        name = "mine"

        def cache_identity(self) -> dict:
            return {"kind": "mine", "version": 3}

    assert model_identity(Mine()) == {"kind": "mine", "version": 3}


def test_the_cache_directory_is_ignored_by_git(tmp_path: Path) -> None:
    prepare_cache_dir(tmp_path / ".csrbench" / "cache")
    assert (tmp_path / ".csrbench" / ".gitignore").read_text().splitlines()[-1] == "*"
    prepare_cache_dir(tmp_path / "elsewhere")
    assert (tmp_path / "elsewhere" / ".gitignore").exists()


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store, problem = open_store(tmp_path / "c")
    assert problem is None and store is not None
    yield store
    store.close()


def test_responses_round_trip_and_come_back_marked_cached(store: Store) -> None:
    cache = CallCache(store, IDENTITY)
    k = cache.key(BASE)
    cache.complete(k, Response(text="hello", prompt_tokens=3, cost_usd=0.5))
    hit = cache.lookup([k, "missing"])
    assert list(hit) == [k]
    assert hit[k].text == "hello" and hit[k].cached is True and hit[k].cost_usd == 0.5


def test_errors_are_never_cached_but_refusals_are(store: Store) -> None:
    cache = CallCache(store, IDENTITY)
    cache.complete("err", Response(error="HTTP 500", status_code=500))
    cache.complete("filter", Response(finish_reason="content_filter", refusal=True))
    assert set(cache.lookup(["err", "filter"])) == {"filter"}


def test_refresh_writes_but_does_not_read(store: Store) -> None:
    CallCache(store, IDENTITY).complete("k", Response(text="old"))
    fresh = CallCache(store, IDENTITY, refresh=True)
    assert fresh.lookup(["k"]) == {}
    fresh.complete("k", Response(text="new"))
    assert CallCache(store, IDENTITY).lookup(["k"])["k"].text == "new"


def test_a_coordination_only_cache_persists_nothing(store: Store) -> None:
    cache = CallCache(None, None, coord=store, run="r1", owner="gw0:1")
    assert cache.claim("k") and not cache.persistent
    cache.complete("k", Response(text="shared"))
    assert store.count() == 0
    owner, state, value = cache.claims(["k"])["k"]
    assert (owner, state) == ("gw0:1", "done") and "shared" in value


def test_claims_live_in_the_coordination_database_not_in_the_cache(tmp_path: Path) -> None:
    store, coord = Store.open(tmp_path / "cache.db"), Store.open(tmp_path / "coord.db")
    cache = CallCache(store, IDENTITY, coord=coord, run="r1", owner="gw0:1")
    assert cache.claim("k") and not CallCache(store, IDENTITY, coord=coord, run="r1", owner="gw1:2").claim("k")
    cache.complete("k", Response(text="kept"))
    cache.complete("e", Response(error="boom", status_code=500))
    assert store.count() == 1 and store.claims("r1", ["k"]) == {}
    assert coord.count() == 0 and {k: v[1] for k, v in coord.claims("r1", ["k", "e"]).items()} == {"k": "done"}
    store.close()
    coord.close()


def test_claims_are_exclusive_per_run(store: Store) -> None:
    assert store.claim("run1", "k", "a:1")
    assert not store.claim("run1", "k", "b:2")
    assert store.claim("run2", "k", "b:2")  # another run is not coordinated with this one
    store.release("run1", "a:1")
    assert store.claim("run1", "k", "b:2")


def test_shared_counters(store: Store) -> None:
    assert store.add("r", "cost_usd", 0.25) == 0.25
    assert store.add("r", "cost_usd", 0.5) == 0.75
    assert store.counter("r", "cost_usd") == 0.75 and store.counter("other", "cost_usd") == 0.0


def test_generic_tables_for_other_caches(store: Store) -> None:
    store.put("judge", "k1", {"label": "full_refusal", "score": 1})
    assert store.get("judge", "k1") == {"label": "full_refusal", "score": 1}
    assert store.get("judge", "k2") is None
    assert store.get("responses_elsewhere", "k1") is None
    with pytest.raises(ValueError):
        store.get("bad name; drop table", "k")


def test_a_corrupt_file_is_reported_not_raised(tmp_path: Path) -> None:
    (tmp_path / DB_NAME).write_bytes(b"this is not a database" * 100)
    store, problem = open_store(tmp_path)
    assert store is None and "not a database" in problem


def test_a_locked_file_disables_the_store_and_the_run_goes_on(tmp_path: Path) -> None:
    store = Store.open(tmp_path / DB_NAME, busy_timeout=0.05)
    blocker = sqlite3.connect(str(tmp_path / DB_NAME), isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        store.put_response("k", Response(text="x").model_dump_json())
        assert store.broken and "locked" in store.problem
        assert store.lookup(["k"]) == {} and store.claim("r", "k", "o:1") is True  # neutral answers
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
        store.close()


def _writer(path: str, worker: int, n: int, queue) -> None:
    store = Store.open(Path(path))
    won = 0
    for i in range(n):
        store.put_response(f"w{worker}-{i}", Response(text=f"{worker}:{i}").model_dump_json())
        won += store.claim("run", f"shared-{i}", f"w{worker}:{i}")
    queue.put((worker, won, store.problem))
    store.close()


def test_two_processes_write_and_claim_at_once(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    path = str(tmp_path / DB_NAME)
    Store.open(Path(path)).close()
    procs = [ctx.Process(target=_writer, args=(path, w, 150, queue)) for w in (0, 1)]
    for p in procs:
        p.start()
    results = [queue.get(timeout=60) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    assert all(problem is None for _, _, problem in results)
    assert sum(won for _, won, _ in results) == 150  # each shared key claimed exactly once
    store = Store.open(Path(path))
    assert store.count() == 300
    store.close()


def _opener(directory: str, start, queue) -> None:
    start.wait()
    store, problem = open_store(Path(directory))
    queue.put(problem)
    if store is not None:
        store.close()


def test_processes_creating_the_cache_at_once_all_get_it(tmp_path: Path) -> None:
    """Switching a new file to WAL needs an exclusive lock; the busy handler is not consulted for it."""
    ctx = multiprocessing.get_context("fork")
    problems = []
    for round_ in range(15):
        start, queue = ctx.Event(), ctx.Queue()
        procs = [ctx.Process(target=_opener, args=(str(tmp_path / str(round_)), start, queue)) for _ in range(3)]
        for p in procs:
            p.start()
        start.set()
        problems += [queue.get(timeout=60) for _ in procs]
        for p in procs:
            p.join(timeout=60)
    assert problems == [None] * 45
