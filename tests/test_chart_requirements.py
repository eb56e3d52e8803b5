"""Every chart requirement, met and unmet, on small Altair charts of tiny tables; and the drawing they read
(drawing.py) under attack: addresses, huge data, invalid specs, themes that silence descriptions, and a
requirement that breaks, which must never pass a chart."""

import http.server
import threading
import time

import altair as alt
import pandas as pd
import pytest

from russia_venezuela.checking import requirements
from russia_venezuela.checking.charts import Channel, ChartAnswer, ChartSpec, ExportedChart
from russia_venezuela.checking.drawing import MAX_ROWS, CannotDraw, draw
from russia_venezuela.checking.question import INCORRECT, STRICT_ENV_VAR, AnswerNotCorrect, Question, number_questions
from russia_venezuela.checking.requirements import (
    AfterClick,
    AxisLabels,
    AxisTitles,
    Chart,
    Description,
    Draws,
    Order,
    Requirement,
    RuleAt,
    ScaleDomain,
    Selection,
    SideBySide,
    SortedBy,
    Subtitle,
    Title,
    Tooltip,
    WholeTicks,
    Without,
    Writes,
)

EVENTS = pd.DataFrame({"kind": ["visit", "meeting", "call"], "events": [3, 1, 2], "score": [4.0, -2.0, 1.5]})
# What bars of EVENTS show: each kind (y) with its events (x).
BARS = pd.DataFrame({"y": ["visit", "meeting", "call"], "x": [3, 1, 2]})


def bars(data=EVENTS, title="Events", **encodings):
    encoding = {"x": alt.X("events:Q", title="Events"), "y": alt.Y("kind:N", title="Kind"), "tooltip": ["kind:N"]}
    chart = alt.Chart(data, title=title) if title is not None else alt.Chart(data)
    return chart.mark_bar().encode(**{**encoding, **encodings})


def points(data=EVENTS, **encodings):
    encoding = {"x": alt.X("kind:N", title="Kind"), "y": alt.Y("score:Q", title="Score"), "tooltip": ["kind:N"]}
    return alt.Chart(data, title="Scores").mark_point().encode(**{**encoding, **encodings})


def zero_line(value=0, dashed=True):
    return alt.Chart().mark_rule(**({"strokeDash": [4, 4]} if dashed else {})).encode(y=alt.datum(value))


PICK = alt.selection_point(fields=["kind"], bind="legend")


def picking(selection=PICK, respond=True):
    """Bars coloured by kind, with a selection; the bars fade unless picked, if `respond`."""
    chart = bars(color=alt.Color("kind:N", title="Kind")).add_params(selection)
    if respond:
        chart = chart.encode(opacity=alt.when(selection).then(alt.value(1.0)).otherwise(alt.value(0.2)))
    return chart


def listing(filtered=True):
    """Points to click, and beside them a list of what the click picks (all of it if not `filtered`)."""
    click = alt.selection_point(fields=["kind"])
    dots = points().add_params(click)
    names = alt.Chart(EVENTS, title="Picked").mark_text().encode(y=alt.Y("kind:N", title="Kind"), text="kind:N")
    return dots | (names.transform_filter(click) if filtered else names)


def counts(values):
    return alt.Chart(pd.DataFrame({"kind": ["a", "b"], "events": values}), title="t").mark_bar().encode(
        x=alt.X("events:Q", title="Events", axis=alt.Axis(tickMinStep=1)), y=alt.Y("kind:N", title="Kind"))


def names_in_a_row(sort):
    """The kinds written side by side along x, in the order `sort` gives (read left to right: one row)."""
    return alt.Chart(EVENTS).mark_text().encode(
        x=alt.X("kind:N", sort=alt.EncodingSortField("score", order="descending" if sort[0] == "-" else "ascending")),
        text="kind:N")


def described(chart, text):
    return chart.properties(description=text)


