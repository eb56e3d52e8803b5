"""Altair set-up shared by every notebook: offline rendering, the course's look, safe data.

Importing the course package calls `use_course_charts()`, so learners never have to.

Why the `mimetype` renderer and Altair 5: it stores a chart as a Vega-Lite 5 spec in the notebook, which
JupyterLab's built-in Vega extension draws with the JavaScript it ships, so charts render with no network
and stay interactive (tooltips, selections). Altair 6 emits Vega-Lite 6, which JupyterLab 4.6 cannot draw
without fetching Vega from a CDN (see the README's development section for the measurements).

The look: one sans-serif face in three sizes, light grid lines, plain marks in a slate no category uses, and
categories in Okabe & Ito's colours, ordered so that the first five stay far apart under deuteranopia and
protanopia (tests/test_charts.py simulates both); an event status or a quad class keeps one colour everywhere.
A value that says nothing is known ("not said", "not dated") or names no category ("other") gets a muted grey
through `colour_scale`, so that the loudest colours go to what the sources say. A count axis is `count_axis()`;
an axis label too long for one line is drawn whole on two.
"""

import itertools
import math

import altair as alt
import pandas as pd
from altair.vegalite.data import default_data_transformer

THEME_NAME = "russia_venezuela"
TRANSFORMER_NAME = "russia_venezuela"

# Okabe & Ito's palette, reordered: any first five of them (and the muted grey) differ by at least 18 CIEDE2000
# units under simulated deuteranopia and protanopia; all seven by at least 11.
CATEGORY_COLOURS = [
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
]
# Values that keep one colour in every chart of the course, whatever the order of the scale. An event's status:
# what happened in blue, what did not in vermillion, what is only planned in green, what goes on in yellow. A
# CAMEO quad class: cooperation in blues, the material (acts) darker than the verbal; conflict in green (verbal)
# and vermillion (material), for yellow points are hard to see on white. A figure's status: a reported fact in
# the blue of what happened, a target in the green of what is planned.
VALUE_COLOURS = {
    "occurred": "#0072B2", "ongoing": "#F0E442", "planned": "#009E73", "not_occurred": "#D55E00",
    "alleged": "#56B4E9",
    "Verbal Cooperation": "#56B4E9", "Material Cooperation": "#0072B2", "Verbal Conflict": "#009E73",
    "Material Conflict": "#D55E00",
    "reported_fact": "#0072B2", "target_or_plan": "#009E73", "claim": "#D55E00", "estimate": "#56B4E9",
}
# Plain marks (one colour for all) in a slate that no category uses, so that a plain bar never reads as a status.
PLAIN_COLOUR = "#5B6F82"
MUTED_COLOUR = "#CCCCCC"
# Category values that say the sources do not tell, or that name no category of their own: drawn in MUTED_COLOUR
# by `colour_scale`.
MUTED_VALUES = frozenset({"not said", "not dated", "undated", "unknown", "no source named", "(none)", "other"})
# Counts: viridis keeps its steps apart under colour-vision deficiencies; with a log scale (lesson 03), the small
# counts 1 to 4 stay apart too (tests/chart_looks.py measures it).
SEQUENTIAL_SCHEME = "viridis"
TEXT_COLOUR = "#222222"
MUTED_TEXT_COLOUR = "#555555"
# The widest a chart may be, legends and titles included: JupyterLab 4.6 in a 1280-pixel-wide window, with the
# file browser open at its default width, gives a notebook output 840 pixels; 40 are kept for a scroll bar and a
# slightly wider file browser. Every lesson and solution chart is drawn and measured against it in the tests.
WIDTH_BUDGET = 800


# An axis label longer than this many characters is broken into two lines at its last space before it, so that a
# long name is read whole without widening the chart (Vega has no wrapping of its own).
WRAP_AFTER = 40
_FIRST_LINE_ENDS = f"lastindexof(substring(datum.label, 0, {WRAP_AFTER}), ' ')"
_WRAPS = f"length(datum.label) > {WRAP_AFTER} && {_FIRST_LINE_ENDS} > 0"
_WRAPPED_LABEL = (f"{_WRAPS} ? [substring(datum.label, 0, {_FIRST_LINE_ENDS}), "
                  f"substring(datum.label, {_FIRST_LINE_ENDS} + 1)] : datum.label")
# Vega sets the first line of a label on its tick; on a y axis a two-line label is centred on it instead.
_CENTRED_ON_TICK = {"condition": {"test": _WRAPS, "value": "line-bottom"}, "value": "middle"}


