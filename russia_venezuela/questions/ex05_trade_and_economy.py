"""Questions of exercises/05_trade_and_economy.ipynb: distinct counts, `replace`, named aggregation, `crosstab`,
`melt`, grouped bars, and reading trade figures and topics critically."""

import altair as alt
import pandas as pd

from russia_venezuela.charts import colour_scale, count_axis
from russia_venezuela.checking import *
from russia_venezuela.data import load

ECONOMIC = ["trade_goods", "economy", "finance", "energy"]
PETRO_SPELLINGS = {"Petro": "petro", "El Petro": "petro"}


def _economic_rows():
    topics = load("event_topics")
    return topics[topics["topic"].isin(ECONOMIC)]


def _economic_events():
    """The lesson's join: one row per economic topic of an event, with the event's status."""
    return _economic_rows().merge(load("events")[["event_id", "status"]], on="event_id", validate="many_to_one")


def _status_grid():
    economic_events = _economic_events()
    return pd.crosstab(economic_events["topic"], economic_events["status"])


def _status_long():
    return _status_grid().reset_index().melt(id_vars="topic", var_name="status", value_name="events")


def _crypto_items():
    items = load("event_items")
    return items[items["category"] == "cryptocurrency"]


def _per_article(events: str, topics: str, tags: tuple = ("topic", "size")):
    return (load("event_topics").groupby("article_id")
            .agg(tags=tags, events=("event_id", events), topics=("topic", topics))
            .reset_index())


def _economic_figures():
    """Every figure of an event that carries an economic topic, once each."""
    figures = load("figures")
    return figures[figures["event_id"].isin(_economic_rows()["event_id"])]


def _sorted_ids(ids) -> list:
    return sorted(pd.Series(ids).drop_duplicates().tolist())


def _trade_participants():
    trade = load("event_topics").loc[lambda frame: frame["topic"] == "trade_goods", ["event_id"]]
    return (trade.merge(load("event_participants")[["event_id", "actor_id"]], on="event_id", validate="one_to_many")
            .merge(load("actors")[["actor_id", "country"]], on="actor_id", validate="many_to_one"))


def _grouped_chart(**encoding):
    return alt.Chart(_status_long(), title="Economic events by status").mark_bar().encode(**encoding)


def _grouped_bars() -> pd.DataFrame:
    """What the grouped bars must show: for each topic (y) and status (yOffset, color), the events (x)."""
    long = _status_long().astype({"topic": "str", "status": "str"})
    return pd.DataFrame({"x": long["events"], "y": long["topic"], "yOffset": long["status"], "color": long["status"]})


def _model_status_chart() -> alt.Chart:
    """The solution's chart, as question 6 asks for it."""
    return alt.Chart(
        _status_long(),
        title="Economic events: said, planned or done?",
        description="Grouped bar chart: for each economic topic, the number of events of each status.",
    ).mark_bar().encode(
        x=alt.X("events:Q", title="Events tagged with the topic", axis=count_axis()),
        y=alt.Y("topic:N", title="Topic"),
        yOffset=alt.YOffset("status:N"),
        color=alt.Color("status:N", title="Event status", scale=colour_scale(_status_long()["status"])),
        tooltip=[alt.Tooltip("topic:N", title="Topic"), alt.Tooltip("status:N", title="Status"),
                 alt.Tooltip("events:Q", title="Events")])


EMPTY_TOPICS = ("Your y axis also lists {labels}, topics with no bar at all: the table you drew keeps every category "
                "of the column `topic`, also those of no economic event. Draw `status_long` as question 4 builds it, "
                "from the grid of `pd.crosstab(...)`, which has only the topics that occur.")


q1 = Question(
    variable="economic_event_count", points=1, kind=NumberAnswer(),
    expected=lambda: _economic_rows()["event_id"].nunique(),
    mistakes=[
        Mistake(lambda: len(_economic_rows()),
                "Your count takes an event tagged with two economic topics (say `economy` and `finance`) twice: "
                "`event_topics` has one row per event *and* topic. Count the distinct `event_id` values of all four "
                "topics at once with `.nunique()`."),
        Mistake(lambda: int((load("event_topics")["topic"] == "economy").sum()),
                "That counts only the events tagged `economy`. The question asks for events with any of the four "
                "economic topics: keep the rows with `.isin(economic)`."),
        Mistake(lambda: load("event_topics")["event_id"].nunique(),
                "That counts the events with any topic at all. Keep only the rows of the four economic topics "
                "before counting."),
    ],
    hints=["Keep the rows of `topics` whose `topic` is one of the four in the list `economic`.",
           "`topics[\"topic\"].isin(economic)` is the mask. An event can have several of these topics, so count "
           "distinct events, not rows.",
           "`topics[topics[\"topic\"].isin(economic)][\"event_id\"].nunique()`."],
    on_correct="These are events as the articles tell them: a long article that dwells on the economy weighs more "
               "than a short one that mentions it once.",
)

