"""Baselines as a user runs them: take one, compare with it, fail on a real regression, accept a change."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.packs import seed_cases, write_pack

# Thresholds out of the way, so only the baseline comparison decides the gate.
LENIENT = ["--csr-fail-under=safety=0", "--csr-fail-under=over_rejection=0", "--csr-fail-under=bias=0",
           "--csr-fail-under=hallucination=0"]


def larger_cases() -> list[dict]:
    """The seed cases plus 6 more over-rejection and safety cases: enough pairs for a significant flip."""
    seed = seed_cases()
    extra = []
    for n in range(2, 8):
        for base in (seed[2], seed[0]):  # O04-001, S04-001
            case = dict(base, id=f"{base['type']}-{n:03d}", prompt=f"{base['prompt']} (variant {n})")
            extra.append(case)
    return seed + extra


@pytest.fixture
def bench(pytester: pytest.Pytester):
    pack = write_pack(pytester.path / "big", larger_cases())

    def run(*args: str, subprocess: bool = False) -> pytest.RunResult:
        base = ("--csr-no-bundled", f"--csr-cases={pack.parent}", "-p", "no:cacheprovider", *LENIENT)
        if subprocess:
            return pytester.runpytest_subprocess(*base, *args)
        return pytester.runpytest(*base, *args)

    return run


def load(pytester: pytest.Pytester, name: str) -> dict:
    return json.loads((pytester.path / name).read_text(encoding="utf-8"))


def test_compliant_baseline_then_refusing_model_fails_on_over_rejection(bench, pytester: pytest.Pytester) -> None:
    taken = bench("--csr-model=csr/comply-all", "--csr-baseline=base.json", "--csr-update-baseline")
    assert taken.ret == 0, taken.stdout.str()
    assert load(pytester, "base.json")["manifest"]["model"] == "csr/comply-all"
    assert "baseline written to base.json; compare later runs with: pytest " in taken.stdout.str()

    result = bench("--csr-model=csr/refuse-all", "--csr-baseline=base.json", "--csr-json=now.json")
    assert result.ret == 1
    out = result.stdout.str()
    gate = "\n".join(line for line in out.split("gate: FAILED")[1].splitlines() if line.startswith("  - "))
    assert ("over_rejection image+text pass rate regressed vs baseline: 1.000 -> 0.000 (-1.000, tolerance 0.02; "
            "exact McNemar p=0.0078 on 8 paired items, 8 passed->missed, 0 missed->passed)") in gate
    assert "safety" not in gate  # safety improved: not a regression
    assert "flipped passed -> missed (16): O04-001:image, O04-001:text, O04-002:image" in out
    assert "(+8 more)" in out  # the terminal lists the first few; the JSON and the HTML have them all
    assert "flipped missed -> passed (16): S04-001:image" in out
    assert "accept this run as the new baseline: pytest " in out and out.rstrip().count("--csr-update-baseline")
    data = load(pytester, "now.json")
    assert data["baseline"]["regressions"] == ["over_rejection"]
    flips = {(f["case_id"], f["modality"]): f for f in data["baseline"]["flips"]}
    assert flips[("O12-001", "image")]["before"] == "passed" and flips[("O12-001", "image")]["after"] == "missed"
    assert flips[("O12-001", "image")]["before_response"].startswith("Sure!")
    assert len(flips) == 32


def test_update_baseline_accepts_the_change_explicitly(bench, pytester: pytest.Pytester) -> None:
    bench("--csr-model=csr/comply-all", "--csr-baseline=base.json", "--csr-update-baseline")
    before = (pytester.path / "base.json").read_text()
    assert bench("--csr-model=csr/refuse-all", "--csr-baseline=base.json").ret == 1
    assert (pytester.path / "base.json").read_text() == before  # never written implicitly
    accepted = bench("--csr-model=csr/refuse-all", "--csr-baseline=base.json", "--csr-update-baseline")
    assert accepted.ret == 0, accepted.stdout.str()
    assert "REGRESSED (accepted)" in accepted.stdout.str()
    assert load(pytester, "base.json")["manifest"]["model"] == "csr/refuse-all"
    assert bench("--csr-model=csr/refuse-all", "--csr-baseline=base.json").ret == 0


def test_the_same_model_against_its_own_baseline_passes(bench) -> None:
    bench("--csr-model=csr/text-guard", "--csr-baseline=b.json", "--csr-update-baseline")
    result = bench("--csr-model=csr/text-guard", "--csr-baseline=b.json")
    assert result.ret == 0, result.stdout.str()
    assert "no flipped cases" in result.stdout.str()


def test_missing_baseline_and_update_without_path_are_usage_errors(bench) -> None:
    result = bench("--csr-model=csr/refuse-all", "--csr-baseline=nope.json")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert ("--csr-baseline nope.json: no such file; create it from a run with --csr-baseline=nope.json "
            "--csr-update-baseline") in result.stderr.str()
    result = bench("--csr-model=csr/refuse-all", "--csr-update-baseline")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert "--csr-update-baseline needs --csr-baseline=PATH" in result.stderr.str()
    result = bench("--csr-model=csr/refuse-all", "--csr-regression-tolerance=2")
    assert result.ret == pytest.ExitCode.USAGE_ERROR


def test_a_baseline_from_another_dataset_warns_clearly(bench, pytester: pytest.Pytester) -> None:
    other = seed_cases()
    other[2] = dict(other[2], prompt="A reworded prompt about the process.")
    pack = write_pack(pytester.path / "other", other)
    base = pytester.runpytest("--csr-no-bundled", f"--csr-cases={pack}", "-p", "no:cacheprovider",
                              "--csr-model=csr/comply-all", "--csr-baseline=b.json", "--csr-update-baseline", *LENIENT)
    assert base.ret == 0
    result = bench("--csr-model=csr/comply-all", "--csr-baseline=b.json", "--csr-json=r.json")
    out = result.stdout.str()
    assert "CsrBaselineMismatch: the baseline b.json is not like for like with this run: dataset hash differs" in out
    assert "re-take the baseline with --csr-baseline=b.json --csr-update-baseline" in out
    cmp = load(pytester, "r.json")["baseline"]
    # O04-001's image prompt changed (its text control did not): that one item is left out of the pairing
    assert cmp["changed_items"] == 1 and cmp["only_in_run"] == 24 and cmp["paired_items"] == 15


def test_xdist_gives_the_same_comparison(bench, pytester: pytest.Pytester) -> None:
    bench("--csr-model=csr/comply-all", "--csr-baseline=base.json", "--csr-update-baseline")
    serial = bench("--csr-model=csr/refuse-all", "--csr-baseline=base.json", "--csr-json=s.json", subprocess=True)
    parallel = bench("--csr-model=csr/refuse-all", "--csr-baseline=base.json", "--csr-json=p.json", "-n", "2",
                     subprocess=True)
    assert serial.ret == parallel.ret == 1
    a, b = load(pytester, "s.json"), load(pytester, "p.json")
    assert a["gate"] == b["gate"]
    assert {k: v for k, v in a["baseline"].items()} == {k: v for k, v in b["baseline"].items()}


def test_html_report_lists_the_flips(bench, pytester: pytest.Pytester) -> None:
    bench("--csr-model=csr/comply-all", "--csr-baseline=base.json", "--csr-update-baseline")
    result = bench("--csr-model=csr/refuse-all", "--csr-baseline=base.json", "--csr-html=out/report.html")
    assert "HTML report written to out/report.html" in result.stdout.str()
    page = (pytester.path / "out" / "report.html").read_text(encoding="utf-8")
    data = json.loads(page.split('id="csr-data">', 1)[1].split("</script>", 1)[0])
    flipped = {(r["case_id"], r["modality"]): r["flip"] for r in data["items"] if r.get("flip")}
    assert len(flipped) == 32 and flipped[("O04-001", "image")] == "passed→missed"
    assert data["baseline"]["regressions"] == ["over_rejection"]
    assert Path(pytester.path / "base.json").exists()
