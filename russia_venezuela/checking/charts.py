"""Chart answers: the chart a question expects (`ChartSpec`: a mark, its `Channel`s and the `Requirement`s
it must meet), judged on the learner's Altair chart: its encodings read from its Vega-Lite spec, what it shows
read from its drawing (requirements.py), with the diagnoses of how a chart can differ."""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd

from russia_venezuela.checking.answers import AnswerKind, TableAnswer
from russia_venezuela.checking.drawing import CannotDraw
from russia_venezuela.checking.question import none_message, type_name
from russia_venezuela.checking.requirements import AxisTitles, Chart, Requirement, Title, Tooltip
from russia_venezuela.checking.vegalite import (
    OPAQUE_TRANSFORMS,
    encoded_fields,
    mark_of,
    names_made,
    spec_data,
    views_of,
    views_with_rows,
)


@dataclass(frozen=True)
class Channel:
    """What one encoding channel of a chart must show: a field (or an aggregate such as count) and its type."""

    field: str | None = None
    type: str | None = None
    aggregate: str | None = None


TYPE_SHORTHAND = {"quantitative": ":Q", "nominal": ":N", "ordinal": ":O", "temporal": ":T"}
MARK_METHOD = "mark_{}()"


# What every chart of the course has, unless a question says otherwise.
BASICS: tuple[Requirement, ...] = (Title(), AxisTitles(), Tooltip())


@dataclass(frozen=True)
class ChartSpec:
    """The expected chart: its mark, the channels it must encode (each with acceptable alternatives), and the
    requirements it must meet, `basics` (a title, axis titles, tooltips) and then `requires`, in order: the
    first unmet one is what the learner hears.

    `model` is a chart that answers the question (the solution's, built from the data): it proves, without a
    notebook, that the question can be answered (tests/test_questions.py).

    `data` (for the typical wrong charts of a question) is the data the chart is drawn from, compared as a
    table on the columns it names; `exact` also requires the same set of channels, so that a mistake matches
    only charts that make that mistake."""

    mark: str
    channels: dict[str, tuple[Channel, ...]]
    requires: tuple[Requirement, ...] = ()
    basics: tuple[Requirement, ...] = BASICS
    model: alt.TopLevelMixin | None = None
    data: pd.DataFrame | None = None
    exact: bool = False


# Channels that describe rather than draw: a typical wrong chart matches whether or not it has them.
DESCRIPTIVE_CHANNELS = {"tooltip", "href", "description"}


DISCRETE_TYPES = {"nominal", "ordinal"}


def _same_type(given: str | None, wanted: str | None) -> bool:
    """Nominal and ordinal both draw categories; a question that asks for one accepts the other."""
    return wanted is None or given == wanted or {given, wanted} <= DISCRETE_TYPES


def _channel_matches(encoding: dict, channel: Channel, exact: bool = False) -> bool:
    """Whether an encoding shows what the channel asks for. A None in the channel means "any", except that
    an exact channel (a typical wrong chart) with no aggregate matches only encodings with none."""
    return ((channel.field is None or encoding.get("field") == channel.field)
            and (encoding.get("aggregate") == channel.aggregate if exact or channel.aggregate is not None else True)
            and (encoding.get("type") == channel.type if exact else _same_type(encoding.get("type"), channel.type)))


class ExportedChart:
    """A chart known only by its Vega-Lite spec, as the grader receives it from a learner's kernel."""

    def __init__(self, spec: dict):
        self.spec = spec


@dataclass(frozen=True)
class ChartAnswer(AnswerKind):
    """An Altair chart, judged from its Vega-Lite spec (mark, encodings, title, data), never from pixels."""

    def prepare(self, answer):
        return answer  # a chart is read through to_dict(), which builds a new dict and changes nothing

    def comparable(self, wrong_answer):
        return chart_spec_of(wrong_answer)  # a typical wrong chart: only charts like it match

    def diagnose(self, answer, expected: ChartSpec):
        if answer is None:
            return none_message()
        if isinstance(answer, pd.DataFrame):
            return ("Your answer is a table, the data of a chart. Make the chart from it: "
                    "`alt.Chart(table, title=\"...\").mark_...().encode(...)`.")
        if isinstance(answer, ExportedChart):
            spec = answer.spec
        elif not isinstance(answer, alt.TopLevelMixin):
            return f"Your answer is {type_name(answer)}. The question asks for an Altair chart (`alt.Chart(...)`)."
        elif isinstance(answer, alt.Chart) and answer.mark is alt.Undefined:
            return "Your chart has no mark yet: add one, e.g. `.mark_bar()`."
        else:
            try:
                spec = answer.to_dict()
            except Exception as error:
                first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
                return f"Altair cannot turn your chart into a drawing. It says: “{first_line[:200]}”. Fix that first."
        views = [view for view in views_of(spec) if mark_of(view)]
        if not views:
            return "Your chart has no mark yet: add one, e.g. `.mark_bar()`."
        candidates = [view for view in views if mark_of(view) == expected.mark]
        if not candidates:
            marks = ", ".join(sorted({f"`{mark_of(v)}`" for v in views}))
            return (f"Your chart draws {marks}, but this question needs a {expected.mark} mark: "
                    f"`.{MARK_METHOD.format(expected.mark)}`.")
        # In a layered chart any layer with the right mark may be the one the question asks for.
        problems = [_encoding_problem(view.get("encoding", {}) or {}, expected) for view in candidates]
        if None not in problems:
            return problems[0]
        problem = _missing_field_problem(spec)
        if problem:
            return problem
        problem = _requirements_problem(Chart(spec, expected.mark), expected.basics + expected.requires)
        if problem:
            return problem
        if expected.data is not None:
            # Both sides go through the same conversion to the spec's JSON, so dates and numbers compare alike.
            data = spec_data(spec)
            wanted = spec_data(alt.Chart(expected.data).mark_point().to_dict())
            if data is None:
                return "Draw the chart from a pandas DataFrame, as in the lesson, so the check can read its data."
            problem = TableAnswer().diagnose(data[[c for c in data.columns if c in wanted.columns]], wanted)
            if problem:
                return "The chart is built right, but its data is not. " + problem.replace("Your table", "The data")
        return None


