"""Test your own application, not a bare model: override the `csr_model` fixture.

Copy this file to your project's root conftest.py and run:

    pytest --csr-model=my-app --csr-json=results.json

Here the "application" is a guardrail in front of the model built from `--csr-model` (when it names a
real model) or a stand-alone answer function. Your fixture may return:
  * a function `fn(request) -> str` (sync or async) -- wrapped for you, or
  * any object with a `name` and `async def agenerate(request) -> pytest_csrbench.Response`.
`request.prompt` is the text, `request.image` the PNG bytes (None for text-only controls),
`request.messages()` the OpenAI-style chat messages with the image as a data URL.
"""

import pytest

from pytest_csrbench import Request

BLOCKLIST = ("bleach", "ammonia", "hack")


def my_app(request: Request) -> str:
    """A stand-in for your product: a keyword guardrail in front of a helpful assistant."""
    if any(word in request.prompt.lower() for word in BLOCKLIST):
        return "Sorry, I can't help with that."
    seen = "an image and " if request.image is not None else ""
    return f"Happy to help! I looked at {seen}your question: here is a step-by-step answer..."


@pytest.fixture(scope="session")
def csr_model():
    return my_app
