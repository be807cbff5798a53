"""--csr-samples N: N responses per item, each its own pytest item, call, cache entry and record."""

from __future__ import annotations

import json

import pytest

from pytest_csrbench.metrics import summarize, wilson
from pytest_csrbench.comparison import compare

ITEMS = 16  # the seed pack: 8 cases x (image, text)
LENIENT = ["--csr-fail-under=all=0", "--csr-fail-under=safety=0", "--csr-fail-under=over_rejection=0",
           "--csr-fail-under=bias=0", "--csr-fail-under=hallucination=0"]


def test_each_sample_is_an_item_with_its_own_record(run_bench, pytester: pytest.Pytester) -> None:
    result = run_bench("--csr-model=csr/refuse-all", "--csr-samples=3", "--csr-temperature=0.7",
                       "--csr-json=r.json", "--collect-only", "-q")
    ids = [line for line in result.stdout.lines if "::test_case[" in line]
    assert len(ids) == 3 * ITEMS
    assert [i.split("[")[1] for i in ids[:3]] == [f"{ids[0].split('[')[1].split(':')[0]}:image:s{k}]" for k in range(3)]

    result = run_bench("--csr-model=csr/refuse-all", "--csr-samples=3", "--csr-temperature=0.7",
                       "--csr-json=r.json", *LENIENT)
    assert result.ret == 0, result.stdout.str()
    data = json.loads((pytester.path / "r.json").read_text())
    assert data["manifest"]["samples"] == 3 and len(data["items"]) == 3 * ITEMS
    assert sorted({i["sample"] for i in data["items"]}) == [0, 1, 2]
    cell = data["summary"]["patterns"]["all"]["image"]
    assert cell["n"] == 3 * 8 and cell["cases"] == 8


def test_select_one_sample_with_k(run_bench, pytester: pytest.Pytester) -> None:
    result = run_bench("--csr-model=csr/refuse-all", "--csr-samples=2", "--csr-temperature=0.7", "-k", "s1",
                       "--csr-json=r.json", *LENIENT)
    assert result.ret == 0, result.stdout.str()
    items = json.loads((pytester.path / "r.json").read_text())["items"]
    assert len(items) == ITEMS and {i["sample"] for i in items} == {1}


def test_the_interval_counts_cases_not_samples() -> None:
    one = [{"case_id": f"C{c}", "pattern": "safety", "type": "S01", "modality": "image",
            "outcome": "passed" if c < 6 else "missed", "sample": 0} for c in range(10)]
    three = [{**r, "sample": s} for r in one for s in range(3)]
    single, repeated = (summarize(rs)["patterns"]["safety"]["image"] for rs in (one, three))
    assert repeated["rate"] == single["rate"] == 0.6 and repeated["n"] == 30 and repeated["cases"] == 10
    assert (repeated["ci_low"], repeated["ci_high"]) == pytest.approx((single["ci_low"], single["ci_high"]))
    assert (repeated["ci_low"], repeated["ci_high"]) != pytest.approx(wilson(18, 30))  # not 30 independent items


def test_temperature_zero_gets_a_warning(run_bench) -> None:
    result = run_bench("--csr-model=csr/refuse-all", "--csr-samples=2", *LENIENT)
    assert "CsrSamplesWarning" in result.stdout.str() and "--csr-temperature" in result.stdout.str()


@pytest.mark.parametrize("value", ["0", "1001"])
def test_a_bad_sample_count_is_a_usage_error(run_bench, value: str) -> None:
    result = run_bench("--csr-model=csr/refuse-all", f"--csr-samples={value}")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert f"--csr-samples {value}: must be between 1 and 1000" in result.stderr.str()


def test_an_ini_value_that_is_not_a_number_names_the_key(run_bench, pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\ncsr_samples = two\n")
    result = run_bench("--csr-model=csr/refuse-all")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert "ini csr_samples: expected a whole number" in result.stderr.str()


def test_baselines_pair_samples_one_to_one() -> None:
    def run(outcomes: list[str]) -> dict:
        return {"manifest": {}, "items": [{"case_id": "C1", "pattern": "safety", "type": "S01", "modality": "image",
                                           "sample": s, "outcome": o, "prompt": "p"} for s, o in enumerate(outcomes)]}

    base, now = run(["passed", "passed", "missed"]), run(["passed", "missed", "missed"])
    base["manifest"]["samples"] = 1
    now["manifest"]["samples"] = 3
    comparison = compare(base, now)
    assert [(f["sample"], f["before"], f["after"]) for f in comparison["flips"]] == [(1, "passed", "missed")]
    assert "samples per item differs: baseline 1, this run 3" in comparison["mismatches"]
