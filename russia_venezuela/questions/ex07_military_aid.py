"""Questions of exercises/07_military_aid.ipynb: CAMEO codes as text, merges with an indicator, Goldstein scores
summarised with groupby, agg and join, date windows, recoding on a copy, and a timeline chart with a zero line."""


import altair as alt
import pandas as pd

from russia_venezuela.checking import *
from russia_venezuela.data import data_dir, load

TOLD_AS_HAPPENED = ["occurred", "ongoing"]
SENT_KINDS = ["deployment", "delivery", "aid"]


def _naive_codes():
    """The CAMEO table as plain `pd.read_csv` reads it, without `dtype=`: the codes become numbers."""
    return pd.read_csv(data_dir() / "cameo_codes.csv")


def _scored(events=None):
    """The events that have a CAMEO code, with its Goldstein score (an inner merge drops the uncoded ones)."""
    events = load("events") if events is None else events
    return events.merge(load("cameo_codes")[["cameo_code", "label", "goldstein"]], on="cameo_code",
                        validate="many_to_one")


def _military_ids():
    topics = load("event_topics")
    return topics.loc[topics["topic"] == "military", "event_id"]


# Question 1: reading the codes as numbers -------------------------------------------------------------------

q1 = Question(
    variable="naive_distinct", points=1, kind=NumberAnswer(),
    expected=lambda: int(_naive_codes()["cameo_code"].nunique()),
    mistakes=[
        Mistake(lambda: len(load("cameo_codes")),
                "That is the number of codes as they really are: every row of the table, or the codes read as "
                "text. The question asks what is left after plain `pd.read_csv` (no `dtype=`) has made numbers of "
                "them: count the distinct values of that column with `.nunique()`."),
        Mistake(lambda: int(_naive_codes()["cameo_code"].duplicated().sum()),
                "That is the number of codes that repeat an earlier one, the collisions. The question asks how many "
                "different values are left: `.nunique()`."),
        Mistake(lambda: int(pd.read_csv(data_dir() / "events.csv")["cameo_code"].nunique()),
                "You counted the codes of `events.csv`. The question is about the CAMEO table itself, "
                "`cameo_codes.csv`, which lists every code."),
    ],
    hints=["Read the file `folder / \"cameo_codes.csv\"` with `pd.read_csv` and nothing else, then look at the "
           "column `cameo_code`: its values are numbers now.",
           "`naive_codes[\"cameo_code\"].is_unique` is `False`: some different codes became the same number. "
           "You want the number of different values that remain.",
           "`naive_codes[\"cameo_code\"].nunique()` counts the distinct values."],
    on_correct="Each code that went missing is a code that now shares its number with another, from another class "
               "of act: nothing in the number says which one a row meant.",
)


# Question 2: which codes of the events collide ------------------------------------------------------------

def _colliding(codes):
    as_number = codes["cameo_code"].astype("int")
    return codes.loc[as_number.duplicated(keep=False), "cameo_code"]


def _colliding_event_codes():
    colliding = _colliding(load("cameo_codes"))
    return sorted(colliding[colliding.isin(load("events")["cameo_code"])])


q2 = Question(
    variable="colliding_event_codes", points=2, kind=ListAnswer(ordered=True),
    expected=_colliding_event_codes,
    mistakes=[
        Mistake(lambda: sorted(_colliding(load("cameo_codes"))),
                "Your list holds every code of the CAMEO table that collides, also codes that no event uses. Keep "
                "only the codes that appear in `events[\"cameo_code\"]`, with `.isin(...)`."),
        Mistake(lambda: sorted(set(load("cameo_codes").loc[lambda codes: codes["cameo_code"].astype("int").duplicated(),
                                                            "cameo_code"])
                               & set(load("events")["cameo_code"].dropna())),
                "Your list is empty. If you used `duplicated()`, it marks only the second and later copies of a "
                "number, here the root codes, which no event uses. Pass `keep=False` to mark every copy."),
        Mistake(lambda: [code for code in load("events")["cameo_code"].dropna().unique()
                         if code in set(_colliding(load("cameo_codes")))],
                "The codes are right, but in the order the events use them. The question asks for them sorted: "
                "`sorted(...)` or `.sort_values()`."),
        Mistake(lambda: sorted(_colliding(load("cameo_codes"))[_colliding(load("cameo_codes")).astype("int").isin(
            [int(code) for code in _colliding_event_codes()])]),
                "Your list also holds the codes that the events' codes collide with, the two-digit roots. No event "
                "uses those: keep only the codes found in `events[\"cameo_code\"]`."),
        Mistake(lambda: [int(code) for code in _colliding_event_codes()],
                "Your codes are numbers, and as numbers `011` and the root `11` are the same: the very confusion "
                "this question is about. Make numbers only to find the collisions, then keep the text codes of "
                "`codes[\"cameo_code\"]` (or of `events[\"cameo_code\"]`) that collide."),
    ],
    hints=["Make a number of every text code, `codes[\"cameo_code\"].astype(\"int\")`, and look for numbers that "
           "occur more than once.",
           "`.duplicated(keep=False)` is True for every copy of a repeated number. Use it as a mask on `codes` to "
           "get the text codes that collide, then keep those that are in `events[\"cameo_code\"]` with `.isin(...)`.",
           "`as_number = codes[\"cameo_code\"].astype(\"int\")`, `collides = codes.loc[as_number.duplicated("
           "keep=False), \"cameo_code\"]`, then `sorted(collides[collides.isin(events[\"cameo_code\"])])`."],
    on_correct="Read as numbers, each of these events would find two rows in the code table, one of them a "
               "conflict root: a neutral statement could be scored as a demand, a threat or a protest.",
)


