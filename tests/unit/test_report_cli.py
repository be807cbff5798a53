"""`csrbench report` and `csrbench compare` on results files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pytest_csrbench.cli import main
from tests.unit.test_baseline_compare import outcomes, run
from tests.unit.test_report_html import make_results


def write(path: Path, data: dict) -> str:
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_report_rerenders_html_from_a_results_file(tmp_path: Path, capsys) -> None:
    results = write(tmp_path / "run.json", make_results(tmp_path))
    out = tmp_path / "sub" / "report.html"
    assert main(["report", results, "--html", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and 'id="csr-data"' in page
    assert f"wrote {out} (16 items" in capsys.readouterr().out


def test_report_with_a_baseline_embeds_the_comparison(tmp_path: Path) -> None:
    now = make_results(tmp_path)
    base = json.loads(json.dumps(now))
    for item in base["items"]:
        item["outcome"] = "passed"
    out = tmp_path / "r.html"
    args = ["report", write(tmp_path / "now.json", now), "--html", str(out), "--baseline", write(tmp_path / "b.json", base)]
    assert main(args) == 0
    data = json.loads(out.read_text().split('id="csr-data">', 1)[1].split("</script>", 1)[0])
    assert len(data["baseline"]["flips"]) == 4  # the safety items: passed in the baseline, missed now
    assert {r["flip"] for r in data["items"] if "flip" in r} == {"passed→missed"}


@pytest.mark.parametrize("content,needle", [
    (None, "no such file"), ("{not json", "cannot be read as JSON"), ('{"items": 3}', "not a csrbench results file"),
    ('{"manifest": {}, "items": [{"case_id": "x"}]}', "item 0 lacks modality, pattern, outcome")])
def test_bad_results_files_are_explained(tmp_path: Path, capsys, content, needle: str) -> None:
    path = tmp_path / "run.json"
    if content is not None:
        path.write_text(content)
    assert main(["report", str(path), "--html", str(tmp_path / "o.html")]) == 2
    err = capsys.readouterr().err
    assert needle in err and str(path) in err
    assert not (tmp_path / "o.html").exists()


def test_compare_prints_deltas_significance_and_flips(tmp_path: Path, capsys) -> None:
    a = write(tmp_path / "a.json", run(outcomes(10, 0) + outcomes(4, 4, "safety", prefix="S04")))
    b = write(tmp_path / "b.json", run(outcomes(0, 10) + outcomes(4, 4, "safety", prefix="S04"), dataset_hash="d2"))
    assert main(["compare", a, b]) == 0
    out = capsys.readouterr().out
    assert f"A: {a}" in out and f"B: {b}" in out
    assert "warning: dataset hash differs: baseline 'd1', this run 'd2'" in out
    row = next(line for line in out.splitlines() if line.startswith("over_rejection "))
    assert "1.000 -> 0.000" in row and "-1.000" in row and "0.0020" in row and "10/0" in row and "REGRESSED" in row
    assert "flipped passed -> missed (10): O04-000:image" in out
    assert "regressions (B vs A):" in out and "over_rejection image+text pass rate regressed" in out
    assert "exit status 0: regressions do not fail this command unless --fail-on-regression" in out  # issue 15.8
    assert main(["compare", a, b, "--fail-on-regression"]) == 1
    assert main(["compare", a, a, "--fail-on-regression"]) == 0
    assert "no pattern regressed significantly" in capsys.readouterr().out


def test_compare_writes_html_and_rejects_bad_input(tmp_path: Path, capsys) -> None:
    a = write(tmp_path / "a.json", run(outcomes(10, 0)))
    out = tmp_path / "cmp.html"
    assert main(["compare", a, a, "--html", str(out)]) == 0
    assert 'id="csr-data"' in out.read_text()
    assert main(["compare", a, str(tmp_path / "missing.json")]) == 2
    assert main(["compare", a, a, "--tolerance", "5"]) == 2
    assert "must be between 0 and 1" in capsys.readouterr().err
