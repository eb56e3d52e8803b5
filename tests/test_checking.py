"""The answer kinds name the common mistakes, and a Question judges any input without raising."""

from dataclasses import replace

import altair as alt
import numpy as np
import pandas as pd
import pytest

from russia_venezuela import progress, solution_regions
from russia_venezuela.checking import (
    Channel,
    ChartAnswer,
    ChartSpec,
    Description,
    Draws,
    ListAnswer,
    Mistake,
    NumberAnswer,
    Question,
    Selection,
    SeriesAnswer,
    Subtitle,
    TableAnswer,
    TextAnswer,
    Title,
    ____,
    number_questions,
)
from russia_venezuela.checking.charts import ExportedChart, chart_spec_of
from russia_venezuela.checking.question import (
    CORRECT,
    GRADING_ENV_VAR,
    INCORRECT,
    NOT_ANSWERED,
    STRICT_ENV_VAR,
    AnswerNotCorrect,
    CellRuns,
)

EVENTS = pd.DataFrame({
    "event_id": ["ev_1", "ev_2", "ev_3"],
    "kind": ["visit", "meeting", "visit"],
    "date": pd.to_datetime(["2019-09-25", "2018-12-05", "2019-01-10"]),
    "count": [3, 1, 2],
})


def question(kind, expected, mistakes=(), **own_checks):
    made = Question(variable="answer", points=1, kind=kind, expected=lambda: expected, hints=["first", "second"],
                    mistakes=list(mistakes), **own_checks)
    number_questions({"__name__": "ex99_test", "q1": made})
    return made


# Numbers

@pytest.mark.parametrize("answer", [3, 3.0, np.int64(3), 3 + 1e-12])
def test_a_number_is_correct_in_any_numeric_type(answer):
    assert NumberAnswer().diagnose(answer, 3) is None


@pytest.mark.parametrize("answer, words", [
    ("3", "not a number. Leave out the quotation marks"),
    (True, "yes/no"),
    (pd.Series([3]), "`.item()`"),
    (pd.Series([1, 2]), "of 2 values"),
    (float("nan"), "NaN"),
    (4, "off by one"),
    (2, "off by one"),
    (30, "too high"),
    (None, "`None`"),
])
def test_a_wrong_number_is_diagnosed(answer, words):
    assert words in NumberAnswer().diagnose(answer, 3)


# Text and lists

def test_text_names_stray_spaces_and_capitals():
    assert "spaces" in TextAnswer().diagnose(" art_004", "art_004")
    assert "capitals" in TextAnswer().diagnose("ART_004", "art_004")
    assert TextAnswer().diagnose("art_004", "art_004") is None


def test_a_list_in_any_order_is_right_unless_order_matters():
    assert ListAnswer().diagnose(["b", "a"], ["a", "b"]) is None
    assert ListAnswer().diagnose({"b", "a"}, ["a", "b"]) is None
    assert "sorted(...)" in ListAnswer(ordered=True).diagnose({"b", "a"}, ["a", "b"])
    assert "order" in ListAnswer(ordered=True).diagnose(["b", "a"], ["a", "b"])
    assert ListAnswer(ordered=True).diagnose(pd.Series(["a", "b"]), ["a", "b"]) is None


@pytest.mark.parametrize("answer, words", [
    (["a", "a", "b"], "repeats 'a'"),
    (["a", "b", "c"], "'c' should not be in it"),
    (["a"], "1 value is missing"),
    ("a", "one text, not a list"),
    (EVENTS, "whole table"),
    ([True, False], "that is a mask"),
    ([1, 2], "Your values are a whole number (int), but the question wants a text (str)"),
])
def test_a_wrong_list_is_diagnosed(answer, words):
    assert words in ListAnswer().diagnose(answer, ["a", "b"])


# Tables and Series

def test_a_table_matches_whatever_its_column_order_and_index():
    shuffled = EVENTS[["count", "date", "kind", "event_id"]].set_axis([7, 8, 9])
    assert TableAnswer().diagnose(shuffled, EVENTS) is None


