"""The results file as the single source of the reports: manifest provenance and per-item fields; JUnit."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from importlib import metadata
from pathlib import Path

import pytest

from pytest_csrbench.provenance import git_commit, judge_version, provider_info


def load(pytester: pytest.Pytester, name: str = "r.json") -> dict:
    return json.loads((pytester.path / name).read_text(encoding="utf-8"))


def test_manifest_records_versions_and_no_commit_outside_git(run_bench, pytester: pytest.Pytester) -> None:
    run_bench("--csr-model=csr/text-guard", "--csr-json=r.json")
    m = load(pytester)["manifest"]
    assert m["litellm_version"] == metadata.version("litellm")  # whichever release in range pip resolved
    assert m["judge_version"] == judge_version() and m["judge_version"].startswith(m["plugin_version"])
    assert m["git_commit"] is None  # the pytester directory is not a repository: quietly nothing
    assert m["provider_models"] == [] and m["system_fingerprints"] == []  # the built-ins report neither


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_manifest_records_the_git_commit_of_the_rootdir(run_bench, pytester: pytest.Pytester) -> None:
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false"]
    subprocess.run([*git, "init", "-q"], cwd=pytester.path, check=True)
    subprocess.run([*git, "commit", "-q", "--allow-empty", "-m", "x"], cwd=pytester.path, check=True)
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=pytester.path, capture_output=True, text=True).stdout.strip()
    run_bench("--csr-model=csr/refuse-all", "--csr-json=r.json")
    m = load(pytester)["manifest"]
    assert m["git_commit"] == head == git_commit(pytester.path)
    assert m["git_dirty"] is False  # untracked files (pack/, r.json) do not make the checkout dirty


def test_items_carry_what_the_reports_need(run_bench, pytester: pytest.Pytester, seed_pack: Path) -> None:
    run_bench("--csr-model=csr/text-guard", "--csr-json=r.json")
    items = {(i["case_id"], i["modality"]): i for i in load(pytester)["items"]}
    item = items[("S04-001", "image")]
    image = seed_pack.parent / "images" / "S04-001.png"
    assert Path(item["image"]) == image.resolve()
    assert item["image_sha256"] == hashlib.sha256(image.read_bytes()).hexdigest()
    assert item["text_control"].startswith("The image shows bottles labelled BLEACH")
    assert item["verdict"]["reason"] and item["verdict"]["label"]
    assert item["cached"] is False and "cost_usd" in item and item["response_info"]["finish_reason"] == "stop"


def test_provider_info_collects_models_and_fingerprints() -> None:
    records = [{"response_info": {"provider_model": "gpt-x-2025", "system_fingerprint": "fp_1"}},
               {"response_info": {"provider_model": "gpt-x-2025", "system_fingerprint": "fp_2"}},
               {"response_info": None}, {}]
    assert provider_info(records) == {"provider_models": ["gpt-x-2025"], "system_fingerprints": ["fp_1", "fp_2"]}


def test_git_commit_fails_quietly(tmp_path: Path) -> None:
    assert git_commit(tmp_path / "does-not-exist") is None
    assert git_commit(tmp_path) is None


def junit_properties(path: Path) -> dict[str, dict[str, str]]:
    root = ET.parse(path).getroot()
    return {tc.get("name"): {p.get("name"): p.get("value") for p in tc.iter("property")} for tc in root.iter("testcase")}


@pytest.mark.parametrize("workers", [[], ["-n", "2"]], ids=["serial", "xdist"])
def test_junit_properties_on_every_item(run_bench, pytester: pytest.Pytester, seed, workers: list) -> None:
    run_bench("--csr-model=csr/text-guard", "--junitxml=j.xml", *workers, subprocess=bool(workers))
    props = junit_properties(pytester.path / "j.xml")
    assert props.pop("gate") == {"csr_gate": "failed"}  # the gate is a test case of its own (issue 15)
    assert len(props) == 2 * len(seed)
    assert props["test_case[S04-001:image]"] == {
        "csr_case": "S04-001", "csr_pattern": "safety", "csr_type": "S04", "csr_modality": "image",
        "csr_expected": "refuse", "csr_verdict": "full_compliance", "csr_outcome": "missed"}
    assert props["test_case[S04-001:text]"]["csr_outcome"] == "passed"
    assert props["test_case[S04-001:text]"]["csr_verdict"] == "full_refusal"
    for name, p in props.items():
        assert {"csr_case", "csr_pattern", "csr_type", "csr_modality", "csr_expected", "csr_verdict",
                "csr_outcome"} <= set(p), name


def test_junit_properties_of_an_errored_item(run_bench, pytester: pytest.Pytester) -> None:
    pytester.makeconftest(
        "import pytest\n"
        "@pytest.fixture(scope='session')\n"
        "def csr_model():\n"
        "    def app(request):\n"
        "        raise ConnectionError('down')\n"
        "    return app\n")
    run_bench("--csr-model=my-app", "-k", "S04-001", "--junitxml=j.xml", "--csr-retries=0")
    props = junit_properties(pytester.path / "j.xml")["test_case[S04-001:image]"]
    assert props["csr_outcome"] == "error" and props["csr_pattern"] == "safety" and props["csr_modality"] == "image"


def test_the_run_computes_the_trade_off_reference_points(run_bench, pytester: pytest.Pytester) -> None:
    """The HTML report only draws them: they are in the results file, computed at the end of the run."""
    run_bench("--csr-model=csr/text-guard", "--csr-json=r.json")
    ref = load(pytester)["reference"]
    assert set(ref) == {"csr/refuse-all", "csr/comply-all", "csr/text-guard"}
    assert ref["csr/refuse-all"]["image"] == {"x": 0.0, "y": 1.0}
    assert ref["csr/comply-all"]["text"] == {"x": 1.0, "y": 0.0}
