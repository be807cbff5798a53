"""Speed, memory and duplicate-call measurements of pytest-csrbench, as ratios from one run.

Every measurement is a real `pytest` subprocess running the full benchmark through the plugin against a
loopback OpenAI-compatible server (pytest_csrbench.testing.server) living in this process:

    python benchmarks/run_benchmarks.py                     # the bundled benchmark
    python benchmarks/run_benchmarks.py --cases DIR         # any pack directory (run with --csr-no-bundled)
    python benchmarks/run_benchmarks.py --synthetic 600     # a generated pack of 600 cases (1,200 items)

It prints one table and writes it to benchmarks/RESULTS.md (--out). Targets: cold run after
start-up <= 1.1x ceil(calls/16) x 0.5 s; client-bound run <= 1.15x a bare litellm loop; cached re-run
<= 1.3x a built-in offline model's run and zero requests; --collect-only <= 1.5x plain pytest collecting as
many trivial cases, without importing litellm; peak memory < 400 MB; zero duplicate requests with and
without -n 2; a dead endpoint finishes in < 30 s with every item ERROR.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from pytest_csrbench.testing.server import Behaviour, LoopbackServer  # noqa: E402

MODEL = "openai/csrbench-bench"
PROBE = ("import resource, sys\n\n\ndef pytest_unconfigure(config):\n"
         "    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
         "    sys.stdout.write('\\nCSR_PROBE litellm_imported=%s rss_self_mb=%.1f\\n' % ('litellm' in sys.modules, rss))\n")
LENIENT = ["--csr-max-error-rate=1"]


@dataclass
class Child:
    wall: float
    rc: int
    maxrss_mb: float
    out: str
    started: float = 0.0  # epoch seconds, for the server's request timestamps
    requests: int = 0
    unique: int = 0
    first_request: Optional[float] = None  # seconds after the child started
    last_request: Optional[float] = None
    data: dict = field(default_factory=dict)


def run_child(cmd: list[str], cwd: Path, env: Optional[dict] = None) -> Child:
    """Run a subprocess; wall time and its own peak RSS (os.wait4)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(cwd.parent), str(HERE), str(REPO)]), **(env or {})}
    with tempfile.TemporaryFile() as out:
        started = time.time()
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode(errors="replace")
    return Child(wall, proc.returncode, usage.ru_maxrss / 1024, text, started)


class Bench:
    def __init__(self, args: argparse.Namespace, work: Path):
        self.args = args
        self.work = work
        self.server = LoopbackServer(Behaviour(seed=1)).start()
        self.case_args = ["--csr-no-bundled", f"--csr-cases={args.cases}"] if args.cases else []
        self.rows: list[tuple[str, str, str, str, str, str]] = []
        self.facts: dict[str, float] = {}

    def behave(self, latency: float) -> None:
        a = self.args
        self.server.behaviour = Behaviour(latency=latency, jitter=a.jitter, error_rate=a.error_rate,
                                          rate_limit_rate=a.rate_limit_rate, retry_after=a.retry_after, seed=1)
        with self.server.state.lock:
            self.server.state.requests.clear()

    def counted(self, child: Child) -> Child:
        with self.server.state.lock:
            stamps = [r.at - child.started for r in self.server.state.requests]
        child.requests = len(stamps)
        child.unique = self.server.state.unique_requests
        if stamps:
            child.first_request, child.last_request = min(stamps), max(stamps)
        return child

    def pytest(self, name: str, *extra: str, model: str = MODEL, api_base: Optional[str] = None) -> Child:
        cwd = self.work / name
        cwd.mkdir(parents=True, exist_ok=True)
        json_path = cwd / "results.json"
        cmd = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "_csr_probe", "-q", f"--csr-model={model}",
               *self.case_args, *LENIENT, f"--csr-json={json_path}", *extra]
        if api_base:
            cmd.append(f"--csr-api-base={api_base}")
        child = run_child(cmd, cwd)
        if json_path.exists():
            child.data = json.loads(json_path.read_text())
        return child

    def row(self, what: str, value: str, reference: str, ratio: Optional[float], target: str, ok: bool) -> None:
        self.rows.append((what, value, reference, "" if ratio is None else f"{ratio:.2f}x", target,
                          "yes" if ok else "NO"))
        print(f"  {what}: {value} | {reference} | {target} | {'ok' if ok else 'MISSED'}", flush=True)


