"""The chart questions of exercises 02 and 04, attacked: for every requirement they list, a chart that breaks it
hears what is wrong, and charts right in another way than the model are judged right."""

import altair as alt
import pandas as pd
import pytest

from russia_venezuela.checking import SortedBy, Writes
from russia_venezuela.checking.question import CORRECT, INCORRECT
from russia_venezuela.checking.requirements import Chart
from russia_venezuela.data import load
from russia_venezuela.questions import ex02_meetings_timeline as ex02
from russia_venezuela.questions import ex04_the_petro as ex04


def _verdict(question, chart):
    result = question.judge(chart)
    return result.status, result.message


def _wrong(question, chart) -> str:
    status, message = _verdict(question, chart)
    assert status == INCORRECT, message
    return message


def _right(question, chart):
    status, message = _verdict(question, chart)
    assert status == CORRECT, message


# --- 02 q6: the status chart ------------------------------------------------------------------------------------

def _known_to(table):
    return table.assign(known_to=table["date_precision"].astype("str").fillna("not dated"))


def _status_chart(table=None, counted=False, title="Meetings", description="Bars of meetings by status."):
    """A status chart, its bars counted by Altair or, if `counted`, from counts made in pandas."""
    table = _known_to(ex02._meetings() if table is None else table)
    if counted:
        table = table.groupby(["status", "known_to"], observed=True).size().reset_index(name="events")
    y = alt.Y("events:Q" if counted else "count():Q", title="Events")
    return alt.Chart(table, title=title, description=description).mark_bar().encode(
        x=alt.X("status:N", title="Status"), y=y, color=alt.Color("known_to:N", title="Known to"),
        tooltip=["status:N", "known_to:N"])


def test_02_q6_counts_made_in_pandas_are_as_right_as_counts_made_by_altair():
    _right(ex02.q6, _status_chart())
    _right(ex02.q6, _status_chart(counted=True))


def test_02_q6_zero_counts_of_a_category_column_draw_no_bar_and_are_right():
    table = _known_to(ex02._meetings())
    counts = table.groupby(["status", "known_to"], observed=False).size().reset_index(name="events")
    assert (counts["events"] == 0).any()  # else this test tests nothing
    chart = alt.Chart(counts, title="Meetings", description="Bars.").mark_bar().encode(
        x=alt.X("status:N", title="Status"), y=alt.Y("events:Q", title="Events"),
        color=alt.Color("known_to:N", title="Known to"), tooltip=["status:N"])
    _right(ex02.q6, chart)


def test_02_q6_counts_of_the_dated_meetings_only_are_named_as_such_however_they_were_counted():
    message = _wrong(ex02.q6, _status_chart(ex02._dated_meetings(), counted=True))
    assert "no date" in message and "meetings" in message


def test_02_q6_counts_of_every_event_are_named_as_such_however_they_were_counted():
    message = _wrong(ex02.q6, _status_chart(load("events"), counted=True))
    assert "every event" in message


def test_02_q6_other_wrong_counts_say_the_sizes_are_wrong():
    chart = _status_chart(counted=True).transform_calculate(events="datum.events * 2")
    message = _wrong(ex02.q6, chart)
    assert "sizes" in message


def test_02_q6_a_chart_without_a_description_is_told_to_add_one():
    assert "description" in _wrong(ex02.q6, _status_chart(description=alt.Undefined))


# --- 02 q7: the timeline ----------------------------------------------------------------------------------------

UNDATED = int(ex02._meetings()["date"].isna().sum())


def _timeline(table=None, y="event_id", sort=None, subtitle=f"Not shown: {UNDATED} undated meetings.",
              pick=True, fields=("status",), bind="legend", description="Bars of the meetings."):
    """A timeline of the meetings: from `table` (the dated meetings by first day, then id, if None)."""
    table = ex02._dated_meetings().sort_values(["date_start", "event_id"]) if table is None else table
    table = table.assign(label=table["event_id"] + " " + table["event_kind"].astype("str"))
    binding = {} if bind is None else {"bind": bind}
    selection = alt.selection_point(fields=list(fields), **binding) if pick else None
    title = alt.Title("Meetings", subtitle=subtitle) if subtitle is not None else "Meetings"
    chart = alt.Chart(table, title=title, description=description).mark_bar().encode(
        x=alt.X("date_start:T", title="Date"), x2="date_end:T",
        y=alt.Y(f"{y}:N", title="Event", sort=sort), color=alt.Color("status:N", title="Status"),
        tooltip=["summary:N", "status:N"])
    if selection is not None:
        chart = chart.encode(opacity=alt.when(selection).then(alt.value(1.0)).otherwise(alt.value(0.2)))
        chart = chart.add_params(selection)
    return chart


