"""litellm in a helper process: its CPU cost (~5-9 ms per call) runs on another core than pytest's.

With one interpreter, litellm's client work and pytest's per-item work share one GIL, so a fast provider
makes the run CPU-bound on one core. The helper process imports litellm and makes the calls; the pytest
process keeps everything else (queue, concurrency bound, rate limit, retries, breaker, budget, cache,
claims) and only exchanges requests and responses with it over a pipe, and never imports litellm. The
helper is started at configure time when this process will make litellm calls, so that its import of
litellm (~1.7 s) overlaps with collection; it is killed unused when every call was a cache hit. Without a
warm one (e.g. the first call comes from a user's csr_model wrapper), it is started at the first call.

It is used for a litellm model only when litellm has not been imported into the pytest process (a
conftest.py that configures litellm - callbacks, custom prices, registered providers - keeps the calls
in-process, where that configuration applies), and not with --csr-litellm-in-process. If the helper
dies, the calls fall back to in-process litellm. Frames: 4-byte big-endian length, then a pickle.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import pickle
import signal
import struct
import subprocess
import sys
import time
from typing import Any, Optional

from .base import Request, Response

_HEADER = struct.Struct(">I")
HELPER_GRACE_S = 30.0  # beyond the call's own timeout


def _frame(obj: Any) -> bytes:
    blob = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    return _HEADER.pack(len(blob)) + blob


async def _read_frame(reader: asyncio.StreamReader) -> Any:
    size = _HEADER.unpack(await reader.readexactly(_HEADER.size))[0]
    return pickle.loads(await reader.readexactly(size))


class HelperProcess:
    """The child process (`start`); attached to the runner's event loop on first use."""

    def __init__(self, proc: subprocess.Popen):
        self.proc = proc
        self.peak_rss_mb: Optional[float] = None

    @classmethod
    def start(cls) -> Optional["HelperProcess"]:
        log = os.environ.get("CSRBENCH_HELPER_LOG")  # where its stderr goes, to diagnose it
        try:
            with open(log or os.devnull, "ab") as err:
                proc = subprocess.Popen([sys.executable, "-m", "pytest_csrbench.models.helper"],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err)
        except OSError:
            return None
        return cls(proc)

    def missing_keys(self, model: str, api_base: Optional[str], timeout: float = 60.0) -> list[str]:
        """Ask the helper (before any call; it answers once litellm is imported) which credential variables
        the provider needs and the environment lacks. [] when it cannot tell (it died, or took too long)."""
        import select

        try:
            self.proc.stdin.write(_frame(("env", 0, {"model": model, "api_base": api_base})))
            self.proc.stdin.flush()
            fd, data, deadline = self.proc.stdout.fileno(), b"", time.monotonic() + timeout
            need = _HEADER.size
            while len(data) < need:
                ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
                chunk = os.read(fd, need - len(data)) if ready else b""
                if not chunk:
                    return []
                data += chunk
                if len(data) == _HEADER.size:
                    need += _HEADER.unpack(data)[0]
            kind, _, missing = pickle.loads(data[_HEADER.size:])
        except (OSError, ValueError, pickle.UnpicklingError, EOFError):
            return []
        return list(missing) if kind == "env" else []

    @property
    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self, kill: bool = False) -> None:
        """Close its input (it finishes what is in flight and exits); kill it when asked or if it lingers.
        Reaped with wait4, which also gives its peak memory."""
        if self.proc.returncode is not None:
            return
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        if kill:
            self.proc.kill()
        deadline = time.monotonic() + 10
        while True:
            try:
                pid, status, usage = os.wait4(self.proc.pid, os.WNOHANG)
            except ChildProcessError:  # reaped elsewhere
                return
            if pid:
                self.proc.returncode = os.waitstatus_to_exitcode(status)
                self.peak_rss_mb = usage.ru_maxrss / 1024
                return
            if time.monotonic() > deadline:
                self.proc.kill()
                deadline = time.monotonic() + 10
            time.sleep(0.01)


