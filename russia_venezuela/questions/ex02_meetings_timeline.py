"""Questions of exercises/02_meetings_timeline.ipynb: missing dates, date windows, planned and twice-told events,
a count chart and an interactive timeline."""

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

import altair as alt
import pandas as pd

from russia_venezuela.checking import (
    Channel,
    ChartAnswer,
    ChartSpec,
    ExportedChart,
    Interaction,
    ListAnswer,
    Mistake,
    NumberAnswer,
    Question,
    SeriesAnswer,
    TableAnswer,
    drawn_values,
)
from russia_venezuela.data import load

EXERCISE = "02_meetings_timeline"
MEETING_KINDS = ["meeting", "visit"]


def _events():
    return load("events")


def _meetings():
    events = _events()
    return events.loc[events["event_kind"].isin(MEETING_KINDS)]


def _dated_meetings():
    meetings = _meetings()
    return meetings.loc[meetings["date"].notna()]


def _with_known_to(table):
    return table.assign(known_to=table["date_precision"].astype("str").fillna("not dated"))


def _windows(table):
    return table.assign(days_allowed=(table["date_end"] - table["date_start"]).dt.days + 1)


# What ChartSpec cannot say about the two charts of this set: a description, encoded fields that exist in the
# chart's data, the number in the timeline's subtitle, and the timeline's rows in time order.
_VIEW_KEYS = ["layer", "hconcat", "vconcat", "concat"]
# Transforms that make columns whose names the check cannot read from the spec: fields are not checked then.
_OPAQUE_TRANSFORMS = {"pivot", "fold", "lookup", "flatten", "density", "regression", "loess", "quantile", "extent"}


def _rows_of(view: dict, datasets: dict) -> pd.DataFrame | None:
    data = view.get("data")
    if isinstance(data, dict) and isinstance(data.get("values"), list):
        return pd.DataFrame(data["values"])
    if isinstance(data, dict) and data.get("name") in datasets:
        return pd.DataFrame(datasets[data["name"]])
    return None


def _views_with_rows(spec: dict, datasets: dict, rows=None, made=frozenset()):
    """Every view of a spec, with the rows it draws (its own or inherited) and the fields its transforms make."""
    own = _rows_of(spec, datasets)
    rows = own if own is not None else rows
    made = set(made)
    for transform in spec.get("transform", []) or []:
        if _OPAQUE_TRANSFORMS & set(transform):
            made.add(None)  # a column of unknown name
        made.update(_names_made(transform))
    yield spec, rows, frozenset(made)
    for key in _VIEW_KEYS:
        for part in spec.get(key, []) or []:
            yield from _views_with_rows(part, datasets, rows, frozenset(made))
    if isinstance(spec.get("spec"), dict):
        yield from _views_with_rows(spec["spec"], datasets, rows, frozenset(made))


def _names_made(value) -> set:
    """The names a transform gives its new columns (every `as` inside it)."""
    if isinstance(value, list):
        return set().union(*(_names_made(item) for item in value)) if value else set()
    if not isinstance(value, dict):
        return set()
    names = set()
    for key, item in value.items():
        if key == "as":
            names.update(item if isinstance(item, list) else [item])
        else:
            names |= _names_made(item)
    return names


def _encoded_fields(encoding: dict):
    """(channel, field) for every field an encoding reads, tooltips and conditions included."""
    for channel, definition in encoding.items():
        for part in definition if isinstance(definition, list) else [definition]:
            if not isinstance(part, dict):
                continue
            conditions = part.get("condition")
            conditions = conditions if isinstance(conditions, list) else [conditions]
            for item in [part] + [c for c in conditions if isinstance(c, dict)]:
                if isinstance(item.get("field"), str):
                    yield channel, item["field"]


def _mark(view: dict):
    mark = view.get("mark")
    return mark.get("type") if isinstance(mark, dict) else mark


def _missing_field_problem(views) -> str | None:
    for view, rows, made in views:
        if rows is None or None in made or not _mark(view):
            continue
        for channel, name in _encoded_fields(view.get("encoding") or {}):
            if name not in rows.columns and name.replace("\\", "") not in rows.columns and name not in made:
                where = ", so Vega-Lite finds no values and draws every bar on one row" if channel == "y" else ""
                return (f"`{channel}` shows the field `{name}`, but the table your chart draws has no column "
                        f"`{name}`{where}. Make that column first (with `assign`, as the lesson does), or encode a "
                        "column your table has (`table.columns` lists them).")
    return None


