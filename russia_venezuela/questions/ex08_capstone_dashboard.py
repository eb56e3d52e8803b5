"""Questions of exercises/08_capstone_dashboard.ipynb: the rule of the relationship, its caveats, a brush's blind
spot, and linked charts."""

import altair as alt
import pandas as pd

from russia_venezuela.charts import count_axis
from russia_venezuela.checking import *
from russia_venezuela.data import load

# The stretch of time a reader brushes in question 5: the whole of September 2019.
BRUSH_FROM, BRUSH_TO = pd.Timestamp("2019-09-01"), pd.Timestamp("2019-09-30")


def _who(with_media=False):
    """Participant rows with their actor's kind and country; media left out, as in the lesson."""
    actors = load("actors")[["actor_id", "kind", "country"]]
    who = load("event_participants").merge(actors, on="actor_id", how="left", validate="many_to_one")
    return who if with_media else who[who["kind"] != "media"]


def _per_event():
    who = _who()
    sides = who.assign(russian=who["country"] == "RUS", venezuelan=who["country"] == "VEN")
    return sides.groupby("event_id")[["russian", "venezuelan"]].any()


def _bilateral():
    per_event = _per_event()
    return per_event.index[per_event["russian"] & per_event["venezuelan"]]


def _rel():
    events = load("events")
    return events[events["event_id"].isin(_bilateral())]


# --- question 1: events with a participant tied to the United States -------------------------------------------

def _us_events():
    who = _who()
    return int(who.assign(american=who["country"] == "USA").groupby("event_id")["american"].any().sum())


# --- question 2: Venezuelan side but no Russian side --------------------------------------------------------------

def _ids(mask_of):
    per_event = _per_event()
    return per_event.index[mask_of(per_event)].tolist()


def _row_level_ids(unique):
    who = _who()
    ids = who.loc[(who["country"] == "VEN") & ~(who["country"] == "RUS"), "event_id"]
    return ids.unique().tolist() if unique else ids.tolist()


def _ids_in_the_index(answer) -> str | None:
    """A table or a mask of events handed in instead of their ids, which are its index, not a column."""
    if not isinstance(answer, (pd.DataFrame, pd.Series)) or answer.index.name != "event_id":
        return None
    if isinstance(answer, pd.DataFrame):
        return ("Your answer is a table with one row per event. The event ids are its index, not one of its "
                "columns: make a list of the index, `.index.tolist()`.")
    if pd.api.types.is_bool_dtype(answer.dtype):
        return ("Your answer is a mask, True or False for each event, with the event ids as its index. Keep the "
                "ids where it is True: use the mask on the index of `per_event`, then make a list.")
    return None


ROW_LEVEL = ("You applied the masks to participant rows. A Venezuelan row is never a Russian one, so `~russian` is "
             "true on every Venezuelan row and your list holds every event with a Venezuelan participant. Make "
             "one row per event first with `groupby(\"event_id\")[[\"russian\", \"venezuelan\"]].any()`, then "
             "combine the masks.")


# --- question 3: the relationship's events with their CAMEO act -----------------------------------------------------

COLUMNS_Q3 = ["event_id", "date_start", "status", "act"]


def _acts():
    return load("cameo_codes")[["cameo_code", "label"]].rename(columns={"label": "act"})


def _rel_acts():
    table = _rel().merge(_acts(), on="cameo_code", how="left", validate="many_to_one")[COLUMNS_Q3]
    return table.sort_values(["date_start", "event_id"], ignore_index=True)


def _rel_acts_sorted(**options):
    table = _rel().merge(_acts(), on="cameo_code", how="left", validate="many_to_one")[COLUMNS_Q3]
    return table.sort_values(["date_start", "event_id"], ignore_index=True, **options)


def _rel_acts_index_kept(merge_first):
    events = load("events")
    if merge_first:
        merged = events.merge(_acts(), on="cameo_code", how="left", validate="many_to_one")
        table = merged[merged["event_id"].isin(_bilateral())]
    else:
        table = _rel().merge(_acts(), on="cameo_code", how="left", validate="many_to_one")
    return table[COLUMNS_Q3].sort_values(["date_start", "event_id"])