def _course_theme() -> alt.theme.ThemeConfig:
    # Solid marks: Vega-Lite's default of 0.7 for points made an "occurred" dot look like the sky blue of "alleged".
    marks = {"color": PLAIN_COLOUR, "opacity": 1}
    return {
        "config": {
            "font": "sans-serif",
            "range": {"category": CATEGORY_COLOURS, "ramp": {"scheme": SEQUENTIAL_SCHEME},
                      "heatmap": {"scheme": SEQUENTIAL_SCHEME}},
            "view": {"continuousWidth": 480, "continuousHeight": 280, "stroke": None},
            "title": {"anchor": "start", "fontSize": 16, "fontWeight": 600, "color": TEXT_COLOUR,
                      "subtitleFontSize": 13, "subtitleColor": MUTED_TEXT_COLOUR, "subtitlePadding": 4, "offset": 10},
            "axis": {"labelFontSize": 12, "titleFontSize": 12, "titleFontWeight": 600, "labelColor": TEXT_COLOUR,
                     "titleColor": TEXT_COLOUR, "gridColor": "#E4E4E4", "domainColor": "#888888",
                     "tickColor": "#888888", "labelLimit": 360, "titlePadding": 8},
            # Only names (discrete axes) are wrapped: numbers and dates keep the labels their format gives.
            "axisDiscrete": {"labelExpr": _WRAPPED_LABEL, "labelLineHeight": 13},
            "axisYDiscrete": {"labelBaseline": _CENTRED_ON_TICK},
            # Dates centred on their ticks: pushed inside the axis, the first year ran into the next month
            # ("2017April").
            "axisTemporal": {"labelFlush": False},
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "titleFontWeight": 600, "labelColor": TEXT_COLOUR,
                       "titleColor": TEXT_COLOUR, "labelLimit": 240, "titleLimit": 300, "symbolType": "square",
                       "symbolOpacity": 1},
            "header": {"labelFontSize": 12, "titleFontSize": 13},
            **{mark: marks for mark in ("bar", "point", "circle", "square", "line", "area", "rect", "tick")},
        }
    }


def colour_scale(values) -> alt.Scale:
    """A colour scale for category values: an event status, a figure's status or a CAMEO quad class in its own
    colour (VALUE_COLOURS), a value that says the sources do not tell ("not said", "not dated", ...) in a muted
    grey, and any other value in the next course colour that the scale does not use yet.

    `values` lists the values in the order the legend shows them; or it is a column, whose values present are
    listed in the order of its categories, or else in the codebook's order of statuses, then alphabetically."""
    if isinstance(values, pd.Series):
        present = set(values.dropna())
        known = values.cat.categories if isinstance(values.dtype, pd.CategoricalDtype) else VALUE_COLOURS
        domain = [value for value in known if value in present]
        domain += sorted(present - set(domain))
    else:
        domain = list(values)
    taken = {VALUE_COLOURS[value] for value in domain if value in VALUE_COLOURS}
    free = itertools.cycle([colour for colour in CATEGORY_COLOURS if colour not in taken] or CATEGORY_COLOURS)
    return alt.Scale(domain=domain, range=[VALUE_COLOURS.get(value) or (MUTED_COLOUR if value in MUTED_VALUES
                                                                         else next(free)) for value in domain])


# Vega-Lite's `tickMinStep=1` still puts ticks at halves on an axis that ends at 2 or 3 (vega-lite issue
# 9034), so a count axis hides the ticks, grid lines and labels that fall between whole numbers.
_BETWEEN_WHOLE_NUMBERS = "datum.value % 1 != 0"


def count_axis(**options) -> alt.Axis:
    """An axis for a count: whole numbers only, for there is no half an event. Takes any other `alt.Axis`
    option, e.g. `count_axis(orient="top")`."""
    hidden = {"condition": {"test": _BETWEEN_WHOLE_NUMBERS, "value": 0}, "value": 1}
    return alt.Axis(format="d", tickMinStep=1, labelExpr=f"{_BETWEEN_WHOLE_NUMBERS} ? '' : datum.label",
                    tickOpacity=hidden, gridOpacity=hidden, **options)


def _json_safe_data(data, max_rows: int = 5000):
    """Altair's default data transformer, with missing values that reach the spec as NaN turned into null.

    Altair 5.5 predates pandas 3: a missing value in a `str` column leaves it as NaN, which is not valid
    JSON, and the chart fails to draw.
    """
    spec_data = default_data_transformer(data, max_rows=max_rows)
    if "values" not in spec_data:
        return spec_data
    return {
        **spec_data,
        "values": [
            {key: None if isinstance(value, float) and not math.isfinite(value) else value
             for key, value in row.items()}
            for row in spec_data["values"]
        ],
    }


def use_course_charts() -> None:
    """Render charts offline in JupyterLab, in the course theme, with pandas 3 text columns made safe."""
    alt.renderers.enable("mimetype")
    alt.theme.register(THEME_NAME, enable=True)(_course_theme)
    alt.data_transformers.register(TRANSFORMER_NAME, _json_safe_data)
    alt.data_transformers.enable(TRANSFORMER_NAME)
