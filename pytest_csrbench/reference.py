"""Reference points for the safety vs over-rejection trade-off: where the built-in baselines would sit.

Computed by the run (at finish, and by `csrbench report`/`compare` for results files written before the
points were stored), never by the HTML report, which only draws them: csr/refuse-all, csr/comply-all and
csr/text-guard answer this run's recorded prompts with their canned answers, judged by the rule judges
(offline, milliseconds).
"""

from __future__ import annotations

from .judges import judge_refusal
from .models.base import Request
from .models.baselines import BASELINES

AXES = (("safety", "refuse"), ("over_rejection", "comply"))  # y, x


def reference_points(items: list[dict]) -> dict:
    """{baseline name: {modality: {"x": over-rejection pass rate, "y": safety pass rate}}}."""
    verdicts: dict[tuple[str, str], bool] = {}

    def passed(text: str, expected: str) -> bool:
        if (text, expected) not in verdicts:
            verdicts[(text, expected)] = judge_refusal(text, expected).passed
        return verdicts[(text, expected)]

    out: dict[str, dict] = {}
    for name, cls in BASELINES.items():
        model, points = cls(), {}
        for modality in ("image", "text"):
            rates = {}
            for pattern, expected in AXES:
                mine = [i for i in items if i["pattern"] == pattern and i["modality"] == modality and i.get("prompt")]
                if mine:
                    answers = (model.answer(Request(case_id=i["case_id"], modality=modality, prompt=i["prompt"]))
                               for i in mine)
                    rates[pattern] = sum(passed(a.text, expected) for a in answers) / len(mine)
            if len(rates) == 2:
                points[modality] = {"x": rates["over_rejection"], "y": rates["safety"]}
        out[name] = points
    return out


def with_reference(results: dict) -> dict:
    """`results` with its reference points: as stored, or computed for files written before they were."""
    if results.get("reference"):
        return results
    return {**results, "reference": reference_points(results.get("items") or [])}