# Question 3: source criticism, figures with no source ----------------------------------------------------

def _sent_figures():
    events, figures = load("events"), load("figures")
    sent_ids = events.loc[events["event_kind"].isin(SENT_KINDS), "event_id"]
    return figures[figures["event_id"].isin(sent_ids)]


q3 = Question(
    variable="unsourced_figures", points=2, kind=ListAnswer(
        ordered=True, order="the order of the `figures` table: filter with masks and take the column as it comes, "
                            "without sorting or reversing it"), source_check=True,
    expected=lambda: _sent_figures().loc[lambda frame: frame["attributed_to"].isna(), "figure_id"].tolist(),
    mistakes=[
        Mistake(lambda: load("figures").loc[lambda frame: frame["attributed_to"].isna(), "figure_id"].tolist(),
                "Your list holds every figure of the five articles that has no source. Keep only the figures of the "
                "events of kind `deployment`, `delivery` or `aid` first: match `figures[\"event_id\"]` against "
                "those events' ids with `.isin(...)`."),
        Mistake(lambda: _sent_figures().loc[lambda frame: frame["status"] != "reported_fact", "figure_id"].tolist(),
                "You picked the figures that are not reported as facts. The question is about who a figure comes "
                "from, which is the column `attributed_to`: keep the rows where it is empty (`.isna()`)."),
        Mistake(lambda: _sent_figures().loc[lambda frame: frame["attributed_to"].notna(), "figure_id"].tolist(),
                "Those are the figures that *do* name a source. Keep the rows where `attributed_to` is empty: "
                "`.isna()`, not `.notna()`."),
        Mistake(lambda: _sent_figures().loc[lambda frame: frame["attributed_to"].isna(), "event_id"].tolist(),
                "Those are the ids of the events. The question asks for the figures themselves: take the column "
                "`figure_id` of the rows you kept."),
        Mistake(lambda: [],
                "Your list is empty. If you compared `attributed_to` with `\"\"`: an empty cell of a table is a "
                "missing value (NaN), not an empty text, and nothing equals it. Test it with `.isna()`."),
    ],
    hints=["First take the ids of the events whose `event_kind` is `deployment`, `delivery` or `aid`.",
           "`figures[\"event_id\"].isin(sent_ids)` keeps the figures of those events. Who a figure comes from is in "
           "`attributed_to`, empty when the text names no one.",
           "`sent_figures[sent_figures[\"attributed_to\"].isna()][\"figure_id\"].tolist()`."],
    on_correct="The grain numbers at least pass through a named agency; the bombers and the groups of advisers "
               "reach the reader with no source at all, and one of the two counts has no number.",
)


# Question 4: how wide is each date -------------------------------------------------------------------------

def _dated_art_004():
    events = load("events")
    return events[(events["article_id"] == "art_004") & events["date"].notna()]


def _window(events, plus_one=True, as_days=True):
    width = events["date_end"] - events["date_start"]
    if as_days:
        width = width.dt.days + (1 if plus_one else 0)
    elif plus_one:
        width = width + pd.Timedelta(days=1)
    return pd.Series(width.to_numpy(), index=pd.Index(events["event_id"].to_numpy(), name="event_id"), name="days")