@pytest.mark.parametrize("answer, words", [
    (EVENTS.drop(columns="count"), "missing column `count`"),
    (EVENTS.assign(extra=1), "`extra` should not be there"),
    (EVENTS.set_index("event_id"), "`event_id` is in your table's index"),
    (EVENTS.head(2), "one too few rows"),
    (pd.concat([EVENTS, EVENTS]), "too many rows"),
    (EVENTS.assign(date=["2019-09-25", "2018-12-05", "2019-01-10"]), "dates written as text"),
    (EVENTS.assign(count=["3", "1", "2"]), "numbers written as text"),
    (EVENTS.assign(count=[3, 1, 5]), "column `count` are not right"),
    (EVENTS["count"], "a Series"),
    (EVENTS.groupby("kind")[["count"]].agg(["sum", "max"]), "two levels"),
])
def test_a_wrong_table_is_diagnosed(answer, words):
    assert words in TableAnswer().diagnose(answer, EVENTS)


def test_an_unsorted_table_is_named_as_such_when_order_matters():
    expected = EVENTS.sort_values("date")
    message = TableAnswer(ordered=True, sort_hint="sort by `date`").diagnose(EVENTS, expected)
    assert "right rows" in message and "sort by `date`" in message
    assert TableAnswer().diagnose(EVENTS, expected) is None


def test_a_series_is_compared_label_by_label():
    counts = EVENTS["kind"].value_counts()
    assert SeriesAnswer().diagnose(counts.sort_index(), counts) is None
    assert "order" in SeriesAnswer(ordered=True).diagnose(counts.sort_index(), counts)
    assert "index labels" in SeriesAnswer().diagnose(counts.reset_index(drop=True), counts)
    assert "one column" in SeriesAnswer().diagnose(counts.to_frame(), counts)


# Charts, from their spec

BAR_SPEC = ChartSpec(mark="bar", channels={
    "x": (Channel("count", "quantitative"), Channel(None, "quantitative", "count")),
    "y": (Channel("kind", "nominal"),),
})


def bar_chart(**encodings):
    encodings = encodings or {"x": alt.X("count:Q", title="Events"), "y": alt.Y("kind:N", title="Kind")}
    return alt.Chart(EVENTS, title="Events").mark_bar().encode(tooltip=["kind"], **encodings)


def test_a_chart_is_right_with_either_way_of_counting():
    assert ChartAnswer().diagnose(bar_chart(), BAR_SPEC) is None
    counted = bar_chart(x=alt.X("count()", title="Events"), y=alt.Y("kind:N", title="Kind"))
    assert ChartAnswer().diagnose(counted, BAR_SPEC) is None


@pytest.mark.parametrize("chart, words", [
    (alt.Chart(EVENTS, title="t").mark_line().encode(x="count:Q", y="kind:N"), "needs a bar mark: `.mark_bar()`"),
    (bar_chart(x="count:Q"), "no `y` encoding"),
    (bar_chart(x="count:Q", y="event_id:N"), "`y` shows `event_id`"),
    (bar_chart(x="count:N", y="kind:N"), "encoded as nominal, but this field needs quantitative"),
    (alt.Chart(EVENTS).mark_bar().encode(x="count:Q", y="kind:N"), "no title"),
    (alt.Chart(EVENTS), "no mark"),
    (EVENTS, "the data of a chart"),
])
def test_a_wrong_chart_is_diagnosed(chart, words):
    assert words in ChartAnswer().diagnose(chart, BAR_SPEC)


def test_a_chart_altair_cannot_build_is_reported_not_raised():
    broken = alt.Chart(EVENTS, title="t").mark_bar().encode(x=alt.X("count:Q", bin="yes please"))
    assert "Altair cannot turn your chart" in ChartAnswer().diagnose(broken, BAR_SPEC)


def test_a_chart_with_the_wrong_data_is_caught_when_the_data_is_checked():
    spec = ChartSpec(mark="bar", channels={"y": (Channel("kind", "nominal"),)}, data=EVENTS[["kind", "count"]],
                     basics=(Title(),))
    assert ChartAnswer().diagnose(bar_chart(), spec) is None
    filtered = alt.Chart(EVENTS.head(2), title="t").mark_bar().encode(x="count:Q", y="kind:N")
    assert "its data is not" in ChartAnswer().diagnose(filtered, spec)


# A Question: placeholder, mistakes, guard, strictness

def test_the_placeholder_is_not_answered_and_names_the_variable():
    result = question(NumberAnswer(), 3).judge(____)
    assert result.status == NOT_ANSWERED and "`answer`" in result.message


def test_a_typical_mistake_gets_its_own_diagnosis_before_the_generic_one():
    result = question(NumberAnswer(), 3, [Mistake(lambda: 5, "You counted the planned visits too.")]).judge(5)
    assert result.status == INCORRECT and result.message.startswith("You counted the planned visits too.")
    assert "too high" in question(NumberAnswer(), 3).judge(5).message


