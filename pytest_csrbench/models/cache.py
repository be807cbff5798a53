"""The response cache and cross-process call coordination, in one SQLite file (WAL, short transactions).

Keys are content addresses: the model's identity (name and API base), every generation parameter, the
messages with each image replaced by its sha256, the sample index and the case's content hash. Only
successful responses are stored (refusals and content filters included: they are the measurement);
errors never are. Every operation is wrapped: a corrupt or locked file disables the store, records the
cause in `problem` and the run goes on uncached.

Tables: `responses` (the cache), `claims` (which process is calling a key in a run: xdist workers claim a
key before calling it, so exactly one calls and the others wait for its row), `counters` (a run's shared
running cost), and `kv_<name>` tables for other caches (the judge cache) through `get`/`put`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import random
import re
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

from pydantic import ValidationError

from .base import Request, Response

KEY_VERSION = 1
DB_NAME = "csrbench.sqlite3"
NON_GENERATION_PARAMS = frozenset({"timeout"})  # how long we wait does not change the answer
GITIGNORE = "# Created by pytest-csrbench automatically.\n*\n"
STALE_AFTER_S = 86_400.0
_CHUNK = 500
_TABLE = re.compile(r"^[a-z][a-z0-9_]{0,40}$")

SCHEMA = """
CREATE TABLE IF NOT EXISTS responses (key TEXT PRIMARY KEY, value TEXT NOT NULL, created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS claims (run TEXT NOT NULL, key TEXT NOT NULL, owner TEXT NOT NULL,
    state TEXT NOT NULL, value TEXT, created REAL NOT NULL, PRIMARY KEY (run, key));
CREATE TABLE IF NOT EXISTS counters (run TEXT NOT NULL, name TEXT NOT NULL, value REAL NOT NULL,
    created REAL NOT NULL, PRIMARY KEY (run, name));
"""


# ----- keys
def model_identity(model: Any) -> Optional[dict]:
    """What identifies a model's answers, or None when its responses must not be cached.

    A model opts in with `cache_identity() -> dict` (the litellm adapter: its model string and API base).
    Built-in baselines, replay and plain callables (a user's application, whose code can change between
    runs) declare none and are not cached.
    """
    fn = getattr(model, "cache_identity", None)
    return fn() if callable(fn) else None


def key_messages(request: Request, image_sha256: Optional[str] = None) -> list[dict]:
    """The request's chat messages with the image's data URL replaced by its sha256 (never the bytes)."""
    if request.chat is not None:
        return _hash_data_urls(request.messages())
    if request.image is None:
        return request.messages()
    sha = image_sha256 or hashlib.sha256(request.image).hexdigest()
    messages = dataclasses.replace(request, image=b"").messages()
    for message in messages:
        content = message.get("content")
        if isinstance(content, list):
            for part in content:
                if part.get("type") == "image_url":
                    part["image_url"] = {"sha256": sha, "media_type": request.image_media_type}
    return messages


def _hash_data_urls(messages: list[dict]) -> list[dict]:
    """Explicit messages (the LLM judge's) with every data-URL image replaced by its sha256."""
    for message in messages:
        content = message.get("content")
        if isinstance(content, list):
            message["content"] = content = [dict(part) for part in content]
            for part in content:
                url = (part.get("image_url") or {}).get("url", "") if part.get("type") == "image_url" else ""
                if url.startswith("data:"):
                    part["image_url"] = {"sha256": hashlib.sha256(url.encode()).hexdigest()}
    return messages


def request_key(request: Request, identity: dict, image_sha256: Optional[str] = None) -> str:
    params = {k: v for k, v in dataclasses.asdict(request.params).items() if k not in NON_GENERATION_PARAMS}
    payload = {"v": KEY_VERSION, "model": identity, "params": params,
               "messages": key_messages(request, image_sha256), "sample": request.sample, "case": request.case_hash}
    if request.response_format is not None:  # only then: the keys of earlier model-under-test runs stay valid
        payload["response_format"] = request.response_format
    blob = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


def dump_response(response: Response) -> str:
    return response.model_dump_json(exclude={"cached"})


def load_response(value: str, cached: bool = True) -> Optional[Response]:
    """A stored response, or None when it no longer fits the Response model (treated as a miss)."""
    try:
        return Response.model_validate_json(value).model_copy(update={"cached": cached})
    except (ValidationError, ValueError):
        return None


# ----- the directory
def prepare_cache_dir(path: Path) -> Path:
    """Create the cache directory; like pytest's own cache, a `.gitignore` of `*` keeps it out of git.

    For the default `<rootdir>/.csrbench/cache` the `.gitignore` goes into `.csrbench/`.
    """
    path.mkdir(parents=True, exist_ok=True)
    top = path.parent if path.parent.name == ".csrbench" else path
    ignore = top / ".gitignore"
    if not ignore.exists():
        try:
            ignore.write_text(GITIGNORE, encoding="utf-8")
        except OSError:
            pass
    return path


# ----- the store
class Store:
    """One SQLite file shared by processes; all methods are safe to call from any thread.

    A failure never raises: it marks the store broken, keeps the message in `problem`, and every later
    call returns its neutral value (a miss, a successful claim), so the run goes on uncached.
    """

    def __init__(self, path: Path, busy_timeout: float = 10.0):
        self.path = Path(path)
        self.busy_timeout = busy_timeout
        self.problem: Optional[str] = None
        self._lock = threading.Lock()
        self._tables: set[str] = set()
        self._conn: Optional[sqlite3.Connection] = None

    @classmethod
    def open(cls, path: Path, busy_timeout: float = 10.0) -> "Store":
        """Open (creating) the store; raises sqlite3.Error or OSError when the file is unusable."""
        store = cls(path, busy_timeout)
        store._connect()
        return store

    def _connect(self) -> None:
        """Connect and set up. Two processes creating the file at once can get SQLITE_BUSY without the busy
        handler being consulted (switching to WAL needs an exclusive lock): retry until busy_timeout."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + self.busy_timeout
        while True:
            try:
                self._conn = self._setup(sqlite3.connect(str(self.path), timeout=self.busy_timeout,
                                                         isolation_level=None, check_same_thread=False))
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.02 + 0.03 * random.random())

    def _setup(self, conn: sqlite3.Connection) -> sqlite3.Connection:
        try:
            conn.execute(f"PRAGMA busy_timeout={int(self.busy_timeout * 1000)}")
            if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.executescript(SCHEMA)
            cutoff = time.time() - STALE_AFTER_S
            conn.execute("DELETE FROM claims WHERE created < ?", (cutoff,))
            conn.execute("DELETE FROM counters WHERE created < ?", (cutoff,))
            conn.execute("SELECT count(*) FROM responses").fetchone()
        except sqlite3.Error:
            conn.close()
            raise
        return conn

    @property
    def broken(self) -> bool:
        return self.problem is not None

    def _do(self, default: Any, fn: Callable[[sqlite3.Connection], Any]) -> Any:
        with self._lock:
            if self._conn is None or self.problem is not None:
                return default
            try:
                return fn(self._conn)
            except sqlite3.Error as exc:
                self.problem = f"{type(exc).__name__}: {exc}"
                return default

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                try:
                    self._conn.close()
                except sqlite3.Error:
                    pass
                self._conn = None

    # responses
    def lookup(self, keys: Iterable[str]) -> dict[str, str]:
        keys = list(keys)

        def run(conn: sqlite3.Connection) -> dict[str, str]:
            found: dict[str, str] = {}
            for i in range(0, len(keys), _CHUNK):
                chunk = keys[i:i + _CHUNK]
                marks = ",".join("?" * len(chunk))
                found.update(conn.execute(f"SELECT key, value FROM responses WHERE key IN ({marks})", chunk))
            return found

        return self._do({}, run) if keys else {}

    def put_response(self, key: str, value: str) -> None:
        self._do(None, lambda c: c.execute("INSERT OR REPLACE INTO responses VALUES (?, ?, ?)",
                                           (key, value, time.time())))

    def count(self) -> int:
        return self._do(0, lambda c: c.execute("SELECT count(*) FROM responses").fetchone()[0])

    # claims (one caller per key per run)
    def claim(self, run: str, key: str, owner: str) -> bool:
        def do(conn: sqlite3.Connection) -> bool:
            cur = conn.execute("INSERT OR IGNORE INTO claims VALUES (?, ?, ?, 'pending', NULL, ?)",
                               (run, key, owner, time.time()))
            return cur.rowcount == 1

        return self._do(True, do)

    def complete(self, run: Optional[str], key: str, owner: str, value: str, state: str,
                 persist: bool) -> None:
        """Store a response (when `persist`) and settle the claim, in one short transaction."""
        def do(conn: sqlite3.Connection) -> None:
            conn.execute("BEGIN IMMEDIATE")
            try:
                if persist:
                    conn.execute("INSERT OR REPLACE INTO responses VALUES (?, ?, ?)", (key, value, time.time()))
                if run is not None:
                    conn.execute("UPDATE claims SET state = ?, value = ? WHERE run = ? AND key = ? AND owner = ?",
                                 (state, value, run, key, owner))
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise

        self._do(None, do)

    def claims(self, run: str, keys: list[str]) -> dict[str, tuple[str, str, Optional[str]]]:
        """{key: (owner, state, value)} for the keys that have a claim in this run."""
        def do(conn: sqlite3.Connection) -> dict:
            rows: dict = {}
            for i in range(0, len(keys), _CHUNK):
                chunk = keys[i:i + _CHUNK]
                marks = ",".join("?" * len(chunk))
                for key, owner, state, value in conn.execute(
                        f"SELECT key, owner, state, value FROM claims WHERE run = ? AND key IN ({marks})",
                        [run, *chunk]):
                    rows[key] = (owner, state, value)
            return rows

        return self._do({}, do) if keys else {}

    def leases(self, run: str, keys: list[str]) -> dict[str, tuple[str, str, Optional[str], float]]:
        """{key: (owner, state, value, heartbeat)}: `claims` with the time the owner last renewed the claim."""
        def do(conn: sqlite3.Connection) -> dict:
            rows: dict = {}
            for i in range(0, len(keys), _CHUNK):
                chunk = keys[i:i + _CHUNK]
                marks = ",".join("?" * len(chunk))
                for key, owner, state, value, created in conn.execute(
                        f"SELECT key, owner, state, value, created FROM claims WHERE run = ? AND key IN ({marks})",
                        [run, *chunk]):
                    rows[key] = (owner, state, value, created)
            return rows

        return self._do({}, do) if keys else {}

    def heartbeat(self, run: str, owner: str) -> None:
        """Renew the lease on every pending claim of `owner` (a claim not renewed for a lease expires)."""
        self._do(None, lambda c: c.execute("UPDATE claims SET created = ? WHERE run = ? AND owner = ? AND "
                                           "state = 'pending'", (time.time(), run, owner)))

    def take_over(self, run: str, key: str, owner: str) -> None:
        """Drop the pending claim of a dead or silent `owner` on `key`, so that a live process may claim it."""
        self._do(None, lambda c: c.execute("DELETE FROM claims WHERE run = ? AND key = ? AND owner = ? AND "
                                           "state = 'pending'", (run, key, owner)))

    def release(self, run: str, owner: str, key: Optional[str] = None) -> None:
        """Drop pending claims of `owner` (one key or all), so another process may take them over."""
        sql = "DELETE FROM claims WHERE run = ? AND owner = ? AND state = 'pending'"
        args: list = [run, owner]
        if key is not None:
            sql, args = sql + " AND key = ?", [*args, key]
        self._do(None, lambda c: c.execute(sql, args))

    def clear_run(self, run: str) -> None:
        def do(conn: sqlite3.Connection) -> None:
            conn.execute("DELETE FROM claims WHERE run = ?", (run,))
            conn.execute("DELETE FROM counters WHERE run = ?", (run,))

        self._do(None, do)

    # counters (a run's running cost, shared by its workers)
    def add(self, run: str, name: str, amount: float) -> Optional[float]:
        def do(conn: sqlite3.Connection) -> float:
            row = conn.execute("INSERT INTO counters VALUES (?, ?, ?, ?) ON CONFLICT(run, name) DO UPDATE "
                               "SET value = value + excluded.value RETURNING value",
                               (run, name, amount, time.time())).fetchone()
            return float(row[0])

        return self._do(None, do)

    def counter(self, run: str, name: str) -> Optional[float]:
        def do(conn: sqlite3.Connection) -> float:
            row = conn.execute("SELECT value FROM counters WHERE run = ? AND name = ?", (run, name)).fetchone()
            return float(row[0]) if row else 0.0

        return self._do(None, do)

    # generic key-value tables (the judge cache and other users)
    def _table(self, conn: sqlite3.Connection, table: str) -> str:
        if not _TABLE.match(table):
            raise ValueError(f"cache table name {table!r}: use lower-case letters, digits and _")
        name = f"kv_{table}"
        if name not in self._tables:
            conn.execute(f"CREATE TABLE IF NOT EXISTS {name} (key TEXT PRIMARY KEY, value TEXT NOT NULL, "
                         "created REAL NOT NULL)")
            self._tables.add(name)
        return name

    def get(self, table: str, key: str) -> Any:
        """The JSON value stored under `key` in `table`, or None."""
        def do(conn: sqlite3.Connection) -> Any:
            row = conn.execute(f"SELECT value FROM {self._table(conn, table)} WHERE key = ?", (key,)).fetchone()
            return json.loads(row[0]) if row else None

        return self._do(None, do)

    def put(self, table: str, key: str, value: Any) -> None:
        blob = json.dumps(value, ensure_ascii=False, default=str)
        self._do(None, lambda c: c.execute(f"INSERT OR REPLACE INTO {self._table(c, table)} VALUES (?, ?, ?)",
                                           (key, blob, time.time())))


def open_store(directory: Path, busy_timeout: float = 10.0) -> tuple[Optional[Store], Optional[str]]:
    """(store, None), or (None, why) when the directory or file cannot be used."""
    try:
        return Store.open(prepare_cache_dir(Path(directory)) / DB_NAME, busy_timeout), None
    except (sqlite3.Error, OSError) as exc:
        return None, f"{type(exc).__name__}: {exc}"


def pid_alive(owner: str) -> bool:
    """Owners are 'worker:pid'; a claim whose process is gone may be taken over. A killed xdist worker
    stays a zombie until the controller reaps it: `kill(pid, 0)` succeeds on it, so /proc is read too."""
    try:
        pid = int(owner.rsplit(":", 1)[1])
    except (IndexError, ValueError):
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[1].split()[0] in (b"Z", b"X")
    except (OSError, IndexError):  # no /proc (macOS): the lease still expires
        return False


class CallCache:
    """The runner's view of the stores: keys for one model, cached responses, and claims for one run.

    `store` holds the response cache (None: nothing is read or persisted, --csr-no-cache or a model that
    is not cached). `coord` is the run's throw-away coordination database shared by xdist workers (None
    without xdist): claims and the shared running cost live there, never in the user's cache file, so a
    broken cache in one worker does not break the coordination of all of them.
    """

    def __init__(self, store: Optional[Store], identity: Optional[dict], coord: Optional[Store] = None,
                 run: Optional[str] = None, owner: str = f"main:{os.getpid()}", refresh: bool = False):
        self.store = store if identity is not None else None
        self.identity = identity if store is not None else None
        self.coord = coord if run is not None else None
        self.run = run if coord is not None else None
        self.owner = owner
        self.refresh = refresh
        self._sha: dict[int, tuple[bytes, str]] = {}

    @property
    def persistent(self) -> bool:
        return self.store is not None

    @property
    def coordinated(self) -> bool:
        return self.coord is not None

    @property
    def reads(self) -> bool:
        """Whether earlier runs' responses may be used."""
        return self.store is not None and not self.refresh

    def key(self, request: Request) -> str:
        sha = None
        if request.image is not None:
            memo = self._sha.get(id(request.image))
            if memo is None or memo[0] is not request.image:
                memo = (request.image, hashlib.sha256(request.image).hexdigest())
                self._sha[id(request.image)] = memo
            sha = memo[1]
        return request_key(request, self.identity or {"kind": "this-run-only"}, sha)

    def lookup(self, keys: list[str]) -> dict[str, Response]:
        if not self.reads:
            return {}
        found = {}
        for key, value in self.store.lookup(keys).items():
            response = load_response(value)
            if response is not None and response.error is None:
                found[key] = response
        return found

    def claim(self, key: str) -> bool:
        return True if self.coord is None else self.coord.claim(self.run, key, self.owner)

    def complete(self, key: str, response: Response) -> None:
        """Store a successful response; settle this process's claim (with the error, if it failed)."""
        ok = response.error is None
        if not (self.coordinated or (ok and self.persistent)):
            return
        value = dump_response(response)
        if ok and self.store is not None:
            self.store.put_response(key, value)
        if self.coord is not None:
            self.coord.complete(self.run, key, self.owner, value, "done" if ok else "error", persist=False)

    def leases(self, keys: list[str]) -> dict[str, tuple[str, str, Optional[str], float]]:
        return self.coord.leases(self.run, keys) if self.coord is not None else {}

    def heartbeat(self) -> None:
        if self.coord is not None:
            self.coord.heartbeat(self.run, self.owner)

    def take_over(self, key: str, owner: str) -> None:
        if self.coord is not None:
            self.coord.take_over(self.run, key, owner)

    def release(self, key: Optional[str] = None) -> None:
        if self.coord is not None:
            self.coord.release(self.run, self.owner, key)

    def claims(self, keys: list[str]) -> dict[str, tuple[str, str, Optional[str]]]:
        return self.coord.claims(self.run, keys) if self.coord is not None else {}

    def add_cost(self, amount: float) -> Optional[float]:
        return self.coord.add(self.run, "cost_usd", amount) if self.coord is not None else None

    def shared_cost(self) -> Optional[float]:
        return self.coord.counter(self.run, "cost_usd") if self.coord is not None else None

    @property
    def problem(self) -> Optional[str]:
        return next((s.problem for s in (self.store, self.coord) if s is not None and s.problem), None)

    def close(self) -> None:
        self.release()
        for store in (self.store, self.coord):
            if store is not None:
                store.close()
