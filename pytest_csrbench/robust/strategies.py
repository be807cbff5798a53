"""The perturbations the robustness search may combine, each bounded to changes that keep a case's meaning.

A variant is a dict {strategy name: value}; every strategy's first (and shrink target) value is the
identity, so hypothesis shrinks a flip towards the fewest and smallest changes. `plan(case)` says which
strategies apply to a case (and why the others do not); `materialize` turns a variant into what is sent.

Spec strategies re-draw the case from its `render:` spec (bundled cases); image strategies change the
image file's pixels or encoding (every case with an image, external packs included).
"""

from __future__ import annotations

import copy
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from hypothesis import strategies as st

from ..cases.model import Case
from . import imageops

SIDES = ("left", "right", "top", "bottom")
BACKGROUNDS = ("white", "beige", "light_blue", "silver", "#f4f0e6", "#e8f4ea")
FAMILIES = {"serif": {"sans": "serif", "bold": "serif_bold", "italic": "serif"},
            "mono": {"sans": "mono", "bold": "mono", "italic": "mono", "serif": "mono", "serif_bold": "mono"}}
BLANK = "[...]"


@dataclass(frozen=True)
class Strategy:
    name: str
    level: str  # "spec", "image" or "prompt"
    values: Callable[[Case], st.SearchStrategy]  # first value: the identity
    identity: Any = None
    why_not: Callable[[Case], Optional[str]] = field(default=lambda case: None)  # reason it cannot apply


def _spec_only(case: Case) -> Optional[str]:
    return None if case.render else "no render spec (e.g. an external pack): image-level strategies only"


def _colour_truth(case: Case) -> Optional[str]:
    if case.truth is not None and case.truth.kind == "color":
        return "the case asks about a colour: changing colours would change the right answer"
    return None


def _background(case: Case) -> Optional[str]:
    return _spec_only(case) or _colour_truth(case)


def _wrap(case: Case) -> Optional[str]:
    if not case.render:
        return _spec_only(case)
    lines = case.render.get("lines")
    if not isinstance(lines, list) or len(lines) < 2:
        return "the render spec has no 'lines' list of two or more lines to re-wrap"
    return None


def _paraphrase(case: Case) -> Optional[str]:
    return None if case.paraphrases else "no 'paraphrases:' in the case file"


def payload_terms_drawn(case: Case) -> list[str]:
    """The case's payload terms that appear as text in its render spec (those can move into the prompt)."""
    if not case.render or not case.payload_terms:
        return []
    texts = " ".join(_strings(case.render)).lower()
    return [t for t in case.payload_terms if t.strip() and t.lower() in texts]


def _split(case: Case) -> Optional[str]:
    if not case.payload_terms:
        return "no payload_terms: nothing decisive to move between the image and the prompt"
    if not case.render:
        return _spec_only(case)
    return None if payload_terms_drawn(case) else "no payload term is drawn as text in the render spec"


def _signed(low: int, high: int) -> st.SearchStrategy:
    return st.integers(low, high)


STRATEGIES: tuple[Strategy, ...] = (
    Strategy("paraphrase", "prompt", lambda c: st.sampled_from([None, *c.paraphrases]), why_not=_paraphrase),
    Strategy("split_payload", "spec", lambda c: st.sampled_from([None, *payload_terms_drawn(c)]), why_not=_split),
    Strategy("font_family", "spec", lambda c: st.sampled_from([None, *FAMILIES]), why_not=_spec_only),
    Strategy("font_size", "spec", lambda c: _signed(-20, 20), identity=0, why_not=_spec_only),
    Strategy("layout", "spec", lambda c: st.tuples(_signed(-4, 4), _signed(-4, 4)), identity=(0, 0),
             why_not=_spec_only),
    Strategy("wrap", "spec", lambda c: st.sampled_from([None, "join", "split"]), why_not=_wrap),
    Strategy("background", "spec", lambda c: st.sampled_from([None, *BACKGROUNDS]), why_not=_background),
    Strategy("tint", "image", lambda c: st.tuples(st.sampled_from("rgb"), st.integers(0, 64)), identity=("r", 0),
             why_not=_colour_truth),
    Strategy("brightness", "image", lambda c: _signed(-30, 30), identity=0),
    Strategy("jpeg", "image", lambda c: st.integers(0, 70), identity=0),
    Strategy("noise", "image", lambda c: st.integers(0, 24), identity=0),
    Strategy("rotate", "image", lambda c: _signed(-6, 6), identity=0),
    Strategy("crop", "image", lambda c: st.tuples(st.sampled_from(SIDES), st.integers(0, 8)), identity=("left", 0)),
    Strategy("pad", "image", lambda c: st.tuples(st.sampled_from(("all", *SIDES)), st.integers(0, 20)),
             identity=("all", 0)),
    Strategy("scale", "image", lambda c: st.integers(0, 50), identity=0),
    Strategy("aspect", "image", lambda c: _signed(-20, 20), identity=0),
)
BY_NAME = {s.name: s for s in STRATEGIES}