def _subtitle_text(spec: dict) -> str | None:
    texts = []
    for view, _, _ in _views_with_rows(spec, {}):
        title = view.get("title")
        subtitle = title.get("subtitle") if isinstance(title, dict) else None
        if subtitle:
            texts.append(" ".join(map(str, subtitle)) if isinstance(subtitle, list) else str(subtitle))
    return " ".join(texts) if texts else None


def _y_order(view: dict, rows: pd.DataFrame) -> list | None:
    """The categories of a view's y axis from top to bottom, as Vega-Lite orders them; None if unknown."""
    encoding = view.get("encoding") or {}
    y = encoding.get("y") or {}
    field = y.get("field")
    if field not in rows.columns:
        return None
    values = rows[field].dropna()
    sort = y.get("sort", "ascending")
    if sort is None:  # `sort=None`: the order of the rows
        return values.drop_duplicates().tolist()
    if isinstance(sort, list):
        listed = [value for value in sort if value in set(values)]
        return listed + sorted(set(values) - set(listed), key=str)
    if sort in ("ascending", "descending"):
        return sorted(values.unique(), key=str, reverse=sort == "descending")
    if isinstance(sort, str):
        sort = {"encoding": sort.lstrip("-"), "order": "descending" if sort.startswith("-") else "ascending"}
    if not isinstance(sort, dict):
        return None
    by = sort.get("field")
    if by is None and sort.get("encoding") in encoding:
        by = (encoding[sort["encoding"]] or {}).get("field")
    if by not in rows.columns or sort.get("op") in ("count", "valid", "missing", "distinct"):
        return None
    key = rows[[field, by]].dropna().groupby(field, sort=False)[by].min()
    key = pd.to_datetime(key, errors="coerce", format="ISO8601") if by in ("date_start", "date_end") else key
    return key.sort_values(ascending=sort.get("order", "ascending") != "descending", kind="stable").index.tolist()


def _drawn_problem(spec: dict, views, wanted: pd.DataFrame) -> str | None:
    """Whether the bars show the expected counts. Like ChartSpec.drawn, except that a bar of height zero (a
    combination of categories that `value_counts` of a category column keeps) is not drawn, so it is dropped."""
    tables = [drawn_values(spec, view, list(wanted.columns)) for view, _, _ in views if _mark(view) == "bar"]
    measure = next(name for name in wanted.columns if pd.api.types.is_numeric_dtype(wanted[name]))
    tables = [table.loc[table[measure] != 0] for table in tables if table is not None]
    if not tables or any(TableAnswer().diagnose(table, wanted) is None for table in tables):
        return None  # drawn in a way the check cannot recompute: judged on its encodings alone
    table = tables[0]
    keys = [name for name in wanted.columns if name != measure]
    if len(table) != len(wanted) or any(set(table[key].astype(str)) != set(wanted[key].astype(str)) for key in keys):
        return (f"Your bars show {len(table)} coloured parts, not one for each status and precision that the "
                "meetings and visits have. Check which rows you kept before charting.")
    return ("Your chart has the right bars, but their heights are not the numbers of meetings and visits. Check "
            "what you counted: which table, which rows, and whether each event is counted once.")


def _time_order_problem(views) -> str | None:
    for view, rows, made in views:
        if _mark(view) != "bar" or rows is None or "date_start" not in rows.columns:
            continue
        y = (view.get("encoding") or {}).get("y") or {}
        order = _y_order(view, rows)
        if order is None:
            continue
        starts = pd.to_datetime(rows.groupby(y["field"], sort=False)["date_start"].min(), format="ISO8601")
        if starts.reindex(order).is_monotonic_increasing:
            continue
        sort = y.get("sort", "ascending")
        if sort is None:
            return ("Your y axis keeps the order of the rows of your table (`sort=None`), but the table is not in "
                    "order of the first possible day, `date_start`. Sort it by `date_start` with `sort_values` "
                    "before you draw it.")
        if sort in ("ascending", "descending"):
            return (f"Your rows are in alphabetical order of `{y['field']}`, which is what Altair does when the y "
                    "axis is not told otherwise. The question asks for time order, the earliest at the top: sort "
                    "the table by `date_start`, and give `alt.Y(...)` the argument `sort=None` so that it keeps "
                    "the table's order.")
        return ("Your rows are not in time order, the earliest first possible day (`date_start`) at the top. "
                "Sort the table by `date_start` and keep its order on the y axis with `sort=None`.")
    return None


