"""What a chart must do beyond its mark and encodings, one small object per requirement: a title, a subtitle
that states a computed number, axis titles, tooltips, a description, a selection, the rows it draws and their
order, a rule at a value, a scale's domain, whole-number ticks, charts side by side, what a click shows.

Each says what is wrong with a chart (`problem(chart)`, a sentence for the learner) or None. The ones about what
the reader sees are judged on the chart as drawn (drawing.py), not on how its spec is written. A question lists
them in its `ChartSpec(requires=...)`; a requirement that cannot read a chart says so, and the chart is not
judged right (`ChartAnswer` turns an error into a verdict: checks fail closed).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from russia_venezuela.checking.answers import TableAnswer, canonical, is_numeric
from russia_venezuela.checking.drawing import Drawing, draw, drawn_kind
from russia_venezuela.checking.vegalite import encoded_fields, mark_of, subtitle_text, views_of


class Chart:
    """A learner's chart as the requirements read it: its Vega-Lite spec, the views that draw the mark the
    question asks for, and its drawing (made once, and once per simulated click)."""

    def __init__(self, spec: dict, mark: str, clicked: dict | None = None):
        self.spec = spec
        self.mark = mark
        self.clicked = clicked
        self._drawing: Drawing | None = None

    @property
    def views(self) -> list[dict]:
        return list(views_of(self.spec))

    def views_drawing(self, mark: str | None = None) -> list[dict]:
        return [view for view in self.views if mark_of(view) == (mark or self.mark)]

    def kind(self, mark: str | None = None) -> str:
        """The kind of the drawn marks of `mark`, or of the question's mark."""
        return drawn_kind(mark or self.mark)

    def drawing(self) -> Drawing:
        if self._drawing is None:
            self._drawing = draw(self.spec, self.clicked)
        return self._drawing

    def after_click(self, clicked: dict) -> Chart:
        return Chart(self.spec, self.mark, clicked)


class Requirement:
    def problem(self, chart: Chart) -> str | None:
        raise NotImplementedError


def written(title) -> bool:
    """Whether a title holds words: not None, not empty, not only spaces (a list of lines counts)."""
    if isinstance(title, list):
        return any(written(line) for line in title)
    return isinstance(title, str) and bool(title.strip())


def _along(channel: str) -> str:
    """Which way a reader meets the values of a channel: left to right for x, top to bottom otherwise."""
    return "x" if channel in ("x", "x2") else "y"


@dataclass(frozen=True)
class Title(Requirement):
    def problem(self, chart):
        if not any(view.get("title") for view in chart.views):
            return "Your chart has no title. Give it one: `alt.Chart(data, title=\"...\")`."
        return None


def _numbers_in(text: str) -> list[int]:
    # Whole numbers standing alone: not a digit of a longer number, a decimal or a thousands group.
    return [int(found) for found in re.findall(r"(?<![\d.,])\d+(?![\d]|[.,]\d)", text)]


@dataclass(frozen=True)
class Subtitle(Requirement):
    """A subtitle; if `states` is given, one that states that number. `wrong` maps numbers a learner may have
    computed instead to what to say; `unstated` is said when the subtitle states no number, `other` when it
    states another."""

    states: int | None = None
    # Never empty: an empty message would pass the chart.
    unstated: str = ("Your subtitle does not state the number the question asks for yet. Compute it from the table "
                     "and put it into the subtitle with an f-string: `subtitle=f\"... {count} ...\"`.")
    other: str = ("The number in your subtitle ({number}) is not the one the question asks for. Compute it from the "
                  "table and put it into the subtitle with an f-string.")
    wrong: Mapping[int, str] = field(default_factory=dict)

    def problem(self, chart):
        titles = [view.get("title") for view in chart.views]
        if not any(isinstance(title, dict) and written(title.get("subtitle")) for title in titles):
            return ("Your chart has a title but no subtitle. Use `title=alt.Title(\"...\", subtitle=\"...\")`: "
                    "the question says what the subtitle should tell the reader.")
        if self.states is None:
            return None
        numbers = _numbers_in(subtitle_text(chart.spec))
        if self.states in numbers:
            return None
        for number, diagnosis in self.wrong.items():
            if number in numbers:
                return diagnosis
        return self.other.format(number=numbers[0]) if numbers else self.unstated


