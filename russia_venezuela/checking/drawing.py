"""What a chart draws: its marks as Vega itself lays them out (vl-convert draws without a browser or a network),
each read back with the values it stands for, and its axes with the labels they print.

A chart answer is judged by its drawing wherever the question is about what the reader sees (which rows, in
which order, which ticks), so that a filter, a window or a sort counts by its effect, however it is written.

The drawing is made in a process of its own (painter.py), stopped if it takes longer than DRAW_SECONDS.

Vega describes every mark for screen readers as "title: value; title: value". The drawing is made from a copy
of the chart whose encodings are titled with their channel's name and whose dates print as ISO days, so that
those descriptions read back as values per channel. The learner's chart is never changed.
"""

from __future__ import annotations

import copy
import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from russia_venezuela.checking.vegalite import views_of
from russia_venezuela.painter import Painter, PaintingFailed

# Marks Vega draws under another name, where a mark does not name its own kind for screen readers.
_MARK_NAMES = {"symbol": "point"}
_TITLE = "⟦{}⟧"
_FIELD = re.compile(r"⟦(\w+)⟧: ")
_DAY = "%Y-%m-%d"
# A chart drawn from more rows than this is not drawn by the check: no question needs a tenth of it.
MAX_ROWS = 20_000
DRAW_SECONDS = 20


class CannotDraw(Exception):
    """The chart cannot be drawn; the message says why, in words for the learner."""


@dataclass(frozen=True)
class Mark:
    """One drawn mark: its kind ("bar", "point", "text", "rule", ...), the value it shows on each channel (as
    printed), where it is drawn (pixels from the top left of its view) and, for text, its text."""

    kind: str
    values: dict[str, str]
    x: float
    y: float
    text: str | None
    dashed: bool


@dataclass(frozen=True)
class Axis:
    """An axis as drawn: its channel ("x" or "y"), the labels it prints and where (pixels along the axis)."""

    channel: str
    labels: tuple[str, ...]
    positions: tuple[float, ...]

    def numbers(self) -> list[float] | None:
        """The labels as numbers (Vega prints a minus sign, U+2212, and thousands separators); None if one is
        not a number."""
        try:
            return [float(label.replace("\u2212", "-").replace(",", "")) for label in self.labels]
        except ValueError:
            return None

    def position_of(self, value: float) -> float | None:
        """Where a number falls along a numeric axis, from its two nearest labels; None if it cannot be told."""
        numbers = self.numbers()
        if not numbers or len(numbers) < 2:
            return None
        pairs = sorted(zip(numbers, self.positions))
        for (low, low_at), (high, high_at) in zip(pairs, pairs[1:]):
            if low <= value <= high and high != low:
                return low_at + (value - low) / (high - low) * (high_at - low_at)
        return None


@dataclass
class Panel:
    """One plotting area: the marks of every layer drawn in it, and its axes."""

    marks: list[Mark] = field(default_factory=list)
    axes: list[Axis] = field(default_factory=list)


@dataclass
class Drawing:
    panels: list[Panel]

    def marks(self, kind: str | None = None) -> list[Mark]:
        return [mark for panel in self.panels for mark in panel.marks if kind is None or mark.kind == kind]

    def table(self, kind: str, channels: list[str], along: str = "y") -> pd.DataFrame:
        """The values the marks of one kind show on the given channels, one row per mark, in the order a reader
        meets them along `along`: top to bottom for "y" (then left to right), left to right for "x" (then top
        to bottom). A channel a mark does not show is empty."""
        def place(mark):
            return (round(mark.y, 3), round(mark.x, 3)) if along == "y" else (round(mark.x, 3), round(mark.y, 3))
        marks = sorted(self.marks(kind), key=place)
        return pd.DataFrame([[mark.values.get(name) for name in channels] for mark in marks], columns=channels,
                            dtype="str")

    def axes_of(self, kind: str, channel: str) -> list[Axis]:
        """The axes of a channel in the panels that draw marks of one kind."""
        return [axis for panel in self.panels if any(mark.kind == kind for mark in panel.marks)
                for axis in panel.axes if axis.channel == channel and axis.labels]


