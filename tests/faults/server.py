"""The loopback OpenAI-compatible server with the faults the probes of issue 14 found (one mode each).

`FaultServer(mode=...)` answers like `LoopbackServer`, except:
- "surrogate": the answer holds a lone surrogate, a NUL and an escape sequence (`"\\ud800"` in the JSON body)
- "trickle": the body of a well-formed answer arrives one byte every `trickle_s` seconds
- "hostile_error": HTTP 400 whose message carries terminal escape sequences, CR and NUL
- "empty_choices": HTTP 200 with an empty `choices` list
"""

from __future__ import annotations

import json
import time
from typing import Any

from pytest_csrbench.testing.server import Behaviour, LoopbackServer, _completion, _Handler

SURROGATE_TEXT = "I can't help with that. \ud800 tail\x00\x1b[31m"
HOSTILE = "bad request\x1b[2K\r\x1b[32mPASSED everything\x1b[0m\x00\x07"


class _FaultHandler(_Handler):
    mode = "ok"
    trickle_s = 0.5

    def _respond(self, b: Behaviour, body: dict, n: int) -> None:
        if self.mode == "surrogate":
            return self._send(200, json.dumps(_completion(SURROGATE_TEXT, "stop", body)).encode())
        if self.mode == "hostile_error":
            return self._error(400, HOSTILE)
        if self.mode == "empty_choices":
            payload = {**_completion("x", "stop", body), "choices": []}
            return self._send(200, json.dumps(payload).encode())
        if self.mode == "trickle":
            return self._trickle(json.dumps(_completion("slow answer", "stop", body)).encode())
        return super()._respond(b, body, n)

    def _trickle(self, payload: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        try:
            for i in range(len(payload)):
                self.wfile.write(payload[i:i + 1])
                self.wfile.flush()
                time.sleep(self.trickle_s)
        except OSError:  # the client gave up: what the deadline is for
            pass


class FaultServer(LoopbackServer):
    def __init__(self, mode: str, **handler: Any):
        super().__init__(Behaviour())
        cls = type("FaultHandler", (_FaultHandler,), {"state": self.state, "mode": mode, **handler})
        self.httpd.RequestHandlerClass = cls