@dataclass(frozen=True)
class Description(Requirement):
    def problem(self, chart):
        if any(written(view.get("description")) for view in chart.views):
            return None
        return ("Your chart has no description yet. Add one sentence on what it shows, which screen readers "
                "read out: `description=\"...\"` in `alt.Chart(...)`, `alt.layer(...)` or `.properties(...)`.")


@dataclass(frozen=True)
class AxisTitles(Requirement):
    """Every x and y axis of the views that draw `mark` (the question's mark if None) has a title with words."""

    mark: str | None = None

    def problem(self, chart):
        for view in chart.views_drawing(self.mark):
            for name in ["x", "y"]:
                encoding = (view.get("encoding") or {}).get(name)
                if isinstance(encoding, dict) and ("field" in encoding or "aggregate" in encoding) \
                        and encoding.get("axis", {}) is not None \
                        and not written(encoding.get("title")) \
                        and not written((encoding.get("axis") or {}).get("title")):
                    whose = "" if self.mark is None else f"{self.mark}s' "
                    return (f"Give the {whose}{name} axis a title a reader understands: "
                            f"`{name}=alt.{name.upper()}(..., title=\"...\")`.")
        return None


@dataclass(frozen=True)
class Tooltip(Requirement):
    """Tooltips on the views that draw `mark` (any view if None), showing at least `fields`."""

    fields: tuple[str, ...] = ()
    mark: str | None = None

    def problem(self, chart):
        views = chart.views if self.mark is None else chart.views_drawing(self.mark)
        tooltips = [(view.get("encoding") or {}).get("tooltip") for view in views]
        if not any(tooltips):
            where = "" if self.mark is None else f" on the {self.mark}s"
            return (f"Your chart has no tooltips{where} yet. Add `tooltip=[...]` to `.encode(...)` so a reader can "
                    "hover over a mark and read its values.")
        shown = {name for tooltip in tooltips if tooltip for _, name in encoded_fields({"tooltip": tooltip})}
        missing = [name for name in self.fields if name not in shown]
        if missing:
            return ("Your tooltip does not show " + ", ".join(f"`{name}`" for name in missing) + " yet. The question "
                    "asks for at least " + ", ".join(f"`{name}`" for name in self.fields) + ": list them in "
                    "`tooltip=[...]`.")
        return None


@dataclass(frozen=True)
class Selection(Requirement):
    """A selection: its kind ("point" or "interval"), what it is bound to (e.g. "legend"), the field it picks
    by, the channel whose value must depend on it (e.g. "opacity"; None if it filters another view instead),
    and the mark of the view it must be attached to (None: any)."""

    select: str = "point"
    bind: str | None = None
    field: str | None = None
    responds: str | None = "opacity"
    on: str | None = None

    def problem(self, chart):
        params = [(view, param) for view in chart.views for param in view.get("params", []) or []
                  if "select" in param]
        maker = f"alt.selection_{self.select}"
        if not params:
            return (f"Your chart has no selection yet: make one with `{maker}(...)` and attach it with "
                    "`.add_params(...)`.")
        matching = [(view, param) for view, param in params if _kind(param) == self.select]
        if not matching:
            return f"Your selection is of another kind: this question needs `{maker}(...)`."
        if self.bind is not None:
            matching = [(view, param) for view, param in matching if param.get("bind") == self.bind]
            if not matching:
                return (f"Your selection is not bound to the {self.bind} yet: pass `bind=\"{self.bind}\"` to "
                        f"`{maker}`.")
        if self.field is not None:
            matching = [(view, param) for view, param in matching if self.field in _picks_by(param)
                        or (self.bind == "legend" and "color" in _picks_by(param))]
            if not matching:
                return (f"Your selection does not pick by `{self.field}`: pass `fields=[\"{self.field}\"]` to "
                        f"`{maker}`.")
        if self.on is not None and not any(mark_of(view) == self.on or any(
                mark_of(other) == self.on and other.get("name") in (param.get("views") or [])
                for other in chart.views) for view, param in matching):
            return (f"Your selection is not on the {self.on}s, where the reader clicks. Attach it to the "
                    f"{self.on} chart with `.add_params(...)`.")
        if self.responds is not None and not any(
                "condition" in ((view.get("encoding") or {}).get(self.responds) or {}) for view in chart.views):
            return (f"The selection changes nothing yet: make the `{self.responds}` depend on it, e.g. "
                    f"`{self.responds}=alt.when(selection).then(alt.value(1)).otherwise(alt.value(0.2))`.")
        return None


