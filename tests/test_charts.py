"""The course's Altair set-up: offline renderer, the course's look, JSON-safe data."""

import itertools
import json

import altair as alt
import pandas as pd
import pytest
from chart_looks import (
    MIN_CATEGORY_DIFFERENCE,
    axes_with_long_numbers,
    colour_difference,
    colour_problems,
    drawn,
    fractional_count_axes,
)

import russia_venezuela as rv
from russia_venezuela.charts import CATEGORY_COLOURS, MUTED_COLOUR


def test_importing_the_course_selects_the_offline_renderer_and_theme():
    assert alt.renderers.active == "mimetype"
    spec = alt.Chart(pd.DataFrame({"a": ["x"]})).mark_bar().encode(x="a").to_dict()
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/v5")
    assert spec["config"]["range"]["category"] == CATEGORY_COLOURS


def test_the_mimetype_output_is_one_that_jupyterlab_draws_itself():
    bundle, _ = alt.Chart(pd.DataFrame({"a": ["x"]})).mark_bar().encode(x="a")._repr_mimebundle_()
    assert "application/vnd.vegalite.v5+json" in bundle


def test_missing_text_reaches_the_chart_as_null_not_nan():
    frame = pd.DataFrame({"place": pd.array(["Caracas", None], dtype="str"), "count": [1, 2]})
    spec = alt.Chart(frame).mark_bar().encode(x="place", y="count").to_dict()
    rows = next(iter(spec["datasets"].values()))
    assert rows == [{"place": "Caracas", "count": 1}, {"place": None, "count": 2}]
    json.dumps(spec, allow_nan=False)  # raises ValueError if any NaN survived


def test_the_learners_frame_is_left_untouched():
    frame = pd.DataFrame({"place": pd.array(["Caracas", None], dtype="str")})
    alt.Chart(frame).mark_point().encode(x="place").to_dict()
    assert str(frame["place"].dtype) == "str" and frame["place"].isna().tolist() == [False, True]


def test_the_first_five_category_colours_and_the_muted_grey_stay_apart_under_colour_blindness():
    """Any chart with up to five categories and an "unknown" passes the colour check of every lesson chart."""
    palette = CATEGORY_COLOURS[:5] + [MUTED_COLOUR]
    closest = min(colour_difference(first, second) for first, second in itertools.combinations(palette, 2))
    assert closest >= MIN_CATEGORY_DIFFERENCE


def test_the_colour_check_catches_orange_beside_vermillion():
    """The pair the issue found hard to tell apart (Okabe & Ito's orange and vermillion) fails the check."""
    frame = pd.DataFrame({"precision": ["month", "not dated"], "events": [3, 4]})
    chart = alt.Chart(frame).mark_bar().encode(
        x="events:Q", y="precision:N",
        color=alt.Color("precision:N", scale=alt.Scale(range=["#E69F00", "#D55E00"])))
    assert colour_problems(drawn(chart.to_dict())) != []
    muted = chart.encode(color=alt.Color("precision:N", scale=rv.colour_scale(["month", "not dated"])))
    assert colour_problems(drawn(muted.to_dict())) == []


def test_colour_scale_gives_what_is_not_known_the_muted_grey_and_the_rest_the_course_colours():
    scale = rv.colour_scale(["day", "month", "not dated", "other"]).to_dict()
    assert scale == {"domain": ["day", "month", "not dated", "other"],
                     "range": [CATEGORY_COLOURS[0], CATEGORY_COLOURS[1], MUTED_COLOUR, MUTED_COLOUR]}


@pytest.mark.parametrize("events", [1, 2, 3, 7, 24])
def test_a_count_axis_prints_whole_numbers_only_where_tick_min_step_alone_prints_halves(events):
    frame = pd.DataFrame({"kind": ["visit"] * events + ["meeting"]})
    def chart(axis):
        return alt.Chart(frame).mark_bar().encode(
            x=alt.X("count():Q", title="Events", axis=axis), y=alt.Y("kind:N", title="Kind")).properties(width=200)
    assert fractional_count_axes(drawn(chart(rv.count_axis()).to_dict())) == []
    if events in (2, 3):  # Vega-Lite's own setting fails exactly there (vega-lite issue 9034)
        assert fractional_count_axes(drawn(chart(alt.Axis(tickMinStep=1)).to_dict())) != []


def test_a_long_axis_label_is_drawn_whole_on_two_lines():
    name = "Russia-Venezuela high-level intergovernmental commission"
    chart = alt.Chart(pd.DataFrame({"name": [name, "Russia"], "events": [1, 5]})).mark_bar().encode(
        x="events:Q", y=alt.Y("name:N", title="Actor"))
    shown = drawn(chart.to_dict())
    assert name in shown.texts and not any(text.endswith("…") for text in shown.svg_texts)


def test_an_axis_reaching_a_hundred_thousand_is_caught_and_one_in_thousands_passes():
    """JupyterLab's renderer prints 100000 on an axis as 1e+5 (seen in lesson 04 at 1280 px)."""
    frame = pd.DataFrame({"status": ["reported", "target"], "tonnes": [254_000, 600_000]})
    tonnes = alt.Chart(frame).mark_bar().encode(x=alt.X("tonnes:Q", title="Tonnes"), y=alt.Y("status:N", title="S"))
    assert axes_with_long_numbers(drawn(tonnes.to_dict())) != []
    thousands = tonnes.transform_calculate(thousands="datum.tonnes / 1000").encode(
        x=alt.X("thousands:Q", title="Thousand tonnes"))
    assert axes_with_long_numbers(drawn(thousands.to_dict())) == []


def test_an_event_status_keeps_its_colour_whatever_the_order_or_the_other_values():
    statuses = list(rv.load("events")["status"].cat.categories)
    colour_of = [dict(zip(scale["domain"], scale["range"])) for scale in (
        rv.colour_scale(statuses).to_dict(), rv.colour_scale(sorted(statuses)).to_dict(),
        rv.colour_scale(["planned", "occurred"]).to_dict())]
    assert colour_of[0] == colour_of[1]
    assert colour_of[2] == {status: colour_of[0][status] for status in ["planned", "occurred"]}
    assert len(set(colour_of[0].values())) == len(statuses)
    others = rv.colour_scale(["occurred", "a", "b"]).to_dict()["range"]
    assert len(set(others)) == 3  # other values take colours no status in the scale has


@pytest.mark.parametrize("values", [["occurred", "not_occurred", "planned", "ongoing", "alleged"],
                                    ["Verbal Cooperation", "Material Cooperation", "Verbal Conflict",
                                     "Material Conflict"]], ids=["statuses", "quad classes"])
def test_the_fixed_colours_of_statuses_and_quad_classes_stay_apart_beside_the_muted_grey(values):
    colours = rv.colour_scale(values).to_dict()["range"] + [MUTED_COLOUR]
    assert min(colour_difference(first, second) for first, second in itertools.combinations(colours, 2)) \
        >= MIN_CATEGORY_DIFFERENCE


def test_a_colour_scale_from_a_column_lists_the_values_present_in_the_codebooks_order():
    events = rv.load("events")
    assert rv.colour_scale(events["status"]).to_dict()["domain"] == list(events["status"].cat.categories)
    as_text = pd.Series(["planned", "occurred", "ongoing", "planned"], dtype="str")  # a column after melt()
    assert rv.colour_scale(as_text).to_dict()["domain"] == ["occurred", "ongoing", "planned"]
    assert rv.colour_scale(pd.Series(["b", None, "a"], dtype="str")).to_dict()["domain"] == ["a", "b"]
