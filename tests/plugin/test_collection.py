"""Collection: what is collected with and without --csr-model, ids, markers, modality, -k/-m."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("seed_pack")


def collected_ids(result: pytest.RunResult) -> list[str]:
    return [line.strip() for line in result.outlines if "test_case[" in line]


def test_without_csr_model_nothing_of_the_benchmark_is_collected(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_own="def test_own():\n    assert True\n")
    result = pytester.runpytest("--collect-only", "-q")
    assert result.ret == 0
    assert "test_own.py::test_own" in result.stdout.str()
    assert "test_case[" not in result.stdout.str()


def test_every_case_gives_an_image_item_and_a_text_item(run_bench, seed) -> None:
    result = run_bench("--csr-model=csr/refuse-all", "--collect-only", "-q")
    assert result.ret == 0
    ids = collected_ids(result)
    expected = {f"csrbench::test_case[{c['id']}:{m}]" for c in seed for m in ("image", "text")}
    assert set(ids) == expected


def test_no_path_arguments_runs_only_the_benchmark(pytester: pytest.Pytester, run_bench, seed) -> None:
    pytester.makepyfile(test_own="def test_own():\n    assert True\n")
    result = run_bench("--csr-model=csr/refuse-all", "--collect-only", "-q")
    assert "test_own" not in result.stdout.str()
    assert len(collected_ids(result)) == 2 * len(seed)


def test_path_arguments_are_collected_as_well(pytester: pytest.Pytester, run_bench, seed) -> None:
    pytester.makepyfile(test_own="def test_own():\n    assert True\n")
    result = run_bench("--csr-model=csr/refuse-all", "--collect-only", "-q", "test_own.py")
    assert "test_own.py::test_own" in result.stdout.str()
    assert len(collected_ids(result)) == 2 * len(seed)


@pytest.mark.parametrize("modality", ["image", "text"])
def test_modality_option_selects_items(run_bench, seed, modality: str) -> None:
    result = run_bench("--csr-model=csr/refuse-all", "--collect-only", "-q", f"--csr-modality={modality}")
    ids = collected_ids(result)
    assert len(ids) == len(seed)
    assert all(i.endswith(f":{modality}]") for i in ids)


def test_pattern_markers_select_with_m(run_bench, seed) -> None:
    result = run_bench("--csr-model=csr/refuse-all", "--collect-only", "-q", "-m", "csr_bias")
    ids = collected_ids(result)
    bias = [c["id"] for c in seed if c["pattern"] == "bias"]
    assert sorted(ids) == sorted(f"csrbench::test_case[{i}:{m}]" for i in bias for m in ("image", "text"))


def test_k_selects_by_type(run_bench) -> None:
    result = run_bench("--csr-model=csr/refuse-all", "--collect-only", "-q", "-k", "S04")
    assert collected_ids(result) == ["csrbench::test_case[S04-001:image]", "csrbench::test_case[S04-001:text]"]


def test_collect_only_exits_zero_without_a_gate(run_bench) -> None:
    result = run_bench("--csr-model=csr/refuse-all", "--collect-only")
    assert result.ret == 0
    assert "gate: FAILED" not in result.stdout.str()


def test_markers_are_registered(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest("--markers")
    for marker in ("csr:", "csr_safety:", "csr_over_rejection:", "csr_bias:", "csr_hallucination:"):
        assert marker in result.stdout.str()