class Hostile:
    def __eq__(self, other):
        raise RuntimeError("no comparing me")

    __hash__ = object.__hash__

    def __repr__(self):
        raise RuntimeError("no printing me")

    def __len__(self):
        raise RuntimeError("no measuring me")


@pytest.mark.parametrize("kind, expected", [
    (NumberAnswer(), 3), (TextAnswer(), "a"), (ListAnswer(), ["a"]), (TableAnswer(), EVENTS),
    (SeriesAnswer(), EVENTS["count"]), (ChartAnswer(), BAR_SPEC),
])
@pytest.mark.parametrize("answer", [Hostile(), [Hostile()], [[[]]] * 3, list(range(200_000)), "x" * 10_000_000])
def test_no_answer_makes_a_check_raise(kind, expected, answer):
    result = question(kind, expected).judge(answer)
    assert result.status == INCORRECT and result.message


def test_the_learners_table_is_not_changed_by_judging():
    answer = EVENTS.copy().set_index("event_id")
    before = answer.copy()
    question(TableAnswer(ordered=True), EVENTS).judge(answer)
    pd.testing.assert_frame_equal(answer, before)


def test_check_reads_the_variable_from_the_callers_namespace_and_shows_the_verdict(capsys):
    q = question(NumberAnswer(), 3)
    q.check()
    assert "There is no variable `answer` yet" in capsys.readouterr().out
    globals()["answer"] = 3  # a notebook's variables are the globals of the code that calls check()
    try:
        q.check()
    finally:
        del globals()["answer"]
    assert capsys.readouterr().out.startswith("Correct")


def test_a_questions_own_check_that_stops_with_an_error_fails_closed(capsys, monkeypatch):
    """An own check that cannot read an answer has not found it right: a clear verdict, and strict mode raises."""
    def unreadable(answer):
        raise TypeError("an expression where a value was expected")

    q = question(NumberAnswer(), 3, before=unreadable)
    result = q.judge(3)
    assert result.status == INCORRECT and "could not read your answer: it stopped with TypeError" in result.message
    assert "tell your instructor" in result.message
    globals()["answer"] = 3
    try:
        monkeypatch.setenv(STRICT_ENV_VAR, "1")
        with pytest.raises(AnswerNotCorrect, match="could not read"):
            q.check()
    finally:
        del globals()["answer"]
    assert question(NumberAnswer(), 3, before=lambda answer: None).judge(3).status == CORRECT  # the control


def test_in_the_graders_kernels_a_check_does_nothing(capsys, monkeypatch, tmp_path):
    """The grader judges the answers itself, outside the kernel: a check there would only cost time."""
    log = tmp_path / "progress.jsonl"
    monkeypatch.setenv(progress.PROGRESS_ENV_VAR, str(log))
    monkeypatch.setenv(STRICT_ENV_VAR, "1")
    q = question(NumberAnswer(), 3)
    globals()["answer"] = 4
    try:
        monkeypatch.setenv(GRADING_ENV_VAR, "1")
        q.check()
        assert capsys.readouterr().out == "" and not log.exists()
        monkeypatch.delenv(GRADING_ENV_VAR)
        with pytest.raises(AnswerNotCorrect):  # the same check, where it is not graded
            q.check()
        assert log.exists()
    finally:
        del globals()["answer"]


def test_strict_mode_raises_on_a_wrong_answer_only(monkeypatch):
    q = question(NumberAnswer(), 3)
    monkeypatch.setenv(STRICT_ENV_VAR, "1")
    globals()["answer"] = 4
    try:
        with pytest.raises(AnswerNotCorrect, match="off by one"):
            q.check()
        globals()["answer"] = ____
        q.check()  # not answered is not a failure in strict mode: the exercise notebooks run clean
        monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
        with pytest.raises(AnswerNotCorrect, match="Replace"):
            q.check()
    finally:
        del globals()["answer"]


def test_hints_come_one_level_at_a_time_and_end_by_pointing_at_the_solution(capsys):
    q = question(NumberAnswer(), 3)
    q.hint()
    q.hint()
    q.hint()
    shown = capsys.readouterr().out
    assert "Hint 1 of 2:** first" in shown and "Hint 2 of 2:** second" in shown
    assert shown.count("That was the last hint") == 2
    q.hint(7)
    assert "hints 1 to 2" in capsys.readouterr().out


