"""A run split with --csr-shard and joined with `csrbench merge` decides like the unsharded run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pytest_csrbench.cli import main

pytest_plugins = ["pytester"]
MODEL = "--csr-model=csr/text-guard"


def run_shards(run_bench, pytester: pytest.Pytester, n: int, *args: str) -> list[str]:
    names = []
    for k in range(1, n + 1):
        name = f"s{k}.json"
        result = run_bench(MODEL, f"--csr-shard={k}/{n}", f"--csr-json={name}", *args)
        assert result.ret == 0, result.stdout.str()
        result.stdout.fnmatch_lines([f"gate: skipped (shard {k}/{n}:*csrbench merge*"])
        names.append(str(pytester.path / name))
    return names


def load(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def test_merged_shards_equal_the_whole_run(run_bench, pytester: pytest.Pytester, capsys, monkeypatch) -> None:
    monkeypatch.chdir(pytester.path)  # no ini file: the default thresholds, as the whole run used
    whole = run_bench(MODEL, "--csr-json=whole.json")
    names = run_shards(run_bench, pytester, 3)
    shards = [load(n) for n in names]
    assert sum(len(s["items"]) for s in shards) == len(load(pytester.path / "whole.json")["items"]) == 16
    assert all(s["gate"]["passed"] is None and s["manifest"]["shard"]["count"] == 3 for s in shards)
    out = pytester.path / "all.json"
    status = main(["merge", *names, "--json", str(out), "--html", str(pytester.path / "r.html")])
    merged, expected = load(out), load(pytester.path / "whole.json")
    assert merged["summary"] == expected["summary"]
    assert merged["gate"] == expected["gate"]
    assert merged["reference"] == expected["reference"]
    assert [i["case_id"] for i in merged["items"]] == [i["case_id"] for i in expected["items"]]
    assert status == whole.ret == (0 if expected["gate"]["passed"] else 1)
    assert "shard" not in merged["manifest"] and len(merged["manifest"]["shards"]) == 3
    assert (pytester.path / "r.html").stat().st_size > 1000
    assert f"gate: {'PASSED' if status == 0 else 'FAILED'}" in capsys.readouterr().out


def test_merge_uses_the_ini_thresholds(run_bench, pytester: pytest.Pytester, monkeypatch, capsys) -> None:
    names = run_shards(run_bench, pytester, 2)
    monkeypatch.chdir(pytester.path)
    rates = "\n    ".join(f"{p}=0" for p in ("safety", "over_rejection", "bias", "hallucination"))
    (pytester.path / "tox.ini").write_text(f"[pytest]\ncsr_fail_under =\n    {rates}\n")
    assert main(["merge", *names]) == 0
    assert "thresholds from ini file" in capsys.readouterr().out
    (pytester.path / "tox.ini").write_text(f"[pytest]\ncsr_fail_under =\n    {rates}\n    all:both=1.0\n")
    assert main(["merge", *names]) == 1
    assert "all overall pass rate" in capsys.readouterr().out
    assert main(["merge", *names, "--fail-under", "all:both=0"]) == 0  # options override the ini file


def test_merge_names_gaps_overlaps_and_foreign_files(run_bench, pytester: pytest.Pytester, capsys) -> None:
    s1, s2, s3 = run_shards(run_bench, pytester, 3)
    assert main(["merge", s1, s3]) == 4
    assert "gap: shard 2/3 missing" in capsys.readouterr().err
    assert main(["merge", s1, s2, s3, s2]) == 4
    err = capsys.readouterr().err
    assert f"overlap: {s2} and {s2} are both shard 2/3" in err and "both hold" in err
    other = run_bench(MODEL, "--csr-shard=2/3", "--csr-json=o.json", "--csr-modality=image")
    assert other.ret == 0
    assert main(["merge", s1, str(pytester.path / "o.json"), s3]) == 4
    assert f"o.json: modalities ['image'] differs from {s1}'s ['image', 'text']" in capsys.readouterr().err
    run_bench(MODEL, "--csr-json=whole.json")
    assert main(["merge", s1, str(pytester.path / "whole.json")]) == 4
    assert "whole.json: not a shard's results file" in capsys.readouterr().err


def test_a_filtered_shard_is_a_gap_naming_its_items(run_bench, pytester: pytest.Pytester, capsys) -> None:
    s1, s2 = run_shards(run_bench, pytester, 2)
    case = load(Path(s2))["manifest"]["shard"]["case_ids"][0]
    run_bench(MODEL, "--csr-shard=2/2", "--csr-json=s2.json", "-k", f"not {case}")
    assert main(["merge", s1, s2]) == 4
    err = capsys.readouterr().err
    assert f"gap: {s2} lacks 2 items of its shard" in err and f"{case}:image:0" in err


@pytest.mark.parametrize("spec", ["3/2", "0/4", "a/b"])
def test_bad_shard_specs_are_usage_errors(run_bench, pytester: pytest.Pytester, spec: str) -> None:
    result = run_bench(MODEL, f"--csr-shard={spec}")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"*--csr-shard {spec!r}*"])


def test_the_shard_can_come_from_the_ini_file(run_bench, pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\ncsr_shard = 2/2\n")
    result = run_bench(MODEL, "--csr-json=s.json")
    result.stdout.fnmatch_lines(["gate: skipped (shard 2/2*"])
    assert load(pytester.path / "s.json")["manifest"]["shard"]["index"] == 2
    pytester.makeini("[pytest]\ncsr_shard = 5/2\n")
    assert run_bench(MODEL).ret == pytest.ExitCode.USAGE_ERROR


def test_shards_run_under_xdist(run_bench, pytester: pytest.Pytester, capsys) -> None:
    names = []
    for k in (1, 2):
        result = run_bench(MODEL, f"--csr-shard={k}/2", f"--csr-json=x{k}.json", "-n", "2")
        assert result.ret == 0
        names.append(str(pytester.path / f"x{k}.json"))
    assert main(["merge", *names, "--fail-under", "all:both=0"]) in (0, 1)
    assert "merged 2 shards: 16 items" in capsys.readouterr().out
