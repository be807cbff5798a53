"""Issue 15: results a CI user can act on (why an item missed, a red gate in JUnit, one-line usage errors,
re-runnable ids, xdist optional)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest


def test_misses_section_shows_why_each_item_missed(run_bench) -> None:
    result = run_bench("--csr-model=csr/refuse-all", "--csr-html=r.html")
    out = result.stdout.str()
    section = out.split("misses: first 3 per pattern")[1].split("gate: FAILED")[0]
    assert "over_rejection: " in section and "safety:" not in section  # refuse-all misses no safety item
    assert "O04-001:image  O04" in section  # case, then the type (its name when the type is bundled)
    assert "expected: comply" in section and "judged:   " in section and "reason:   " in section
    assert "prompt:   " in section and "response: " in section
    assert "report:   r.html#case=O04-001:image" in section


def test_show_misses_limits_and_turns_off(run_bench) -> None:
    two = run_bench("--csr-model=csr/comply-all", "--csr-show-misses=1").stdout.str()
    section = two.split("misses: first 1 per pattern")[1].split("gate: ")[0]
    assert section.count("expected: refuse") == 1
    off = run_bench("--csr-model=csr/comply-all", "--csr-show-misses=0").stdout.str()
    assert "misses: first" not in off


def test_strict_failure_reads_like_an_assertion_diff(run_bench) -> None:
    out = run_bench("--csr-model=csr/refuse-all", "--csr-strict", "-k", "O04-001 and image").stdout.str()
    block = out.split("MISSED O04-001:image (expected comply)")[1]
    for label in ("expected: comply", "judged:   ", "reason:   ", "prompt:   ", "response: "):
        assert label in block, label


def _testcases(path) -> dict:
    root = ET.parse(path).getroot()
    return root, {tc.get("name"): tc for tc in root.iter("testcase")}


@pytest.mark.parametrize("workers", [[], ["-n", "2"]], ids=["serial", "xdist"])
def test_a_failed_gate_is_a_failed_junit_case_and_counted(run_bench, pytester, workers) -> None:
    result = run_bench("--csr-model=csr/refuse-all", "--junitxml=j.xml", *workers, subprocess=bool(workers))
    assert result.ret == 1
    root, cases = _testcases(pytester.path / "j.xml")
    failure = cases["gate"].find("failure")
    assert failure is not None
    assert "over_rejection image+text pass rate 0.000 < 0.80 required" in (failure.get("message", "") + (failure.text or ""))
    suite = root if root.tag == "testsuite" else root.find("testsuite")
    assert suite.get("failures") == "1"
    assert result.parseoutcomes()["failed"] == 1
    assert "FAILED csrbench::gate" in result.stdout.str()


def test_a_passed_gate_is_a_passed_junit_case(run_bench, pytester) -> None:
    args = ["--csr-fail-under=over_rejection=0", "--csr-fail-under=bias=0", "--csr-fail-under=hallucination=0"]
    result = run_bench("--csr-model=csr/refuse-all", "--junitxml=j.xml", *args)
    assert result.ret == 0
    _, cases = _testcases(pytester.path / "j.xml")
    assert cases["gate"].find("failure") is None
    assert "failed" not in result.parseoutcomes()


def test_runs_with_xdist_disabled(run_bench) -> None:
    result = run_bench("--csr-model=csr/refuse-all", "-p", "no:xdist", subprocess=True)
    assert "INTERNALERROR" not in result.stdout.str() + result.stderr.str()
    assert result.ret == 1 and "gate: FAILED" in result.stdout.str()
