"""`csrbench download msts PATH` against a loopback HTTP server (127.0.0.1 only) serving drawn images."""

from __future__ import annotations

import csv
import io
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from PIL import Image

from pytest_csrbench.cases.sources import load_sources
from pytest_csrbench.cli import main as cli
from tests.msts_copy import IMAGE_HEADER, write_csv, write_msts
from tests.packs import png_bytes


def jpeg_bytes() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (30, 20), "blue").save(buf, format="JPEG")
    return buf.getvalue()


def gif_bytes() -> bytes:
    buf = io.BytesIO()
    Image.new("P", (10, 10), 3).save(buf, format="GIF")
    return buf.getvalue()


BODIES = {"/a.png": png_bytes("a"), "/b.jpg": jpeg_bytes(), "/c.gif": gif_bytes(),
          "/page": b"<!doctype html><html><body>moved</body></html>"}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    seen: list = []

    def do_GET(self) -> None:  # noqa: N802
        Handler.seen.append((self.path, self.headers.get("User-Agent")))
        body = BODIES.get(self.path)
        self.send_response(200 if body is not None else 404)
        body = body if body is not None else b"not found"
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    Handler.seen = []
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def closed_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listing(root: Path, base: str) -> None:
    rows = [["case_0001", "unsafe_image_0001", "Brick", f"{base}/a.png", "CC0", "NA"],
            ["case_0002", "unsafe_image_0002", "Gadget", f"{base}/b.jpg", "CC BY 2.0", "NA"],
            ["case_0003", "unsafe_image_0003", "Cans", f"{base}/c.gif", "Public domain", "NA"],
            ["case_0004", "unsafe_image_0004", "Gone", f"{base}/gone.png", "CC0", "NA"],
            ["case_0005", "unsafe_image_0005", "Page", f"{base}/page", "CC0", "NA"],
            ["case_0006", "unsafe_image_0006", "Nowhere", f"http://127.0.0.1:{closed_port()}/x.png", "CC0", "NA"],
            ["case_0007", "unsafe_image_0007", "No licence", f"{base}/a.png", "", "NA"]]
    write_csv(root / "data" / "images" / "unsafe_images.csv", IMAGE_HEADER, rows)


def licences(root: Path) -> dict[str, dict]:
    with (root / "data" / "unsafe_images" / "licenses.csv").open(newline="") as fh:
        return {r["unsafe_image_id"]: r for r in csv.DictReader(fh)}


def test_download_saves_pictures_keeps_licences_and_lists_every_failure(tmp_path: Path, server: str, capsys) -> None:
    root = write_msts(tmp_path, images=False)
    listing(root, server)
    assert cli(["download", "msts", str(root), "--timeout", "5"]) == 1
    out, err = capsys.readouterr()
    folder = root / "data" / "unsafe_images"
    assert (folder / "unsafe_image_0001.png").read_bytes() == BODIES["/a.png"]
    assert (folder / "unsafe_image_0002.jpg").read_bytes() == BODIES["/b.jpg"]
    with Image.open(folder / "unsafe_image_0003.png") as img:  # a GIF is re-encoded as PNG
        assert img.format == "PNG" and img.size == (10, 10)
    assert not any(folder.glob("unsafe_image_000[4-7].*"))
    assert "unsafe_image_0004: failed: HTTP 404" in err
    assert "unsafe_image_0005: failed: the response is not a picture (starts with '<!doctype html>" in err
    assert "unsafe_image_0006: failed: cannot connect" in err
    assert "unsafe_image_0007: unlicensed: no licence listed, not fetched" in err
    assert "3 fetched, 0 already present, 4 missing" in out
    rows = licences(root)
    assert rows["unsafe_image_0002"]["unsafe_image_license"] == "CC BY 2.0"
    assert rows["unsafe_image_0002"]["file"] == "unsafe_image_0002.jpg" and rows["unsafe_image_0002"]["status"] == "ok"
    assert len(rows["unsafe_image_0001"]["sha256"]) == 64 and rows["unsafe_image_0004"]["file"] == ""
    assert all(agent.startswith("pytest-csrbench-download/") for _, agent in Handler.seen)
    assert sum(p == "/a.png" for p, _ in Handler.seen) == 1  # the unlicensed copy of a.png is not fetched


def test_second_run_keeps_what_is_there_unless_forced(tmp_path: Path, server: str, capsys) -> None:
    root = write_msts(tmp_path, images=False)
    write_csv(root / "data" / "images" / "unsafe_images.csv", IMAGE_HEADER,
              [[f"case_000{n}", f"unsafe_image_000{n}", "x", f"{server}/a.png", "CC0", "NA"] for n in (1, 2, 3)])
    assert cli(["download", "msts", str(root)]) == 0
    assert cli(["download", "msts", str(root)]) == 0
    assert "0 fetched, 3 already present, 0 missing" in capsys.readouterr().out
    assert len(Handler.seen) == 3
    assert cli(["download", "msts", str(root), "--force"]) == 0 and len(Handler.seen) == 6
    assert licences(root)["unsafe_image_0003"]["status"] == "ok"
    assert len(load_sources([f"msts:{root}"], bundled=False)) == 6  # the loader finds what download saved


def test_download_without_a_listing(tmp_path: Path, capsys) -> None:
    assert cli(["download", "msts", str(tmp_path)]) == 2
    assert "unsafe_images.csv: file not found" in capsys.readouterr().err