def trivial_collect(work: Path, n: int) -> Child:
    d = work / "trivial"
    d.mkdir(parents=True, exist_ok=True)
    (d / "test_trivial.py").write_text("import pytest\n\n\n@pytest.mark.parametrize('i', range(%d))\n"
                                       "def test_trivial(i):\n    pass\n" % n)
    return run_child([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "--collect-only"], d)


def dead_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed when this returns: connections are refused


def outcomes(child: Child) -> dict[str, int]:
    counts: dict[str, int] = {}
    for item in child.data.get("items", []):
        counts[item["outcome"]] = counts.get(item["outcome"], 0) + 1
    return counts


def measure(b: Bench) -> None:
    a = b.args
    api = b.server.api_base
    print("collect-only ...", flush=True)
    (b.work / "_csr_probe.py").write_text(PROBE)  # every pytest run reports its own peak memory with it
    collect = b.pytest("collect", "--collect-only")
    items = sum(1 for line in collect.out.splitlines() if "test_case[" in line)
    b.facts["items"] = items
    plain = trivial_collect(b.work, items)
    for _ in range(a.repeats - 1):  # short runs: the best of several, alternating, as timeit does
        collect = min(collect, b.pytest("collect", "--collect-only"), key=lambda c: c.wall)
        plain = min(plain, trivial_collect(b.work, items), key=lambda c: c.wall)
    no_import = "litellm_imported=False" in collect.out
    b.row("--collect-only, litellm model", f"{collect.wall:.2f} s ({items} items; best of {a.repeats})",
          f"plain pytest, {items} trivial cases: {plain.wall:.2f} s (best of {a.repeats})", collect.wall / plain.wall,
          "<= 1.5x, litellm not imported", collect.wall / plain.wall <= 1.5 and no_import and items > 0)
    b.row("litellm imported by --collect-only", str(not no_import), "", None, "False", no_import)
    startup = collect.wall

    print(f"cold run: latency {a.latency} s, concurrency {a.concurrency} ...", flush=True)
    b.behave(a.latency)
    cache = b.work / "cache-cold"
    cold = b.counted(b.pytest("cold", f"--csr-concurrency={a.concurrency}", f"--csr-cache-dir={cache}",
                              api_base=api))
    calls = len(cold.data.get("items", []))
    ideal = math.ceil(calls / a.concurrency) * a.latency
    after = cold.wall - startup
    b.row(f"cold run, {calls} calls, {a.latency} s latency, concurrency {a.concurrency}",
          f"{cold.wall:.2f} s wall, {after:.2f} s after start-up+collection",
          f"ideal ceil({calls}/{a.concurrency}) x {a.latency} s = {ideal:.2f} s", after / ideal,
          "<= 1.1x", after / ideal <= 1.1)
    if cold.first_request is not None:
        span = cold.last_request + a.latency - cold.first_request
        b.row("cold run: call phase (first request to last response)",
              f"{span:.2f} s; first request {cold.first_request:.2f} s after launch (start-up, collection, "
              "import litellm)", f"ideal {ideal:.2f} s", span / ideal, "(breakdown)", True)
    b.row("requests vs unique requests (no xdist)", f"{cold.requests} / {cold.unique}", f"{calls} items",
          None, "no duplicates", cold.requests == cold.unique == calls or a.error_rate + a.rate_limit_rate > 0)

    print("cached re-run and built-in baseline ...", flush=True)
    b.behave(a.latency)
    warm = b.counted(b.pytest("cold", f"--csr-concurrency={a.concurrency}", f"--csr-cache-dir={cache}",
                              api_base=api))
    builtin = b.pytest("builtin", model="csr/text-guard")
    hits = warm.data.get("manifest", {}).get("cache", {}).get("hits")
    b.row("cached re-run", f"{warm.wall:.2f} s, {warm.requests} requests, {hits} cache hits",
          f"csr/text-guard run: {builtin.wall:.2f} s", warm.wall / builtin.wall, "<= 1.3x, 0 requests",
          warm.wall / builtin.wall <= 1.3 and warm.requests == 0)

    print("cold run under -n 2 ...", flush=True)
    b.behave(a.latency)
    xd = b.counted(b.pytest("xdist", "-n", "2", f"--csr-concurrency={a.concurrency}",
                            f"--csr-cache-dir={b.work / 'cache-xdist'}", api_base=api))
    b.row("requests vs unique requests (-n 2)", f"{xd.requests} / {xd.unique}",
          f"{len(xd.data.get('items', []))} items", None, "no duplicates",
          xd.requests == xd.unique == calls or a.error_rate + a.rate_limit_rate > 0)
    b.row("cold run under -n 2", f"{xd.wall:.2f} s", f"without xdist: {cold.wall:.2f} s", xd.wall / cold.wall,
          "not slower (<= 1.1x)", xd.wall / cold.wall <= 1.1)

    print(f"client-bound: latency {a.client_latency} s, concurrency {a.client_concurrency} ...", flush=True)
    b.behave(a.client_latency)
    client = b.pytest("client", f"--csr-concurrency={a.client_concurrency}", "--csr-no-cache", api_base=api)
    b.behave(a.client_latency)
    bare_cmd = [sys.executable, str(HERE / "bare_litellm.py"), "--api-base", api,
                "--concurrency", str(a.client_concurrency)] + (["--cases", a.cases] if a.cases else [])
    bare = run_child(bare_cmd, b.work)
    bare_s = bare.wall - json.loads(bare.out.strip().splitlines()[-1])["before_import_s"]
    client_after = client.wall - startup
    b.row(f"client-bound run, {a.client_latency} s latency, concurrency {a.client_concurrency}",
          f"{client.wall:.2f} s wall, {client_after:.2f} s after start-up+collection",
          f"bare litellm acompletion loop (import, loop, exit): {bare_s:.2f} s", client_after / bare_s, "<= 1.15x",
          client_after / bare_s <= 1.15)

    print("dead endpoint ...", flush=True)
    dead = b.pytest("dead", f"--csr-concurrency={a.concurrency}", "--csr-no-cache",
                    api_base=f"http://127.0.0.1:{dead_port()}/v1")
    errs = outcomes(dead).get("error", 0)
    b.row("dead endpoint (connection refused)", f"{dead.wall:.2f} s, {errs} of {len(dead.data.get('items', []))} "
          "items ERROR", "", None, "< 30 s, every item ERROR", dead.wall < 30 and errs == calls)

    runs = (collect, cold, warm, builtin, client, dead)
    own = max(self_rss(c) for c in runs)
    helpers = [c.data.get("manifest", {}).get("helper_peak_rss_mb") for c in (cold, client, dead)]
    helper = max((h for h in helpers if h), default=0.0)
    b.row("peak memory", f"pytest process {own:.0f} MB + litellm helper process {helper:.0f} MB = "
          f"{own + helper:.0f} MB", f"-n 2 run, largest of its processes: {xd.maxrss_mb:.0f} MB", None,
          "< 400 MB", own + helper < 400)