def drawn_kind(mark: str) -> str:
    """The kind of the marks Vega draws for a Vega-Lite mark: circles and squares are points."""
    return "point" if mark in ("circle", "square") else mark


def draw(spec: dict, clicked: dict | None = None) -> Drawing:
    """Draw a chart's Vega-Lite spec. `clicked` ({field: value}) draws it as after a click that picks that value
    in every point selection by that field. Raises CannotDraw with a message for the learner."""
    address = _address(spec)
    if address is not None:
        raise CannotDraw(f"Your chart loads its data from {address}. The check reads nothing from the web or from "
                         "files: make the chart from a pandas DataFrame, as the lessons do.")
    rows = sum(_row_count(values) for values in _inline_rows(spec)) + _generated_rows(spec)
    if rows > MAX_ROWS:
        rows = f"{rows:,.0f}" if rows < math.inf else "endless"
        raise CannotDraw(f"Your chart draws {rows} rows, far more than this question needs: draw from the table "
                         "the question names, after the filters it asks for.")
    prepared = _readable_copy(spec, clicked or {})
    return _drawn(json.dumps(prepared, sort_keys=True, default=str))


_PAINTER = Painter(DRAW_SECONDS)


@lru_cache(maxsize=64)
def _drawn(spec_text: str) -> Drawing:
    try:
        scene = _PAINTER.scene(spec_text)
    except PaintingFailed as error:
        raise CannotDraw(str(error)) from None
    panels: list[Panel] = []
    _collect(scene.get("scenegraph", {}), panels)
    return Drawing([panel for panel in panels if panel.marks or panel.axes])


def _collect(node, panels: list[Panel]) -> None:
    """Walk the scenegraph: each group item whose children include marks or axes is a panel."""
    if isinstance(node, list):
        for item in node:
            _collect(item, panels)
        return
    if not isinstance(node, dict):
        return
    children = node.get("items")
    if node.get("marktype") == "group" and isinstance(children, list):
        for item in children:  # group items: each is a plotting area, or holds some
            panel = Panel()
            for child in item.get("items", []) if isinstance(item, dict) else []:
                role = child.get("role")
                if role == "mark" and child.get("marktype") != "group":
                    panel.marks += [_mark(child, entry) for entry in child.get("items", [])]
                elif role == "axis":
                    axis = _axis(child)
                    if axis is not None:
                        panel.axes.append(axis)
            panels.append(panel)
            _collect(item.get("items", []) if isinstance(item, dict) else [], panels)
        return
    for value in node.values():
        if isinstance(value, (dict, list)):
            _collect(value, panels)


def _mark(mark_node: dict, item: dict) -> Mark:
    kind = item.get("ariaRoleDescription") or _MARK_NAMES.get(mark_node["marktype"], mark_node["marktype"])
    description = item.get("description") or ""
    parts = _FIELD.split(description)
    values = {parts[i]: parts[i + 1].removesuffix("; ") for i in range(1, len(parts) - 1, 2)}
    return Mark(kind=kind, values=values, x=float(item.get("x", 0) or 0), y=float(item.get("y", 0) or 0),
                text=item.get("text") if isinstance(item.get("text"), str) else None,
                dashed=bool(item.get("strokeDash")))


def _axis(node: dict) -> Axis | None:
    groups = [item for item in node.get("items", []) if isinstance(item, dict)]
    orient = groups[0].get("orient") if groups else None
    if orient not in {"bottom", "top", "left", "right"}:
        return None
    along = "x" if orient in {"bottom", "top"} else "y"
    # A label whose text is empty is not printed (a count axis hides those between whole numbers).
    texts = [text for group in groups for part in group.get("items", []) if part.get("role") == "axis-label"
             for text in part.get("items", []) if text.get("text") not in (None, "")]
    return Axis(along, tuple(_one_line(text.get("text")) for text in texts),
                tuple(float(text.get(along, 0) or 0) for text in texts))