@dataclass(frozen=True)
class DescribedChartAnswer(ChartAnswer):
    """A chart judged like ChartAnswer, and also on its description and on every encoded field being a column of
    its data; `subtitle_number` (computed from the data) must appear in the subtitle, and with `time_order` the
    bars must run from the earliest `date_start` at the top. `ChartSpec.drawn` is compared leaving out bars of
    height zero, which a table counted with `value_counts` on a category column holds."""

    subtitle_number: Callable[[], int] | None = None
    time_order: bool = False

    def diagnose(self, answer, expected: ChartSpec):
        # The drawn counts are compared below, where bars of height zero are left out.
        problem = super().diagnose(answer, replace(expected, drawn=None))
        if problem is not None or expected.exact:  # a typical wrong chart is matched on ChartSpec alone
            return problem
        spec = answer.spec if isinstance(answer, ExportedChart) else answer.to_dict()
        views = list(_views_with_rows(spec, spec.get("datasets") or {}))
        problem = _missing_field_problem(views) or (
            _drawn_problem(spec, views, expected.drawn) if expected.drawn is not None else None)
        if problem:
            return problem
        if not any(isinstance(view.get("description"), str) and view["description"].strip() for view, _, _ in views):
            return ("Your chart has no description yet. Pass `description=\"...\"` to `alt.Chart(...)` (or to "
                    "`.properties(...)`): a sentence that tells a reader who cannot see the chart what it shows.")
        if self.subtitle_number is not None:
            text = _subtitle_text(spec) or ""
            if not re.search(rf"(?<!\d)(?<!\d[.,]){self.subtitle_number()}(?!\d|[.,]\d)", text):
                if re.search(r"\d", text):
                    return ("The number in your subtitle is not the number of undated meetings and visits that the "
                            "chart leaves out. Count them in `meetings` (not in all events) with `isna()` and "
                            "`.sum()`, and put the result into the subtitle with an f-string.")
                return ("Your subtitle does not say how many undated meetings and visits the chart leaves out. "
                        "Compute the number, then write it into the subtitle with an f-string: "
                        "`subtitle=f\"... {number} ...\"`.")
        if self.time_order:
            return _time_order_problem(views)
        return None


q1 = Question(
    EXERCISE, 1, variable="undated_meetings", points=1, kind=NumberAnswer(),
    expected=lambda: int(_meetings()["date"].isna().sum()),
    mistakes=[
        Mistake(lambda: int(_events()["date"].isna().sum()),
                "That counts the undated events of every kind. Count only in `meetings`, the table of meetings "
                "and visits that the cell makes for you."),
        Mistake(lambda: int(_meetings()["date"].notna().sum()),
                "That counts the meetings and visits that *do* have a date. `notna()` is True where a value is "
                "present; the question asks for the missing ones, `isna()`."),
        Mistake(lambda: int(_events().loc[lambda frame: frame["event_kind"] == "meeting", "date"].isna().sum()),
                "That counts the undated meetings but leaves out the undated visits. Use `meetings`, which keeps "
                "both kinds."),
        Mistake(lambda: len(_meetings()),
                "That is the number of all meetings and visits, dated or not. Count only those whose `date` is "
                "missing."),
    ],
    hints=["A missing date shows as `NaN` in the column `date`; `isna()` finds them.",
           "`meetings[\"date\"].isna()` is a Series of True and False, one per meeting or visit.",
           "Add up that Series with `.sum()`: True counts as one."],
    on_correct="Look at their `article_id`: every undated meeting or visit comes from one of the two articles "
               "that give no year at all.",
)

q2 = Question(
    EXERCISE, 2, variable="meeting_precision", points=2, kind=SeriesAnswer(),
    expected=lambda: _meetings()["date_precision"].value_counts(dropna=False),
    mistakes=[
        Mistake(lambda: _meetings()["date_precision"].value_counts(),
                "Your counts leave out the meetings and visits without a date. `value_counts()` skips missing "
                "values unless you pass `dropna=False`."),
        Mistake(lambda: _events()["date_precision"].value_counts(dropna=False),
                "Those are the counts for all events. The question asks only about the meetings and visits: count "
                "in `meetings`."),
        Mistake(lambda: _with_known_to(_meetings())["known_to"].value_counts(),
                "Close: you counted the undated ones under a label of your own. This question asks for "
                "`date_precision` as it is, so that the missing dates are counted under `NaN`: use "
                "`value_counts(dropna=False)` without `fillna`."),
        Mistake(lambda: _meetings()["date_precision"].value_counts(dropna=False, normalize=True),
                "Those are shares of the total, not counts: leave out `normalize=True`."),
        Mistake(lambda: _meetings()["date_basis"].value_counts(dropna=False),
                "You counted `date_basis`, which says how a date was worked out (`inferred`, `undetermined`, ...). "
                "The question asks how precisely the meetings and visits are dated: count `date_precision`."),
    ],
    hints=["Count the values of the column `date_precision` of `meetings`.",
           "By default `value_counts()` does not count missing values, and here they matter.",
           "`meetings[\"date_precision\"].value_counts(dropna=False)`."],
    on_correct="Only one meeting is known to the day; most are known only to the year, or not at all.",
)