def test_the_solution_is_read_from_the_solution_notebook(tmp_path):
    import nbformat

    cell = nbformat.v4.new_code_cell("x = 1\n### BEGIN SOLUTION\nanswer = x + 2\n### END SOLUTION\nanswer")
    nbformat.write(nbformat.v4.new_notebook(cells=[cell]), tmp_path / "99_test.ipynb")
    assert "answer = x + 2" in solution_regions.solution_text("99_test", "answer", tmp_path)
    assert "x = 1" not in solution_regions.solution_text("99_test", "answer", tmp_path)
    assert "not in this copy" in solution_regions.solution_text("98_gone", "answer", tmp_path)


# Richer charts: layers, aggregates, interactions, subtitles, and charts known only by their spec

def test_any_layer_with_the_right_mark_can_be_the_answer():
    rule = alt.Chart(EVENTS).mark_bar().encode(y=alt.datum(0))
    layered = alt.layer(rule, bar_chart(), title="Events")
    assert ChartAnswer().diagnose(layered, BAR_SPEC) is None


def test_an_aggregate_that_is_missing_or_misapplied_is_named():
    spec = ChartSpec(mark="bar", channels={"x": (Channel("event_id", "quantitative", "distinct"),),
                                           "y": (Channel("kind", "nominal"),)})
    plain = bar_chart(x="event_id:Q", y="kind:N")
    assert "needs its distinct: write `\"distinct(event_id)\"`" in ChartAnswer().diagnose(plain, spec)
    other_field = bar_chart(x="distinct(date):Q", y="kind:N")
    assert "takes the distinct of `date`" in ChartAnswer().diagnose(other_field, spec)


def test_a_required_selection_subtitle_and_response_are_each_checked():
    spec = ChartSpec(mark="bar", channels={"y": (Channel("kind", "nominal"),)}, basics=(Title(),),
                     requires=(Subtitle(), Selection("point", bind="legend", field="kind")))
    pick = alt.selection_point(fields=["kind"], bind="legend")
    titled = alt.Title("Events", subtitle="by kind")
    base = alt.Chart(EVENTS, title=titled).mark_bar().encode(x="count:Q", y="kind:N", color="kind:N")
    assert "no subtitle" in ChartAnswer().diagnose(
        alt.Chart(EVENTS, title="Events").mark_bar().encode(x="count:Q", y="kind:N"), spec)
    assert "no selection yet" in ChartAnswer().diagnose(base, spec)
    unbound = base.add_params(alt.selection_point(fields=["kind"]))
    assert "not bound to the legend" in ChartAnswer().diagnose(unbound, spec)
    inert = base.add_params(pick)
    assert "changes nothing yet" in ChartAnswer().diagnose(inert, spec)
    working = inert.encode(opacity=alt.when(pick).then(alt.value(1.0)).otherwise(alt.value(0.2)))
    assert ChartAnswer().diagnose(working, spec) is None


def test_a_chart_known_only_by_its_spec_is_judged_like_the_chart():
    assert ChartAnswer().diagnose(ExportedChart(bar_chart().to_dict()), BAR_SPEC) is None
    line = alt.Chart(EVENTS, title="t").mark_line().encode(x="count:Q", y="kind:N")
    assert "needs a bar mark" in ChartAnswer().diagnose(ExportedChart(line.to_dict()), BAR_SPEC)


def test_a_typical_wrong_chart_matches_only_charts_that_make_that_mistake():
    wrong = chart_spec_of(alt.Chart(EVENTS).mark_bar().encode(x="count:Q", y="event_id:N"))
    assert ChartAnswer().diagnose(bar_chart(x="count:Q", y="event_id:N"), wrong) is None
    assert ChartAnswer().diagnose(bar_chart(), wrong) is not None  # the right chart is not that mistake
    with_colour = bar_chart(x="count:Q", y="event_id:N", color="kind:N")
    assert ChartAnswer().diagnose(with_colour, wrong) is not None


def test_a_table_indexed_as_asked_is_told_apart_from_one_numbered_from_zero():
    expected = EVENTS.set_index("event_id")
    assert TableAnswer(index=True).diagnose(expected.iloc[::-1], expected) is None
    assert "index labels are not" in TableAnswer(index=True, ordered=True).diagnose(
        expected.reset_index(drop=True).rename_axis("event_id"), expected)
    assert "order" in TableAnswer(index=True, ordered=True).diagnose(expected.iloc[::-1], expected)


def test_a_column_of_lists_is_named_with_explode_as_the_fix():
    expected = pd.DataFrame({"caveat": ["c1", "c1"], "figure_id": ["fig_1", "fig_2"]})
    unexploded = pd.DataFrame({"caveat": ["c1", "c2"], "figure_id": [["fig_1", "fig_2"], ["fig_3"]]})
    assert "`.explode(\"figure_id\")`" in TableAnswer().diagnose(unexploded, expected)