# (requirement, the question's mark, a chart that meets it, a chart that does not, words the message must hold)
CASES = [
    (Title(), "bar", bars(), bars(title=None), ["no title"]),
    (Title(), "bar", bars(), bars(title=""), ["no title"]),
    (Subtitle(), "bar", bars(title=alt.Title("Events", subtitle="by kind")), bars(), ["no subtitle"]),
    (Subtitle(), "bar", bars(title=alt.Title("Events", subtitle="by kind")),
     bars(title=alt.Title("Events", subtitle="  ")), ["no subtitle"]),
    (Subtitle(states=3, unstated="Say how many."), "bar", bars(title=alt.Title("Events", subtitle="3 left out")),
     bars(title=alt.Title("Events", subtitle="some left out")), ["Say how many."]),
    (Subtitle(states=3, other="Not {number}."), "bar", bars(title=alt.Title("Events", subtitle="In 2019: 3")),
     bars(title=alt.Title("Events", subtitle="35 left out")), ["Not 35."]),
    (Subtitle(states=3), "bar", bars(title=alt.Title("Events", subtitle="3 of 4")),  # a decimal is not the count
     bars(title=alt.Title("Events", subtitle="3.5 on average")), ["does not state the number"]),
    (Subtitle(states=3), "bar", bars(title=alt.Title("Events", subtitle="3 of 4")),
     bars(title=alt.Title("Events", subtitle="4 of 7 left out")), ["(4)", "not the one"]),
    (Subtitle(states=3), "bar", bars(title=alt.Title("Events", subtitle="3 of 4")),  # 3 is not a number here
     bars(title=alt.Title("Events", subtitle="1,003 in all")), ["does not state the number"]),
    (Subtitle(states=3, wrong={4: "You counted the undated too."}, other="Not {number}."), "bar",
     bars(title=alt.Title("Events", subtitle=["Not shown:", "3 events"])),
     bars(title=alt.Title("Events", subtitle="4 left out")), ["You counted the undated too."]),
    (Description(), "bar", described(bars(), "Visits outnumber meetings."), bars(), ["no description"]),
    (Description(), "bar", alt.layer(bars(), description="Visits outnumber meetings."),
     described(bars(), " "), ["no description"]),
    (AxisTitles(), "bar", bars(), bars(x="events:Q"), ["x axis", "title"]),
    (AxisTitles(), "bar", bars(), bars(y=alt.Y("kind:N", title=" ")), ["y axis", "title"]),
    (AxisTitles(mark="bar"), "point", alt.layer(bars(), points(x="events:Q", y="kind:N")),
     alt.layer(bars(y="kind:N"), points(x=alt.X("events:Q", title="Events"), y=alt.Y("kind:N", title="Kind"))),
     ["bars'", "y axis"]),
    (Tooltip(), "bar", bars(), bars(tooltip=[]), ["no tooltips"]),
    (Tooltip(fields=("kind", "events")), "bar", bars(tooltip=["kind", alt.Tooltip("events:Q", title="n")]), bars(),
     ["`events`"]),
    (Tooltip(mark="point"), "bar", alt.layer(bars(tooltip=[]), points()), alt.layer(bars(), points(tooltip=[])),
     ["no tooltips on the points"]),
    (Selection(bind="legend", field="kind"), "bar", picking(), bars(), ["no selection"]),
    (Selection(select="interval"), "bar", picking(alt.selection_interval(encodings=["x"])), picking(),
     ["selection_interval"]),
    (Selection(bind="legend", field="kind"), "bar", picking(), picking(alt.selection_point(fields=["kind"])),
     ["not bound to the legend"]),
    (Selection(field="kind"), "bar", picking(), picking(alt.selection_point(fields=["events"])), ["`kind`"]),
    (Selection(field="kind", on="point", responds=None), "point", listing(), alt.layer(points(), picking()),
     ["not on the points"]),
    (Selection(bind="legend", field="kind"), "bar", picking(), picking(respond=False), ["changes nothing",
                                                                                          "opacity"]),
    (Draws(BARS), "bar", bars(), bars(data=EVENTS.head(1)), ["1 bar", "3 wanted"]),
    (Draws(BARS), "bar", bars(x=alt.X("count()", title="Events"), data=EVENTS.loc[EVENTS.index.repeat(
        EVENTS["events"])]), bars(data=EVENTS.assign(events=[3, 1, 9])), ["not at the right sizes"]),
    (Draws(BARS, wrong=((BARS.assign(x=[3, 1, 9]), "You added the calls twice."),)), "bar",
     bars(data=EVENTS.iloc[::-1]), bars(data=EVENTS.assign(events=[3, 1, 9])), ["You added the calls twice."]),
    (Draws(BARS), "bar", bars(y=alt.Y("kind:N", title="Kind", sort="-x")).transform_filter("datum.events > 0"),
     bars().transform_filter("datum.events > 1"), ["2 bars", "3 wanted"]),  # a filter counts by its effect
    (Order(("visit", "call", "meeting")), "bar", bars(y=alt.Y("kind:N", title="Kind", sort="-x")), bars(),
     ["not show its rows in the order"]),
    (Order(("visit", "call", "meeting"), wrong=((("call", "meeting", "visit"), "Alphabetical: sort by -x."),)),
     "bar", bars(y=alt.Y("kind:N", title="Kind", sort=["visit", "call", "meeting"])), bars(),
     ["Alphabetical: sort by -x."]),
    (Order(("meeting", "call", "visit"), channel="x", otherwise="Not by score."), "text",
     names_in_a_row(sort="score"), names_in_a_row(sort="-score"), ["Not by score."]),
    (RuleAt(0), "point", zero_line() + points(), points(), ["no rule at 0"]),
    (RuleAt(0), "point", zero_line() + points(), zero_line(dashed=False) + points(), ["solid", "dashed"]),
    (RuleAt(0, missing="No line at {value}."), "point", zero_line() + points(), zero_line(1) + points(),
     ["No line at 0."]),
    (ScaleDomain((-10, 10)), "point", points(y=alt.Y("score:Q", title="Score", scale=alt.Scale(domain=[-10, 10]))),
     points(), ["y axis", "-10 to 10"]),
    (ScaleDomain((0, 5), channel="x"), "bar", bars(x=alt.X("events:Q", title="n", scale=alt.Scale(domain=[0, 5]))),
     bars(), ["x axis", "0 to 5"]),
    (WholeTicks(), "bar", counts([18, 7]), counts([2, 1]), ["x axis", "fractions"]),
    (SideBySide(), "point", listing(), points() & points(), ["stacked", "`|`"]),
    (SideBySide(), "point", listing(), points(), ["side by side", "`|`"]),
    (AfterClick("kind", "visit", then=(Draws(pd.DataFrame({"text": ["visit"]}), mark="text"),)), "point",
     listing(), listing(filtered=False), ["3 texts", "1 wanted"]),
    (Without("line", "No line: the kinds are not a sequence."), "point", points(),
     alt.layer(points().mark_line(), points()), ["No line: the kinds are not a sequence."]),
    (SortedBy(descending=True), "bar", bars(y=alt.Y("kind:N", title="Kind", sort="-x")), bars(),
     ["not show its rows in the order"]),
    (SortedBy(descending=True, reversed="Longest on top, please."), "bar",
     bars(data=EVENTS.sort_values("events", ascending=False), y=alt.Y("kind:N", title="Kind", sort=None)),
     bars(y=alt.Y("kind:N", title="Kind", sort="x")), ["Longest on top, please."]),
    (SortedBy(by="y", channel="x", wrong=((("call", "meeting", "visit"), "Sorted by name."),)), "text",
     names_in_a_row(sort="score").encode(y="score:Q"), names_in_a_row(sort="score").encode(x="kind:N", y="score:Q"),
     ["Sorted by name."]),
    (Writes(("visit", "meeting", "call"), mark="text"), "point", listing(),
     points() | names_in_a_row(sort="score").transform_filter("datum.kind != 'call'"), ["does not write the texts"]),
    (Writes(("visit", "meeting", "call"), wrong=((("visit", "call"), "The meeting is missing."),)), "text",
     names_in_a_row(sort="score"), names_in_a_row(sort="score").transform_filter("datum.kind != 'meeting'"),
     ["The meeting is missing."]),
    (AxisLabels(("visit", "meeting", "call")), "bar", bars(),
     bars(data=pd.concat([EVENTS, pd.DataFrame({"kind": ["letter"], "events": [0], "score": [0.0]})])),
     ["`letter`", "y axis"]),
    (AxisLabels(("visit", "meeting", "call"), missing="{channel}: {labels} missing."), "bar", bars(),
     bars(data=EVENTS.head(2)), ["y: `call` missing."]),
]
IDS = [f"{type(requirement).__name__}-{index}" for index, (requirement, *_) in enumerate(CASES)]