q4 = Question(
    variable="window_days", points=2, kind=SeriesAnswer(),
    expected=lambda: _window(_dated_art_004()),
    mistakes=[
        Mistake(lambda: _window(_dated_art_004(), plus_one=False),
                "Close: your widths are all one day short. A date of one day has the same first and last day, so "
                "the subtraction gives zero; the question counts both ends, so add one to the days."),
        Mistake(lambda: _window(_dated_art_004(), as_days=False),
                "Your values are durations (Timedelta), not whole numbers. Take the number of days out with "
                "`.dt.days`, then add one."),
        Mistake(lambda: _window(_dated_art_004(), plus_one=False, as_days=False),
                "Your values are durations (Timedelta), not whole numbers, and they do not count the last day. Take "
                "the days out with `.dt.days` and add one."),
        Mistake(lambda: _window(load("events")[load("events")["article_id"] == "art_004"]),
                "Your Series also holds the events of `art_004` that have no date, with missing values. Keep only "
                "the rows where `date` is not empty (`.notna()`)."),
    ],
    hints=["Keep the events of `art_004` whose `date` is not empty. The loader's `date_start` and `date_end` are "
           "the first and the last day the date allows.",
           "Subtracting the two columns gives durations; `.dt.days` turns them into whole numbers. Count both "
           "ends: a date of one single day allows one day, not zero.",
           "`(dated[\"date_end\"] - dated[\"date_start\"]).dt.days + 1`, with the event ids as index: do it on "
           "`dated.set_index(\"event_id\")`."],
    on_correct="A point drawn at one spot of a window that wide claims a precision the text does not give: "
               "that is why the lesson draws the window as a line.",
)


# Question 5: happened and planned, per article, with join --------------------------------------------------

def _by_article(happened=TOLD_AS_HAPPENED, scored=None, how="left"):
    scored = _scored() if scored is None else scored
    told = scored[scored["status"].isin(happened)].groupby("article_id").agg(
        happened=("event_id", "size"), mean_happened=("goldstein", "mean"))
    planned = scored[scored["status"] == "planned"].groupby("article_id").agg(
        planned=("event_id", "size"), mean_planned=("goldstein", "mean"))
    return told.join(planned, how=how).reset_index()


def _with_uncoded():
    events = load("events").merge(load("cameo_codes")[["cameo_code", "goldstein"]], on="cameo_code", how="left",
                             validate="many_to_one")
    return _by_article(scored=events)


q5 = Question(
    variable="by_article", points=3,
    kind=TableAnswer(ordered=True, sort_hint="sort by `article_id`"),
    expected=_by_article,
    mistakes=[
        Mistake(lambda: _by_article(how="inner"),
                "An article is missing: the one with no planned event. `join` keeps every row of the table on its "
                "left (an inner join or merge keeps only the articles found in both). Start from the summary of "
                "what happened and join the planned one onto it, without `how=\"inner\"`."),
        Mistake(lambda: _by_article(happened=["occurred"]),
                "Your counts of what happened leave out the events told as `ongoing`. Keep both `occurred` and "
                "`ongoing`, with `.isin([...])`."),
        Mistake(_with_uncoded,
                "Your counts include events that have no CAMEO code, and so no score. Keep only the events that "
                "found a code: an inner merge, or the rows whose `_merge` is `both`."),
        Mistake(lambda: _by_article().fillna(0),
                "You filled the empty cells with zero. A mean of no events is not zero: leave the missing values "
                "that `join` gives as they are."),
        Mistake(lambda: _by_article().round(2),
                "Your means are rounded. Leave them as `agg` computes them; round only when you display a table."),
        Mistake(lambda: _by_article(happened=["occurred", "ongoing", "not_occurred", "alleged"]),
                "Your summary of what happened also counts the agreement that was *not* signed and the alleged "
                "threat: everything that is not planned is not the same as what happened. Keep exactly the "
                "statuses `occurred` and `ongoing`."),
        Mistake(lambda: _by_article().set_index("article_id").reset_index(drop=True),
                "Your table has lost its article ids. Keep `article_id` as a column: `.reset_index()` without "
                "`drop=True`."),
    ],
    hints=["Merge the events with the code table to get each coded event's `goldstein`, then make two summaries "
           "per article with `groupby(\"article_id\").agg(...)`: one of the events told as `occurred` or "
           "`ongoing`, one of the `planned` ones.",
           "Named aggregation gives the column names: `.agg(happened=(\"event_id\", \"size\"), "
           "mean_happened=(\"goldstein\", \"mean\"))`, and the same with `planned` and `mean_planned`.",
           "`told.join(planned).reset_index()`: `join` matches the two summaries on their index, the article id, "
           "and keeps every article of `told`."],
    on_correct="In most articles the plans score above what is told as done: announcements are friendlier than "
               "facts, one more reason to filter on status before averaging.",
)


# Question 6: recode on a copy ------------------------------------------------------------------------------