def _kind(param: dict) -> str | None:
    select = param["select"]
    return select if isinstance(select, str) else select.get("type")


def _picks_by(param: dict) -> list[str]:
    select = param["select"] if isinstance(param["select"], dict) else {}
    return list(select.get("fields", [])) + (["color"] if "color" in select.get("encodings", []) else [])


def _comparable(drawn: pd.DataFrame, wanted: pd.DataFrame) -> pd.DataFrame:
    """The drawn values (text) in the types of the wanted table: numbers as numbers, dates as ISO days."""
    columns = {}
    for name in wanted.columns:
        values = drawn[name]
        if is_numeric(wanted[name]):  # as Vega prints them: a minus sign (U+2212), thousands separators
            values = pd.to_numeric(values.str.replace("\u2212", "-").str.replace(",", ""), errors="coerce")
        columns[name] = values
    return pd.DataFrame(columns)


def _as_drawn(wanted: pd.DataFrame) -> pd.DataFrame:
    return wanted.assign(**{name: wanted[name].dt.strftime("%Y-%m-%d") for name in wanted.columns
                            if pd.api.types.is_datetime64_any_dtype(wanted[name])})


@dataclass(frozen=True)
class Draws(Requirement):
    """The marks of `mark` (the question's if None) show, on the channels named by the table's columns, the
    table's rows, in any order (a bar of length zero is not counted). `wrong` lists tables a typical mistake
    draws, each with what to say; otherwise the message says whether the number of marks or their values
    differ."""

    table: pd.DataFrame
    mark: str | None = None
    wrong: tuple[tuple[pd.DataFrame, str], ...] = ()

    def problem(self, chart):
        mark = chart.kind(self.mark)
        wanted = _as_drawn(self.table).reset_index(drop=True)
        drawn = _comparable(chart.drawing().table(mark, list(wanted.columns)), wanted)
        if mark == "bar":
            measures = [name for name in wanted.columns if is_numeric(wanted[name])]
            drawn = drawn.loc[~(drawn[measures] == 0).any(axis="columns")] if measures else drawn
            wanted = wanted.loc[~(wanted[measures] == 0).any(axis="columns")] if measures else wanted
        if TableAnswer().diagnose(drawn.reset_index(drop=True), wanted.reset_index(drop=True)) is None:
            return None
        for table, diagnosis in self.wrong:
            other = _as_drawn(table).reset_index(drop=True)
            if TableAnswer().diagnose(drawn.reset_index(drop=True), other) is None:
                return diagnosis
        keys = [name for name in wanted.columns if not is_numeric(wanted[name])]
        plural = "" if len(drawn) == 1 else "s"
        if len(drawn) != len(wanted) or any(set(map(canonical, drawn[k])) != set(map(canonical, wanted[k]))
                                            for k in keys):
            return (f"Your chart draws {len(drawn)} {mark}{plural} ({len(wanted)} wanted), or not the ones the "
                    "question asks for. Check which rows you kept before charting.")
        return ("Your chart draws the right things, but not at the right sizes or places. Check what you counted "
                "or added up: which table, which rows, and whether each row is counted once.")


