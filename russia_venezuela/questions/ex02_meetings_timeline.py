"""Questions of exercises/02_meetings_timeline.ipynb: missing dates, date windows, planned and twice-told events,
a count chart and an interactive timeline."""

import altair as alt
import pandas as pd

from russia_venezuela.charts import colour_scale
from russia_venezuela.checking import *
from russia_venezuela.data import load

MEETING_KINDS = ["meeting", "visit"]


def _meetings():
    events = load("events")
    return events.loc[events["event_kind"].isin(MEETING_KINDS)]


def _dated_meetings():
    meetings = _meetings()
    return meetings.loc[meetings["date"].notna()]


def _with_known_to(table):
    return table.assign(known_to=table["date_precision"].astype("str").fillna("not dated"))


def _windows(table):
    return table.assign(days_allowed=(table["date_end"] - table["date_start"]).dt.days + 1)


q1 = Question(
    variable="undated_meetings", points=1, kind=NumberAnswer(),
    expected=lambda: int(_meetings()["date"].isna().sum()),
    mistakes=[
        Mistake(lambda: int(load("events")["date"].isna().sum()),
                "That counts the undated events of every kind. Count only in `meetings`, the table of meetings "
                "and visits that the cell makes for you."),
        Mistake(lambda: int(_meetings()["date"].notna().sum()),
                "That counts the meetings and visits that *do* have a date. `notna()` is True where a value is "
                "present; the question asks for the missing ones, `isna()`."),
        Mistake(lambda: int(load("events").loc[lambda frame: frame["event_kind"] == "meeting", "date"].isna().sum()),
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
    variable="meeting_precision", points=2, kind=SeriesAnswer(),
    expected=lambda: _meetings()["date_precision"].value_counts(dropna=False),
    mistakes=[
        Mistake(lambda: _meetings()["date_precision"].value_counts(),
                "Your counts leave out the meetings and visits without a date. `value_counts()` skips missing "
                "values unless you pass `dropna=False`."),
        Mistake(lambda: load("events")["date_precision"].value_counts(dropna=False),
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
    variable="planned_meetings", points=2, kind=ListAnswer(), source_check=True,
    expected=lambda: _meetings().loc[lambda frame: frame["status"] == "planned", "event_id"].tolist(),
    mistakes=[
        Mistake(lambda: _meetings().loc[lambda frame: frame["status"] != "occurred", "event_id"].tolist(),
                "Your list also holds meetings whose status is `ongoing`: the articles say those are taking place "
                "at the time of writing. Keep only the status `planned`."),
        Mistake(lambda: load("events").loc[lambda frame: frame["status"] == "planned", "event_id"].tolist(),
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
    variable="meeting_windows",
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
    on_correct="Sorted by their last possible day, the meeting known to the day comes before the September "
               "visit known only to the month: the order of imprecise dates depends on the rule you choose.",
)

TOLD_TWICE_COLUMNS = ["event_id", "article_id", "status", "date", "group"]


def _told_twice():
    events = load("events").assign(group=lambda frame: frame["same_event_as"].fillna(frame["event_id"]))
    linked = events["same_event_as"].notna() | events["event_id"].isin(events["same_event_as"])
    return events.loc[linked].sort_values(["group", "event_id"])[TOLD_TWICE_COLUMNS]


q5 = Question(
    variable="told_twice", source_check=True,
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
        Mistake(lambda: load("events").assign(group=lambda frame: frame["same_event_as"].fillna(frame["event_id"]))
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


def _status_counts(meetings=None):
    """What the bars of the status chart show: one bar part per status and precision, its height the count."""
    meetings = _meetings() if meetings is None else meetings
    counts = _with_known_to(meetings).groupby(["status", "known_to"], observed=True).size()
    return counts.rename_axis(["x", "color"]).reset_index(name="y")


DATED_ONLY = ("Your chart leaves out the meetings and visits that have no date. A count chart, unlike a timeline, can "
              "show them: draw from all of `meetings`, with the column `known_to` added.")
EVERY_EVENT = ("Your chart counts every event, of every kind. The question asks about the meetings and visits only: "
               "add `known_to` to `meetings`, not to `events`.")


def _model_status_chart():
    """The solution's chart, as question 6 asks for it."""
    return alt.Chart(
        _with_known_to(_meetings()), title="Meetings and visits, by status and by how precisely they are dated",
        description="Stacked bar chart of the meetings and visits of each status, coloured by whether their date "
                    "is known to the day, the month, the year or not at all.",
    ).mark_bar().encode(
        x=alt.X("status:N", title="Status"),
        y=alt.Y("count():Q", title="Meetings and visits"),
        color=alt.Color("known_to:N", title="Date known to",
                        scale=colour_scale(["day", "month", "year", "not dated"])),
        tooltip=[alt.Tooltip("status:N", title="Status"), alt.Tooltip("known_to:N", title="Date known to"),
                 alt.Tooltip("count():Q", title="Meetings and visits")],
    )


q6 = Question(
    variable="status_chart", points=3, kind=ChartAnswer(),
    expected=lambda: ChartSpec(mark="bar", channels={
        "x": (Channel("status", "nominal"), Channel("status", "ordinal")),
        "y": (Channel(None, "quantitative"),),
        "color": (Channel("known_to", "nominal"), Channel("known_to", "ordinal")),
    }, requires=(
        Draws(_status_counts(), wrong=((_status_counts(_dated_meetings()), DATED_ONLY),
                                       (_status_counts(load("events")), EVERY_EVENT))),
        Description(),
    ), model=_model_status_chart()),
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
                DATED_ONLY),
        Mistake(lambda: alt.Chart(_with_known_to(load("events")), title="Events").mark_bar().encode(
            x="status:N", y="count():Q", color="known_to:N"),
                EVERY_EVENT),
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


def _spans():
    """What the timeline's bars show: from the first to the last possible day, coloured by status."""
    dated = _dated_meetings()
    return pd.DataFrame({"x": dated["date_start"], "x2": dated["date_end"], "color": dated["status"].astype("str")})


def _undated(events) -> int:
    return int(events["date"].isna().sum())


def _names(meetings):
    """The names a y axis may give the bars, top to bottom: the event ids, or the lesson's labels."""
    return [tuple(meetings["event_id"]),
            tuple(meetings["event_id"] + " " + meetings["event_kind"].astype("str"))]


ALPHABETICAL = ("Your bars are in alphabetical order of their names. The question asks for time order, the "
                "earliest at the top. Two steps give it: sort the table by `date_start` with `sort_values`, and "
                "give `alt.Y(...)` the argument `sort=None`, so that the axis keeps the table's order instead of "
                "sorting it alphabetically. (The table as loaded is in alphabetical order too, so either step "
                "alone changes nothing.)")
BY_LAST_DAY = ("Your bars are in order of their *last* possible day, `date_end`. The question asks for the order of "
               "the *first* possible day: sort the table by `date_start`, and keep its order with `sort=None`.")


def _model_timeline():
    """The solution's chart, as question 7 asks for it."""
    meetings = _meetings()
    dated = _dated_meetings().sort_values(["date_start", "event_id"])
    pick = alt.selection_point(fields=["status"], bind="legend")
    highlight = alt.when(pick).then(alt.value(1.0)).otherwise(alt.value(0.15))
    base = alt.Chart(dated.fillna({"date_as_printed": "(no date printed)"})).encode(
        y=alt.Y("event_id:N", title="Event", sort=None),
        color=alt.Color("status:N", title="Status", scale=colour_scale(dated["status"])),
        opacity=highlight,
        tooltip=[alt.Tooltip("summary:N", title="Event"), alt.Tooltip("article_id:N", title="Article"),
                 alt.Tooltip("status:N", title="Status"), alt.Tooltip("date:N", title="Date as coded"),
                 alt.Tooltip("date_as_printed:N", title="Words in the article")],
    )
    spans = base.mark_bar().encode(x=alt.X("date_start:T", title="Date"), x2="date_end:T").add_params(pick)
    days = base.mark_point(filled=True, size=90).encode(
        x=alt.X("date_start:T", title="Date")).transform_filter(alt.datum.date_precision == "day")
    return (spans + days).properties(
        title=alt.Title("Meetings and visits: what took place and what was only planned",
                        subtitle=f"Click a status in the legend to highlight it. "
                                 f"Not shown: {_undated(meetings)} undated meetings and visits."),
        description="Timeline of the dated meetings and visits: each bar runs from the first to the last day its "
                    "date allows, coloured by status; a point marks an event known to the day; clicking a legend "
                    "entry highlights that status.",
    )


q7 = Question(
    variable="status_timeline", points=4,
    kind=ChartAnswer(),
    expected=lambda: ChartSpec(mark="bar", channels={
        "x": (Channel("date_start", "temporal"),),
        "x2": (Channel("date_end"),),
        "y": (Channel("event_id", "nominal"), Channel("event_id", "ordinal"),
              Channel("label", "nominal"), Channel("label", "ordinal")),
        "color": (Channel("status", "nominal"), Channel("status", "ordinal")),
    }, requires=(
        Draws(_spans()),
        SortedBy("x", wrong=(
            *((names, ALPHABETICAL) for names in _names(_dated_meetings())),
            *((names, BY_LAST_DAY) for names in _names(_dated_meetings().sort_values(["date_end", "event_id"]))),
        ), otherwise="Your bars are not in time order, the earliest first possible day (`date_start`) at the top. "
                     "Sort the table by `date_start` with `sort_values`, and keep its order on the y axis with "
                     "`sort=None`."),
        Selection("point", bind="legend", field="status", responds="opacity"),
        Subtitle(
            states=_undated(_meetings()),
            wrong={_undated(load("events")):
                   "The number in your subtitle counts the undated events of every kind, but the chart leaves out "
                   "only meetings and visits. Count in `meetings` with `isna()` and `.sum()`."},
            other="The number in your subtitle ({number}) is not the number of undated meetings and visits that the "
                  "chart leaves out. Count them in `meetings` (not in all events) with `isna()` and `.sum()`, and "
                  "put the result into the subtitle with an f-string.",
            unstated="Your subtitle does not say how many undated meetings and visits the chart leaves out. Compute "
                     "the number, then write it into the subtitle with an f-string: "
                     "`subtitle=f\"... {number} ...\"`."),
        Description(),
    ), data=_status_timeline_data(), model=_model_timeline()),
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

number_questions(globals())