# --- question 4: caveats about the relationship, by kind -------------------------------------------------------------

def _caveat_links():
    caveats = load("source_caveats")
    links = caveats.assign(related_id=caveats["related_ids"].str.split(";")).explode("related_id")
    return links[links["related_id"].isin(_bilateral())]


def _nonzero(counts):
    return counts[counts > 0]


# --- question 5: what a September brush cannot show ------------------------------------------------------------------

def _brush_masks():
    rel = _rel()
    inside = rel["date_start"].between(BRUSH_FROM, BRUSH_TO)
    possible = (rel["date_start"] <= BRUSH_TO) & (rel["date_end"] >= BRUSH_FROM)
    return rel, inside, possible


def _september_blind_spot():
    rel, inside, possible = _brush_masks()
    return rel.loc[possible & ~inside, "event_id"].tolist()


# --- question 6: in how many articles each topic appears -------------------------------------------------------------

def _rel_topics():
    topics = load("event_topics")
    return topics[topics["event_id"].isin(_bilateral())]


def _topic_chart(x, data=None):
    data = _rel_topics() if data is None else data
    return alt.Chart(data, title="Topics").mark_bar().encode(x=x, y=alt.Y("topic:N", title="Topic"))


def _topic_reach():
    """What the bars must show: one per topic (y), the number of different articles (x)."""
    reach = _rel_topics().groupby("topic", observed=True)["article_id"].nunique()
    return pd.DataFrame({"y": reach.index.astype(str), "x": reach.to_numpy()})


def _model_topic_chart():
    """The solution's chart, as question 6 asks for it."""
    return alt.Chart(
        _rel_topics(), title="In how many articles each topic of the relationship appears",
        description="Horizontal bar chart: for each topic of the events with a Russian and a Venezuelan "
                    "participant, the number of different articles that report such an event.",
    ).mark_bar().encode(
        x=alt.X("distinct(article_id):Q", title="Articles", axis=count_axis()),
        y=alt.Y("topic:N", title="Topic", sort="-x"),
        tooltip=[alt.Tooltip("topic:N", title="Topic"), alt.Tooltip("distinct(article_id):Q", title="Articles"),
                 alt.Tooltip("count():Q", title="Events")])


# --- question 7: a click on status filters a list of events ----------------------------------------------------------

def _listed():
    rel = _rel().sort_values(["date_start", "event_id"], ignore_index=True)
    return rel.assign(order=range(len(rel)))


def _status_counts(events):
    """What the bars must show: one per status (y), its number of events (x)."""
    counts = events["status"].astype("str").value_counts()
    return pd.DataFrame({"y": counts.index, "x": counts.to_numpy()})


# Statuses the check clicks: one with more events than the list shows, one with fewer.
CLICKED = ("occurred", "not_occurred")

NUMBERED_BEFORE_FILTER = (
    "After a click, your list shows only those of the first ten events of the whole list that have the clicked "
    "status: it numbers (or keeps) the rows before the click filters them, so the first ten positions are not the "
    "first ten events of that status. Filter by the click first, then number the rows that are left.")
NOT_LISTENING = ("Your list does not listen to the click yet: it shows the same events whatever status is clicked. "
                 "Filter it with `.transform_filter(...)` and the selection, before the numbering.")
DESCENDING = "Your numbering starts from the latest event. Number from the earliest: sort `order` ascending."
BY_EVENT_ID = ("Your numbering follows `event_id`. The question numbers the events in the order of `order`, the date "
               "order of `listed`: `sort=[alt.SortField(\"order\")]`.")
GROUPED = ("With no status clicked, your list shows up to ten events of each status, several on the same line: your "
           "window numbers the rows within each group (`groupby`). Leave out `groupby`: the click filter already "
           "keeps one status.")
EMPTY = ("With no status clicked, your list shows no event. Before any click it lists the first ten events of the "
         "relationship: keep the selection's default (a filter by an empty selection keeps every row), and check "
         "the other filters of the list.")


def _summaries(rows) -> tuple:
    return tuple(rows["summary"])


def _grouped_by_status(rows):
    """What a window numbering within each status draws with no click: the first ten of each status, the rows
    numbered one on the first line, and so on."""
    row = rows.groupby("status", observed=True).cumcount() + 1
    return rows.assign(row=row)[row <= 10].sort_values(["row", "order"], kind="stable")