q2 = Question(
    variable="crypto_item_counts", points=2, kind=SeriesAnswer(),
    expected=lambda: _crypto_items()["item"].replace(PETRO_SPELLINGS).value_counts(),
    mistakes=[
        Mistake(lambda: _crypto_items()["item"].value_counts(),
                "Your counts still keep `Petro` and `El Petro` apart from `petro`. Map both spellings to `petro` "
                "with `.replace({...})` before counting."),
        Mistake(lambda: _crypto_items()["item"].replace({"Petro": "petro"}).value_counts(),
                "Nearly: `Petro` is merged, but `El Petro` (as Bitfinex's refusal prints it) is still counted on "
                "its own. Add it to the dictionary you give to `.replace(...)`."),
        Mistake(lambda: _crypto_items()["item"].replace({"El Petro": "petro"}).value_counts(),
                "Nearly: `El Petro` is merged, but `Petro` with a capital P is still counted on its own. Add it to "
                "the dictionary you give to `.replace(...)`."),
        Mistake(lambda: _crypto_items()["item"].str.lower().value_counts(),
                "Lower-casing merges `Petro` into `petro`, but `El Petro` stays apart and other names change too "
                "(`CryptoRouble` is printed with capitals). Map exactly the petro spellings with "
                "`.replace({...})` instead."),
        Mistake(lambda: _crypto_items()["item"].replace(PETRO_SPELLINGS).value_counts(normalize=True),
                "Those are shares, not counts: `normalize=True` divides by the total. Leave it out to count the "
                "events that name each item."),
        Mistake(lambda: _crypto_items()["item"].replace({**PETRO_SPELLINGS, "cryptocurrency": "petro"}).value_counts(),
                "You merged the item `cryptocurrency` into `petro` as well. Zerpa Delgado's tweet probably means "
                "the petro, but the text does not say so: that is the very guess the lesson warns about. Map only "
                "the spellings of the petro itself, and leave every other name as printed."),
        Mistake(lambda: load("event_items")["item"].replace(PETRO_SPELLINGS).value_counts(),
                "Your counts cover every item, gold and steel included. Keep only the rows whose `category` is "
                "`cryptocurrency` first."),
    ],
    hints=["Keep the rows of `items` whose `category` is `cryptocurrency`, then look at the spellings in `item`.",
           "`replace` with a dictionary maps each spelling to one name: `{\"Petro\": \"petro\", ...}`. Which other "
           "spelling of the petro is there?",
           "`crypto[\"item\"].replace({\"Petro\": \"petro\", \"El Petro\": \"petro\"}).value_counts()`, where "
           "`crypto` holds the cryptocurrency rows."],
    on_correct="Merging spellings is your decision, so it belongs in code: the item `cryptocurrency` in Zerpa "
               "Delgado's tweet probably means the petro too, but the text does not say so, and it stays apart.",
)

q3 = Question(
    variable="article_coverage", points=2, kind=TableAnswer(),
    expected=lambda: _per_article("nunique", "nunique"),
    mistakes=[
        Mistake(lambda: _per_article("count", "nunique"),
                "Your `events` column counts rows, so an event with several topics is counted once per topic (it "
                "equals `tags`). Count distinct events: `events=(\"event_id\", \"nunique\")`."),
        Mistake(lambda: _per_article("nunique", "count"),
                "Your `topics` column counts rows, so a topic that tags several events of an article is counted "
                "each time (it equals `tags`). Count distinct topics: `topics=(\"topic\", \"nunique\")`."),
        Mistake(lambda: _per_article("count", "count"),
                "Your `events` and `topics` columns count rows, so both equal `tags`. Count distinct values in "
                "them with `\"nunique\"`."),
        Mistake(lambda: _per_article("nunique", "nunique", tags=("event_id", "nunique")),
                "Your `tags` column counts distinct events, so it equals `events`. `tags` is the number of rows "
                "(topic tags) of the article, repeats included: count rows with `\"size\"` (or `\"count\"`)."),
        Mistake(lambda: _per_article("nunique", "nunique", tags=("topic", "nunique")),
                "Your `tags` column counts distinct topics, so it equals `topics`. `tags` is the number of rows "
                "(topic tags) of the article, repeats included: count rows with `\"size\"` (or `\"count\"`)."),
    ],
    hints=["Group `topics` by `article_id` and compute three summaries at once with `.agg(...)`.",
           "Named aggregation writes each summary as `new_name=(column, function)`. `\"size\"` counts rows, "
           "`\"nunique\"` counts distinct values.",
           "`topics.groupby(\"article_id\").agg(tags=(\"topic\", \"size\"), events=(\"event_id\", \"nunique\"), "
           "topics=(\"topic\", \"nunique\")).reset_index()`."],
    on_correct="`art_004` carries the most tags partly because it is the longest text: compare with "
               "`articles[\"word_count\"]` before saying which article cares most about a topic.",
)