def _one_line(text) -> str:
    """A label as one line: Vega draws a list of strings as lines (the course wraps long labels so)."""
    return " ".join(map(str, text)) if isinstance(text, list) else str(text)


def _address(node) -> str | None:
    """The first address (`url`) a spec would load something from, quoted, wherever it is written: a view's
    data, a lookup's, an image channel. vl-convert refuses web addresses (allowed_base_urls=[]) but reads local
    files, so none is ever passed to it. Inline rows are not looked into: a column may be called "url"."""
    if isinstance(node, list):
        return next((found for item in node if (found := _address(item)) is not None), None)
    if not isinstance(node, dict):
        return None
    for key, value in node.items():
        if key == "url":
            return f"`{value[:100]}`" if isinstance(value, str) else "an address (`url`)"
        if key not in ("values", "datasets") and (found := _address(value)) is not None:
            return found
    return None


def _row_count(values) -> int:
    """The rows of inline data: a list of records, or a text (CSV, JSON) of about as many rows as lines."""
    return len(values) if isinstance(values, list) else str(values).count("\n") + 1


def _generated_rows(node) -> float:
    """The rows of every sequence generator in a spec (`alt.sequence(...)`), which no inline data shows; one
    that cannot be read, or never ends (a step of zero), counts as endless."""
    if isinstance(node, list):
        return sum(_generated_rows(item) for item in node)
    if not isinstance(node, dict):
        return 0
    rows = 0.0
    for key, value in node.items():
        if key == "sequence" and isinstance(value, dict):
            try:
                start, stop, step = (float(value.get(name, default)) for name, default in
                                     (("start", 0), ("stop", 0), ("step", 1)))
                count = math.ceil((stop - start) / step)
            except (TypeError, ValueError, ZeroDivisionError, OverflowError):
                count = math.inf
            rows += max(count, 0)
        elif key not in ("values", "datasets"):
            rows += _generated_rows(value)
    return rows


def _inline_rows(spec: dict):
    for value in (spec.get("datasets") or {}).values():
        if isinstance(value, list):
            yield value
    for view in views_of(spec):
        data = view.get("data")
        if isinstance(data, dict) and data.get("values") is not None:
            yield data["values"]


def _readable_copy(spec: dict, clicked: dict) -> dict:
    """A copy of the spec whose marks describe themselves channel by channel, dates as ISO days; with a click
    simulated as the initial value of the point selections by the clicked field."""
    spec = copy.deepcopy(spec)
    config = spec.get("config")
    for part in [config, *config.values()] if isinstance(config, dict) else []:
        if isinstance(part, dict):
            part.pop("aria", None)  # a theme may switch off the descriptions the drawing is read from
    for view in views_of(spec):
        mark = view.get("mark")
        if isinstance(mark, dict):
            for key in ("aria", "description"):
                mark.pop(key, None)
        encoding = view.get("encoding") or {}
        encoding.pop("description", None)
        for channel, definition in encoding.items():
            if channel == "tooltip":  # described too: titled so as to be told from the channels
                for item in definition if isinstance(definition, list) else [definition]:
                    if isinstance(item, dict):
                        item["title"] = _TITLE.format("tooltip")
            elif isinstance(definition, dict):
                definition["title"] = _TITLE.format(channel)
                definition.pop("format", None)
                definition.pop("formatType", None)
                # x2 and y2 take the type of x and y
                typed = definition if channel not in ("x2", "y2") else encoding.get(channel[0]) or {}
                if isinstance(typed, dict) and typed.get("type") == "temporal" and "timeUnit" not in definition:
                    definition["format"] = _DAY
        for param in view.get("params") or []:
            select = param.get("select")
            fields = select.get("fields", []) if isinstance(select, dict) else []
            if clicked and (select == "point" or isinstance(select, dict) and select.get("type") == "point"):
                if set(clicked) <= set(fields):
                    param["value"] = [dict(clicked)]
    return spec