q3 = Question(
    EXERCISE, 3, variable="planned_meetings", points=2, kind=ListAnswer(), source_check=True,
    expected=lambda: _meetings().loc[lambda frame: frame["status"] == "planned", "event_id"].tolist(),
    mistakes=[
        Mistake(lambda: _meetings().loc[lambda frame: frame["status"] != "occurred", "event_id"].tolist(),
                "Your list also holds meetings whose status is `ongoing`: the articles say those are taking place "
                "at the time of writing. Keep only the status `planned`."),
        Mistake(lambda: _events().loc[lambda frame: frame["status"] == "planned", "event_id"].tolist(),
                "Your list holds every planned event, of every kind. Keep only the meetings and visits: start "
                "from `meetings`."),
        Mistake(lambda: _dated_meetings().loc[lambda frame: frame["status"] == "planned", "event_id"].tolist(),
                "Your list leaves out a planned visit that has no date. Undated rows are meetings too: filter "
                "`meetings` on `status` only, not on the date."),
    ],
    hints=["The column `status` says what an article claims about an event: `occurred`, `ongoing`, `planned`, "
           "and so on.",
           "Make a mask `meetings[\"status\"] == \"planned\"` and keep those rows.",
           "`meetings.loc[mask, \"event_id\"].tolist()`."],
    on_correct="One of them, the visit scheduled for early October, did take place, but earlier: the same "
               "article reports it as a separate row with the status `occurred`.",
)

q4 = Question(
    EXERCISE, 4, variable="meeting_windows",
    points=3, kind=TableAnswer(ordered=True, sort_hint="sort by `date_end`, then by `event_id`", column_order=True),
    expected=lambda: _windows(_dated_meetings()).sort_values(["date_end", "event_id"])[
        ["event_id", "date", "date_end", "days_allowed"]],
    mistakes=[
        Mistake(lambda: _windows(_dated_meetings()).sort_values(["date_start", "event_id"])[
            ["event_id", "date", "date_end", "days_allowed"]],
                "Your rows are in the order of their *first* possible day (`date_start`, or `date` as text, "
                "which gives the same order here). The question asks for the *last* possible day: sort by "
                "`[\"date_end\", \"event_id\"]`."),
        Mistake(lambda: _dated_meetings().assign(days_allowed=lambda frame: (frame["date_end"] - frame["date_start"])
                                                 .dt.days).sort_values(["date_end", "event_id"])[
            ["event_id", "date", "date_end", "days_allowed"]],
                "Your `days_allowed` is one day short: the difference of two dates leaves out one end, so a date "
                "known to the day would allow no day at all. Add one to count both the first and the last day."),
        Mistake(lambda: _windows(_meetings()).sort_values(["date_end", "event_id"])[
            ["event_id", "date", "date_end", "days_allowed"]],
                "Your table still holds the undated meetings and visits (look at its last rows: their dates are "
                "missing). Keep only the rows whose `date` is not missing, with `notna()`."),
        Mistake(lambda: _dated_meetings().assign(days_allowed=lambda frame: frame["date_end"] - frame["date_start"])
                .sort_values(["date_end", "event_id"])[["event_id", "date", "date_end", "days_allowed"]],
                "Your `days_allowed` holds durations (Timedelta), not numbers of days. Take `.dt.days` of the "
                "difference, then add one so that both the first and the last day count."),
        Mistake(lambda: _dated_meetings().assign(days_allowed=lambda frame: frame["date_end"] - frame["date_start"]
                                                 + pd.Timedelta(days=1))
                .sort_values(["date_end", "event_id"])[["event_id", "date", "date_end", "days_allowed"]],
                "Your `days_allowed` holds durations (Timedelta, shown as *… days*), not numbers. Take the number "
                "of days of the difference with `.dt.days`, then add the number one."),
    ],
    hints=["First keep the meetings and visits that have a date: `meetings.loc[meetings[\"date\"].notna()]`.",
           "`(table[\"date_end\"] - table[\"date_start\"]).dt.days + 1` counts the days of each window; add it as a "
           "column with `assign(days_allowed=...)`.",
           "Then `.sort_values([\"date_end\", \"event_id\"])` and select the four columns with a list in square "
           "brackets."],
    on_correct="Sorted by their last possible day, the meeting known to the day comes before the visit known "
               "only to the month: the order of imprecise dates depends on the rule you choose.",
)