def _military_happened_mean(events):
    scored = _scored(events)
    keep = scored["event_id"].isin(_military_ids()) & scored["status"].isin(TOLD_AS_HAPPENED)
    return float(scored.loc[keep, "goldstein"].mean())


def _recoded():
    recoded = load("events").copy()
    recoded.loc[recoded["event_kind"] == "deployment", "cameo_code"] = "150"
    return recoded


def _recoded_mean(statuses=TOLD_AS_HAPPENED, military=True, ids=None):
    recoded = load("events").copy()
    rows = recoded["event_id"].isin(ids) if ids else recoded["event_kind"] == "deployment"
    recoded.loc[rows, "cameo_code"] = "150"
    scored = _scored(recoded)
    keep = scored["status"].isin(statuses)
    if military:
        keep = keep & scored["event_id"].isin(_military_ids())
    return float(scored.loc[keep, "goldstein"].mean())


def _recoded_all_statuses():
    scored = _scored(_recoded())
    return float(scored.loc[scored["event_id"].isin(_military_ids()), "goldstein"].mean())


q6 = Question(
    variable="recoded_mean", points=3, kind=NumberAnswer(), source_check=True,
    expected=lambda: _military_happened_mean(_recoded()),
    mistakes=[
        Mistake(lambda: _military_happened_mean(load("events")),
                "That is the mean with the codes as they are: the recoding did not reach your table. Assign in one "
                "step with `.loc[rows, \"cameo_code\"] = \"150\"` on the copy (a chained `table[mask][\"col\"] = ...` "
                "changes nothing), and merge the recoded copy, not `events`."),
        Mistake(_recoded_all_statuses,
                "Your mean also counts the military event that is only planned. Keep the events told as `occurred` "
                "or `ongoing` before you average."),
        Mistake(lambda: _recoded_mean(statuses=["occurred"]),
                "Your mean leaves out the events told as `ongoing`, such as Russia being Venezuela's partner in "
                "defence. Keep both `occurred` and `ongoing`."),
        Mistake(lambda: _recoded_mean(military=False),
                "Your mean covers every coded event that happened, not only the military ones. Keep the events "
                "whose id is in `military_ids` as well."),
        Mistake(lambda: _recoded_mean(ids=_military_ids().tolist()),
                "You recoded every event tagged military. The other reading concerns only the two events of kind "
                "`deployment`, the bombers and the advisers: select the rows to recode by `event_kind`, and use "
                "`military_ids` only to pick the events you average."),
        Mistake(lambda: _recoded_mean(ids=["ev_081"]),
                "Only one of the two deployments is recoded in your copy. Recode every event of kind `deployment`, "
                "the bombers and the advisers: select the rows with `recoded[\"event_kind\"] == \"deployment\"`."),
    ],
    hints=["Copy the events with `.copy()`, then change `cameo_code` to the text `\"150\"` in the rows whose "
           "`event_kind` is `deployment`, with `.loc[mask, \"cameo_code\"] = \"150\"`.",
           "Merge the copy with `codes[[\"cameo_code\", \"goldstein\"]]` on `cameo_code`, then keep the events whose "
           "id is among the military-tagged ones and whose status is `occurred` or `ongoing`.",
           "`rescored.loc[rescored[\"event_id\"].isin(military_ids) & rescored[\"status\"].isin([\"occurred\", "
           "\"ongoing\"]), \"goldstein\"].mean()`."],
    on_correct="Two codes changed and the military thread turned from cooperative to conflictual: with so few "
               "events, the coder's reading decides the average.",
)


# Question 7: a timeline chart of art_004 -------------------------------------------------------------------

def _art_004_coded():
    events = _scored()
    return events[events["article_id"] == "art_004"]


def _timeline_art_004():
    coded = _art_004_coded()
    dated = coded[coded["date"].notna()]
    return dated.assign(middle=dated["date_start"] + (dated["date_end"] - dated["date_start"]) / 2)


def _undated(events):
    return int(events["date"].isna().sum())


LINE = ("A line joins events that have nothing to do with each other, as if a score changed over time. Draw "
        "one point per event: `.mark_point()`.")


def _points(events):
    """What the timeline's points show: the middle of each date's window, the score, the status."""
    return pd.DataFrame({"x": events["middle"], "y": events["goldstein"], "shape": events["status"].astype("str")})


def _at_first_days():
    timeline = _timeline_art_004()
    return _points(timeline.assign(middle=timeline["date_start"]))