q4 = Question(
    variable="status_long", points=2, kind=TableAnswer(),
    expected=_status_long,
    mistakes=[
        Mistake(lambda: _economic_events().groupby(["topic", "status"]).size().reset_index(name="events"),
                "Your table has only the pairs that occur: counting the tidy rows with `groupby` gives no row "
                "where a topic has no event of some status. The question wants every pair, with zeros: build the "
                "grid with `pd.crosstab(...)` first, then `melt` it."),
        Mistake(lambda: _economic_events().groupby(["topic", "status"], observed=False).size()
                .reset_index(name="events"),
                "Your table has a row for every category that `topic` and `status` know, with zeros: they are "
                "category columns, and `observed=False` keeps all their categories, the topics that are not "
                "economic and a status that no economic event has. The question wants the topics and statuses "
                "that occur among these events, every pair of them: `pd.crosstab(...)` builds that grid from the "
                "values present; then `melt` it."),
        Mistake(lambda: _economic_events()
                .pivot_table(index="topic", columns="status", values="event_id", aggfunc="count")
                .reset_index().melt(id_vars="topic", var_name="status", value_name="events"),
                "Some of your counts are missing (NaN) where the grid has no event: `pivot_table` leaves empty "
                "cells empty. Pass `fill_value=0`, or build the grid with `pd.crosstab(...)`, which writes zeros."),
        Mistake(lambda: pd.crosstab(_economic_events()["topic"], _economic_events()["status"], margins=True)
                .reset_index().melt(id_vars="topic", var_name="status", value_name="events"),
                "Your table holds the totals too (the `All` row and column that `margins=True` adds). The question "
                "asks only for pairs of a topic and a status: leave out `margins`."),
        Mistake(lambda: _status_grid().melt(var_name="status", value_name="events"),
                "Your table has lost the topics. They were the grid's index, and `melt` keeps only columns: call "
                "`.reset_index()` before `.melt(id_vars=\"topic\", ...)`."),
    ],
    hints=["First make the wide grid: one row per topic, one column per status, each cell a count. "
           "`pd.crosstab(rows, columns)` builds it from two columns of `economic_events`.",
           "The topics are the grid's index. `.reset_index()` turns them into a column, and "
           "`.melt(id_vars=\"topic\", ...)` turns every other column into rows.",
           "`pd.crosstab(economic_events[\"topic\"], economic_events[\"status\"]).reset_index()"
           ".melt(id_vars=\"topic\", var_name=\"status\", value_name=\"events\")`."],
    on_correct="The zeros are information too: in the texts, no energy event is merely planned.",
)

q5 = Question(
    variable="status_shares", points=3, kind=TableAnswer(index=True),
    expected=lambda: pd.crosstab(_economic_events()["topic"], _economic_events()["status"], normalize="index"),
    mistakes=[
        Mistake(_status_grid,
                "Those are counts of events. The question asks for each topic's shares: pass "
                "`normalize=\"index\"` to `pd.crosstab(...)`, so that each row sums to one."),
        Mistake(lambda: pd.crosstab(_economic_events()["topic"], _economic_events()["status"], normalize="columns"),
                "Your shares add up to one down each column, that is, per status. The question asks for shares "
                "within each topic, adding up to one along each row: `normalize=\"index\"`."),
        Mistake(lambda: pd.crosstab(_economic_events()["topic"], _economic_events()["status"], normalize="all"),
                "Your shares add up to one over the whole grid. The question asks for shares within each topic, "
                "adding up to one along each row: `normalize=\"index\"`."),
        Mistake(lambda: pd.crosstab(_economic_events()["topic"], _economic_events()["status"],
                                    normalize="index") * 100,
                "Those look like percentages. The question asks for shares between zero and one: leave out the "
                "multiplication by `100`."),
        Mistake(lambda: pd.crosstab(_economic_events()["topic"], _economic_events()["status"], normalize="index",
                                    margins=True),
                "Your grid has a totals row (`All`), which `margins=True` adds. The question asks for the topics "
                "only: leave out `margins`."),
    ],
    hints=["`pd.crosstab(rows, columns)` counts the pairs; its `normalize` argument turns counts into shares.",
           "`normalize=\"index\"` divides each row by its total, `\"columns\"` each column, `\"all\"` the whole "
           "grid. Which one gives shares within a topic?",
           "`pd.crosstab(economic_events[\"topic\"], economic_events[\"status\"], normalize=\"index\")`."],
    on_correct="Read `occurred` with care: for trade, most of what occurred is someone saying something, not goods "
               "changing hands.",
)