@dataclass(frozen=True)
class Order(Requirement):
    """The values of `channel` shown by the marks of `mark`, read top to bottom (then left to right), come in
    the order of `values` (each once). `wrong` lists orders a typical mistake draws, with what to say."""

    values: tuple
    channel: str = "y"
    mark: str | None = None
    wrong: tuple[tuple[tuple, str], ...] = ()
    otherwise: str = "Your chart does not show its rows in the order the question asks for."

    def problem(self, chart):
        drawn = chart.drawing().table(chart.kind(self.mark), [self.channel], _along(self.channel))[self.channel]
        order = tuple(drawn.dropna().drop_duplicates())
        wanted = tuple(str(value) for value in self.values)
        if order == wanted:
            return None
        for values, diagnosis in self.wrong:
            if order == tuple(str(value) for value in values):
                return diagnosis
        return self.otherwise


@dataclass(frozen=True)
class RuleAt(Requirement):
    """A rule drawn across the chart at `value` on the y axis, dashed if `dashed`."""

    value: float = 0
    dashed: bool = True
    missing: str = "Your chart has no rule at {value} yet: layer a `mark_rule` at `y=alt.datum({value})`."

    def problem(self, chart):
        drawing = chart.drawing()
        rules = drawing.marks("rule")
        axes = drawing.axes_of("rule", "y")
        at = [axis.position_of(self.value) for axis in axes]
        placed = [rule for rule in rules if any(y is not None and abs(rule.y - y) < 0.5 for y in at)]
        if not placed:
            return self.missing.format(value=self.value)
        if self.dashed and not any(rule.dashed for rule in placed):
            return ("Your rule is solid. Make it dashed, so that no reader takes it for data: give `mark_rule` a "
                    "`strokeDash`, e.g. `strokeDash=[4, 4]`.")
        return None


@dataclass(frozen=True)
class ScaleDomain(Requirement):
    """The axis of `channel` spans exactly `domain` (its first and last labels are its ends)."""

    domain: tuple[float, float]
    channel: str = "y"
    unlike: str = ("Your {channel} axis does not span {low:g} to {high:g}: give it "
                   "`scale=alt.Scale(domain=[{low:g}, {high:g}])`.")

    def problem(self, chart):
        low, high = self.domain
        for axis in chart.drawing().axes_of(chart.kind(), self.channel):
            numbers = axis.numbers()
            if numbers and min(numbers) == low and max(numbers) == high:
                return None
        return self.unlike.format(channel=self.channel, low=low, high=high)


@dataclass(frozen=True)
class WholeTicks(Requirement):
    """The axis of `channel` prints whole numbers only (a count has no halves)."""

    channel: str = "x"

    def problem(self, chart):
        axes = chart.drawing().axes_of(chart.kind(), self.channel)
        if all((numbers := axis.numbers()) is not None and all(float(n).is_integer() for n in numbers)
               for axis in axes):
            return None
        return (f"Your {self.channel} axis marks fractions, such as halves, between its whole numbers, and a count "
                f"has none. Give it the course's axis for counts: `axis=rv.count_axis()` in "
                f"`alt.{self.channel.upper()}(...)`.")


@dataclass(frozen=True)
class SideBySide(Requirement):
    def problem(self, chart):
        if any("hconcat" in view or "concat" in view for view in chart.views):
            return None
        if any("vconcat" in view for view in chart.views):
            return ("Your two charts are stacked one above the other, as `&` places them. The question puts them "
                    "side by side: join them with `|`.")
        return "Place the two charts side by side: join them with `|`."


@dataclass(frozen=True)
class AfterClick(Requirement):
    """What the chart must show once the reader has clicked a mark that picks `value` of `field` (every point
    selection by that field starts with that value): each of `then` holds for the chart so drawn."""

    field: str
    value: object
    then: tuple[Requirement, ...]

    def problem(self, chart):
        clicked = chart.after_click({self.field: self.value})
        return next((problem for requirement in self.then if (problem := requirement.problem(clicked))), None)


@dataclass(frozen=True)
class Without(Requirement):
    """No view draws `mark` (a line where no line belongs, say); `diagnosis` says why."""

    mark: str
    diagnosis: str

    def problem(self, chart):
        return self.diagnosis if chart.views_drawing(self.mark) else None