TOLD_TWICE_COLUMNS = ["event_id", "article_id", "status", "date", "group"]


def _told_twice():
    events = _events().assign(group=lambda frame: frame["same_event_as"].fillna(frame["event_id"]))
    linked = events["same_event_as"].notna() | events["event_id"].isin(events["same_event_as"])
    return events.loc[linked].sort_values(["group", "event_id"])[TOLD_TWICE_COLUMNS]


q5 = Question(
    EXERCISE, 5, variable="told_twice", source_check=True,
    points=3, kind=TableAnswer(ordered=True, sort_hint="sort by `group`, then by `event_id`", column_order=True),
    expected=_told_twice,
    mistakes=[
        Mistake(lambda: _told_twice().loc[lambda frame: frame["group"] != frame["event_id"]],
                "Your table keeps only the rows that point to another row. The row they point to, the one with the "
                "lowest id, has an empty `same_event_as`: add the rows whose `event_id` is among the values of "
                "`same_event_as`, with `isin`, and combine the two masks with `|`."),
        Mistake(lambda: _told_twice().assign(group=lambda frame: frame["group"]
                                             .where(frame["group"] != frame["event_id"])),
                "Some of your `group` values are missing: the first row of each group has no `same_event_as`. "
                "Fill the gaps with the row's own id: `events[\"same_event_as\"].fillna(events[\"event_id\"])`."),
        Mistake(lambda: _events().assign(group=lambda frame: frame["same_event_as"].fillna(frame["event_id"]))
                .sort_values(["group", "event_id"])[TOLD_TWICE_COLUMNS],
                "Your table holds every event. Keep only the rows that belong to a group: those with a "
                "`same_event_as`, and those that such a row points to."),
        Mistake(lambda: _told_twice().loc[lambda frame: frame["event_id"].isin(_meetings()["event_id"])],
                "Your table starts from `meetings`, so it loses the events told twice that are not meetings, such "
                "as the launch of the petro. Start from `events`."),
        Mistake(lambda: _told_twice().iloc[0:0],
                "Your table is empty. If you combined the two masks with `&` (and), no row passes both: a row either "
                "points to another or is pointed to. Combine them with `|` (or)."),
    ],
    hints=["A row that tells an event already told elsewhere names that other row in `same_event_as`; the row it "
           "names has an empty `same_event_as` itself.",
           "Two masks: `events[\"same_event_as\"].notna()`, and "
           "`events[\"event_id\"].isin(events[\"same_event_as\"])`. Combine them with `|` (or).",
           "Add the column with `events.assign(group=events[\"same_event_as\"].fillna(events[\"event_id\"]))`, keep "
           "the rows of the combined mask, sort by `[\"group\", \"event_id\"]` and select the five columns."],
    on_correct="Read the rows side by side: one real event, told by different articles or twice by one, with "
               "different dates and even different statuses. Counting rows would count it more than once.",
)


def _status_counts():
    """What the bars of the status chart show: one bar part per status and precision, its height the count."""
    counts = _with_known_to(_meetings()).groupby(["status", "known_to"], observed=True).size()
    return counts.rename_axis(["x", "color"]).reset_index(name="y")


