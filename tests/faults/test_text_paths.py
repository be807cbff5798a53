"""Issue 14 items 2 and 10: whatever text a provider returns survives to every output, and nothing it
contains reaches the terminal raw."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from pytest_csrbench.models.cache import DB_NAME, Store

from .runs import ITEMS, bench, results, text
from .server import HOSTILE, FaultServer


def _cached(directory: Path) -> int:
    store = Store.open(directory / ".csrbench" / "cache" / DB_NAME)
    try:
        return store.count()
    finally:
        store.close()


@pytest.mark.parametrize("xdist", [[], ["-n", "2"]], ids=["serial", "xdist"])
def test_a_lone_surrogate_reaches_every_output_and_the_cache(tmp_path: Path, xdist: list) -> None:
    with FaultServer("surrogate") as srv:
        proc = bench(tmp_path, srv.api_base, *xdist)
        out = text(proc)
        assert proc.returncode == 0, out
        assert "INTERNALERROR" not in out and "Traceback" not in out
        data = results(tmp_path)
        assert len(data["items"]) == ITEMS and all(i["outcome"] != "error" for i in data["items"])
        answer = data["items"][0]["response"]
        assert "\ufffd tail\x00\x1b[31m" in answer  # the rest of the text is kept as it came
        page = (tmp_path / "r.html").read_text(encoding="utf-8")
        assert "\\ufffd tail\\u0000\\u001b[31m" in page or "\ufffd tail\\u0000\\u001b[31m" in page
        ET.parse(tmp_path / "j.xml")  # well-formed
        assert _cached(tmp_path) == ITEMS, "every answer was cached"
        sent = len(srv.state.requests)
        again = bench(tmp_path, srv.api_base)
        assert again.returncode == 0, text(again)
        assert len(srv.state.requests) == sent, "the re-run is served from the cache"


def test_provider_error_text_reaches_the_terminal_escaped(tmp_path: Path) -> None:
    with FaultServer("hostile_error") as srv:
        proc = bench(tmp_path, srv.api_base, "--csr-retries=0", "-rA")
    out = text(proc)
    assert "PASSED everything" in out  # the message is shown ...
    assert "\x1b" not in out and "\x00" not in out and "\x07" not in out and "\r" not in out  # ... harmlessly
    assert "\\x1b[32mPASSED everything" in out
    data = results(tmp_path)
    assert all(i["outcome"] == "error" for i in data["items"])
    assert HOSTILE.split("\x1b")[0] in data["items"][0]["error"]
