"""The reference for the client-bound benchmark: a bare litellm `acompletion` loop, no pytest, no plugin.

It sends the same requests the plugin sends (the same cases, the same Request objects, the same litellm
keyword arguments) with a plain semaphore, and prints one JSON line with its timings. The benchmark
counts this process's wall time from `import litellm` to its exit (the interpreter's shutdown with litellm
loaded included), as it counts the plugin's run after its start-up and collection.

    python benchmarks/bare_litellm.py --api-base URL --concurrency 64 [--cases DIR | --bundled]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from pathlib import Path
from types import SimpleNamespace

T0 = time.perf_counter()


def build_requests(cases_dir: str | None, modalities: tuple[str, ...] = ("image", "text")) -> list:
    from pytest_csrbench.cases.sources import load_sources
    from pytest_csrbench.models.base import GenParams
    from pytest_csrbench.session import CaseItem, CsrSession

    cases = load_sources([Path(cases_dir)] if cases_dir else [], bundled=cases_dir is None)
    shim = CsrSession.__new__(CsrSession)  # only its request-building methods are used
    shim.settings = SimpleNamespace(params=GenParams())
    shim._image_cache = {}
    return [shim.request(CaseItem(case, m)) for case in cases for m in modalities]


async def send_all(requests: list, api_base: str, concurrency: int) -> int:
    from pytest_csrbench.models.litellm_model import LiteLLMModel, import_litellm

    litellm = import_litellm()
    model = LiteLLMModel("openai/csrbench-bench", requests[0].params, api_base=api_base)
    sem = asyncio.Semaphore(concurrency)
    failures = 0

    async def one(request) -> None:
        nonlocal failures
        async with sem:
            try:
                await litellm.acompletion(**model.kwargs(request))
            except Exception:  # counted, not retried: this is the floor, not a client
                failures += 1

    await asyncio.gather(*(one(r) for r in requests))
    return failures


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--api-base", required=True)
    ap.add_argument("--concurrency", type=int, default=64)
    ap.add_argument("--cases", default=None, help="a pack directory (default: the bundled benchmark)")
    args = ap.parse_args()
    requests = build_requests(args.cases)
    t_import = time.perf_counter()
    failures = asyncio.run(send_all(requests, args.api_base, args.concurrency))
    t_end = time.perf_counter()
    print(json.dumps({"requests": len(requests), "failures": failures, "before_import_s": t_import - T0,
                      "import_and_loop_s": t_end - t_import, "total_s": t_end - T0}), flush=True)


if __name__ == "__main__":
    main()