def test_an_array_answer_to_a_number_question_is_counted_not_rejected():
    assert "of 2 values" in NumberAnswer().diagnose(EVENTS["kind"].unique(), 3)
    assert "of 3 values" in NumberAnswer().diagnose(np.array([1, 2, 3]), 3)


def test_a_series_of_lists_is_told_to_count_them():
    expected = pd.Series({"art_1": 2, "art_2": 1})
    of_arrays = pd.Series({"art_1": np.array(["a", "b"]), "art_2": np.array(["c"])})
    assert "list or an array" in SeriesAnswer().diagnose(of_arrays, expected)


def test_a_count_typed_as_categories_is_told_to_be_quantitative():
    assert "type it quantitative" in ChartAnswer().diagnose(
        bar_chart(x=alt.X("event_id:N", aggregate="count"), y="kind:N"), BAR_SPEC)


def test_a_chart_without_axis_titles_or_tooltips_is_told_what_a_reader_misses():
    untitled_axes = alt.Chart(EVENTS, title="t").mark_bar().encode(x="count:Q", y="kind:N", tooltip=["kind"])
    assert "Give the x axis a title" in ChartAnswer().diagnose(untitled_axes, BAR_SPEC)
    no_tooltip = alt.Chart(EVENTS, title="t").mark_bar().encode(x=alt.X("count:Q", title="n"),
                                                                y=alt.Y("kind:N", title="k"))
    assert "no tooltips" in ChartAnswer().diagnose(no_tooltip, BAR_SPEC)
    assert "no tooltips" in ChartAnswer().diagnose(no_tooltip.encode(tooltip=[]), BAR_SPEC)
    blanked = alt.Chart(EVENTS, title="t").mark_bar().encode(x=alt.X("count:Q", title=None), y="kind:N",
                                                             tooltip=["kind"])
    assert "Give the x axis a title" in ChartAnswer().diagnose(blanked, BAR_SPEC)


def test_columns_in_another_order_are_named_when_the_question_fixes_the_order():
    shuffled = EVENTS[["count", "date", "kind", "event_id"]]
    assert "not in the order the question gives" in TableAnswer(column_order=True).diagnose(shuffled, EVENTS)
    assert TableAnswer().diagnose(shuffled, EVENTS) is None


@pytest.mark.parametrize("answer, words", [
    (pd.Series({"visit": 2, "meeting": 1, "call": 0}), "count of zero"),
    (pd.Series({"visit": 2}), "leaves out the labels whose count is zero"),
    (pd.Series({"visit": 2.004, "meeting": 0.996}), "rounded"),
])
def test_series_counts_name_zero_categories_and_rounding(answer, words):
    expected = pd.Series({"visit": 2, "meeting": 0}) if "leaves out" in words else pd.Series(
        {"visit": 2, "meeting": 1}) if "zero" in words else pd.Series({"visit": 2.0041234, "meeting": 0.9958766})
    assert words in SeriesAnswer().diagnose(answer, expected)


def test_number_messages_fit_the_mistake():
    assert "nothing matched" in NumberAnswer().diagnose(0, 13)
    assert "`[0]`" in NumberAnswer().diagnose([13], 13)
    assert "table of 3 rows" in NumberAnswer().diagnose(EVENTS, 3)


def test_what_a_chart_draws_is_checked_however_its_columns_are_named():
    drawn = EVENTS["kind"].value_counts().rename_axis("y").reset_index(name="x")
    spec = ChartSpec(mark="bar", channels={"x": (Channel(None, "quantitative"),), "y": (Channel("kind", "nominal"),)},
                     requires=(Draws(drawn),))
    titled = {"x": alt.X("count()", title="Events"), "y": alt.Y("kind:N", title="Kind")}
    assert ChartAnswer().diagnose(bar_chart(**titled), spec) is None
    counted = alt.Chart(EVENTS.groupby("kind").size().reset_index(name="events"), title="t").mark_bar().encode(
        x=alt.X("events:Q", title="Events"), y=alt.Y("kind:O", title="Kind"), tooltip=["kind"])
    assert ChartAnswer().diagnose(counted, spec) is None
    summed = bar_chart(x=alt.X("sum(count):Q", title="Events"), y=alt.Y("kind:N", title="Kind"))
    assert "not at the right sizes" in ChartAnswer().diagnose(summed, spec)
    # A field drawn as it is stacks one piece per row: each piece is a mark of its own, and the pieces are counted.
    stacked = bar_chart(x=alt.X("count:Q", title="Events"), y=alt.Y("kind:N", title="Kind"))
    assert "draws 3 bars (2 wanted)" in ChartAnswer().diagnose(stacked, spec)
    fewer = alt.Chart(EVENTS.head(1), title="t").mark_bar().encode(tooltip=["kind"], **titled)
    assert "draws 1 bar (2 wanted)" in ChartAnswer().diagnose(fewer, spec)


