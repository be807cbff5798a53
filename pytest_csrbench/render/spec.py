"""The render spec: what a case's `render:` mapping may say (pydantic, strict, one model per kind).

`parse_spec(dict)` validates a mapping and returns the model for its `kind`; errors are a
`ValueError` whose message names the field (``render.bars[1].value: ...``). The format is
documented for case authors in docs/render-spec.md; keep the two in step.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Any, Literal, Optional, Union

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, TypeAdapter,
                      ValidationError, model_validator)

# ---------------------------------------------------------------------------------------------
# Vocabularies (also listed in docs/render-spec.md)

PALETTE: dict[str, tuple[int, int, int]] = {
    "red": (214, 40, 40), "blue": (30, 90, 200), "green": (40, 150, 60), "yellow": (245, 205, 30),
    "orange": (240, 130, 20), "purple": (130, 60, 170), "pink": (240, 120, 170),
    "brown": (130, 80, 40), "black": (25, 25, 25), "white": (250, 250, 250),
    "gray": (140, 140, 140), "grey": (140, 140, 140), "teal": (0, 140, 140),
    "navy": (20, 40, 110), "maroon": (120, 20, 40), "beige": (225, 205, 165),
    "gold": (210, 170, 40), "silver": (190, 195, 200), "cyan": (40, 190, 220),
    "lime": (150, 210, 40), "olive": (110, 120, 40), "blonde": (230, 200, 120),
    "light_blue": (140, 190, 240), "dark_green": (20, 90, 40),
}
THINGS: tuple[str, ...] = (
    "car", "ball", "balloon", "cup", "hat", "umbrella", "house", "tree", "book", "chair", "shirt",
    "bicycle", "door", "box", "bag", "flower", "star", "heart", "kite", "boat", "bus", "lamp",
    "mug", "sock", "key", "clock", "bottle", "fish", "apple", "pencil",
)
POSITIONS: dict[str, tuple[int, int]] = {
    "top-left": (0, 0), "top": (1, 0), "top-right": (2, 0),
    "left": (0, 1), "center": (1, 1), "right": (2, 1),
    "bottom-left": (0, 2), "bottom": (1, 2), "bottom-right": (2, 2),
}
DEFAULT_SIZE = (768, 768)

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def _check_colour(value: str) -> str:
    if value in PALETTE or _HEX.match(value):
        return value
    raise ValueError(f"unknown colour {value!r}: use '#rrggbb' or one of {', '.join(sorted(PALETTE))}")


def _check_emoji(value: str) -> str:
    from .emoji import is_drawable  # lazy: loads the emoji font once

    if not is_drawable(value):
        raise ValueError(f"{value!r} is not a single emoji the bundled Noto Color Emoji font can draw")
    return value


def _to_text(value: Any) -> Any:
    """YAML turns `1985`, `3.5` or `1988-03-14` into numbers and dates; the image shows them as written."""
    if isinstance(value, bool):
        raise ValueError(f"got the boolean {value}: YAML reads yes/no/on/off/true/false as booleans; "
                         "quote the text, e.g. \"Off\"")
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


Text = Annotated[str, BeforeValidator(_to_text)]
Colour = Annotated[str, AfterValidator(_check_colour)]
Emoji = Annotated[str, AfterValidator(_check_emoji)]
Number = Annotated[float, Field(allow_inf_nan=False)]
Cell = Annotated[int, Field(ge=0, le=2)]
Position = Union[Literal[tuple(POSITIONS)], tuple[Cell, Cell]]  # type: ignore[valid-type]
Side = Annotated[int, Field(ge=512, le=1024)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Pair(_Model):
    """A labelled value: a form field, an ID-card line, a settings row."""

    label: Text
    value: Text


class _Common(_Model):
    size: Optional[tuple[Side, Side]] = Field(default=None, description="[w, h], each 512..1024; default [768, 768]")
    background: Optional[Colour] = None
    caption: Optional[Text] = Field(default=None, description="drawn as a strip along the bottom")

    @property
    def wh(self) -> tuple[int, int]:
        return tuple(self.size) if self.size else DEFAULT_SIZE  # type: ignore[return-value]


# --- sign ---------------------------------------------------------------------------------------

class SignSpec(_Common):
    kind: Literal["sign"]
    title: Text
    lines: list[Text] = Field(default_factory=list)
    style: Literal["warning", "danger", "info", "prohibition", "notice", "safety"] = "warning"
    icon: Optional[Emoji] = None
    crossed: bool = False


# --- label / shelf ------------------------------------------------------------------------------

class _LabelFields(_Model):
    brand: Text
    product: Text
    lines: list[Text] = Field(default_factory=list)
    warning: Optional[Text] = None
    icon: Optional[Emoji] = None
    shape: Literal["bottle", "box", "jar", "tube", "can", "pill_bottle", "bag"] = "bottle"
    color: Optional[Colour] = None


class LabelSpec(_Common, _LabelFields):
    kind: Literal["label"]


class ShelfItem(_LabelFields):
    kind: Literal["label"] = "label"


class ShelfSpec(_Common):
    kind: Literal["shelf"]
    items: list[ShelfItem] = Field(min_length=2, max_length=4)


# --- document / screen / card / receipt / form / table ------------------------------------------

class DocumentSpec(_Common):
    kind: Literal["document"]
    title: Optional[Text] = None
    header: Optional[Text] = None
    lines: list[Text] = Field(default_factory=list)
    numbered: bool = False
    style: Literal["paper", "note", "typed", "handwritten", "letter", "whiteboard"] = "paper"
    footer: Optional[Text] = None


class ScreenSpec(_Common):
    kind: Literal["screen"]
    style: Literal["login", "email", "chat", "terminal", "alert", "settings", "social", "webpage",
                   "taskmanager", "game", "phone"]
    app: Text
    title: Optional[Text] = None
    fields: list[Pair] = Field(default_factory=list)
    lines: list[Text] = Field(default_factory=list)
    buttons: list[Text] = Field(default_factory=list)
    rows: list[list[Text]] = Field(default_factory=list)
    sender: Optional[Text] = None
    subject: Optional[Text] = None
    icon: Optional[Emoji] = Field(default=None, description="app logo, alert symbol, or the game's hero")


class Figure(_Model):
    """A drawn person (people scenes, the photo on a card)."""

    name: Optional[Text] = None
    badge: Optional[Text] = None
    caption: Optional[Text] = None
    age: Literal["child", "young", "adult", "elderly"] = "adult"
    skin: Literal["light", "medium", "tan", "brown", "dark"] = "medium"
    hair: Colour = "brown"
    outfit: Colour = "blue"
    outfit_style: Literal["casual", "suit", "uniform", "scrubs", "robe", "overalls", "dress"] = "casual"
    accessory: Optional[Literal["glasses", "cane", "wheelchair", "hijab", "turban", "kippah", "cross",
                                "headscarf", "hearing_aid", "hard_hat", "apron", "briefcase",
                                "backpack", "crutches"]] = None
    holding: Optional[Emoji] = None
    action: Optional[Text] = None


class CardSpec(_Common):
    kind: Literal["card"]
    style: Literal["id", "badge", "ticket", "nametag", "business", "membership", "license"] = "id"
    title: Text
    name: Text
    fields: list[Pair] = Field(default_factory=list)
    emblem: Optional[Emoji] = None
    photo: Optional[Figure] = None
    color: Optional[Colour] = None


class ReceiptItem(_Model):
    name: Text
    qty: Optional[int] = Field(default=None, ge=0)
    price: Text


class ReceiptSpec(_Common):
    kind: Literal["receipt"]
    store: Text
    date: Optional[Text] = None
    items: list[ReceiptItem] = Field(min_length=1)
    total: Text
    lines: list[Text] = Field(default_factory=list)


class Checkbox(_Model):
    label: Text
    checked: bool = False


class FormSpec(_Common):
    kind: Literal["form"]
    title: Text
    fields: list[Pair] = Field(default_factory=list)
    checkboxes: list[Checkbox] = Field(default_factory=list)


class TableSpec(_Common):
    kind: Literal["table"]
    title: Optional[Text] = None
    columns: list[Text] = Field(min_length=1, max_length=8)
    rows: list[list[Text]] = Field(default_factory=list)

    @model_validator(mode="after")
    def _row_widths(self) -> "TableSpec":
        for i, row in enumerate(self.rows):
            if len(row) != len(self.columns):
                raise ValueError(f"rows[{i}] has {len(row)} cells, expected {len(self.columns)} (one per column)")
        return self


# --- charts -------------------------------------------------------------------------------------

class Bar(_Model):
    label: Text
    value: Number = Field(ge=0)
    color: Optional[Colour] = None


class BarChartSpec(_Common):
    kind: Literal["bar_chart"]
    title: Text
    x_label: Optional[Text] = None
    y_label: Optional[Text] = None
    bars: list[Bar] = Field(min_length=1, max_length=12)
    y_max: Optional[Number] = Field(default=None, gt=0)


class Series(_Model):
    name: Text
    values: list[Number] = Field(min_length=1)
    color: Optional[Colour] = None


class LineChartSpec(_Common):
    kind: Literal["line_chart"]
    title: Text
    x_label: Optional[Text] = None
    y_label: Optional[Text] = None
    x: list[Text] = Field(min_length=2, max_length=16)
    series: list[Series] = Field(min_length=1, max_length=5)
    y_max: Optional[Number] = Field(default=None, gt=0)

    @model_validator(mode="after")
    def _lengths(self) -> "LineChartSpec":
        for i, s in enumerate(self.series):
            if len(s.values) != len(self.x):
                raise ValueError(f"series[{i}].values has {len(s.values)} values, expected {len(self.x)} (one per x)")
        return self


# --- scene / people -----------------------------------------------------------------------------

class SceneObject(_Model):
    icon: Optional[Emoji] = None
    thing: Optional[Literal[THINGS]] = None  # type: ignore[valid-type]
    label: Optional[Text] = None
    color: Optional[Colour] = None
    count: int = Field(default=1, ge=1, le=9)
    at: Position = "center"
    time: Optional[str] = Field(default=None, pattern=r"^([01]?[0-9]|2[0-3]):[0-5][0-9]$",
                                description="thing: clock only: the time its hands show, 'H:MM'")

    @model_validator(mode="after")
    def _one_drawing(self) -> "SceneObject":
        if (self.icon is None) == (self.thing is None):
            raise ValueError("give exactly one of 'icon' (an emoji) or 'thing' (a drawn object)")
        if self.color is not None and self.thing is None:
            raise ValueError("color: only a drawn 'thing' can be coloured, not an emoji icon")
        if self.time is not None and self.thing != "clock":
            raise ValueError("time: only a drawn clock (thing: clock) shows a time")
        return self

    @property
    def cell(self) -> tuple[int, int]:
        return POSITIONS[self.at] if isinstance(self.at, str) else tuple(self.at)  # type: ignore[return-value]


class SceneSpec(_Common):
    kind: Literal["scene"]
    setting: Literal["indoor", "outdoor", "kitchen", "street", "park", "room", "desk", "shop", "field",
                     "workshop", "garden", "night", "bathroom", "bedroom", "playground", "water", "ice",
                     "school", "none"] = "none"
    objects: list[SceneObject] = Field(min_length=1, max_length=9)

    @model_validator(mode="after")
    def _cells_free(self) -> "SceneSpec":
        seen: dict[tuple[int, int], int] = {}
        for i, obj in enumerate(self.objects):
            if obj.cell in seen:
                raise ValueError(f"objects[{i}].at: grid cell {list(obj.cell)} is already used by "
                                 f"objects[{seen[obj.cell]}]; objects must not overlap")
            seen[obj.cell] = i
        return self


class PeopleSpec(_Common):
    kind: Literal["people"]
    figures: list[Figure] = Field(min_length=1, max_length=4)
    setting: Literal["office", "street", "classroom", "clinic", "shop", "park", "stage", "none"] = "none"


# --- poster / map / banknote --------------------------------------------------------------------

class Emblem(_Model):
    shape: Literal["star", "circle", "shield", "triangle", "sun", "bolt", "wheel", "hand", "eye"]
    text: Optional[Text] = None
    color: Colour = "red"


class PosterSpec(_Common):
    kind: Literal["poster"]
    headline: Text
    subline: Optional[Text] = None
    lines: list[Text] = Field(default_factory=list)
    emblem: Optional[Emblem] = None
    icon: Optional[Emoji] = None
    palette: Optional[tuple[Colour, Colour]] = None
    style: Literal["ad", "flyer", "political", "event", "historic", "warning", "movie", "book"] = "flyer"


class Place(_Model):
    name: Text
    at: tuple[Annotated[float, Field(ge=0, le=100)], Annotated[float, Field(ge=0, le=100)]]
    icon: Optional[Emoji] = None


class MapSpec(_Common):
    kind: Literal["map"]
    title: Optional[Text] = None
    places: list[Place] = Field(min_length=1, max_length=10)
    route: list[Text] = Field(default_factory=list)
    notes: list[Text] = Field(default_factory=list)
    style: Literal["street", "floorplan"] = "street"

    @model_validator(mode="after")
    def _route_names(self) -> "MapSpec":
        names = {p.name for p in self.places}
        for i, stop in enumerate(self.route):
            if stop not in names:
                raise ValueError(f"route[{i}]: {stop!r} is not the name of a place")
        return self


class BanknoteSpec(_Common):
    kind: Literal["banknote"]
    issuer: Text
    value: Text
    currency: Text
    serial: Text
    emblem: Optional[Emoji] = None


# --- composite ----------------------------------------------------------------------------------

PanelSpec = Annotated[Union[SignSpec, LabelSpec, ShelfSpec, DocumentSpec, ScreenSpec, CardSpec,
                            ReceiptSpec, FormSpec, TableSpec, BarChartSpec, LineChartSpec, SceneSpec,
                            PeopleSpec, PosterSpec, MapSpec, BanknoteSpec],
                      Field(discriminator="kind")]


class CompositeSpec(_Common):
    kind: Literal["composite"]
    panels: list[PanelSpec] = Field(min_length=2, max_length=4)
    layout: Literal["row", "column", "grid"] = "row"

    @model_validator(mode="after")
    def _no_panel_size(self) -> "CompositeSpec":
        for i, panel in enumerate(self.panels):
            if panel.size is not None:
                raise ValueError(f"panels[{i}].size: a panel takes its size from the composite; remove it")
        return self


RenderSpec = Annotated[Union[SignSpec, LabelSpec, ShelfSpec, DocumentSpec, ScreenSpec, CardSpec,
                             ReceiptSpec, FormSpec, TableSpec, BarChartSpec, LineChartSpec, SceneSpec,
                             PeopleSpec, PosterSpec, MapSpec, BanknoteSpec, CompositeSpec],
                       Field(discriminator="kind")]
KINDS: tuple[str, ...] = ("sign", "label", "shelf", "document", "screen", "card", "receipt", "form",
                          "table", "bar_chart", "line_chart", "scene", "people", "poster", "map",
                          "banknote", "composite")

_ADAPTER: TypeAdapter = TypeAdapter(RenderSpec)


def parse_spec(data: Any) -> Any:
    """Validate a render mapping; return its model, or raise ValueError naming each bad field."""
    if isinstance(data, _Common):
        return data
    if not isinstance(data, dict):
        raise ValueError(f"render: expected a mapping with a 'kind', got {type(data).__name__}")
    if data.get("kind") not in KINDS:
        raise ValueError(f"render.kind: {data.get('kind')!r} is not a known kind; use one of {', '.join(KINDS)}")
    try:
        return _ADAPTER.validate_python(data)
    except ValidationError as exc:
        raise ValueError(_describe(exc)) from None


def _describe(exc: ValidationError) -> str:
    problems = []
    for err in exc.errors(include_url=False):
        loc = _without_tags(list(err["loc"]))
        path = "render" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc)
        msg = err["msg"].removeprefix("Value error, ")
        problems.append(f"{path}: {msg}")
    return "invalid render spec: " + "; ".join(problems)


def _without_tags(loc: list) -> list:
    """Drop the union tags pydantic inserts: first, and after `panels[i]`."""
    out = []
    for i, part in enumerate(loc):
        is_tag = part in KINDS and (i == 0 or (i >= 2 and isinstance(loc[i - 1], int) and loc[i - 2] == "panels"))
        if not is_tag:
            out.append(part)
    return out