def _list_order(status: str | None) -> Order:
    """What the list draws, top to bottom, when `status` is clicked (None: nothing is): the first ten events of
    that status in the order of `order`; with what typical mistakes draw instead."""
    listed = _listed()
    kept = listed if status is None else listed[listed["status"] == status]
    when = "With no status clicked" if status is None else f"After a click on *{status}*"
    which = "of the relationship" if status is None else "of that status"
    wrong = [((), EMPTY)] if status is None else []
    if status is None:
        wrong += [(_summaries(_grouped_by_status(listed)), GROUPED)]
    else:
        first_ten = listed.head(10)
        before_filter = _summaries(first_ten[first_ten["status"] == status])
        wrong += [(before_filter, NUMBERED_BEFORE_FILTER if before_filter else
                   f"{when}, your list shows no event, though the relationship has {len(kept)} event"
                   f"{'' if len(kept) == 1 else 's'} of that status. "
                   "Filter by the click first, then number the rows that are left, then keep the first ten: a list "
                   "that numbers or keeps rows before the click filters them loses the events that come later."),
                  (_summaries(first_ten), NOT_LISTENING)]
    wrong += [(_summaries(kept.iloc[::-1].head(10)), DESCENDING),
              (_summaries(kept.sort_values("event_id").head(10)), BY_EVENT_ID)]
    for count in range(1, len(kept) + 1):
        if count == len(kept):
            wrong.append((_summaries(kept), f"{when}, your list shows every event {which}, {count} of them. Keep "
                                            "the first ten only: a filter on `row` after the numbering, such as "
                                            "`alt.datum.row <= 10`."))
        elif count != 10:
            wrong.append((_summaries(kept.head(count)),
                          f"{when}, your list shows the first {count} events {which}, not the first ten. "
                          "`row_number()` counts from one: keep the rows numbered one to ten, ten included, "
                          "e.g. `.transform_filter(alt.datum.row <= 10)`."))
    return Order(
        values=_summaries(kept.head(10)), channel="text", mark="text", wrong=tuple(wrong),
        otherwise=(f"{when}, your list does not show the first ten events {which} in date order, from the top. "
                   "Filter the list by the click, then number the rows with `transform_window(row=\"row_number()\", "
                   "sort=[alt.SortField(\"order\")])`, then keep the rows numbered one to ten: "
                   "`.transform_filter(alt.datum.row <= 10)`."))


def _model_dashboard():
    """The solution's dashboard, as question 7 asks for it."""
    listed = _listed()
    status_pick = alt.selection_point(fields=["status"])
    status_bars = alt.Chart(listed, title="Status of the events (click one)").mark_bar().encode(
        x=alt.X("count():Q", title="Events", axis=count_axis()),
        y=alt.Y("status:N", title="Status", sort="-x"),
        opacity=alt.when(status_pick).then(alt.value(1.0)).otherwise(alt.value(0.3)),
        tooltip=[alt.Tooltip("status:N", title="Status"), alt.Tooltip("count():Q", title="Events")],
    ).add_params(status_pick).properties(width=160)
    event_rows = (
        alt.Chart(listed.fillna({"date": "not dated"}), title="Events of the clicked status (first ten, in date order)")
        .transform_filter(status_pick)
        .transform_window(row="row_number()", sort=[alt.SortField("order")])
        .transform_filter(alt.datum.row <= 10)
        .mark_text(align="left", limit=460)
        .encode(y=alt.Y("row:O", title=None, axis=None), x=alt.value(0), text="summary:N",
                tooltip=[alt.Tooltip("event_id:N", title="Event"), alt.Tooltip("date:N", title="Date"),
                         alt.Tooltip("status:N", title="Status"), alt.Tooltip("evidence:N", title="Evidence")])
        .properties(width=460, height=alt.Step(18))
    )
    return (status_bars | event_rows).properties(
        title=alt.Title("What the relationship is made of: deeds, plans and lasting states",
                        subtitle="Click a status to list its events; double-click to list them all again."),
        description="Two linked charts: a bar chart of the events of the relationship per status, where a status "
                    "can be clicked, and beside it a list of the first events of that status in date order, with "
                    "the evidence in the tooltip.")