@pytest.mark.parametrize("requirement, mark, meets, fails, words", CASES, ids=IDS)
def test_a_requirement_passes_a_chart_that_meets_it_and_names_what_is_wrong_with_one_that_does_not(
        requirement, mark, meets, fails, words):
    assert requirement.problem(Chart(meets.to_dict(), mark)) is None
    problem = requirement.problem(Chart(fails.to_dict(), mark))
    assert problem, "the failing chart passed"  # an empty message passes a chart too
    for word in words:
        assert word in problem, (word, problem)


def test_every_requirement_class_is_tried_both_ways():
    """A requirement class added without its cases above fails here."""
    classes = {value for value in vars(requirements).values()
               if isinstance(value, type) and issubclass(value, Requirement) and value is not Requirement}
    assert classes - {type(requirement) for requirement, *_ in CASES} == set()


# The drawing under attack

@pytest.fixture
def server():
    """A local web server that counts the requests it gets."""
    requests = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(EVENTS.to_json(orient="records").encode())

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}", requests
    httpd.shutdown()
    httpd.server_close()


BARS_QUESTION = ChartSpec(mark="bar", channels={"y": (Channel("kind", "nominal"),)}, requires=(Draws(BARS),))


def judged_within(seconds, answer, spec=BARS_QUESTION):
    """The check's verdict on an answer, which must come within `seconds`."""
    verdict = []
    judging = threading.Thread(target=lambda: verdict.append(ChartAnswer().diagnose(answer, spec)), daemon=True)
    judging.start()
    judging.join(seconds)
    assert verdict, f"no verdict after {seconds} s"
    return verdict[0]


