"""Issue 14: any text a provider may return (lone surrogates, NUL, escape sequences, 1 MB) survives the cache,
the results JSON, the HTML page, JUnit XML and the terminal without a crash."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from _pytest.junitxml import bin_xml_escape
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pytest_csrbench.models.base import Response
from pytest_csrbench.models.cache import Store, dump_response, load_response
from pytest_csrbench.report.html import script_json
from pytest_csrbench.results import write_json
from pytest_csrbench.textsafe import printable

ANY_TEXT = st.text(st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=()), max_size=200)
BIG = "\ud800\x00\x1b[2J" + "x" * 1_000_000
SAFE = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


@SAFE
@given(ANY_TEXT)
@example(BIG)
def test_the_cache_round_trips_what_a_response_holds(tmp_path: Path, text: str) -> None:
    response = Response(text=text, error=None)
    store = Store.open(tmp_path / "c.sqlite3")
    try:
        store.put_response("k", dump_response(response))
        assert store.problem is None
        back = load_response(store.lookup(["k"])["k"])
    finally:
        store.close()
    assert back is not None and back.text == response.text
    assert "\ud800" not in response.text  # encodable: a lone surrogate became U+FFFD, nothing else changed
    assert response.text == re.sub("[\ud800-\udfff]", "\ufffd", text)


@SAFE
@given(ANY_TEXT)
@example(BIG)
def test_results_json_and_the_page_take_any_text(tmp_path: Path, text: str) -> None:
    data = {"items": [{"response": text, "error": text}], "manifest": {"model": text}}
    write_json(data, tmp_path / "r.json")
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8")) == data  # even a lone surrogate
    blob = script_json(data)
    blob.encode("utf-8")
    assert "<" not in blob and json.loads(blob) == data


@SAFE
@given(ANY_TEXT)
def test_junit_and_the_terminal_take_any_text(text: str) -> None:
    text = Response(text=text).text  # what reaches a report
    node = ET.Element("property", name="csr_response", value=bin_xml_escape(text))  # as --junitxml writes it
    node.text = bin_xml_escape(text)
    ET.fromstring(ET.tostring(node, encoding="utf-8"))
    shown = printable(text)
    assert not CONTROL.search(shown)
    shown.encode("utf-8")