q1 = Question(
    variable="us_events", points=1, kind=NumberAnswer(),
    expected=_us_events,
    mistakes=[
        Mistake(lambda: int((_who()["country"] == "USA").sum()),
                "You counted participant rows, and an event in which two actors tied to the United States take "
                "part has two of them. The question counts events: group by `event_id` and ask `.any()` of each "
                "group, or count the distinct ids with `.nunique()`."),
        Mistake(lambda: int((_who()["country"] == "usa").sum()),
                "Your count is zero: no row matched. The `country` column holds upper-case three-letter ISO codes; "
                "look at `who[\"country\"].unique()` to see how the United States is written."),
    ],
    hints=["Mark each participant row as tied to the United States or not, as the lesson did with `russian` and "
           "`venezuelan`: `who.assign(american=who[\"country\"] == \"USA\")`.",
           "Then one row per event: `groupby(\"event_id\")[\"american\"].any()` is `True` for the events with at "
           "least one such participant.",
           "Add up that Series of `True` and `False` with `.sum()` (each `True` counts as one), and wrap it in "
           "`int(...)`."],
    on_correct="Events with a US participant are part of the story the articles tell about Russia and Venezuela, "
               "yet the lesson's rule keeps only those that also have a Russian and a Venezuelan side.",
)

q2 = Question(
    variable="venezuela_only", points=2, kind=ListAnswer(), before=_ids_in_the_index,
    expected=lambda: _ids(lambda frame: frame["venezuelan"] & ~frame["russian"]),
    mistakes=[
        Mistake(lambda: _ids(lambda frame: frame["venezuelan"] & frame["russian"]),
                "Your list holds the events with a Russian *and* a Venezuelan participant: the relationship "
                "itself. The question asks for the opposite on the Russian side: put `~` before the Russian mask "
                "to turn it round."),
        Mistake(lambda: _ids(lambda frame: ~frame["russian"]),
                "Your list holds every event without a Russian participant, including events with no Venezuelan "
                "one either (the Turkish, Iranian or US ones). Combine two conditions with `&`: a Venezuelan "
                "participant, and `~` no Russian one."),
        Mistake(lambda: _row_level_ids(unique=True), ROW_LEVEL),
        Mistake(lambda: _row_level_ids(unique=False), ROW_LEVEL),
    ],
    hints=["Start from `per_event = sides.groupby(\"event_id\")[[\"russian\", \"venezuelan\"]].any()`, as in the "
           "lesson: one row per event, two columns of `True` and `False`.",
           "`~per_event[\"russian\"]` is `True` for the events without a Russian participant. Combine it with "
           "the Venezuelan column using `&`.",
           "Index the event ids with that mask and make a list: `per_event.index[mask].tolist()`."],
    on_correct="Some of them still touch the relationship, such as the petro that Venezuela means to present at "
               "its commission with Russia (`ev_006`), but no participant is tied to Russia: a rule built on "
               "participants cannot see what an event is about.",
)