def test_02_q7_a_timeline_in_time_order_is_right_whichever_order_its_ties_take():
    _right(ex02.q7, _timeline())
    by_day_then_id_backwards = ex02._dated_meetings().sort_values(["date_start", "event_id"],
                                                                  ascending=[True, False])
    _right(ex02.q7, _timeline(by_day_then_id_backwards))
    _right(ex02.q7, _timeline(y="label"))


def test_02_q7_a_sort_on_the_axis_puts_the_bars_in_time_order_too():
    _right(ex02.q7, _timeline(ex02._dated_meetings(), sort="x"))


@pytest.mark.parametrize("y", ["event_id", "label"])
def test_02_q7_bars_in_alphabetical_order_hear_both_ways_to_get_it(y):
    """Altair's default sort and an unsorted table kept by `sort=None` draw the same chart here."""
    for chart in [_timeline(y=y, sort="ascending"), _timeline(ex02._dated_meetings(), y=y)]:
        message = _wrong(ex02.q7, chart)
        assert "alphabetical" in message and "date_start" in message and "sort=None" in message


def test_02_q7_bars_in_order_of_their_last_day_hear_so():
    message = _wrong(ex02.q7, _timeline(ex02._dated_meetings().sort_values(["date_end", "event_id"])))
    assert "date_end" in message and "date_start" in message


def test_02_q7_bars_latest_first_are_not_told_they_are_alphabetical():
    message = _wrong(ex02.q7, _timeline(ex02._dated_meetings().sort_values("date_start", ascending=False)))
    assert "time order" in message and "alphabetical" not in message


def test_02_q7_a_timeline_of_some_meetings_only_is_told_its_bars_are_not_the_ones_asked_for():
    occurred = ex02._dated_meetings().loc[lambda frame: frame["status"] == "occurred"].sort_values("date_start")
    message = _wrong(ex02.q7, _timeline(occurred))
    assert f"draws {len(occurred)} bars" in message


def test_02_q7_the_undated_meetings_in_the_data_are_found_though_not_drawn():
    everything = ex02._meetings().sort_values(["date_start", "event_id"])
    assert "data" in _wrong(ex02.q7, _timeline(everything))


def test_02_q7_the_subtitle_must_state_the_number_of_undated_meetings():
    assert "no subtitle" in _wrong(ex02.q7, _timeline(subtitle=None))
    assert "f-string" in _wrong(ex02.q7, _timeline(subtitle="Some are not shown."))
    assert f"({UNDATED + 1})" in _wrong(ex02.q7, _timeline(subtitle=f"Not shown: {UNDATED + 1}."))
    every_kind = int(load("events")["date"].isna().sum())
    assert "every kind" in _wrong(ex02.q7, _timeline(subtitle=f"Not shown: {every_kind}."))


def test_02_q7_the_selection_is_a_point_on_status_bound_to_the_legend_that_changes_the_opacity():
    assert "no selection" in _wrong(ex02.q7, _timeline(pick=False))
    assert "legend" in _wrong(ex02.q7, _timeline(bind=None))
    assert "`status`" in _wrong(ex02.q7, _timeline(fields=("event_id",)))
    without_highlight = _timeline().encode(opacity=alt.value(1.0))
    assert "opacity" in _wrong(ex02.q7, without_highlight)


def test_02_q7_a_timeline_without_a_description_is_told_to_add_one():
    assert "description" in _wrong(ex02.q7, _timeline(description=alt.Undefined))


# --- 04 q7: the figures as text ---------------------------------------------------------------------------------

FIGURES = load("figures")


def _figures_chart(shown=None, slot=None, sort=tuple(ex04._statuses()), table=None, tooltip=("quantity:N",)):
    """A grid of the figures as text: `shown` and `slot` as given (the right ones if None)."""
    table = FIGURES if table is None else table
    table = table.assign(shown=ex04._shown(table) if shown is None else shown,
                         slot=table.groupby(["article_id", "status"]).cumcount() if slot is None else slot)
    return alt.Chart(table, title="Figures").mark_text().encode(
        x=alt.X("article_id:N", title="Article"),
        y=alt.Y("status:N", title="Status", sort=list(sort) if isinstance(sort, tuple) else sort),
        yOffset="slot:O", text="shown:N", tooltip=list(tooltip))


def test_04_q7_the_statuses_in_the_codebooks_order_are_right_however_ordered():
    _right(ex04.q7, _figures_chart())
    by_status = FIGURES.sort_values("status", kind="stable")  # categorical: the codebook's order
    _right(ex04.q7, _figures_chart(table=by_status, sort=None))


QUALIFIER = FIGURES["qualifier"].astype("str")
VALUE, UNIT = FIGURES["value_as_printed"], FIGURES["unit"]