q6 = Question(
    variable="status_chart", points=3, kind=ChartAnswer(),
    expected=lambda: ChartSpec(mark="bar", channels={
        "x": (Channel("events", "quantitative"),),
        "y": (Channel("topic", "nominal"),),
        "yOffset": (Channel("status", "nominal"),),
        "color": (Channel("status", "nominal"),),
    }, requires=(
        Draws(_grouped_bars()),
        AxisLabels(tuple(_grouped_bars()["y"].unique()), channel="y", extra=EMPTY_TOPICS),
    ), model=_model_status_chart()),
    mistakes=[
        Mistake(lambda: _grouped_chart(x="events:Q", y="topic:N", color="status:N"),
                "Your bars are stacked: the statuses of a topic sit end to end. This question asks for grouped "
                "bars, side by side: add `yOffset=alt.YOffset(\"status:N\")`."),
        Mistake(lambda: _grouped_chart(x="count():Q", y="topic:N", yOffset="status:N", color="status:N"),
                "`count()` counts rows, and `status_long` already has one row per topic and status, so every bar "
                "would have the same length. The counts are in the column `events`: put it on x."),
        Mistake(lambda: _grouped_chart(x="topic:N", y="events:Q", xOffset="status:N", color="status:N"),
                "Your bars stand upright, grouped along the x axis with `xOffset`. This question asks for horizontal "
                "bars, whose topic labels are easier to read: `events` on x, `topic` on y and "
                "`yOffset=alt.YOffset(\"status:N\")`."),
        Mistake(lambda: _grouped_chart(x="events:Q", y="status:N", yOffset="topic:N", color="topic:N"),
                "Your chart groups the topics within each status. This one puts the topics on the y axis and "
                "sets the statuses side by side within each topic: `y` is `topic`, `yOffset` and `color` are "
                "`status`."),
    ],
    hints=["Start from `alt.Chart(status_long, title=\"...\")` and `.mark_bar()`: the table is already long, one "
           "row per bar.",
           "A grouped bar chart needs `yOffset` besides `y`: `y` places the group (the topic), `yOffset` places "
           "the bars within the group (the status). Colour by status too, so the legend names them.",
           "`.encode(x=alt.X(\"events:Q\", title=...), y=alt.Y(\"topic:N\", title=...), "
           "yOffset=alt.YOffset(\"status:N\"), color=alt.Color(\"status:N\", title=...), tooltip=[...])`."],
    on_correct="Grouped bars make the statuses of one topic easy to compare; stacked bars are better for "
               "comparing totals.",
)