q3 = Question(
    variable="rel_acts", points=2,
    kind=TableAnswer(ordered=True, index=True,
                     sort_hint="sort by `date_start`, then by `event_id`, with `ignore_index=True`"),
    expected=_rel_acts,
    mistakes=[
        Mistake(lambda: _rel_acts_index_kept(merge_first=False),
                "Your rows are right and in the right order, but they keep the row labels they had before "
                "sorting, so the index jumps about. Pass `ignore_index=True` to `sort_values` to number the "
                "sorted rows afresh from zero."),
        Mistake(lambda: _rel_acts_index_kept(merge_first=True),
                "Your rows are right and in the right order, but they keep the row labels of the full table, so "
                "the index jumps about. Pass `ignore_index=True` to `sort_values` to number the sorted rows "
                "afresh from zero."),
        Mistake(lambda: _rel_acts_index_kept(merge_first=False).reset_index(),
                "Your table has an extra column `index`: `.reset_index()` keeps the old row labels as a column. "
                "Use `sort_values(..., ignore_index=True)` instead, or `.reset_index(drop=True)`."),
        Mistake(lambda: _rel().merge(_acts(), on="cameo_code", how="left", validate="many_to_one")[COLUMNS_Q3],
                "Your rows are right but still in the order of the events table. Sort them in time order: "
                "`sort_values([\"date_start\", \"event_id\"], ignore_index=True)`."),
        Mistake(lambda: _rel().merge(_acts(), on="cameo_code", how="left", validate="many_to_one")[COLUMNS_Q3]
                .sort_values("date_start", ignore_index=True),
                "You sorted by `date_start` alone. Many events share the same first possible day (every event "
                "dated only to a year starts on its first of January), and their order among themselves is then "
                "left to chance. Sort by two columns: `sort_values([\"date_start\", \"event_id\"], ...)`."),
        Mistake(lambda: _rel_acts_sorted(ascending=False),
                "Your rows are sorted the wrong way round, latest first. Sort from the earliest date: leave "
                "`ascending` at its default, `True`."),
        Mistake(lambda: _rel_acts_sorted(na_position="first"),
                "Your undated events come first. The question puts them last, which is `sort_values`' default: "
                "leave out `na_position=\"first\"`."),
    ],
    hints=["Keep the events whose `event_id` is in `bilateral`, then `merge` them with the code table on "
           "`cameo_code`, passing `validate=\"many_to_one\"` (each code appears once in `cameo`).",
           "The code table calls the act `label`: `cameo[[\"cameo_code\", \"label\"]].rename(columns={\"label\": "
           "\"act\"})` gives it its new name before the merge.",
           "Select the four columns `[[\"event_id\", \"date_start\", \"status\", \"act\"]]`, then "
           "`.sort_values([\"date_start\", \"event_id\"], ignore_index=True)`."],
    on_correct="`validate=\"many_to_one\"` is a promise checked by pandas: had a code appeared twice in the code "
               "table, the merge would have stopped instead of silently doubling events.",
)

q4 = Question(
    variable="caveats_per_kind", points=3, kind=SeriesAnswer(),
    expected=lambda: _nonzero(_caveat_links().drop_duplicates("caveat_id")["kind"].value_counts()),
    mistakes=[
        Mistake(lambda: _nonzero(_caveat_links()["kind"].value_counts()),
                "Some of your counts are too high: a caveat that names two events of the relationship is counted "
                "twice after `explode`. Keep each caveat once with `.drop_duplicates(\"caveat_id\")` before "
                "counting, or count with `.nunique()`."),
        Mistake(lambda: _nonzero(load("source_caveats").loc[
            lambda frame: frame["related_ids"].isin(_bilateral()), "kind"].value_counts()),
                "Your counts miss every caveat that names several rows: `isin` compares the whole cell, such as "
                "`\"ev_001;ev_002\"`, with single ids. Split the cell with `.str.split(\";\")` and give each id its "
                "own row with `.explode(...)` first."),
        Mistake(lambda: _caveat_links().drop_duplicates("caveat_id")["kind"].value_counts(),
                "Your Series also lists the kinds with no caveat at all, with a count of zero: `kind` is a "
                "categorical column, and its `value_counts()` shows every category. Keep the counts above zero, "
                "e.g. `counts[counts > 0]`."),
        Mistake(lambda: _caveat_links()["kind"].value_counts(),
                "Two things to fix. Your Series lists the kinds with no caveat at all, with a count of zero: `kind` "
                "is a categorical column, and its `value_counts()` shows every category; keep the counts above "
                "zero. And some counts are too high: a caveat that names two events of the relationship is "
                "counted twice after `explode`; keep each caveat once with `.drop_duplicates(\"caveat_id\")` "
                "before counting."),
        Mistake(lambda: load("source_caveats").loc[
            lambda frame: frame["related_ids"].isin(_bilateral()), "kind"].value_counts(),
                "Two things to fix. Your Series lists the kinds with no caveat, with a count of zero (`kind` is "
                "categorical): keep the counts above zero. And your counts miss every caveat that names several "
                "rows: `isin` compares the whole cell, such as `\"ev_001;ev_002\"`, with single ids. Split the cell "
                "with `.str.split(\";\")` and give each id its own row with `.explode(...)` first."),
        Mistake(lambda: _nonzero(load("source_caveats")["kind"].value_counts()),
                "You counted every caveat in the table. The question asks only for those that name at least one "
                "event of the relationship: keep the exploded rows whose id is in `bilateral`."),
    ],
    hints=["As in the lesson: `links = caveats.assign(related_id=caveats[\"related_ids\"].str.split(\";\"))"
           ".explode(\"related_id\")` gives one row per caveat and id.",
           "Keep the rows whose `related_id` is in `bilateral`. A caveat can name several events, so the same "
           "caveat may now appear on several rows: keep each `caveat_id` once.",
           "`.drop_duplicates(\"caveat_id\")[\"kind\"].value_counts()`, then keep the counts above zero with "
           "`counts[counts > 0]`."],
    on_correct="Most of these problems concern dates or who says what and how surely: exactly what a timeline and a "
               "list of summaries hide.",
)

