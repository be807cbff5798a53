"""Keep secrets out of everything we write: error messages pass through `redact` before recording, and
URLs (`--csr-api-base`, the command line a report suggests) through `redact_url` / `redact_args`."""

from __future__ import annotations

import os
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_KEYISH = re.compile(r"\b(sk-[A-Za-z0-9_\-]{8,}|AIza[0-9A-Za-z_\-]{20,}|xai-[A-Za-z0-9]{16,}|"
                     r"(?:api[_-]?key|authorization|bearer)[\"'=: ]+[A-Za-z0-9_\-\.]{8,})", re.IGNORECASE)
_SECRET_ENV = re.compile(r"(KEY|TOKEN|SECRET|PASSWORD)$")
_USERINFO = re.compile(r"(?<=://)[^/\s@]+@")  # user:password@ in any URL inside a text
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*://[^\s\"'<>]+")
# query parameters that carry credentials (Azure SAS `sig`, `key=`, `api-key=`, `access_token=` ...)
_SECRET_PARAM = re.compile(r"^(?:.*(?:key|token|secret|password|passwd|pwd|auth|credential|signature).*|sig|code)$",
                           re.IGNORECASE)


def _secret_values() -> list[str]:
    return [v for k, v in os.environ.items() if _SECRET_ENV.search(k.upper()) and len(v) >= 8]


def redact(text: str) -> str:
    for value in _secret_values():
        text = text.replace(value, "[REDACTED]")
    text = _URL.sub(lambda m: redact_url(m.group()), text)
    return _KEYISH.sub("[REDACTED]", text)


def redact_url(url: str | None) -> str | None:
    """`url` without its user:password@ and without query parameters that carry credentials."""
    if not url or "://" not in url:
        return url
    try:
        parts = urlsplit(url)
        netloc = parts.netloc.rsplit("@", 1)[-1]
        query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                           if not _SECRET_PARAM.match(k)])
        return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))
    except ValueError:  # not a URL after all (e.g. an invalid port): drop anything that looks like userinfo
        return _USERINFO.sub("", url)


def redact_args(args: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """A command line with every URL in it redacted (the suggested re-run command is printed and stored)."""
    return tuple(_URL.sub(lambda m: redact_url(m.group()) or "", str(a)) if "://" in str(a) else str(a)
                 for a in args)