@pytest.mark.parametrize("shown, meaning", [
    (QUALIFIER + " " + VALUE + " " + UNIT, ["missing", "null", "na_rep"]),
    (QUALIFIER.str.cat([VALUE, UNIT], sep=" "), ["missing", "na_rep"]),
    (QUALIFIER.str.cat([VALUE, UNIT], sep=" ", na_rep=""), ["space", "strip"]),
    (FIGURES["qualifier"].map(str).str.cat([VALUE, UNIT], sep=" ", na_rep="").str.strip(), ["*nan*"]),
    (QUALIFIER.str.cat([VALUE], sep=" ", na_rep="").str.strip(), ["leaves out the unit"]),
    (QUALIFIER.str.cat([VALUE, FIGURES["unit_as_printed"]], sep=" ", na_rep="").str.strip(), ["unit_as_printed"]),
    (VALUE.str.cat([UNIT], sep=" "), ["leaves out the qualifier"]),
    (ex04._shown(FIGURES).str.upper(), ["not right", "single spaces"]),
], ids=["plus", "no na_rep", "no strip", "nan", "no unit", "unit as printed", "no qualifier", "other"])
def test_04_q7_each_slip_in_the_texts_is_named(shown, meaning):
    message = _wrong(ex04.q7, _figures_chart(shown=shown))
    assert all(words in message for words in meaning), message


def test_04_q7_slots_from_one_or_grouped_wrong_are_named():
    from_one = FIGURES.groupby(["article_id", "status"]).cumcount() + 1
    assert "start from 1" in _wrong(ex04.q7, _figures_chart(slot=from_one))
    by_article = FIGURES.groupby("article_id").cumcount()
    assert "group by" in _wrong(ex04.q7, _figures_chart(slot=by_article))


@pytest.mark.parametrize("sort, meaning", [
    ("ascending", "A to Z"), ("descending", "Z to A"), (None, "first appear"),
    (("estimate", "claim", "target_or_plan", "reported_fact"), "another order"),
])
def test_04_q7_the_statuses_out_of_the_codebooks_order_hear_which_order_they_are_in(sort, meaning):
    message = _wrong(ex04.q7, _figures_chart(sort=sort))
    assert meaning in message and "codebook" in message


def test_04_q7_a_chart_without_tooltips_is_told_to_add_them():
    assert "tooltip" in _wrong(ex04.q7, _figures_chart(tooltip=()))


def test_04_q7_the_first_appearance_order_is_not_the_codebooks():
    """Else the tests of the orders above could not tell them apart."""
    first = tuple(FIGURES["status"].astype("str").drop_duplicates())
    alphabetical = tuple(sorted(ex04._statuses()))
    assert len({first, alphabetical, ex04._statuses()}) == 3


# --- the two requirements these questions added -----------------------------------------------------------------

def _bars(values, by="n"):
    table = pd.DataFrame({"name": list("abcd"), "n": values})
    return Chart(alt.Chart(table).mark_bar().encode(x=f"{by}:Q", y=alt.Y("name:N", sort=None)).to_dict(), "bar")


def test_sorted_by_compares_numbers_as_numbers_and_lets_ties_come_in_any_order():
    assert SortedBy("x").problem(_bars([2, 10, 10, 1200])) is None  # as text, "10" < "2" and "1,200" < "2"
    assert SortedBy("x", otherwise="not in order").problem(_bars([-3, 10, 2, 20])) == "not in order"
    assert SortedBy("x", wrong=(("abcd", "by name"),)).problem(_bars([3, 2, 1, 0])) == "by name"


def test_writes_counts_each_text_and_reads_a_missing_one_as_the_null_vega_lite_writes():
    table = pd.DataFrame({"x": list("abc"), "t": ["one", "one", None]})
    chart = Chart(alt.Chart(table).mark_text().encode(x="x:N", text="t:N").to_dict(), "text")
    assert Writes(("one", None, "one")).problem(chart) is None
    assert Writes(("one", "two", "one"), wrong=((("one", "one", float("nan")), "missing"),)).problem(chart) == "missing"
    assert Writes(("one", "two"), otherwise="others").problem(chart) == "others"


def test_sorted_by_reads_columns_left_to_right_when_they_name_the_rows_along_x():
    table = pd.DataFrame({"name": list("abcd"), "n": [1, 2, 3, 4]})
    columns = alt.Chart(table).mark_bar().encode(x=alt.X("name:N", sort=None), y="n:Q")
    assert SortedBy("y", channel="x").problem(Chart(columns.to_dict(), "bar")) is None
    backwards = columns.encode(x=alt.X("name:N", sort="descending"))
    assert SortedBy("y", channel="x", otherwise="no").problem(Chart(backwards.to_dict(), "bar")) == "no"
