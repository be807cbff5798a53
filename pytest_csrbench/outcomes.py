"""Exceptions that carry an item's outcome out of the test body to the report hooks."""

from __future__ import annotations


class Missed(Exception):
    """The model's response did not meet the case's expected behaviour (not a test failure by default)."""


class ModelCallError(Exception):
    """The model call failed after retries: an ERROR on the item, never a refusal, never a pass."""
