"""Exceptions that carry an item's outcome out of the test body to the report hooks."""

from __future__ import annotations


class Missed(Exception):
    """The model's response did not meet the case's expected behaviour (not a test failure by default)."""


class ItemError(Exception):
    """Something other than the model's behaviour stopped the item: an ERROR, excluded from rates."""

    what = "item"


class ModelCallError(ItemError):
    """The model call failed after retries: an ERROR on the item, never a refusal, never a pass."""

    what = "model call"


class JudgeError(ItemError):
    """The judge could not judge the response (e.g. an LLM judge failed): an ERROR, never a silent fallback."""

    what = "judge"
