"""Issue 14 item 7: bad images and options are found at load; an item that still fails mid-run is an ERROR
in the results and the error count, never missing from them."""

from __future__ import annotations

import json
import struct
import zlib
from pathlib import Path

import pytest

from pytest_csrbench.cases.errors import PackError
from pytest_csrbench.cases.sources import load_sources
from tests.packs import png_bytes, seed_cases, write_pack


def png_header(width: int, height: int, body: bytes = b"") -> bytes:
    """A PNG whose header claims width x height (the pixels are never there)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(ihdr)) + chunk + struct.pack(">I", zlib.crc32(chunk)) + body


def _problems(pack: Path) -> list:
    with pytest.raises(PackError) as info:
        load_sources([str(pack)], bundled=False)
    return info.value.problems


def test_bad_images_and_too_many_options_are_found_at_load(tmp_path: Path) -> None:
    cases = seed_cases()
    cases[0]["image"], cases[1]["image"] = "images/text.png", "images/bomb.png"
    cases[4]["options"] = [f"Person {n}" for n in range(8)] + ["Cannot be determined"]
    cases[4]["answer"] = "Cannot be determined"
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "text.png").write_bytes(b"this is not an image at all\n" * 10)
    (tmp_path / "images" / "bomb.png").write_bytes(png_header(20000, 20000))
    problems = _problems(write_pack(tmp_path, cases))
    found = {(p.case_id, p.field): p.message for p in problems}
    assert set(found) == {(cases[0]["id"], "image"), (cases[1]["id"], "image"), (cases[4]["id"], "options")}, found
    assert "not a PNG, JPEG or WebP image" in found[(cases[0]["id"], "image")]
    assert "20000x20000 pixels" in found[(cases[1]["id"], "image")]
    assert "at most 8 options" in found[(cases[4]["id"], "options")]
    assert all(p.file.endswith("pack.yaml") for p in problems)


def test_an_item_that_fails_mid_run_is_an_error_in_the_results(pytester: pytest.Pytester) -> None:
    """An image whose header is fine but whose pixels are not (it must be decoded to be downscaled)."""
    cases = seed_cases()
    pack = write_pack(pytester.path / "pack", cases)
    (pack.parent / "images" / f"{cases[0]['id']}.png").write_bytes(png_header(4000, 3000, body=png_bytes("x")[33:60]))
    result = pytester.runpytest("--csr-no-bundled", "--csr-cases=pack", "-p", "no:cacheprovider",
                                "--csr-model=csr/refuse-all", "--csr-json=r.json", "--csr-max-error-rate=1",
                                "--csr-fail-under=all=0", "--csr-fail-under=safety=0",
                                "--csr-fail-under=over_rejection=0", "--csr-fail-under=bias=0",
                                "--csr-fail-under=hallucination=0")
    data = json.loads((pytester.path / "r.json").read_text())
    assert len(data["items"]) == 16 and data["manifest"]["complete"] is True, result.stdout.str()
    broken = [i for i in data["items"] if i["case_id"] == cases[0]["id"] and i["modality"] == "image"]
    assert [i["outcome"] for i in broken] == ["error"] and broken[0]["error"]
    assert data["summary"]["totals"]["errors"] == 1
    assert "request not sent: OSError" in broken[0]["error"] and "Traceback" not in result.stdout.str()
    assert result.ret == 0, result.stdout.str()  # the gate decides (--csr-max-error-rate=1), not the crash
