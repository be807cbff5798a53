"""`spec_texts`: every human-readable string an image shows, in drawing order."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from .spec import BarChartSpec, CardSpec, SignSpec, parse_spec

# Fields whose values are styling, not text shown in the image.
NOT_TEXT = frozenset({
    "kind", "size", "background", "style", "shape", "color", "icon", "emblem", "holding", "setting",
    "age", "skin", "hair", "outfit", "outfit_style", "accessory", "accessories", "thing", "at",
    "layout", "palette", "numbered", "crossed", "checked", "count", "y_max", "values", "qty", "time",
})
# Words a sign style prints in its header band.
SIGN_HEADERS = {"warning": "WARNING", "danger": "DANGER", "notice": "NOTICE", "safety": "SAFETY FIRST"}


def spec_texts(spec_dict: Any) -> list[str]:
    """Every string the rendered image shows (titles, lines, labels, names, values, captions)."""
    spec = parse_spec(spec_dict)
    out: list[str] = []
    _walk(spec, out)
    return [t for t in out if t.strip()]


def _walk(model: BaseModel, out: list[str]) -> None:
    if isinstance(model, SignSpec) and model.style in SIGN_HEADERS:
        out.append(SIGN_HEADERS[model.style])
    for name in type(model).model_fields:
        value = getattr(model, name)
        if name in NOT_TEXT and not isinstance(value, BaseModel):
            continue
        if isinstance(model, CardSpec) and name == "photo":
            continue  # a card's portrait shows the face only, none of the figure's texts
        _collect(value, out)
    if isinstance(model, BarChartSpec):
        out.extend(format_number(b.value) for b in model.bars)


def _collect(value: Any, out: list[str]) -> None:
    if value is None or isinstance(value, bool):
        return
    if isinstance(value, BaseModel):
        _walk(value, out)
    elif isinstance(value, str):
        out.append(value)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _collect(item, out)


def format_number(value: float) -> str:
    """How charts print a value: integers without decimals, others with up to 2."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")
