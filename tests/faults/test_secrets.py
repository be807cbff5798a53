"""Issue 14 item 6: credentials in --csr-api-base are written nowhere (manifest, HTML, suggested command)."""

from __future__ import annotations

from pathlib import Path

from pytest_csrbench.models.redact import redact, redact_args, redact_url
from pytest_csrbench.testing.server import LoopbackServer

from .runs import bench, results, text

SECRET = "s3cr3t-pa55"


def test_credentials_in_the_api_base_are_written_nowhere(tmp_path: Path) -> None:
    with LoopbackServer() as srv:
        base = srv.api_base.replace("http://", f"http://alice:{SECRET}@")
        proc = bench(tmp_path, base, "--csr-retries=0")
    out = text(proc)
    assert proc.returncode == 0, out
    assert "--csr-update-baseline" in out  # the suggested command is shown ...
    data = results(tmp_path)
    assert data["manifest"]["api_base"] == srv.api_base  # ... and the manifest keeps the host
    for name in ("r.json", "r.html", "j.xml"):
        assert SECRET not in (tmp_path / name).read_text(encoding="utf-8"), name
    assert SECRET not in out and "alice" not in out


def test_secret_query_parameters_and_userinfo_are_stripped() -> None:
    url = f"https://bob:{SECRET}@llm.example.test/v1?api-version=2024-06-01&api-key={SECRET}&sig={SECRET}"
    assert redact_url(url) == "https://llm.example.test/v1?api-version=2024-06-01"
    assert redact_args(["-x", f"--csr-api-base={url}"]) == ("-x", "--csr-api-base=" + redact_url(url))
    assert SECRET not in redact(f"APIConnectionError: cannot reach {url}: refused")