def _in_order(values: pd.Series, descending: bool = False) -> bool:
    """Whether drawn values (as printed) ascend (or descend): as numbers if all are numbers, else as dates if all
    are dates, else as text."""
    values = values.dropna()
    read = pd.to_numeric(values.str.replace("\u2212", "-").str.replace(",", ""), errors="coerce")
    if not read.notna().all():
        dates = pd.to_datetime(values, errors="coerce", format="mixed")
        read = dates if dates.notna().all() else values
    return read.is_monotonic_decreasing if descending else read.is_monotonic_increasing


@dataclass(frozen=True)
class SortedBy(Requirement):
    """The marks of `mark` (the question's if None), read along `channel` (top to bottom for "y", left to right
    for "x"), show ascending values of `by` (bars in time order, say), or descending ones if `descending` (the
    longest bar on top), however they were sorted (a sorted table kept by `sort=None`, or a sort on the axis). Marks
    of equal value may come in any order, which `Order` would fix. `wrong` lists orders of the values of `channel`
    that a typical mistake draws, each with what to say; `reversed`, if given, is said when the values run the
    other way round, whatever the order of marks of equal value."""

    by: str = "x"
    channel: str = "y"
    mark: str | None = None
    wrong: tuple[tuple[tuple, str], ...] = ()
    otherwise: str = "Your chart does not show its rows in the order the question asks for."
    descending: bool = False
    reversed: str | None = None

    def problem(self, chart):
        drawn = chart.drawing().table(chart.kind(self.mark), [self.by, self.channel], _along(self.channel))
        shown = drawn[self.by].notna().any()
        if shown and _in_order(drawn[self.by], self.descending):
            return None
        if shown and self.reversed is not None and _in_order(drawn[self.by], not self.descending):
            return self.reversed
        order = tuple(drawn[self.channel].dropna().drop_duplicates())
        for values, diagnosis in self.wrong:
            if order == tuple(str(value) for value in values):
                return diagnosis
        return self.otherwise


def _as_written(texts) -> list[str]:
    """Texts as a text mark writes them, sorted: a missing one as *null*, as Vega-Lite writes it."""
    return sorted("null" if text is None or text is pd.NA or (isinstance(text, float) and pd.isna(text))
                  else str(text) for text in texts)


@dataclass(frozen=True)
class Writes(Requirement):
    """The marks of `mark` (the question's if None) write exactly `texts`, each as often as listed, in any order
    (where they are is for `Draws` to say). `wrong` lists the texts a typical mistake writes, each with what to
    say; `otherwise` is said when the chart writes others."""

    texts: tuple
    mark: str | None = None
    wrong: tuple[tuple[tuple, str], ...] = ()
    otherwise: str = "Your chart does not write the texts the question asks for."

    def problem(self, chart):
        written = _as_written(mark.text for mark in chart.drawing().marks(chart.kind(self.mark)))
        if written == _as_written(self.texts):
            return None
        for texts, diagnosis in self.wrong:
            if written == _as_written(texts):
                return diagnosis
        return self.otherwise


@dataclass(frozen=True)
class AxisLabels(Requirement):
    """The axis of `channel`, in the panels that draw `mark` (the question's if None), lists exactly the
    categories `values`, in any order: none fewer, and none more, such as a category that has no mark but that
    a categorical column kept (an empty row of a bar chart). Meant for categorical axes, whose labels Vega prints
    one per category. `extra` is said when it lists more ({labels} names them), `missing` when it lists fewer."""

    values: tuple
    channel: str = "y"
    mark: str | None = None
    extra: str = ("Your {channel} axis also lists {labels}, which the question does not ask for. Check which rows "
                  "you kept before charting.")
    missing: str = "Your {channel} axis does not list {labels}. Check which rows you kept before charting."

    def problem(self, chart):
        axes = chart.drawing().axes_of(chart.kind(self.mark), self.channel)
        shown = {label for axis in axes for label in axis.labels}
        wanted = {str(value) for value in self.values}

        def named(labels):
            return ", ".join(f"`{label}`" for label in sorted(labels))

        if shown - wanted:
            return self.extra.format(channel=self.channel, labels=named(shown - wanted))
        if wanted - shown:
            return self.missing.format(channel=self.channel, labels=named(wanted - shown))
        return None
