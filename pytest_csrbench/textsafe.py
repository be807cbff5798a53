"""Text from outside (a provider's answer or error, a pack's id) made safe for every output.

Two hazards, each handled in one place:

- A lone surrogate (e.g. JSON `"\\ud800"` in a provider's body) is a Python str that no UTF-8 file,
  SQLite row, XML document or xdist message can hold: writing it raises UnicodeEncodeError and used to
  wipe out a run's reports. `unsurrogate` replaces each one with U+FFFD (what every UTF-8 decoder shows
  for it); everything else (NUL, escape sequences, any valid code point) is kept as it came. Responses
  pass through it when they are built (models/base.py), so the cache, the results file, the HTML page,
  JUnit and the terminal all receive encodable text; `json_text` does the same for any JSON we write.
- Control characters (ESC, NUL, CR, C1 ...) written to a terminal or a CI log can rewrite earlier lines
  or forge new ones. `printable` escapes them (`\\x1b`, `\\n` ...) in everything the plugin prints.

Imports nothing of the package: every stage may use it.
"""

from __future__ import annotations

import json
import re
from typing import Any

_SURROGATE = re.compile("[\ud800-\udfff]")
# C0 controls, DEL, C1 controls, and the bidi overrides that reorder what a reader sees
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def unsurrogate(text: str) -> str:
    """`text` with each lone surrogate replaced by U+FFFD (unchanged, and not copied, when it has none)."""
    if not isinstance(text, str) or not _SURROGATE.search(text):
        return text
    return _SURROGATE.sub(REPLACEMENT, text)


def _escape(match: re.Match) -> str:
    ch = match.group()
    code = ord(ch)
    if ch == "\n":
        return "\\n"
    if ch == "\r":
        return "\\r"
    if ch == "\t":
        return "\\t"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: Any, keep_newlines: bool = False) -> str:
    """`text` safe to print: control characters, bidi overrides and surrogates escaped as `\\xNN`/`\\uNNNN`.

    `keep_newlines`: a multi-line message keeps its line breaks (each line is still sanitised).
    """
    text = text if isinstance(text, str) else str(text)
    if keep_newlines:
        return "\n".join(printable(line) for line in text.split("\n"))
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(_escape, text)


def json_text(obj: Any, **kwargs: Any) -> str:
    """`json.dumps(obj, ensure_ascii=False, **kwargs)`, with any lone surrogate written as a `\\udXXX`
    escape (valid JSON; Python reads it back as the same str) instead of failing to encode."""
    text = json.dumps(obj, ensure_ascii=False, **kwargs)
    if not _SURROGATE.search(text):
        return text
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