def test_a_chart_whose_data_is_a_web_address_is_never_fetched(server):
    address, requests = server
    chart = bars(data=f"{address}/events.json")
    verdict = judged_within(30, chart)
    assert f"loads its data from `{address}/events.json`" in verdict and "DataFrame" in verdict
    assert judged_within(30, ExportedChart(chart.to_dict())) == verdict  # as the grader receives it
    time.sleep(0.2)
    assert requests == []


def test_a_chart_that_would_read_a_local_file_or_look_up_an_address_is_not_drawn(tmp_path):
    """vl-convert refuses web addresses but reads files: no address of any kind reaches it."""
    local = tmp_path / "events.json"
    local.write_text(EVENTS.to_json(orient="records"))
    for chart in [bars(data=local.as_uri()), bars(data=str(local)),
                  bars().transform_lookup(lookup="kind", from_=alt.LookupData(alt.UrlData(local.as_uri()), "kind",
                                                                              ["score"]))]:
        with pytest.raises(CannotDraw, match="loads its data from"):
            draw(chart.to_dict())
    # A column called "url" in the chart's own rows is data, not an address.
    assert draw(bars(data=EVENTS.assign(url="https://example.org")).to_dict()).marks("bar")


def with_rows(rows, data=None) -> ExportedChart:
    """The chart of bars as the grader receives it (Altair itself refuses to write 5,000 rows or more), its
    table replaced by `rows`, or its data by `data`."""
    spec = bars().to_dict()
    if data is not None:
        return ExportedChart({**spec, "data": data})
    spec["datasets"] = {name: rows for name in spec["datasets"]}
    return ExportedChart(spec)


@pytest.mark.parametrize("answer", [
    with_rows([{"kind": "visit", "events": 1}] * (MAX_ROWS + 1)),
    with_rows(None, {"values": "kind,events\n" + "visit,1\n" * MAX_ROWS, "format": {"type": "csv"}}),
], ids=["records", "csv-text"])
def test_a_chart_of_far_more_rows_than_needed_is_told_so_without_being_drawn(answer):
    verdict = judged_within(5, answer)
    assert "far more than this question needs" in verdict and f"{MAX_ROWS:,}"[:3] in verdict
    assert judged_within(30, with_rows(EVENTS.to_dict("records"))) is None  # the control: the same chart, 3 rows


@pytest.mark.parametrize("sequence", [alt.sequence(0, 10 * MAX_ROWS, as_="events"),
                                      alt.sequence(0, 10, 0, as_="events")])
def test_generated_rows_count_too_and_a_sequence_that_never_ends_is_not_drawn(sequence):
    chart = alt.Chart(sequence, title="t").mark_bar().encode(x=alt.X("events:Q", title="n"), tooltip=["events:Q"])
    spec = ChartSpec(mark="bar", channels={}, requires=(Draws(BARS),))
    assert "far more than this question needs" in judged_within(10, chart, spec)


@pytest.mark.parametrize("change, words", [
    ({"encoding": {"x": {"field": "events", "type": "wrong", "title": "Events"}}}, "Invalid field type"),
    ({"transform": [{"filter": "datum.kind <<< 2"}]}, "Unexpected token"),
])
def test_a_spec_vega_cannot_draw_gets_a_verdict_quoting_vega_not_an_exception(change, words):
    spec = bars().to_dict()
    spec = {**spec, **change, "encoding": {**spec["encoding"], **change.get("encoding", {})}}
    verdict = judged_within(30, ExportedChart(spec))
    assert verdict.startswith("Vega cannot draw your chart") and words in verdict
    assert "conversion failed" not in verdict  # the heading of vl-convert's error says nothing