def self_rss(child: Child) -> float:
    """The pytest process's own peak RSS, as its probe plugin reported it (wait4's figure also covers the
    children it reaped, such as the helper)."""
    for line in child.out.splitlines():
        if line.startswith("CSR_PROBE ") and "rss_self_mb=" in line:
            return float(line.split("rss_self_mb=")[1].split()[0])
    return child.maxrss_mb

NOTES = """\
How to read it. Every figure is a wall time of a real `pytest` subprocess (`-p no:cacheprovider -q`) from
launch to exit; the server is `pytest_csrbench.testing.server` in the benchmark's own process.
The two `--collect-only` figures are the best of 5 alternating runs each (`--repeats`) (a 1.5 s process is at the mercy
of the shared machine); every other figure is a single run. "After start-up+collection" subtracts the
best `--collect-only` time of the same command (interpreter,
pytest and its plugins, loading the cases, collecting the items), so it keeps everything the run itself
adds: waiting for litellm's import (~1.7 s of CPU), the calls, the tests and judges, and the summary.
litellm runs in a helper process next to pytest (its CPU on the other core) unless it was imported into
the pytest process; the helper is started at configure time, so its import overlaps with loading and
collecting, and the call phase row shows what is left: the first request waits for that import, and the
calls themselves run within a few percent of the ideal. The bare litellm loop sends the same requests
(same cases, same kwargs) with a semaphore and no pytest, in one process; its time runs from
`import litellm` to its exit, so a ratio under 1 means the helper's second core outweighs pytest's own
work. The cached re-run makes no request; its helper is killed unused and pytest never imports litellm.
Peak memory adds the pytest process's own maximum RSS (getrusage in a probe plugin) and the helper's
(os.wait4): an upper bound of what both used at the same moment. The timings are from a shared 2-core
machine: compare the ratios of one run, not figures across runs.
"""


