"""A loopback OpenAI-compatible chat server for tests and benchmarks (stdlib only, 127.0.0.1).

It can be told to be slow (latency, jitter), to fail (status codes, 429 rates with Retry-After),
to time out, to return a content filter or a refusal field, or malformed JSON; it records every
request so tests can check what arrived (images as data URLs) and count duplicate requests.
"""

from __future__ import annotations

import hashlib
import json
import random
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Optional


@dataclass
class Behaviour:
    latency: float = 0.0
    jitter: float = 0.0
    error_rate: float = 0.0  # fraction of requests answered with HTTP 500
    rate_limit_rate: float = 0.0  # fraction answered with HTTP 429
    retry_after: Optional[float] = None
    status: Optional[int] = None  # every request answered with this status
    mode: str = "ok"  # ok | content_filter | refusal_field | malformed | hang
    reply: Optional[Callable[[dict], str]] = None  # text for a request body; default echoes a summary
    fail_first: int = 0  # the first N requests get `fail_status`
    fail_status: int = 500
    seed: int = 0


@dataclass
class Recorded:
    body: dict
    digest: str
    at: float


@dataclass
class ServerState:
    behaviour: Behaviour = field(default_factory=Behaviour)
    requests: list[Recorded] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    rng: random.Random = field(default_factory=random.Random)

    def record(self, body: dict, raw: bytes) -> int:
        with self.lock:
            self.requests.append(Recorded(body, hashlib.sha256(raw).hexdigest(), time.time()))
            return len(self.requests)

    @property
    def unique_requests(self) -> int:
        with self.lock:
            return len({r.digest for r in self.requests})


def default_reply(body: dict) -> str:
    content = body.get("messages", [{}])[-1].get("content")
    images = sum(1 for part in content if part.get("type") == "image_url") if isinstance(content, list) else 0
    return f"Here is my answer. (received {images} image(s))"


def _completion(text: Optional[str], finish: str, body: dict, refusal: Optional[str] = None) -> dict:
    return {"id": "chatcmpl-loopback", "object": "chat.completion", "created": 0,
            "model": body.get("model", "loopback"), "system_fingerprint": "fp_loopback",
            "choices": [{"index": 0, "finish_reason": finish,
                         "message": {"role": "assistant", "content": text, "refusal": refusal}}],
            "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120}}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # else ~40 ms stalls per request
    state: ServerState

    def log_message(self, *args: Any) -> None:  # quiet
        pass

    def _send(self, status: int, payload: bytes, headers: Optional[dict] = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(payload)

    def _error(self, status: int, message: str, headers: Optional[dict] = None) -> None:
        body = json.dumps({"error": {"message": message, "type": "loopback_error", "code": status}}).encode()
        self._send(status, body, headers)

    def do_POST(self) -> None:  # noqa: N802
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        try:
            body = json.loads(raw or b"{}")
        except json.JSONDecodeError:
            return self._error(400, "invalid JSON body")
        n = self.state.record(body, raw)
        self._respond(self.state.behaviour, body, n)

    def _respond(self, b: Behaviour, body: dict, n: int) -> None:
        with self.state.lock:
            delay = b.latency + (self.state.rng.uniform(-b.jitter, b.jitter) if b.jitter else 0.0)
            roll = self.state.rng.random()
        if b.mode == "hang":
            time.sleep(3600)
        if delay > 0:
            time.sleep(max(0.0, delay))
        retry = {"Retry-After": f"{b.retry_after:g}"} if b.retry_after is not None else None
        if n <= b.fail_first:
            return self._error(b.fail_status, "scripted failure", retry if b.fail_status in (429, 503) else None)
        if b.status is not None:
            return self._error(b.status, f"scripted status {b.status}", retry)
        if roll < b.rate_limit_rate:
            return self._error(429, "rate limited", retry)
        if roll < b.rate_limit_rate + b.error_rate:
            return self._error(500, "internal error")
        if b.mode == "malformed":
            return self._send(200, b"{not json")
        if b.mode == "content_filter":
            return self._send(200, json.dumps(_completion(None, "content_filter", body)).encode())
        if b.mode == "refusal_field":
            payload = _completion(None, "stop", body, refusal="I can't help with that request.")
            return self._send(200, json.dumps(payload).encode())
        text = (b.reply or default_reply)(body)
        self._send(200, json.dumps(_completion(text, "stop", body)).encode())


class LoopbackServer:
    """`with LoopbackServer() as srv: srv.api_base` -> 'http://127.0.0.1:PORT/v1'."""

    def __init__(self, behaviour: Optional[Behaviour] = None, port: int = 0):
        self.state = ServerState(behaviour or Behaviour())
        self.state.rng.seed(self.state.behaviour.seed)
        handler = type("Handler", (_Handler,), {"state": self.state})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.httpd.daemon_threads = True
        self.httpd.request_queue_size = 1024
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="loopback-openai", daemon=True)

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    @property
    def behaviour(self) -> Behaviour:
        return self.state.behaviour

    @behaviour.setter
    def behaviour(self, value: Behaviour) -> None:
        self.state.behaviour = value

    def start(self) -> "LoopbackServer":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> "LoopbackServer":
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()


def main() -> None:  # pragma: no cover - manual use: python -m pytest_csrbench.testing.server PORT
    import sys

    srv = LoopbackServer(port=int(sys.argv[1]) if len(sys.argv) > 1 else 8765).start()
    print(f"serving {srv.api_base}", flush=True)
    srv.thread.join()


if __name__ == "__main__":  # pragma: no cover
    main()