def _requirements_problem(chart: Chart, requirements: tuple[Requirement, ...]) -> str | None:
    """The first requirement the chart does not meet. One that cannot read the chart fails closed: its error
    is the verdict, never a pass."""
    for requirement in requirements:
        try:
            problem = requirement.problem(chart)
        except CannotDraw as error:
            return str(error)
        except Exception as error:
            return (f"Part of this question's check could not read your chart ({type(requirement).__name__} "
                    f"stopped with {type(error).__name__}). Build the chart the way the question describes and "
                    "check again; if you are sure it is right, tell your instructor, as the check may need mending.")
        if problem:
            return problem
    return None


def _encoding_problem(encoding: dict, expected: ChartSpec) -> str | None:
    """What is wrong with one view's encodings, or None if it has every channel the question asks for."""
    for name, options in expected.channels.items():
        given = encoding.get(name)
        if not isinstance(given, dict):
            return f"Your chart has no `{name}` encoding. Add it inside `.encode({name}=...)`."
        if any(_channel_matches(given, option, expected.exact) for option in options):
            continue
        field_name, aggregate = given.get("field"), given.get("aggregate")
        same_field = [option for option in options if option.field == field_name and field_name is not None]
        if same_field and not any(option.aggregate == aggregate for option in same_field):
            wanted = next((option.aggregate for option in same_field if option.aggregate), None)
            if wanted:
                return (f"`{name}` shows `{field_name}` value by value, but this chart needs its {wanted}: write "
                        f"`\"{wanted}({field_name})\"`" + (" (or aggregate before charting)." if aggregate is None
                                                           else f" instead of `{aggregate}`."))
            return f"`{name}` aggregates `{field_name}` with `{aggregate}`, but this chart shows the column as it is."
        counted = [option for option in options if option.field is None and option.aggregate == aggregate]
        if aggregate and counted and given.get("type") != counted[0].type:
            return (f"`{name}` takes the {aggregate}, which is a number: type it {counted[0].type}, e.g. "
                    f"`\"{aggregate}(){TYPE_SHORTHAND.get(counted[0].type, '')}\"`.")
        if not same_field and aggregate and any(option.aggregate == aggregate for option in options):
            return (f"`{name}` takes the {aggregate} of `{field_name}`, which is not the column this chart needs "
                    "there. Reread the question: which column belongs there?")
        fields = {option.field for option in options}
        if field_name not in fields and not any(option.aggregate and option.aggregate == aggregate
                                                for option in options):
            shown = f"`{field_name}`" if field_name else f"`{aggregate}()`"
            return (f"`{name}` shows {shown}, which is not what this chart needs on that channel. "
                    "Reread the question: which column belongs there?")
        types = [option.type for option in options if option.field == given.get("field") and option.type]
        if types and given.get("type") not in types:
            return (f"`{name}` is encoded as {given.get('type')}, but this field needs {types[0]}: write "
                    f"`\"{given.get('field')}{TYPE_SHORTHAND[types[0]]}\"`.")
        return f"`{name}` is not encoded as this question asks. Compare it with the example in the lesson."
    if expected.exact and set(encoding) - DESCRIPTIVE_CHANNELS != set(expected.channels) - DESCRIPTIVE_CHANNELS:
        return "Your chart encodes other channels."
    return None


def _missing_field_problem(spec: dict) -> str | None:
    """A field the chart encodes that its data does not have: Vega-Lite then silently draws nothing there."""
    transforms = [transform for view in views_of(spec) for transform in view.get("transform") or []]
    if any(OPAQUE_TRANSFORMS & set(transform) for transform in transforms):
        return None
    made = names_made(transforms)
    for view, rows in views_with_rows(spec):
        if not rows or not mark_of(view):
            continue
        columns = set().union(*(row for row in rows if isinstance(row, dict)))
        for channel, name in encoded_fields(view.get("encoding") or {}):
            if not {name, name.replace("\\", ""), name.split(".")[0]} & (columns | made):
                where = ", so Vega-Lite finds no values and draws every mark on one row" if channel == "y" else ""
                return (f"`{channel}` shows the field `{name}`, but the table your chart draws has no column "
                        f"`{name}`{where}. Make that column first (with `assign`, as the lessons do, or in the chart "
                        "with a transform such as `transform_window`), or encode a column your table has "
                        "(`table.columns` lists them).")
    return None


def chart_spec_of(chart: alt.TopLevelMixin) -> ChartSpec:
    """The ChartSpec that only charts like this one satisfy: how a typical wrong chart is described as a
    mistake (same mark, same channels, same data; any title)."""
    spec = chart.to_dict()
    view = next(view for view in views_of(spec) if mark_of(view))
    channels = {name: (Channel(enc.get("field"), enc.get("type"), enc.get("aggregate")),)
                for name, enc in (view.get("encoding") or {}).items()
                if isinstance(enc, dict) and name not in DESCRIPTIVE_CHANNELS}
    data = spec_data(spec)
    return ChartSpec(mark=mark_of(view), channels=channels, basics=(), exact=True,
                     data=data if data is not None and len(data.columns) else None)