def _model_timeline():
    """The solution's chart, as question 7 asks for it."""
    zero = alt.Chart().mark_rule(strokeDash=[4, 4]).encode(y=alt.datum(0))
    points = alt.Chart(_timeline_art_004()).mark_point().encode(
        x=alt.X("middle:T", title="Middle of the date's window"),
        y=alt.Y("goldstein:Q", title="Goldstein score", scale=alt.Scale(domain=[-10, 10])),
        shape=alt.Shape("status:N", title="Status"),
        tooltip=["summary:N", "status:N", "date:N", "label:N"])
    return alt.layer(zero, points, title=alt.Title("Scores", subtitle=f"Not shown: {_undated_of_art_004()}."),
                     description="Goldstein score of the dated, coded events of art_004.")


def _undated_of_art_004(coded=True) -> int:
    events = _art_004_coded() if coded else load("events")
    return _undated(events[events["article_id"] == "art_004"])


q7 = Question(
    variable="art_004_chart", points=3, kind=ChartAnswer(),
    expected=lambda: ChartSpec(mark="point", channels={
        "x": (Channel("middle", "temporal"),),
        "y": (Channel("goldstein", "quantitative"),),
        "shape": (Channel("status", "nominal"),),
    }, requires=(
        Draws(_points(_timeline_art_004()), wrong=(
            (_at_first_days(), "Some points are not at the middle of their date's window. `middle` is the day halfway "
                               "between `date_start` and `date_end`: the first day plus half the difference."),
        )),
        Without("line", LINE),
        RuleAt(0, missing="Your chart has no zero line yet, the line that parts conflict from cooperation: layer a "
                          "dashed `mark_rule` at `y=alt.datum(0)` with the points, `zero + points`."),
        ScaleDomain((-10, 10), unlike="Your y axis spans only the scores that occur, so small differences look "
                                      "large. Show the whole Goldstein scale: `alt.Y(..., scale=alt.Scale(domain="
                                      "[-10, 10]))`."),
        Subtitle(
            states=_undated_of_art_004(),
            wrong={_undated_of_art_004(coded=False):
                   "The number in your subtitle counts every event of `art_004` without a date, also those with no "
                   "CAMEO code, which the chart could never show. Count the undated rows after the merge with the "
                   "code table."},
            other="The number in your subtitle ({number}) is not how many coded events of `art_004` have no date. "
                  "Count the rows of the merged table of `art_004` whose `date` is empty, and put that count into "
                  "the subtitle with an f-string.",
            unstated="Your subtitle does not say yet how many coded events of `art_004` are left out for lack of a "
                     "date. Count them from the table and put the count into the subtitle with an f-string: "
                     "`subtitle=f\"... {left_out} ...\"`."),
        Description(),
        Tooltip(fields=("summary", "status", "date", "label")),
    ), model=_model_timeline()),
    mistakes=[
        Mistake(lambda: alt.Chart(_timeline_art_004(), title="Scores").mark_point().encode(
            x="date_start:T", y="goldstein:Q", shape="status:N"),
            "Your points sit at the first day of each date, so an event known only to its year looks like an "
            "event of the first of January. Put them at the middle of the window: the column `middle`, "
            "computed from `date_start` and `date_end`, on x."),
        Mistake(lambda: alt.Chart(_timeline_art_004(), title="Scores").mark_point().encode(
            x="middle:T", y="goldstein:Q", color="status:N"),
            "Your chart shows the status by colour. This question asks for it as the shape of the points: "
            "`shape=alt.Shape(\"status:N\", title=\"Status\")`."),
        Mistake(lambda: alt.Chart(_timeline_art_004(), title="Scores").mark_line().encode(
            x="middle:T", y="goldstein:Q"),
            LINE),
    ],
    hints=["Merge the events with the code table, keep the rows of `art_004` that have a date, and add the "
           "column `middle` with `.assign(middle=start + (end - start) / 2)`.",
           "The points: `alt.Chart(data).mark_point().encode(x=alt.X(\"middle:T\", ...), "
           "y=alt.Y(\"goldstein:Q\", ..., scale=alt.Scale(domain=[-10, 10])), shape=alt.Shape(\"status:N\", ...), "
           "tooltip=[...])`.",
           "The zero line is a chart of its own with no data, `alt.Chart().mark_rule(strokeDash=[4, 4])"
           ".encode(y=alt.datum(0))`; put the two together with `alt.layer(zero, points, title=alt.Title(\"...\", "
           "subtitle=f\"... {left_out} ...\"), description=\"...\")`, where `left_out = len(coded) - len(dated)` "
           "counts the coded rows of `art_004` that have no date."],
    on_correct="Hover over the highest point: it is the trade agreement that was *not* signed, scored as if it "
               "had been. Only its shape tells the reader so.",
)

number_questions(globals())