q6 = Question(
    EXERCISE, 6, variable="status_chart", points=3, kind=DescribedChartAnswer(),
    expected=lambda: ChartSpec(mark="bar", channels={
        "x": (Channel("status", "nominal"), Channel("status", "ordinal")),
        "y": (Channel(None, "quantitative"),),
        "color": (Channel("known_to", "nominal"), Channel("known_to", "ordinal")),
    }, drawn=_status_counts()),
    mistakes=[
        Mistake(lambda: alt.Chart(_meetings(), title="Meetings").mark_bar().encode(
            x="status:N", y="count():Q", color="date_precision:N"),
                "Your chart colours by `date_precision`, where the undated meetings have no value, so they get no "
                "legend entry of their own. Make the column `known_to` first (`astype(\"str\")`, then "
                "`fillna(\"not dated\")`) and colour by it."),
        Mistake(lambda: alt.Chart(_with_known_to(_meetings()), title="Meetings").mark_bar().encode(
            x="event_kind:N", y="count():Q", color="known_to:N"),
                "Your chart has one bar per kind of event. This one needs one bar per `status`, on the x axis."),
        Mistake(lambda: alt.Chart(_with_known_to(_dated_meetings()), title="Meetings").mark_bar().encode(
            x="status:N", y="count():Q", color="known_to:N"),
                "Your chart leaves out the meetings and visits that have no date. A count chart, unlike a "
                "timeline, can show them: draw from all of `meetings`, with the column `known_to` added."),
        Mistake(lambda: alt.Chart(_with_known_to(_events()), title="Events").mark_bar().encode(
            x="status:N", y="count():Q", color="known_to:N"),
                "Your chart counts every event, of every kind. The question asks about the meetings and visits "
                "only: add `known_to` to `meetings`, not to `events`."),
    ],
    hints=["Add the column `known_to` to `meetings` as in the lesson: `date_precision` turned into text with "
           "`astype(\"str\")`, its gaps filled with `fillna(\"not dated\")`, inside `assign(...)`.",
           "Draw from that table: `alt.Chart(table, title=\"...\", description=\"...\").mark_bar()`. Altair "
           "counts the rows of each bar with `count()`.",
           "Encode `x=alt.X(\"status:N\", title=...)`, `y=alt.Y(\"count():Q\", title=...)`, "
           "`color=alt.Color(\"known_to:N\", title=...)` and a list of `tooltip`s."],
    on_correct="A count chart can show the undated meetings, which a timeline cannot; and it shows that not every "
               "“meeting” in the data is one that took place.",
)


def _status_timeline_data():
    return _dated_meetings()[["event_id"]]


q7 = Question(
    EXERCISE, 7, variable="status_timeline", points=4,
    kind=DescribedChartAnswer(subtitle_number=lambda: int(_meetings()["date"].isna().sum()), time_order=True),
    expected=lambda: ChartSpec(mark="bar", channels={
        "x": (Channel("date_start", "temporal"),),
        "x2": (Channel("date_end"),),
        "y": (Channel("event_id", "nominal"), Channel("event_id", "ordinal"),
              Channel("label", "nominal"), Channel("label", "ordinal")),
        "color": (Channel("status", "nominal"), Channel("status", "ordinal")),
    }, data=_status_timeline_data(), needs_subtitle=True,
        interaction=Interaction("point", bind="legend", field="status", responds="opacity")),
    mistakes=[
        Mistake(lambda: alt.Chart(_dated_meetings(), title="Meetings").mark_bar().encode(
            x="date:T", x2="date_end:T", y="event_id:N", color="status:N"),
                "Your bars start at `date`, which is text at mixed precision: Vega-Lite reads `2018` as one day, "
                "not as a year. Start them at the loader's datetime column `date_start`."),
        Mistake(lambda: alt.Chart(_with_known_to(_dated_meetings()), title="Meetings").mark_bar().encode(
            x="date_start:T", x2="date_end:T", y="event_id:N", color="known_to:N"),
                "Your chart colours the bars by the precision of their dates, like the lesson's. This one colours "
                "them by `status`, so that the planned meetings stand out."),
    ],
    hints=["Keep the meetings and visits that have a date, sort them by `date_start` with `sort_values`, and draw "
           "one bar per event with `mark_bar()`: `x` is where it starts, `x2` where it ends.",
           "Make the selection and the highlight first: `pick = alt.selection_point(fields=[\"status\"], "
           "bind=\"legend\")` and `alt.when(pick).then(alt.value(1.0)).otherwise(alt.value(0.15))`.",
           "Encode `x=alt.X(\"date_start:T\", title=...)`, `x2=\"date_end:T\"`, `y=alt.Y(\"event_id:N\", title=..., "
           "sort=None)`, `color=alt.Color(\"status:N\", title=...)`, `opacity=highlight` and tooltips; end with "
           "`.add_params(pick)`; `sort=None` keeps the order of your sorted table. For the title use "
           "`alt.Title(\"...\", subtitle=f\"... {undated} ...\")`, and pass `description=\"...\"` to "
           "`.properties(...)`."],
    on_correct="Click *planned* in the legend: the visit planned for October in fact took place in September, "
               "and a bar a whole year long is uncertainty, not a long meeting.",
)