@pytest.mark.parametrize("written", [
    "datum.events <= 10 && datum.events < 11111111111111111111111111",  # once 92 s of regex backtracking
    "(datum.events <= 20) == !0",  # valid Vega, not Python
])
def test_a_filter_is_judged_by_its_effect_in_bounded_time_however_it_is_written(written):
    assert judged_within(30, bars().transform_filter(written)) is None


@pytest.mark.parametrize("silenced", [
    bars().configure(aria=False), bars().configure_mark(aria=False), bars().configure_bar(aria=False),
    bars().mark_bar(aria=False), bars(description="kind:N"), bars().mark_bar(description="a bar"),
], ids=["config", "config-mark", "config-bar", "mark", "encoding", "mark-description"])
def test_a_chart_whose_theme_turns_its_descriptions_off_is_still_read(silenced):
    assert ChartAnswer().diagnose(silenced, BARS_QUESTION) is None
    assert "draws 1 bar" in ChartAnswer().diagnose(_first_row_only(silenced), BARS_QUESTION)


def _first_row_only(chart):
    """The same chart drawn from the first row of its table only."""
    spec = chart.to_dict()
    name = spec["data"]["name"]
    spec["datasets"][name] = spec["datasets"][name][:1]
    return ExportedChart(spec)


class Unreadable(Requirement):
    def problem(self, chart):
        raise KeyError("a spec shape this requirement did not foresee")


def test_a_requirement_that_breaks_fails_closed_and_strict_mode_raises(monkeypatch):
    spec = ChartSpec(mark="bar", channels={"y": (Channel("kind", "nominal"),)}, requires=(Unreadable(),))
    question = Question(variable="answer", points=1, kind=ChartAnswer(), expected=lambda: spec, hints=["one", "two"])
    number_questions({"__name__": "ex99_test", "q1": question})
    result = question.judge(bars())
    assert result.status == INCORRECT
    assert "could not read your chart (Unreadable stopped with KeyError)" in result.message
    assert "tell your instructor" in result.message
    monkeypatch.setenv(STRICT_ENV_VAR, "1")
    globals()["answer"] = bars()  # a notebook's variables are the globals of the code that calls check()
    try:
        with pytest.raises(AnswerNotCorrect, match="Unreadable stopped with KeyError"):
            question.check()
    finally:
        del globals()["answer"]
    control = Question(variable="answer", points=1, kind=ChartAnswer(), hints=["one", "two"],
                       expected=lambda: ChartSpec(mark="bar", channels=spec.channels))
    assert control.judge(bars()).message == "Well done."


# One row of data, within the row limit, each made into millions by an expression, which would hold a drawing
# process for good or until it runs out of memory.
ENDLESS = {
    "a billion values": {"calculate": "sequence(0, 1000000000)", "as": "w"},
    "ten million values": {"calculate": "sequence(0, 10000000)", "as": "w"},
}


@pytest.mark.parametrize("transform", ENDLESS.values(), ids=ENDLESS.keys())
def test_a_chart_that_would_hold_the_painter_is_stopped_and_the_next_one_is_drawn(transform, monkeypatch):
    from russia_venezuela.checking import drawing

    monkeypatch.setattr(drawing._PAINTER, "seconds", 3)
    spec = {"data": {"values": [{"a": 1}]}, "mark": "point", "transform": [transform, {"flatten": ["w"]}],
            "encoding": {"x": {"field": "w", "type": "quantitative"}}}
    started = time.monotonic()
    with pytest.raises(CannotDraw, match="to draw, so it was not judged|drawing it stopped"):
        draw(spec)
    assert time.monotonic() - started < 10
    # The next chart starts a new drawing process: given the usual time, as a busy machine may need.
    monkeypatch.setattr(drawing._PAINTER, "seconds", drawing.DRAW_SECONDS)
    assert len(draw({"data": {"values": [{"a": 7}]}, "mark": "bar",
                     "encoding": {"x": {"field": "a", "type": "quantitative"}}}).marks("bar")) == 1


def test_the_drawing_process_ends_when_idle_and_starts_again_when_needed():
    """It holds about 180 MB beside a learner's kernel: it is not kept between checks minutes apart."""
    from russia_venezuela.painter import Painter

    painter = Painter(seconds=20, idle_seconds=0.5)
    spec = '{"data": {"values": [{"a": 1}]}, "mark": "bar", "encoding": {"x": {"field": "a", "type": "quantitative"}}}'
    assert "scenegraph" in painter.scene(spec)
    first = painter.process
    deadline = time.monotonic() + 10
    while painter.process is not None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert painter.process is None
    first.wait(timeout=10)  # raises if the process outlives its stop
    assert "scenegraph" in painter.scene(spec) and painter.process is not first
    painter._stop()