q5 = Question(
    variable="september_blind_spot", points=3, kind=ListAnswer(), source_check=True,
    expected=_september_blind_spot,
    mistakes=[
        Mistake(lambda: (lambda rel, inside, possible: rel.loc[inside, "event_id"].tolist())(*_brush_masks()),
                "Your list holds the events the brush *does* show, those whose first possible day is in "
                "September. The question asks for the ones it misses: events that may have taken place in "
                "September although their first possible day is earlier."),
        Mistake(lambda: (lambda rel, inside, possible: rel.loc[possible, "event_id"].tolist())(*_brush_masks()),
                "Your list holds every event that may have taken place in September, including those the brush "
                "already shows. Leave out the events inside the brush with `& ~inside`."),
        Mistake(lambda: (lambda rel, inside, possible: rel.loc[~inside, "event_id"].tolist())(*_brush_masks()),
                "Your list holds every event outside the brush, including events of other years and undated ones. "
                "Keep only those whose span of possible days reaches into September: `date_start` on or before "
                "its last day, and `date_end` on or after its first."),
    ],
    hints=["The brush keeps an event when its `date_start` is between the brush's two ends: "
           "`rel[\"date_start\"].between(start, end)`.",
           "An event *may* have taken place in September when its span of possible days overlaps the month: "
           "`date_start` is on or before the last day of September, and `date_end` on or after the first.",
           "`start, end = pd.Timestamp(\"2019-09-01\"), pd.Timestamp(\"2019-09-30\")`; build both masks, then "
           "`rel.loc[possible & ~inside, \"event_id\"].tolist()`."],
    on_correct="Each of these events is dated only to a year, inferred from the article's own date: the brush can "
               "never put them in a month, though they may well belong to that visit.",
)

q6 = Question(
    variable="topic_reach_chart", points=3, kind=ChartAnswer(),
    expected=lambda: ChartSpec(mark="bar", channels={
        "x": (Channel("article_id", "quantitative", "distinct"), Channel(None, "quantitative")),
        "y": (Channel("topic", "nominal"),),
    }, requires=(
        Description(),
        Draws(_topic_reach()),
        SortedBy("x", channel="y", descending=True,
                 reversed="Your bars are sorted with the shortest on top. Put the longest on top: `sort=\"-x\"`, "
                          "where the minus sorts from the largest down.",
                 otherwise="Your bars are not sorted by length: the question puts the longest bar on top, so that "
                           "the most widely reported topic is read first. Sort the y axis by the bars' length, from "
                           "the largest down: `sort=\"-x\"`."),
        WholeTicks("x"),
    ), model=_model_topic_chart()),
    mistakes=[
        Mistake(lambda: _topic_chart(alt.X("count():Q", title="Rows")),
                "Your bars count topic rows, that is events, so a topic reported many times by one article looks "
                "widespread. The question asks in how many *articles* each topic appears: use "
                "`\"distinct(article_id):Q\"` on x."),
        Mistake(lambda: _topic_chart(alt.X("distinct(event_id):Q", title="Events")),
                "Your bars count distinct events, not articles. Put `article_id` inside `distinct(...)`."),
        Mistake(lambda: _topic_chart(alt.X("article_id:Q", title="Articles")),
                "Your x shows `article_id` as it is, as if the ids were numbers, and the bars add them up. Count "
                "the different articles of each topic: `\"distinct(article_id):Q\"` on x."),
        Mistake(lambda: _topic_chart(alt.X("distinct(article_id)", title="Articles")),
                "Your x counts the different articles, but without a type Altair takes that count for a category "
                "(nominal), since `article_id` holds text. Say that it is a number: `\"distinct(article_id):Q\"`."),
    ],
    hints=["Keep the topic rows of the events of the relationship: `topics[topics[\"event_id\"].isin(bilateral)]`. "
           "Each row already has its `article_id`.",
           "`count()` counts rows; `distinct(article_id)` counts the different articles among the rows of each "
           "bar. Put it on x as a quantitative field, and `topic` on y.",
           "`.mark_bar().encode(x=alt.X(\"distinct(article_id):Q\", title=\"Articles\", "
           "axis=rv.count_axis()), y=alt.Y(\"topic:N\", title=\"Topic\", sort=\"-x\"), tooltip=[...])`, "
           "with a title in `alt.Chart(...)`."],
    on_correct="A topic found in one article only rests on one writer's account; the bars that reach every article "
               "are the ones a brief can state with most confidence.",
)

