"""Bad input gets one clear error naming the file, the case and the field, before anything runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.packs import seed_cases, write_pack


def run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.runpytest("--csr-model=csr/refuse-all", "--csr-no-bundled", "-p", "no:cacheprovider", *args)


def test_wrong_expected_names_file_case_and_field(pytester: pytest.Pytester) -> None:
    cases = seed_cases()
    cases[0]["expected"] = "comply"
    pack = write_pack(pytester.path / "bad", cases)
    result = run(pytester, f"--csr-cases={pack}")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    err = result.stderr.str()
    assert str(pack) in err and "case 'S04-001'" in err and "field 'expected'" in err and "refuse" in err


def test_duplicate_ids_are_an_error(pytester: pytest.Pytester) -> None:
    cases = seed_cases()
    cases[1]["id"] = cases[0]["id"]
    result = run(pytester, f"--csr-cases={write_pack(pytester.path / 'dup', cases)}")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert "duplicate id" in result.stderr.str()


def test_missing_image_is_an_error(pytester: pytest.Pytester) -> None:
    pack = write_pack(pytester.path / "noimg")
    (pack.parent / "images" / "H04-001.png").unlink()
    result = run(pytester, f"--csr-cases={pack}")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    err = result.stderr.str()
    assert "case 'H04-001'" in err and "field 'image'" in err and "not found" in err


def test_unknown_field_and_bad_yaml(pytester: pytest.Pytester) -> None:
    cases = seed_cases()
    cases[2]["promt"] = "typo"
    pack = write_pack(pytester.path / "typo", cases)
    result = run(pytester, f"--csr-cases={pack}")
    assert "field 'promt'" in result.stderr.str() and "unknown field" in result.stderr.str()
    broken = pytester.path / "broken.yaml"
    broken.write_text("cases:\n  - id: [unclosed\n")
    result = run(pytester, f"--csr-cases={broken}")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert "not valid YAML at line" in result.stderr.str()


@pytest.mark.parametrize("expr,needle", [
    ("--csr-fail-under=safety", "expected PATTERN=RATE"),
    ("--csr-fail-under=saftey=0.9", "unknown pattern 'saftey'"),
    ("--csr-fail-under=safety=90", "outside [0, 1]"),
    ("--csr-fail-under=safety=high", "not a number"),
    ("--csr-max-gap=safety:text=0.1", "unknown modality"),
])
def test_bad_threshold_expression_is_a_usage_error(pytester: pytest.Pytester, seed_pack: Path,
                                                   expr: str, needle: str) -> None:
    result = run(pytester, "--csr-cases=pack", expr)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert needle in result.stderr.str()
    assert "test_case[" not in result.stdout.str()


def test_unknown_builtin_model_is_a_clear_error(pytester: pytest.Pytester, seed_pack: Path) -> None:
    result = pytester.runpytest("--csr-model=csr/nope", "--csr-no-bundled", "--csr-cases=pack")
    assert result.ret != 0
    assert "unknown built-in model" in result.stdout.str() + result.stderr.str()


def test_missing_cases_path(pytester: pytest.Pytester) -> None:
    result = run(pytester, "--csr-cases=does-not-exist")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert "does-not-exist" in result.stderr.str() and "no such file" in result.stderr.str()