def test_a_bar_of_length_zero_is_not_counted_as_drawn():
    drawn = EVENTS["kind"].value_counts().rename_axis("y").reset_index(name="x")
    spec = ChartSpec(mark="bar", channels={"x": (Channel(None, "quantitative"),), "y": (Channel("kind", "nominal"),)},
                     requires=(Draws(drawn),))
    # value_counts on a category column keeps the categories no row has, with a count of zero
    counted = EVENTS["kind"].astype(pd.CategoricalDtype(["visit", "meeting", "call"])).value_counts().reset_index()
    bars = alt.Chart(counted, title="t").mark_bar().encode(
        x=alt.X("count:Q", title="Events"), y=alt.Y("kind:N", title="Kind"), tooltip=["kind"])
    assert ChartAnswer().diagnose(bars, spec) is None
    points = bars.mark_point()  # a point at zero is drawn, so the same data is one mark too many
    assert "draws 3 points (2 wanted)" in ChartAnswer().diagnose(points, replace(spec, mark="point"))


def test_a_field_the_data_lacks_is_named_wherever_it_is_encoded():
    typo = bar_chart(x=alt.X("count:Q", title="Events"), y=alt.Y("kind:N", title="Kind")).encode(
        tooltip=["kind", "summary:N"])
    assert "the field `summary`, but the table your chart draws has no column" in ChartAnswer().diagnose(
        typo, BAR_SPEC)
    made = typo.transform_calculate(summary="datum.kind + ' on ' + datum.date")
    assert ChartAnswer().diagnose(made, BAR_SPEC) is None


def test_a_description_is_asked_for_only_where_the_question_needs_one():
    described = replace(BAR_SPEC, requires=(Description(),))
    assert ChartAnswer().diagnose(bar_chart(), BAR_SPEC) is None
    assert "no description" in ChartAnswer().diagnose(bar_chart(), described)
    assert "no description" in ChartAnswer().diagnose(bar_chart().properties(description="  "), described)
    assert ChartAnswer().diagnose(bar_chart().properties(description="Visits outnumber meetings."), described) is None
    layered = alt.layer(bar_chart(), description="Visits outnumber meetings.")
    assert ChartAnswer().diagnose(layered, described) is None


def test_a_table_the_learner_changes_after_a_check_is_judged_afresh():
    q = question(TableAnswer(), EVENTS)
    mine = EVENTS.copy()
    assert q.judge(mine).status == CORRECT
    mine.loc[0, "count"] = 99  # the learner goes on working on the same object
    assert q.judge(mine).status == INCORRECT
    mine.loc[0, "count"] = 3
    assert q.judge(mine).status == CORRECT


def test_a_check_does_not_judge_a_value_left_by_a_cell_that_failed():
    runs = CellRuns([("answer = 3", None), ("answer = load()\nanswer", "KeyError"), ("print(1)", None)])
    assert runs.failure_setting("answer") == "KeyError"
    assert runs.failure_setting("other") is None
    runs.current = "answer = 4\nq1.check()"  # the check's own cell sets the answer first: it is fresh
    assert runs.failure_setting("answer") is None
    runs.current = "q1.check()"
    runs.runs.append(("answer = 5", None))  # the cell was fixed and run again
    assert runs.failure_setting("answer") is None


@pytest.mark.parametrize("answer, places", [(2.0, "a whole number"), (1.7, "1 decimal place"),
                                            (1.72, "2 decimal places"), (1.7167, "4 decimal places")])
def test_a_rounded_number_is_named_as_rounded(answer, places):
    assert NumberAnswer().diagnose(answer, 1.7166666666666668) == (
        f"Your number is rounded to {places}. Store it as pandas computes it; round only when you print it.")
    assert NumberAnswer().diagnose(1.8, 1.7166666666666668).startswith("Your number is too high")  # not a rounding
    assert NumberAnswer().diagnose(4, 3).startswith("Your number is off by one")  # a count is never rounded