class RemoteModel:
    """A LiteLLMModel whose `agenerate` runs in the helper process (same name, same answers)."""

    def __init__(self, local: Any, helper: Optional[HelperProcess] = None):
        self.local = local  # the in-process model: the fallback, and what the helper rebuilds
        self.name = local.name
        self.helper = helper  # warm (started at configure time), else started at the first call
        self.used = False  # the helper made (or was sent) calls in this run
        self.answered = False  # the helper has answered a call (it has imported litellm)
        self._ids = itertools.count()
        self._pending: dict[int, asyncio.Future] = {}
        self._writer: Optional[asyncio.StreamWriter] = None
        self._attach_lock: Optional[asyncio.Lock] = None
        self._failed = False
        self._reader: Optional[asyncio.StreamReader] = None
        self._reader_task: Optional[asyncio.Task] = None
        self._loop: Optional[asyncio.AbstractEventLoop] = None

    def cache_identity(self) -> dict:
        from .cache import model_identity

        return model_identity(self.local)

    async def agenerate(self, request: Request) -> Response:
        if self._failed or not await self._attach():
            return await self.local.agenerate(request)
        call_id = next(self._ids)
        future = asyncio.get_running_loop().create_future()
        self._pending[call_id] = future
        try:
            self._writer.write(_frame(("call", call_id, request)))
            await self._writer.drain()
            return await asyncio.wait_for(future, timeout=request.params.timeout + HELPER_GRACE_S)
        except asyncio.TimeoutError:  # before OSError: on Python 3.11+ asyncio.TimeoutError is the builtin
            self._failed = True  # TimeoutError, a subclass of OSError. Never wait forever on the helper.
            return Response(error="the litellm helper process did not answer in time; retrying in-process")
        except (ConnectionError, OSError):
            self._failed = True
            return await self.local.agenerate(request)
        finally:
            self._pending.pop(call_id, None)

    @property
    def deadline_grace(self) -> float:
        """Seconds the runner adds to an attempt's deadline: until the helper first answers, its start-up
        (importing litellm, ~1.7 s, much longer on a loaded machine) must not eat the call's --csr-timeout."""
        return 0.0 if self.answered or self._failed else HELPER_GRACE_S

    def close(self, kill: bool = False) -> None:
        """Stop the helper: let it finish in-flight calls, or kill it (Ctrl-C, or it was never used)."""
        if self.helper is not None:
            self.helper.stop(kill=kill or not self.used)

    async def _attach(self) -> bool:
        if self._writer is not None:  # bound to one event loop (the runner's); another loop calls in-process
            return self._loop is asyncio.get_running_loop()
        if self._attach_lock is None:
            self._attach_lock = asyncio.Lock()
        async with self._attach_lock:
            if self._writer is None and not self._failed:
                try:
                    await self._connect()
                except (ConnectionError, OSError, ValueError):
                    self._failed = True
        return self._writer is not None

    async def _connect(self) -> None:
        loop = asyncio.get_running_loop()
        if self.helper is None or not self.helper.alive:
            self.helper = HelperProcess.start()
            if self.helper is None:
                raise ConnectionError("cannot start the helper process")
        proc = self.helper.proc
        reader = asyncio.StreamReader(limit=2 ** 26)
        await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), proc.stdout)
        transport, protocol = await loop.connect_write_pipe(asyncio.streams.FlowControlMixin, proc.stdin)
        writer = asyncio.StreamWriter(transport, protocol, None, loop)
        m = self.local
        writer.write(_frame(("config", {"model": m.model, "params": m.params, "api_base": m.api_base,
                                        "price_in": m.price_in, "price_out": m.price_out})))
        await writer.drain()
        self._writer, self._loop = writer, loop
        self.used = True
        # strong references: asyncio keeps only weak ones to tasks, and the protocol to its reader
        self._reader = reader
        self._reader_task = loop.create_task(self._read(reader))

    async def _read(self, reader: asyncio.StreamReader) -> None:
        try:
            while True:
                kind, call_id, payload = await _read_frame(reader)
                self.answered = True
                future = self._pending.get(call_id)
                if future is not None and not future.done():
                    future.set_result(Response.model_validate(payload))
        except (asyncio.IncompleteReadError, ConnectionError, OSError, pickle.UnpicklingError, EOFError):
            self._failed = True
            for future in list(self._pending.values()):
                if not future.done():  # the helper died mid-call: make this call here instead
                    future.set_result(Response(error="the litellm helper process exited during the call; "
                                                     "retrying in-process", status_code=None))


# ----- the child process
async def _serve(out_fd: int) -> None:
    from .litellm_model import LiteLLMModel

    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader(limit=2 ** 26)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin.buffer)
    out = os.fdopen(out_fd, "wb", buffering=0)
    transport, protocol = await loop.connect_write_pipe(asyncio.streams.FlowControlMixin, out)
    writer = asyncio.StreamWriter(transport, protocol, None, loop)
    model: Optional[LiteLLMModel] = None
    tasks: set[asyncio.Task] = set()

    async def answer(call_id: int, request: Request) -> None:
        assert model is not None
        try:  # the same wall-clock deadline as the runner's, so a trickling server does not hold the helper
            response = await asyncio.wait_for(model.agenerate(request), timeout=request.params.timeout)
        except asyncio.TimeoutError:
            response = Response(error=f"Timeout: no answer within {request.params.timeout:g} s (--csr-timeout)")
        except Exception as exc:  # noqa: BLE001 - never lose a call: report it as an error
            response = Response(error=f"{type(exc).__name__}: {exc}")
        payload = response.model_dump(mode="json")
        payload["retry_after_s"] = response.retry_after_s
        writer.write(_frame(("result", call_id, payload)))
        await writer.drain()

    try:
        while True:
            kind, *rest = await _read_frame(reader)
            if kind == "config":
                model = LiteLLMModel(**rest[0])
            elif kind == "env":  # which provider keys are missing (providers.py), asked before any call
                from .litellm_model import import_litellm
                from .providers import missing_keys

                writer.write(_frame(("env", rest[0], missing_keys(import_litellm(), **rest[1]))))
                await writer.drain()
            elif kind == "call":
                task = loop.create_task(answer(*rest))
                tasks.add(task)
                task.add_done_callback(tasks.discard)
    except (asyncio.IncompleteReadError, ConnectionError):
        pass  # the pytest process closed the pipe: finish what is in flight, then exit
    if tasks:
        await asyncio.wait(tasks, timeout=60)


def main() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is handled by pytest, which closes or kills us
    out_fd = os.dup(1)
    os.dup2(2, 1)  # anything litellm prints must not corrupt the frames
    from .litellm_model import import_litellm

    import_litellm()
    asyncio.run(_serve(out_fd))
    sys.stderr.flush()
    os._exit(0)  # nothing left to flush; skip tearing down litellm's modules (~0.7 s) while pytest waits


if __name__ == "__main__":
    main()