q7 = Question(
    variable="target_figures", points=3, kind=ListAnswer(ordered=True), source_check=True,
    expected=lambda: _sorted_ids(_economic_figures().loc[lambda frame: frame["status"] == "target_or_plan",
                                                         "figure_id"]),
    mistakes=[
        Mistake(lambda: _sorted_ids(_economic_figures()["figure_id"]),
                "Your list keeps every figure of an economic event, whatever its status: facts, estimates and "
                "claims too. Keep only the figures whose `status` is `target_or_plan`."),
        Mistake(lambda: _sorted_ids(_economic_figures().loc[lambda frame: frame["status"] != "reported_fact",
                                                            "figure_id"]),
                "Your list includes an estimate and a claim. Neither is a fact, but neither is a target either: "
                "keep only the status `target_or_plan`."),
        Mistake(lambda: _sorted_ids(load("figures").loc[lambda frame: frame["status"] == "target_or_plan",
                                                        "figure_id"]),
                "Your list also holds the targets and plans of events that are not about the economy (aid, "
                "grain). Keep only the figures whose event carries one of the four economic topics."),
        Mistake(lambda: _sorted_ids(_economic_figures().loc[
            lambda frame: (frame["status"] == "target_or_plan")
            & frame["event_id"].isin(load("event_topics").loc[lambda topics: topics["topic"] == "trade_goods",
                                                              "event_id"]),
            "figure_id"]),
                "Your list keeps only the figures of trade events. The question asks about all four economic "
                "topics in `economic`, not only `trade_goods`."),
        Mistake(lambda: _sorted_ids(_economic_figures().loc[lambda frame: frame["status"] == "target_or_plan",
                                                            "event_id"]),
                "Your list holds event ids. The question asks for the ids of the figures themselves: take the "
                "column `figure_id`."),
    ],
    hints=["Two conditions: the figure's event is tagged with an economic topic, and the figure's `status` is "
           "`target_or_plan`.",
           "Join the economic topic rows to `figures` on `event_id` (an event can have several topics and several "
           "figures, so the merge is `many_to_many`), or test `figures[\"event_id\"].isin(...)` against the "
           "event ids of those rows.",
           "After filtering on `status`, take `figure_id`, drop repeats with `.drop_duplicates()`, sort with "
           "`.sort_values()` and finish with `.tolist()`."],
    on_correct="The clearest trade number in the texts, a rise in trade, is a goal set by Venezuela's vice "
               "president; no text reports whether it was reached.",
)


def _row_by_row(repeats: str = "") -> str:
    return ("Your filter works row by row, so it keeps every event that has at least one non-Russian participant"
            f"{repeats}. Decide per event instead: group by `event_id` and ask whether *any* participant's country "
            "is `RUS`, then keep the events where none is.")


q8 = Question(
    variable="trade_without_russia", points=4, kind=ListAnswer(ordered=True), source_check=True,
    expected=lambda: _sorted_ids(
        _trade_participants().groupby("event_id")["country"].agg(lambda country: (country == "RUS").any())
        .loc[lambda has_russian: ~has_russian].index),
    mistakes=[
        Mistake(lambda: _sorted_ids(_trade_participants().loc[lambda frame: frame["country"] != "RUS", "event_id"]),
                _row_by_row()),
        Mistake(lambda: _trade_participants().loc[lambda frame: frame["country"] != "RUS", "event_id"].tolist(),
                _row_by_row(", and names it once for each of them")),
        Mistake(lambda: sorted(_trade_participants().loc[lambda frame: frame["country"] != "RUS", "event_id"]),
                _row_by_row(", and names it once for each of them")),
        Mistake(lambda: _sorted_ids(
            _trade_participants().groupby("event_id")["actor_id"].agg(lambda actor: (actor == "act_russia").any())
            .loc[lambda has_russia: ~has_russia].index),
                "You looked only for the state `act_russia`, but Russia also takes part through Russian people, "
                "bodies and companies, such as KAMAZ. Use the participants' `country` from the `actors` table."),
        Mistake(lambda: _sorted_ids(
            load("event_participants").merge(load("actors")[["actor_id", "country"]], on="actor_id")
            .groupby("event_id")["country"].agg(lambda country: (country == "RUS").any())
            .loc[lambda has_russian: ~has_russian].index),
                "Your list covers events of every topic. Keep only the events tagged `trade_goods` first."),
        Mistake(lambda: _sorted_ids(_trade_participants().loc[lambda frame: frame["country"] == "RUS", "event_id"]),
                "Your list holds the trade events that *do* have a Russian participant. The question asks for the "
                "others: keep the trade events that are not in your list, or the events where the check is False "
                "(`~`)."),
        Mistake(lambda: _trade_participants().groupby("event_id")["country"]
                .agg(lambda country: (country == "RUS").any()),
                "Your answer is the True/False check for every trade event. Keep the events where it is False, "
                "and take their ids from the index: `has_russian[~has_russian].index`."),
    ],
    hints=["Start from the rows of `topics` whose topic is `trade_goods`. Join `participants` on `event_id`, then "
           "`actors` on `actor_id`, to get each participant's `country`.",
           "A plain row filter cannot say that *no* participant is Russian. Group by `event_id` and summarise the "
           "`country` column with `.agg(...)` and a function that says whether any value is `RUS`.",
           "If `trade_participants` holds the joined rows: `has_russian = trade_participants.groupby(\"event_id\")"
           "[\"country\"].agg(lambda c: (c == \"RUS\").any())`, then `has_russian[~has_russian].index`, sorted "
           "into a list."],
    on_correct="Both are about Venezuela and Turkey: a topic says what an event is about, not with whom, and the "
               "signed agreements are known only from Maduro's own account.",
)

number_questions(globals())
