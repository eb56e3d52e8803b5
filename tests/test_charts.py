"""The course's Altair set-up: offline renderer, colour-blind-safe theme, JSON-safe data."""

import json

import altair as alt
import pandas as pd

import russia_venezuela  # noqa: F401  (importing it sets Altair up)
from russia_venezuela.charts import OKABE_ITO


def test_importing_the_course_selects_the_offline_renderer_and_theme():
    assert alt.renderers.active == "mimetype"
    spec = alt.Chart(pd.DataFrame({"a": ["x"]})).mark_bar().encode(x="a").to_dict()
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/v5")
    assert spec["config"]["range"]["category"] == OKABE_ITO


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
