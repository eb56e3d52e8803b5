"""The chart questions of exercises 01, 03, 05 and 06 judged on what they draw: a chart that breaks one
requirement of its question hears about that requirement, and a chart that draws the same thing by another
road is right."""

import altair as alt
import pandas as pd
import pytest

from russia_venezuela.checking.question import CORRECT, INCORRECT
from russia_venezuela.data import load
from russia_venezuela.questions import ex01_the_sources as ex01
from russia_venezuela.questions import ex03_who_is_who as ex03
from russia_venezuela.questions import ex05_trade_and_economy as ex05
from russia_venezuela.questions import ex06_the_guaido_context as ex06


def _titled(chart: alt.Chart) -> alt.Chart:
    return chart.properties(title="A chart")


# 01 q6: one bar per article, as long as the actors first named there.

def _actors_bars(table, x="count():Q", **encodings):
    encoding = {"x": alt.X(x, title="Actors"), "y": alt.Y("article_id:N", title="Article"),
                "tooltip": ["article_id:N"]}
    return _titled(alt.Chart(table).mark_bar().encode(**{**encoding, **encodings}))


def _first_named(actors):
    return actors["article_id"].value_counts().reset_index()


EX01 = [
    (lambda: _actors_bars(load("actors")), CORRECT, ["Well done"]),  # Altair counts, not pandas
    (lambda: _actors_bars(_first_named(load("actors")).rename(columns={"count": "actors"}), "actors:Q"), CORRECT,
     ["Well done"]),
    (lambda: _actors_bars(load("actor_mentions")), INCORRECT, ["`actor_mentions`", "every time an actor is named"]),
    (lambda: _actors_bars(load("actor_mentions")[["actor_id", "article_id"]].drop_duplicates()), INCORRECT,
     ["counted in each of them"]),
    (lambda: _actors_bars(load("actors").query("kind != 'person'")), INCORRECT,
     ["not at the right sizes"]),
    (lambda: _actors_bars(load("actors").query("article_id != 'art_004'")), INCORRECT, ["4 bars (5 wanted)"]),
    (lambda: _actors_bars(load("actors"), tooltip=alt.Undefined), INCORRECT, ["no tooltips"]),
]


# 03 q6: a heatmap of participant rows by kind and status.

def _heatmap(table, color="rows:Q"):
    return _titled(alt.Chart(table).mark_rect().encode(
        x=alt.X("status:N", title="Status"), y=alt.Y("kind:N", title="Kind"), color=color,
        tooltip=["kind:N", "status:N"]))


EX03 = [
    (lambda: _heatmap(ex03._kind_status()), CORRECT, ["states"]),
    (lambda: _heatmap(ex03._kind_status().astype({"kind": "str"}).sort_values("rows")), CORRECT, ["states"]),
    (lambda: _heatmap(ex03._who()[["kind", "status"]].value_counts().reset_index(name="rows")), INCORRECT,
     ["every pair of kind and status", "categorical", "groupby"]),
    (lambda: _heatmap(ex03._kind_status(observed=False)), INCORRECT, ["observed=False"]),
    (lambda: _heatmap(ex03._kind_status().query("kind != 'person'")), INCORRECT, ["rects (23 wanted)"]),
    (lambda: _heatmap(ex03._kind_status().assign(rows=lambda table: table["rows"] * 2)), INCORRECT,
     ["not at the right sizes"]),
    (lambda: _heatmap(ex03._who(), color="count():Q"), INCORRECT, ["pandas first"]),
]


# 05 q6: grouped bars of the economic events by topic and status.

def _grouped(table, **encodings):
    encoding = {"x": alt.X("events:Q", title="Events"), "y": alt.Y("topic:N", title="Topic"),
                "yOffset": "status:N", "color": "status:N", "tooltip": ["topic:N"]}
    return _titled(alt.Chart(table).mark_bar().encode(**{**encoding, **encodings}))


def _counted(**groupby):
    return ex05._economic_events().groupby(["topic", "status"], **groupby).size().reset_index(name="events")


EX05 = [
    (lambda: _grouped(ex05._status_long()), CORRECT, ["Grouped bars"]),
    # Without the zero rows the bars are the same: judged by what it draws, the chart is right.
    (lambda: _grouped(_counted()), CORRECT, ["Grouped bars"]),
    (lambda: _grouped(ex05._status_long(), y=alt.Y("topic:N", title="Topic", sort="-x")), CORRECT, ["Grouped"]),
    (lambda: _grouped(_counted(observed=False)), INCORRECT, ["y axis also lists", "`military`", "no bar at all"]),
    (lambda: _grouped(ex05._status_long().query("topic != 'energy'")), INCORRECT, ["bars (12 wanted)"]),
    (lambda: _grouped(ex05._status_long().assign(events=lambda table: table["events"] + 1)), INCORRECT,
     ["bars (12 wanted)"]),  # every zero became a bar
    (lambda: _grouped(ex05._status_long().assign(events=lambda table: table["events"] * 2)), INCORRECT,
     ["not at the right sizes"]),
    (lambda: _grouped(ex05._status_long(), yOffset=alt.Undefined), INCORRECT, ["stacked", "yOffset"]),
]


# 06 q7: a stacked bar per article, one piece per quote.

def _pieces(table, **encodings):
    encoding = {"x": alt.X("count():Q", title="Quotes"), "y": alt.Y("article_id:N", title="Article"),
                "color": "directness:N", "detail": "quote_id:N", "tooltip": ["quote_id:N"]}
    return _titled(alt.Chart(table).mark_bar().encode(**{**encoding, **encodings}))


EX06 = [
    (lambda: _pieces(load("quotes")), CORRECT, ["Direct is not first-hand"]),
    (lambda: _pieces(load("quotes").sample(frac=1, random_state=1)), CORRECT, ["Direct is not first-hand"]),
    (lambda: _pieces(load("quotes").dropna(subset=["speaker_actor_id"])), INCORRECT, ["(45 wanted)"]),
    (lambda: _pieces(pd.concat([load("quotes"), load("quotes").head(2)])), INCORRECT, ["not at the right sizes"]),
    (lambda: _pieces(load("quotes"), detail=alt.Undefined), INCORRECT, ["no `detail` encoding"]),
    # Each piece is one quote, in its own article: ids shuffled between the articles draw other pieces.
    (lambda: _pieces(load("quotes").assign(quote_id=lambda table: table["quote_id"].iloc[::-1].to_numpy())),
     INCORRECT, ["not at the right sizes or places"]),
    (lambda: _pieces(load("quotes"), detail="speaker_as_printed:N"), INCORRECT, ["`detail` shows"]),
]

CASES = ([(ex01.q6, *case) for case in EX01] + [(ex03.q6, *case) for case in EX03]
         + [(ex05.q6, *case) for case in EX05] + [(ex06.q7, *case) for case in EX06])
IDS = [f"{question.exercise[:2]}-{question.name}-{index}" for index, (question, *_) in enumerate(CASES)]


@pytest.mark.parametrize("question, chart, status, words", CASES, ids=IDS)
def test_a_chart_question_judges_what_the_chart_draws(question, chart, status, words):
    result = question.judge(chart())
    assert result.status == status, result.message
    for word in words:
        assert word in result.message, (word, result.message)