q7 = Question(
    variable="status_dashboard", points=4, kind=ChartAnswer(),
    expected=lambda: ChartSpec(mark="text", channels={
        "y": (Channel("row", "ordinal"),),
        "text": (Channel("summary", "nominal"),),
    }, basics=(Title(),), requires=(
        Subtitle(),
        Description(),
        SideBySide(),
        Draws(_status_counts(_listed()), mark="bar", wrong=(
            (_status_counts(load("events")),
             "Your bars count every event of the table, not only those of the relationship. Draw both charts from "
             "`listed`, the events of the relationship, one row each."),
            (pd.DataFrame({"y": pd.Series(dtype="str"), "x": pd.Series(dtype="int")}),
             "Your dashboard has no bar chart of the events per status yet: a bar chart with `count()` on x and "
             "`status` on y, beside the list."),
        )),
        Selection(on="bar", field="status", responds=None),
        _list_order(None),
        *(AfterClick(field="status", value=status, then=(_list_order(status),)) for status in CLICKED),
        Tooltip(mark="text"),
        AxisTitles(mark="bar"),
        Tooltip(mark="bar"),
    ), model=_model_dashboard()),
    mistakes=[
        Mistake(lambda: alt.Chart(_listed(), title="Events").mark_text().encode(y="event_id:N", text="summary:N"),
                "Your list puts `event_id` on y, so the lines come in alphabetical order of the ids and nothing "
                "keeps the first ten. Number the rows with `transform_window(row=\"row_number()\", "
                "sort=[alt.SortField(\"order\")])` and put `\"row:O\"` on y."),
        Mistake(lambda: alt.Chart(_listed(), title="Events").mark_text().encode(y="order:O", text="summary:N"),
                "Your list puts `order` on y. Those positions were given before the click filters the rows, so a "
                "filtered list keeps gaps and the first ten positions are not the first ten events shown. Number "
                "the rows after the filter with `transform_window(row=\"row_number()\", "
                "sort=[alt.SortField(\"order\")])` and put `\"row:O\"` on y."),
    ],
    hints=["Make two charts from `listed`: bars of `status`, with axis titles and with "
           "`alt.selection_point(fields=[\"status\"])` added to them, and a list drawn with `mark_text`. Join them "
           "with `|`.",
           "The list filters first, then numbers: `.transform_filter(status_pick)`, then "
           "`.transform_window(row=\"row_number()\", sort=[alt.SortField(\"order\")])`, then "
           "`.transform_filter(alt.datum.row <= 10)`.",
           "Encode the list with `y=alt.Y(\"row:O\", title=None, axis=None)`, `x=alt.value(0)`, "
           "`text=\"summary:N\"` and a tooltip; finish with `(status_bars | event_rows).properties(title="
           "alt.Title(\"...\", subtitle=\"...\"), description=\"...\")`."],
    on_correct="Click *planned*, then *ongoing*: a good share of the relationship is intentions and lasting states, "
               "not acts that took place, and a list that mixes them would hide it.",
)

number_questions(globals())
