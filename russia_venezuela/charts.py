"""Altair set-up shared by every notebook: offline rendering, a colour-blind-safe theme, safe data.

Importing the course package calls `use_course_charts()`, so learners never have to.

Why the `mimetype` renderer and Altair 5: it stores a chart as a Vega-Lite 5 spec in the notebook, which
JupyterLab's built-in Vega extension draws with the JavaScript it ships, so charts render with no network
and stay interactive (tooltips, selections). Altair 6 emits Vega-Lite 6, which JupyterLab 4.6 cannot draw
without fetching Vega from a CDN (see the README's development section for the measurements).
"""

import math

import altair as alt
from altair.vegalite.data import default_data_transformer

THEME_NAME = "russia_venezuela"
TRANSFORMER_NAME = "russia_venezuela"

# Okabe & Ito's palette, distinguishable under the common colour-vision deficiencies.
OKABE_ITO = [
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#56B4E9",  # sky blue
    "#CC79A7",  # reddish purple
    "#F0E442",  # yellow
    "#000000",  # black
]


def _course_theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "range": {"category": OKABE_ITO},
            "view": {"continuousWidth": 480, "continuousHeight": 280},
            "title": {"anchor": "start", "fontSize": 15},
            "axis": {"labelFontSize": 12, "titleFontSize": 13},
            "legend": {"labelFontSize": 12, "titleFontSize": 13},
        }
    }


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
