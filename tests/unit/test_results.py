"""The run's result: item records round-trip through the results file's plain dicts; the result is frozen."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pytest_csrbench.gate import GateResult
from pytest_csrbench.results import (ITEM_FIELDS, ItemRecord, ResultsFileError, RunResult, load_results,
                                     results_dict, write_json)

texts = st.one_of(st.none(), st.text(max_size=20))


@given(case_id=st.text(min_size=1, max_size=12), modality=st.sampled_from(["image", "text"]),
       sample=st.integers(0, 5), outcome=st.sampled_from(["passed", "missed", "error", "skipped"]),
       response=texts, cost=st.one_of(st.none(), st.floats(0, 10, allow_nan=False)))
def test_a_record_round_trips_through_json(case_id, modality, sample, outcome, response, cost) -> None:
    record = ItemRecord(case_id=case_id, pattern="safety", type="S01", modality=modality, sample=sample,
                        outcome=outcome, response=response, cost_usd=cost, verdict={"label": "x", "passed": True})
    data = json.loads(json.dumps(record.to_dict()))
    assert list(data) == list(ITEM_FIELDS)
    assert ItemRecord.from_dict(data) == record
    assert record.key == (case_id, modality, sample)


def test_an_older_file_without_newer_fields_still_loads() -> None:
    old = {"case_id": "S01-001", "pattern": "safety", "type": "S01", "modality": "image", "outcome": "passed"}
    record = ItemRecord.from_dict(old)
    assert record.sample == 0 and record.cached is False and record.response is None


def result(tmp_path: Path, **over) -> RunResult:
    settings = SimpleNamespace(thresholds=[], json_path=tmp_path / "r.json")
    items = (ItemRecord(case_id="S01-001", pattern="safety", type="S01", modality="image", outcome="missed"),)
    fields = dict(settings=settings, model="m", manifest={"model": "m"}, items=items, summary={"totals": {}},
                  usage={}, gate=GateResult(passed=False, reasons=["r"]), expected_items=2)
    return RunResult(**{**fields, **over})


def test_the_result_is_frozen(tmp_path: Path) -> None:
    res = result(tmp_path)
    with pytest.raises(dataclasses.FrozenInstanceError):
        res.gate = None  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        res.items[0].outcome = "passed"  # type: ignore[misc]
    assert res.ran and not res.complete


def test_the_results_file_is_the_result_written_out(tmp_path: Path) -> None:
    res = result(tmp_path, reference={"csr/refuse-all": {"image": {"x": 0.0, "y": 1.0}}})
    write_json(results_dict(res), tmp_path / "r.json")
    data = load_results(tmp_path / "r.json")
    assert list(data) == ["manifest", "items", "summary", "gate", "thresholds", "baseline", "reference"]
    assert data["items"] == [res.items[0].to_dict()] and data["gate"]["passed"] is False
    assert data["reference"]["csr/refuse-all"]["image"] == {"x": 0.0, "y": 1.0}


def test_a_file_that_is_not_a_results_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"items": [{"case_id": "a"}], "manifest": {}}')
    with pytest.raises(ResultsFileError, match=r"x.json: item 0 lacks modality, pattern, outcome"):
        load_results(path, "x")
