"""Loopback fakes of four providers' wire formats (stdlib only, 127.0.0.1), for tests through litellm.

One server answers every format at its real path, so one fixture covers each provider family:

- OpenAI chat completions  `POST {base}/v1/chat/completions`  (`reasoning_content`, `finish_reason`)
- Anthropic Messages       `POST {base}/v1/messages`          (content blocks incl. `thinking`, `stop_reason`)
- Gemini generateContent   `POST {base}/v1beta/models/M:generateContent` (`thought` parts, `finishReason`)
- Ollama chat              `POST {base}/api/chat`             (`message.thinking`, `done_reason`)

What it answers is an `Answer` (final text, reasoning, how it stopped, whether usage is reported); it
records every request's path and body so tests can check where litellm posted and what it sent.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Optional


@dataclass(frozen=True)
class Answer:
    text: Optional[str] = "Here is my answer."  # None: no final answer at all
    reasoning: Optional[str] = None
    stop: str = "stop"  # stop | length (token limit) | refusal (provider refusal / safety block)
    usage: bool = True  # report token usage (100 in, 20 out)


@dataclass
class Seen:
    path: str
    body: dict


@dataclass
class ProviderState:
    answer: Callable[[str, dict], Answer] = field(default=lambda path, body: Answer())
    requests: list[Seen] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def openai_reply(a: Answer, body: dict) -> dict:
    finish = {"stop": "stop", "length": "length", "refusal": "content_filter"}[a.stop]
    message: dict[str, Any] = {"role": "assistant", "content": a.text}
    if a.reasoning is not None:
        message["reasoning_content"] = a.reasoning  # vLLM's and DeepSeek's field
    out: dict[str, Any] = {"id": "chatcmpl-fake", "object": "chat.completion", "created": 0,
                           "model": body.get("model", "fake"),
                           "choices": [{"index": 0, "finish_reason": finish, "message": message}]}
    if a.usage:
        out["usage"] = {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120}
    return out


def anthropic_reply(a: Answer, body: dict) -> dict:
    blocks: list[dict] = []
    if a.reasoning is not None:
        blocks.append({"type": "thinking", "thinking": a.reasoning, "signature": "fake-signature"})
    if a.text is not None:
        blocks.append({"type": "text", "text": a.text})
    stop = {"stop": "end_turn", "length": "max_tokens", "refusal": "refusal"}[a.stop]
    out: dict[str, Any] = {"id": "msg_fake", "type": "message", "role": "assistant",
                           "model": body.get("model", "fake"), "content": blocks, "stop_reason": stop,
                           "stop_sequence": None}
    out["usage"] = {"input_tokens": 100 if a.usage else 0, "output_tokens": 20 if a.usage else 0}
    return out


def gemini_reply(a: Answer, model: str) -> dict:
    finish = {"stop": "STOP", "length": "MAX_TOKENS", "refusal": "SAFETY"}[a.stop]
    candidate: dict[str, Any] = {"index": 0, "finishReason": finish}
    parts: list[dict] = []
    if a.reasoning is not None:
        parts.append({"text": a.reasoning, "thought": True})
    if a.text is not None and a.stop != "refusal":
        parts.append({"text": a.text})
    if parts:
        candidate["content"] = {"role": "model", "parts": parts}
    if a.stop == "refusal":
        candidate["safetyRatings"] = [{"category": "HARM_CATEGORY_DANGEROUS_CONTENT", "probability": "HIGH",
                                       "blocked": True}]
    out: dict[str, Any] = {"candidates": [candidate], "modelVersion": model}
    if a.usage:
        out["usageMetadata"] = {"promptTokenCount": 100, "candidatesTokenCount": 20, "totalTokenCount": 120}
    return out


def ollama_reply(a: Answer, body: dict) -> dict:
    message: dict[str, Any] = {"role": "assistant", "content": a.text or ""}
    if a.reasoning is not None:
        message["thinking"] = a.reasoning
    out: dict[str, Any] = {"model": body.get("model", "fake"), "created_at": "2026-01-01T00:00:00Z",
                           "message": message, "done": True,
                           "done_reason": "length" if a.stop == "length" else "stop"}
    if a.usage:
        out.update(prompt_eval_count=100, eval_count=20)
    return out


_GEMINI = re.compile(r"/models/(?P<model>[^/:]+):generateContent")


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    state: ProviderState

    def log_message(self, *args: Any) -> None:
        pass

    def _send(self, status: int, payload: dict) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self) -> None:  # noqa: N802
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = json.loads(raw or b"{}")
        path = self.path.split("?", 1)[0]
        with self.state.lock:
            self.state.requests.append(Seen(path, body))
        answer = self.state.answer(path, body)
        gemini = _GEMINI.search(path)
        if path == "/v1/chat/completions":
            return self._send(200, openai_reply(answer, body))
        if path == "/v1/messages":
            return self._send(200, anthropic_reply(answer, body))
        if gemini and path.startswith("/v1beta/"):
            return self._send(200, gemini_reply(answer, gemini.group("model")))
        if path == "/api/chat":
            return self._send(200, ollama_reply(answer, body))
        if path == "/api/show":  # litellm asks Ollama about the model (capabilities) before some calls
            return self._send(200, {"model_info": {}, "capabilities": ["completion", "vision"]})
        self._send(404, {"error": {"message": f"no such endpoint: POST {path}", "code": 404}})


class ProviderServer:
    """`with ProviderServer() as srv: srv.base` -> 'http://127.0.0.1:PORT' (no path)."""

    def __init__(self, answer: Optional[Callable[[str, dict], Answer]] = None):
        self.state = ProviderState()
        if answer is not None:
            self.state.answer = answer
        handler = type("Handler", (_Handler,), {"state": self.state})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.httpd.request_queue_size = 256
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="loopback-providers", daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def answer_with(self, answer: Answer) -> None:
        self.state.answer = lambda path, body: answer

    @property
    def paths(self) -> list[str]:
        """The paths of the model calls (Ollama's /api/show lookups left out)."""
        with self.state.lock:
            return [s.path for s in self.state.requests if s.path != "/api/show"]

    def __enter__(self) -> "ProviderServer":
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