def table(b: Bench) -> str:
    head = ("measurement", "measured", "reference", "ratio", "target", "met")
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(r) + " |" for r in b.rows]
    return "\n".join(lines)


def environment() -> str:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, Python "
            f"{platform.python_version()}, load average at the end {load:.2f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", default=None, help="pack directory (default: the bundled benchmark)")
    ap.add_argument("--synthetic", type=int, default=None, metavar="N", help="generate a pack of N cases")
    ap.add_argument("--latency", type=float, default=0.5)
    ap.add_argument("--concurrency", type=int, default=16)
    ap.add_argument("--client-latency", type=float, default=0.2)
    ap.add_argument("--client-concurrency", type=int, default=64)
    ap.add_argument("--jitter", type=float, default=0.0, help="uniform +- seconds added to each latency")
    ap.add_argument("--error-rate", type=float, default=0.0, help="fraction of requests answered HTTP 500")
    ap.add_argument("--rate-limit-rate", type=float, default=0.0, help="fraction of requests answered HTTP 429")
    ap.add_argument("--retry-after", type=float, default=None, help="Retry-After seconds on 429s")
    ap.add_argument("--repeats", type=int, default=5, help="--collect-only runs of each kind; the best counts")
    ap.add_argument("--out", default=str(HERE / "RESULTS.md"), help="markdown file for the table ('' for none)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="csrbench-bench-") as tmp:
        work = Path(tmp)
        if args.synthetic:
            from benchmarks.genpack import write_synthetic_pack

            args.cases = str(write_synthetic_pack(work / "pack", args.synthetic).parent)
        if args.cases:
            args.cases = str(Path(args.cases).resolve())
        bench = Bench(args, work)
        try:
            measure(bench)
        finally:
            bench.server.stop()
    command = ("python benchmarks/run_benchmarks.py " + " ".join(sys.argv[1:])).strip()
    text = table(bench)
    print("\n" + text)
    if args.out:
        pack = "synthetic, " if args.synthetic else ""
        pack += f"{'the bundled benchmark' if not args.cases else 'a pack'}, {bench.facts.get('items', 0):.0f} items"
        Path(args.out).write_text(f"# pytest-csrbench benchmarks\n\n`{command}`\n\n{environment()}; {pack}\n\n"
                                  f"{text}\n\n{NOTES}", encoding="utf-8")
    return 0 if all(r[-1] == "yes" for r in bench.rows) else 1


if __name__ == "__main__":
    sys.exit(main())