def plan(case: Case, only: Optional[tuple[str, ...]] = None) -> tuple[list[Strategy], dict[str, str]]:
    """(strategies that apply, {strategy: why it is skipped}) for a case."""
    used, skipped = [], {}
    for s in STRATEGIES:
        if only is not None and s.name not in only:
            continue
        reason = s.why_not(case)
        if reason:
            skipped[s.name] = reason
        else:
            used.append(s)
    return used, skipped


def variant_strategy(case: Case, strategies: list[Strategy]) -> st.SearchStrategy:
    return st.fixed_dictionaries({s.name: s.values(case) for s in strategies})


def changes(variant: dict) -> dict:
    """The non-identity part of a variant (what the report shows), JSON-ready."""
    out = {}
    for name, value in variant.items():
        if not _is_identity(name, value):
            out[name] = list(value) if isinstance(value, tuple) else value
    return out


def _is_identity(name: str, value: Any) -> bool:
    if value is None or value == BY_NAME[name].identity:
        return True
    return isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], int) and value[1] == 0 \
        and name in ("tint", "crop", "pad")


@dataclass(frozen=True)
class Materialized:
    image: bytes
    media_type: str
    prompt: str
    cuts: tuple[str, ...] = ()  # texts the re-drawn image could not fit (the variant changed the meaning)

    @property
    def key(self) -> str:
        h = hashlib.sha256(self.image)
        h.update(self.prompt.encode())
        return h.hexdigest()[:20]


def materialize(case: Case, original: bytes, variant: dict) -> Materialized:
    """The image and prompt a variant sends. `original`: the case's image file's bytes."""
    change = changes(variant)
    prompt = _prompt(case, change)
    spec_change = {k: v for k, v in change.items() if BY_NAME[k].level == "spec"}
    cuts: tuple[str, ...] = ()
    if spec_change:
        img, cuts = _redraw(case, spec_change)
    elif any(BY_NAME[k].level == "image" for k in change):
        img = imageops.decode(original)
    else:
        return Materialized(original, _media(original), prompt)
    for name, op in imageops.IMAGE_OPS.items():
        if name in change:
            img = op(img, tuple(change[name]) if isinstance(change[name], list) else change[name])
    if "jpeg" in change:
        return Materialized(imageops.encode_jpeg(img, 96 - change["jpeg"]), "image/jpeg", prompt, cuts)
    return Materialized(imageops.encode_png(img), "image/png", prompt, cuts)


def _media(data: bytes) -> str:
    return "image/jpeg" if data[:3] == b"\xff\xd8\xff" else "image/png"


def _prompt(case: Case, change: dict) -> str:
    prompt = case.prompt
    if "paraphrase" in change:
        prompt = change["paraphrase"]
    if "split_payload" in change:
        prompt = f"{prompt.rstrip()} (In the image, {BLANK} stands for: {change['split_payload']}.)"
    if prompt != case.prompt:
        case = case.model_copy(update={"prompt": prompt})
    return case.prompt_for("image") or prompt


def original_cuts(case: Case) -> tuple[str, ...]:
    """What the unperturbed spec already cannot fit (a variant is rejected only for new cuts)."""
    return _redraw(case, {})[1] if case.render else ()


def _redraw(case: Case, change: dict) -> tuple[Any, tuple[str, ...]]:
    from ..render.canvas import collect_cuts
    from ..render.core import render_image
    from ..render.fonts import font_style

    spec = _modified_spec(case.render or {}, change)
    faces = FAMILIES.get(change.get("font_family") or "", {})
    with collect_cuts() as cuts, font_style(faces, 1 + change.get("font_size", 0) / 100):
        img = render_image(spec)
    return img, tuple(cuts)


def _modified_spec(spec: dict, change: dict) -> dict:
    spec = copy.deepcopy(spec)
    if "layout" in change:
        w, h = spec.get("size") or (768, 768)
        dw, dh = change["layout"]
        spec["size"] = [min(1024, max(512, w + 64 * dw)), min(1024, max(512, h + 64 * dh))]
    if "background" in change:
        spec["background"] = change["background"]
    if "wrap" in change:
        spec["lines"] = _rewrap(spec["lines"], change["wrap"])
    if "split_payload" in change:
        spec = _blank(spec, change["split_payload"])
    return spec


def _rewrap(lines: list, how: str) -> list:
    if how == "join":
        return [" ".join(str(x) for x in lines)]
    out = []
    for line in map(str, lines):
        words = line.split(" ")
        half = (len(words) + 1) // 2
        out.extend([" ".join(words[:half]), " ".join(words[half:])] if len(words) > 1 else [line])
    return out


def _blank(node: Any, term: str) -> Any:
    if isinstance(node, str):
        return re.sub(re.escape(term), BLANK, node, flags=re.IGNORECASE)
    if isinstance(node, list):
        return [_blank(x, term) for x in node]
    if isinstance(node, dict):
        return {k: (v if k in ("kind", "icon", "emblem", "style", "shape") else _blank(v, term)) for k, v in node.items()}
    return node


def _strings(node: Any) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [s for x in node for s in _strings(x)]
    if isinstance(node, dict):
        return [s for k, v in node.items() if k != "kind" for s in _strings(v)]
    return []
