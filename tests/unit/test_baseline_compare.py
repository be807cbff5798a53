"""Comparing a run with a baseline: paired rates, significance, tolerance, flips, mismatches, the gate."""

from __future__ import annotations

from typing import Optional

import pytest

from pytest_csrbench.gate import decide, regression_checks
from pytest_csrbench.metrics import summarize
from pytest_csrbench.comparison import compare
from pytest_csrbench.gate import regression_reason
from pytest_csrbench.report.compare import flip_lines, table_rows

EXPECTED = {"safety": "refuse", "over_rejection": "comply", "bias": "unbiased", "hallucination": "grounded"}


def item(case: str, modality: str, outcome: str, pattern: str = "over_rejection", prompt: Optional[str] = None) -> dict:
    return {"case_id": case, "pattern": pattern, "type": case[:3], "modality": modality,
            "expected": EXPECTED[pattern], "prompt": prompt or f"prompt of {case}", "image_sha256": "abc",
            "outcome": outcome, "response": f"answer to {case}",
            "verdict": None if outcome == "error" else {"label": outcome, "passed": outcome == "passed",
                                                        "reason": "because"}}


def run(items: list[dict], **manifest) -> dict:
    return {"manifest": {"model": "m", "dataset_hash": "d1", "judge": "rules", "judge_version": "j1", **manifest},
            "items": items}


def outcomes(n_pass: int, n_miss: int, pattern: str = "over_rejection", modality: str = "image",
             prefix: str = "O04") -> list[dict]:
    out = [item(f"{prefix}-{i:03d}", modality, "passed", pattern) for i in range(n_pass)]
    out += [item(f"{prefix}-{i:03d}", modality, "missed", pattern) for i in range(n_pass, n_pass + n_miss)]
    return out


def test_a_significant_drop_beyond_tolerance_regresses() -> None:
    base = run(outcomes(10, 0))
    now = run(outcomes(0, 10))
    cmp = compare(base, now, tolerance=0.02)
    cell = cmp["patterns"]["over_rejection"]["image"]
    assert (cell["n"], cell["base_rate"], cell["run_rate"], cell["passed_to_missed"]) == (10, 1.0, 0.0, 10)
    assert cell["p_value"] == pytest.approx(2 / 1024)
    assert cmp["regressions"] == ["over_rejection"]
    assert len(cmp["flips"]) == 10 and all(f["before"] == "passed" and f["after"] == "missed" for f in cmp["flips"])
    reason = regression_reason("over_rejection", cmp)
    assert reason.startswith("over_rejection image+text pass rate regressed vs baseline: 1.000 -> 0.000 (-1.000")
    assert "p=0.0020" in reason and "10 paired items" in reason


def test_a_drop_that_is_not_significant_does_not_regress() -> None:
    cmp = compare(run(outcomes(3, 0)), run(outcomes(0, 3)))  # 3 flips: p = 0.25
    cell = cmp["patterns"]["over_rejection"]["image"]
    assert cell["delta"] == -1.0 and cell["p_value"] == 0.25 and not cell["significant"]
    assert cmp["regressions"] == []
    assert "drop not significant" in "\n".join(line for line, _ in table_rows(cmp))


def test_a_significant_drop_within_tolerance_does_not_regress() -> None:
    base = run(outcomes(100, 0))
    now = run(outcomes(90, 10))  # -0.10, p ~ 0.002
    assert compare(base, now, tolerance=0.02)["regressions"] == ["over_rejection"]
    relaxed = compare(base, now, tolerance=0.15)
    assert relaxed["regressions"] == [] and relaxed["patterns"]["over_rejection"]["image"]["significant"]


def test_improvements_are_not_regressions_and_flips_go_both_ways() -> None:
    base = run(outcomes(2, 8) + outcomes(8, 0, "safety", prefix="S04"))
    now = run(outcomes(10, 0) + outcomes(7, 1, "safety", prefix="S04"))
    cmp = compare(base, now)
    assert cmp["patterns"]["over_rejection"]["image"]["better"] and cmp["regressions"] == []
    lines = list(flip_lines(cmp))
    assert lines[0] == "passed -> missed (1): S04-007:image"
    assert lines[1].startswith("missed -> passed (8): O04-002:image, O04-003:image")


def test_only_judged_unchanged_shared_items_are_paired() -> None:
    base = run([item("O04-001", "image", "passed"), item("O04-002", "image", "passed"),
                item("O04-003", "image", "passed"), item("O04-004", "image", "passed")])
    now = run([item("O04-001", "image", "error"), item("O04-002", "image", "missed", prompt="edited"),
               item("O04-003", "image", "missed"), item("O04-009", "image", "missed")])
    cmp = compare(base, now)
    assert cmp["paired_items"] == 1 and cmp["changed_items"] == 1
    assert cmp["only_in_baseline"] == 1 and cmp["only_in_run"] == 1 and cmp["shared_items"] == 3
    assert [f["case_id"] for f in cmp["flips"]] == ["O04-003"]


def test_text_only_runs_gate_on_the_text_modality() -> None:
    cmp = compare(run(outcomes(10, 0, modality="text")), run(outcomes(0, 10, modality="text")))
    group = cmp["patterns"]["over_rejection"]
    assert group["gate_modality"] == "text" and group["regressed"]
    assert "text-only pass rate regressed" in regression_reason("over_rejection", cmp)


def test_manifest_mismatches_are_named() -> None:
    cmp = compare(run([], dataset_hash="aaa", judge_version="j1"), run([], dataset_hash="bbb", judge_version="j2"))
    assert cmp["mismatches"] == ["dataset hash differs: baseline 'aaa', this run 'bbb'",
                                 "judge version differs: baseline 'j1', this run 'j2'"]
    assert compare(run([]), run([]))["mismatches"] == []


def test_the_gate_fails_on_a_regression_with_the_reason_line() -> None:
    base, now = run(outcomes(10, 0)), run(outcomes(0, 10))
    cmp = compare(base, now)
    gate = decide(summarize(now["items"]), [], 0.05, comparison=cmp)
    assert not gate.passed
    assert gate.reasons == [regression_reason("over_rejection", cmp)]
    assert decide(summarize(now["items"]), [], 0.05).passed  # without the baseline: nothing to fail


def test_an_accepted_comparison_does_not_gate_and_an_unreadable_one_does() -> None:
    cmp = compare(run(outcomes(10, 0)), run(outcomes(0, 10)))
    assert regression_checks({**cmp, "accepted": True}) == []
    checks = regression_checks({"error": "--csr-baseline b.json: no such file", "accepted": False})
    assert len(checks) == 1 and not checks[0].ok
    assert decide(summarize([]), [], 0.05, comparison={"error": "gone", "accepted": False}).reasons == ["gone"]
