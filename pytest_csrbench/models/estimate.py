"""`--csr-estimate`: what the run would cost, before any model is called.

For the selected items whose response is not in the cache: the number of calls, the input tokens (text by
litellm's token counter for the model; images by litellm's OpenAI tile rule at detail "high", the most
that detail "auto" may cost, so the figure is an upper bound for images), an output-token assumption the
user can set, and the price from `--csr-price-in/--csr-price-out` or litellm's price map. litellm is
imported only here, only when an estimate is asked for.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Optional

from .base import Request

DEFAULT_OUTPUT_TOKENS = 256


@dataclass(frozen=True)
class Estimate:
    model: str
    items: int  # selected items that call the model
    cached: int  # of them, answered by the response cache
    calls: int  # still to make
    text_tokens: int
    image_tokens: int
    images: int  # calls carrying an image
    output_tokens: int  # assumed per call
    output_source: str
    price_in: Optional[float] = None  # USD per million input tokens
    price_out: Optional[float] = None
    price_source: str = "unknown"
    cache_note: str = ""

    @property
    def input_tokens(self) -> int:
        return self.text_tokens + self.image_tokens

    @property
    def cost_usd(self) -> Optional[float]:
        if self.price_in is None and self.price_out is None:
            return None
        return (self.input_tokens * (self.price_in or 0) + self.calls * self.output_tokens * (self.price_out or 0)) / 1e6

    def lines(self) -> Iterable[str]:
        yield f"estimate for {self.model}: {self.calls} calls to make ({self.items} items, {self.cached} answered " \
              f"by the response cache{self.cache_note})"
        yield f"  input tokens  {self.input_tokens} (text {self.text_tokens}; images {self.image_tokens} for " \
              f"{self.images} images, by litellm's OpenAI tile rule at detail high: an upper bound)"
        yield f"  output tokens {self.calls * self.output_tokens} (assumed {self.output_tokens} per call, " \
              f"{self.output_source})"
        if self.cost_usd is None:
            yield "  cost          unknown: litellm has no price for this model; pass --csr-price-in and " \
                  "--csr-price-out (USD per million tokens)"
            return
        yield f"  cost          ${self.cost_usd:.4f} at ${self.price_in or 0:g} in / ${self.price_out or 0:g} out " \
              f"per million tokens ({self.price_source})"
        yield f"  to stop a run near this: --csr-max-cost {max(self.cost_usd * 1.2, 0.01):.2f} (estimate + 20%)"


def output_assumption(option: Optional[int], max_tokens: Optional[int]) -> tuple[int, str]:
    if option is not None:
        return option, "--csr-estimate-output-tokens"
    if max_tokens is not None and max_tokens < DEFAULT_OUTPUT_TOKENS:
        return max_tokens, "--csr-max-tokens"
    return DEFAULT_OUTPUT_TOKENS, "the default; set --csr-estimate-output-tokens"


def litellm_price(model: str) -> tuple[Optional[float], Optional[float]]:
    """USD per million (input, output) tokens from litellm's local price map; (None, None) if unknown."""
    from .litellm_model import import_litellm

    try:
        cost_in, cost_out = import_litellm().cost_per_token(model=model, prompt_tokens=1_000_000,
                                                            completion_tokens=1_000_000)
    except Exception:  # noqa: BLE001 - litellm raises its own "not mapped" errors: no price
        return None, None
    return float(cost_in), float(cost_out)


def image_size(data: bytes) -> tuple[int, int]:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as img:  # reads the header only
        return img.size


def count(model: str, prompts: list[str], sizes: list[tuple[int, int]]) -> dict:
    """Text tokens by litellm's counter, image tokens by its OpenAI tile rule at detail high, and the price."""
    from .litellm_model import import_litellm

    litellm = import_litellm()
    from litellm.litellm_core_utils import token_counter as tc

    text = sum(litellm.token_counter(model=model, messages=[{"role": "user", "content": p}]) for p in prompts)
    per_size: dict[tuple[int, int], int] = {}
    for w, h in sizes:
        if (w, h) not in per_size:
            rw, rh = tc.resize_image_high_res(width=w, height=h)
            per_size[(w, h)] = 85 + 170 * tc.calculate_tiles_needed(resized_width=rw, resized_height=rh)
    price_in, price_out = litellm_price(model)
    return {"text": text, "image": sum(per_size[tuple(s)] for s in sizes), "images": len(sizes),
            "price_in": price_in, "price_out": price_out}


class Counter:
    """A child process that imports litellm at once (while pytest loads and collects the cases on the other
    core) and then counts one batch of prompts and image sizes; in-process when it cannot start."""

    def __init__(self) -> None:
        code = "from pytest_csrbench.models.estimate import serve; serve()"
        try:
            self.proc: Optional[subprocess.Popen] = subprocess.Popen(
                [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        except OSError:
            self.proc = None

    def count(self, model: str, prompts: list[str], sizes: list[tuple[int, int]]) -> dict:
        if self.proc is not None:
            out, _ = self.proc.communicate(json.dumps({"model": model, "prompts": prompts, "sizes": sizes}))
            if self.proc.returncode == 0 and out.strip():
                return json.loads(out.strip().splitlines()[-1])
        return count(model, prompts, sizes)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def serve() -> None:
    from .litellm_model import import_litellm

    import_litellm()  # before the work arrives: this is the part that overlaps with pytest's start-up
    job = json.loads(sys.stdin.read())
    sys.stdout.write(json.dumps(count(job["model"], job["prompts"], [tuple(s) for s in job["sizes"]])) + "\n")


def estimate(model: Any, items: list, request: Callable[[Any], Request], cache: Any, *, output: tuple[int, str],
             price_in: Optional[float], price_out: Optional[float], cache_note: str = "",
             counter: Optional[Counter] = None) -> Estimate:
    """The estimate for `items` (request(item) builds each call); `cache`: a CallCache, or None."""
    requests = [request(item) for item in items]
    found: dict = {}
    if cache is not None:
        keys = [cache.key(r) for r in requests]
        found = cache.lookup(keys)
        requests = [r for r, k in zip(requests, keys) if k not in found]
    name = getattr(model, "model", None) or getattr(model, "name", str(model))
    sizes = [image_size(r.image) for r in requests if r.image is not None]
    counts = (counter or Counter()).count(name, [r.prompt for r in requests], sizes)
    text, image, images = counts["text"], counts["image"], counts["images"]
    source = "--csr-price-in/--csr-price-out"
    if price_in is None and price_out is None:
        price_in, price_out, source = counts["price_in"], counts["price_out"], "litellm's price map"
    return Estimate(model=name, items=len(items), cached=len(items) - len(requests), calls=len(requests),
                    text_tokens=text, image_tokens=image, images=images, output_tokens=output[0],
                    output_source=output[1], price_in=price_in, price_out=price_out,
                    price_source=source if price_in is not None or price_out is not None else "unknown",
                    cache_note=cache_note)
