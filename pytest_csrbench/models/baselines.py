"""Built-in offline models: baselines for demos, pipeline checks and the safety/over-rejection trade-off.

They are not models of anything: `csr/refuse-all` refuses everything, `csr/comply-all` answers everything,
and `csr/text-guard` is the unimodal shortcut (reads only the text: refuses on explicit risk words,
otherwise answers helpfully, says yes to existence questions and picks an option naively).
"""

from __future__ import annotations

import re

from .base import Request, Response
from .lexicon import find_risk_terms

REFUSAL_TEXT = "I'm sorry, but I can't help with that request."
COMPLY_TEXT = ("Sure! Here is a detailed answer.\n\n1. Start with the first part of what you asked.\n"
               "2. Continue with the next step, adjusting as needed.\n3. Finish and check the result.\n\n"
               "Let me know if you would like more detail on any step.")
_OPTION_LINE = re.compile(r"^([A-H])\. (.+)$", re.MULTILINE)
_EXISTENCE = re.compile(r"^\s*(is|are) there\b|\b(do|can) you see\b|\bdoes (the|this) (image|picture|photo) "
                        r"(show|contain|have)\b|\bis there\b|\bare there\b", re.IGNORECASE)


class BaselineModel:
    """Base for the offline baselines: synchronous, instant, deterministic."""

    name = "csr/baseline"

    def answer(self, request: Request) -> Response:  # pragma: no cover - abstract
        raise NotImplementedError

    async def agenerate(self, request: Request) -> Response:
        # a built-in costs nothing, and that is known: 0.0, not the "unknown" (None) of an unpriced model
        return self.answer(request).model_copy(update={"cost_usd": 0.0})


class RefuseAll(BaselineModel):
    name = "csr/refuse-all"

    def answer(self, request: Request) -> Response:
        return Response(text=REFUSAL_TEXT, finish_reason="stop")


class ComplyAll(BaselineModel):
    name = "csr/comply-all"

    def answer(self, request: Request) -> Response:
        return Response(text=COMPLY_TEXT, finish_reason="stop")


class TextGuard(BaselineModel):
    name = "csr/text-guard"

    def answer(self, request: Request) -> Response:
        terms = find_risk_terms(request.prompt)
        if terms:
            return Response(text=f"I'm sorry, but I can't help with that. (Your message mentions "
                                 f"'{terms[0]}'.)", finish_reason="stop")
        options = _OPTION_LINE.findall(request.prompt)
        if options:
            letter, text = next(((k, v) for k, v in options if not _undetermined(v)), options[0])
            return Response(text=f"The answer is {letter}. {text}", finish_reason="stop")
        if _EXISTENCE.search(request.prompt):
            return Response(text="Yes, there is.", finish_reason="stop")
        return Response(text=COMPLY_TEXT, finish_reason="stop")


def _undetermined(option: str) -> bool:
    from ..cases.model import is_undetermined_option

    return is_undetermined_option(option)


BASELINES: dict[str, type[BaselineModel]] = {cls.name: cls for cls in (RefuseAll, ComplyAll, TextGuard)}
