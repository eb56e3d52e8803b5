"""Questions of exercises/03_who_is_who.ipynb: merges with checked keys, counts per group, self-merges and a heatmap."""


import altair as alt
import pandas as pd

from russia_venezuela.checking import *
from russia_venezuela.data import load


def _named():
    """Participant rows with the actor's name and kind (one row per actor per event)."""
    return load("event_participants").merge(load("actors")[["actor_id", "name", "kind"]], on="actor_id", how="left",
                                 validate="many_to_one")


def _who():
    """Participant rows with the actor's name and kind and the event's kind and status."""
    events = load("events")[["event_id", "event_kind", "status"]]
    return _named().merge(events, on="event_id", how="left", validate="many_to_one")


# Question 3: actors in events of at least two articles.

def _articles_per_name():
    return _named().groupby("name")["article_id"].nunique()


def _multi_article_names(at_least=2):
    per_name = _articles_per_name()
    return sorted(per_name[per_name >= at_least].index.tolist())


def _rows_per_name_names():
    rows = _named().groupby("name").size()
    return sorted(rows[rows >= 2].index.tolist())


def _mentioned_in_two_articles():
    mentions = load("actor_mentions").merge(load("actors")[["actor_id", "name"]], on="actor_id", how="left",
                                            validate="many_to_one")
    per_name = mentions.groupby("name")["article_id"].nunique()
    return sorted(per_name[per_name >= 2].index.tolist())


def _multi_article_ids():
    per_id = load("event_participants").groupby("actor_id")["article_id"].nunique()
    return sorted(per_id[per_id >= 2].index.tolist())


# Question 4: mentions whose link to an actor is the coders' reading.

def _mentions_with_names(mask_of):
    mentions = load("actor_mentions")
    chosen = mentions[mask_of(mentions)]
    return chosen.merge(load("actors")[["actor_id", "name"]], on="actor_id", how="left",
                        validate="many_to_one")[["article_id", "name_as_printed", "name"]]


def _inferred_with_all_actor_columns():
    mentions = load("actor_mentions")
    return mentions[mentions["basis"] == "inferred"].merge(load("actors"), on="actor_id", how="left",
                                                           validate="many_to_one")


# Question 5: Maduro's partners.

def _pairs(cast):
    return cast.merge(cast, on="event_id", suffixes=("", "_other"), validate="many_to_many")


def _maduro_partners(drop_self=True, sort=True):
    pairs = _pairs(_named()[["event_id", "name"]])
    pairs = pairs[pairs["name"] == "Nicolás Maduro"]
    if drop_self:
        pairs = pairs[pairs["name_other"] != "Nicolás Maduro"]
    table = (pairs.groupby("name_other").size().reset_index(name="events")
             .rename(columns={"name_other": "name"}))
    if sort:
        table = table.sort_values(["events", "name"], ascending=[False, True])
    return table


# Question 6: heatmap of actor kinds by event status.

def _kind_status(observed=True):
    return _who().groupby(["kind", "status"], observed=observed).size().reset_index(name="rows")


def _cells(counts) -> pd.DataFrame:
    """What a heatmap of such counts draws: a cell per row, at its status (x) and kind (y), coloured by its rows."""
    counts = counts.astype({"kind": "str", "status": "str"})
    return pd.DataFrame({"x": counts["status"], "y": counts["kind"], "color": counts["rows"]})


EMPTY_PAIRS = ("Your heatmap has a cell for every pair of kind and status, also the pairs with no participant rows at "
               "all: `kind` and `status` are categorical columns, and `value_counts()` or `groupby(..., "
               "observed=False)` keep every pair of their categories. Count with "
               "`groupby([\"kind\", \"status\"]).size().reset_index(name=\"rows\")`, which keeps only the pairs "
               "that occur.")


def _model_heatmap() -> alt.Chart:
    """The solution's chart, as question 6 asks for it."""
    return alt.Chart(
        _kind_status(),
        title="What kinds of actors take part in events of what status",
        description="Heatmap: for each kind of actor and each status of event, the number of participant rows.",
    ).mark_rect().encode(
        x=alt.X("status:N", title="Event status"),
        y=alt.Y("kind:N", title="Kind of actor"),
        color=alt.Color("rows:Q", title="Participant rows", scale=alt.Scale(type="log")),
        tooltip=[alt.Tooltip("kind:N", title="Kind of actor"), alt.Tooltip("status:N", title="Event status"),
                 alt.Tooltip("rows:Q", title="Participant rows")])


def _heatmap_spec():
    return ChartSpec(mark="rect", channels={
        "x": (Channel("status", "nominal"), Channel("status", "ordinal")),
        "y": (Channel("kind", "nominal"), Channel("kind", "ordinal")),
        "color": (Channel("rows", "quantitative"),),
    }, requires=(Draws(_cells(_kind_status()), wrong=((_cells(_kind_status(observed=False)), EMPTY_PAIRS),)),),
        model=_model_heatmap())


# Question 7: who is reported meeting whom.

_ALL_STATUSES = ("occurred", "ongoing", "planned", "not_occurred", "alleged")


def _meeting_pairs(kinds=("meeting", "visit"), statuses=("occurred",), both_orders=False):
    who = _who()
    chosen = who[who["status"].isin(list(statuses))]
    if kinds is not None:
        chosen = chosen[chosen["event_kind"].isin(list(kinds))]
    pairs = _pairs(chosen[["event_id", "name"]])
    keep = pairs["name"] != pairs["name_other"] if both_orders else pairs["name"] < pairs["name_other"]
    return (pairs[keep].groupby(["name", "name_other"]).size().reset_index(name="events")
            .sort_values(["events", "name", "name_other"], ascending=[False, True, True]))


q1 = Question(
    variable="active_actors", points=1, kind=NumberAnswer(),
    expected=lambda: load("event_participants")["actor_id"].nunique(),
    mistakes=[
        Mistake(lambda: len(load("event_participants")),
                "That is the number of participant rows. An actor who takes part in several events has several "
                "rows, so you counted some actors more than once. The question asks how many *different* actors "
                "there are: count each `actor_id` only once."),
        Mistake(lambda: len(load("actors")),
                "That is the number of all the actors in the data, including those the articles only name "
                "(they are in `actors` and `actor_mentions`, but in no event). Count the different `actor_id` "
                "values in `event_participants` instead."),
    ],
    hints=["The actors that take part in events are the ones whose `actor_id` appears in `event_participants`.",
           "Many participant rows share the same `actor_id`. A Series method counts how many *different* values "
           "a column holds, each once: the lesson uses it to count the articles of each actor.",
           "`participants[\"actor_id\"].nunique()` counts the distinct ids."],
    on_correct="The other actors of the `actors` table are only named by the articles: no coded event involves them.",
)

q2 = Question(
    variable="rows_per_kind", points=2, kind=SeriesAnswer(),
    expected=lambda: _named().groupby("kind").size(),
    mistakes=[
        Mistake(lambda: load("actors")["kind"].value_counts(),
                "You counted the actors of each kind in the `actors` table. The question asks for participant "
                "rows: merge `participants` with `actors` first, so every participant row gets its actor's kind, "
                "then count."),
        Mistake(lambda: _named().groupby("kind")["actor_id"].nunique(),
                "You counted the different actors of each kind. The question asks how many participant rows each "
                "kind has: an actor in many events counts many times. Use `.size()` instead of `.nunique()`."),
        Mistake(lambda: _named().groupby("kind", observed=False).size(),
                "Almost: your Series also lists a kind with a count of zero. `kind` is a categorical column, and "
                "`value_counts()` or `groupby(..., observed=False)` list every category, even one with no rows. "
                "Use `groupby(\"kind\").size()`, which keeps only the kinds that occur."),
    ],
    hints=["The kind of an actor is in `actors`, the participant rows in `event_participants`: join them on "
           "`actor_id`.",
           "`participants.merge(actors[[\"actor_id\", \"kind\"]], on=\"actor_id\", how=\"left\", "
           "validate=\"many_to_one\")` gives every participant row its actor's kind.",
           "On the merged table, `.groupby(\"kind\").size()` counts the rows of each kind; "
           "`.sort_values(ascending=False)` puts the largest first."],
    on_correct="States lead because the articles often name countries, not people, as the ones who act: "
               "a count of participations measures the coding as much as the actors.",
)

q3 = Question(
    variable="multi_article_actors", points=2, kind=ListAnswer(
        ordered=True, order="alphabetical order, A to Z: `sorted(...)`, or `.sort_values()` without "
                            "`ascending=False`"),
    expected=_multi_article_names,
    mistakes=[
        Mistake(_rows_per_name_names,
                "You counted participant rows, so an actor with two events in the same article passes. The "
                "question asks for different *articles*: per actor, count how many different `article_id` values "
                "its rows have, not how many rows it has."),
        Mistake(lambda: _multi_article_names(at_least=3),
                "Your list leaves out the actors in exactly two articles. \"At least two\" means `>= 2`, "
                "not `> 2`."),
        Mistake(_mentioned_in_two_articles,
                "You used `actor_mentions`, which counts the articles that *name* an actor. The question asks "
                "about the articles of the events an actor takes part in: use `event_participants`."),
        Mistake(_multi_article_ids,
                "Your list holds actor ids. The question asks for the actors' names: give every participant "
                "row its actor's name first (from `actors`, matched on `actor_id`), then count per name."),
        Mistake(lambda: _articles_per_name()[lambda counts: counts >= 2].tolist(),
                "Your answer holds the numbers of articles, not the names. After the filter, the names are the "
                "index of your Series: take them with `.index`, then sort them."),
    ],
    hints=["Each participant row has the `article_id` of the article that tells the event. Give every row the "
           "actor's name first.",
           "`groupby(\"name\")[\"article_id\"].nunique()` counts the different articles per actor; keep the "
           "counts that are at least two.",
           "`per_actor = named.groupby(\"name\")[\"article_id\"].nunique()`, then "
           "`sorted(per_actor[per_actor >= 2].index)`."],
    on_correct="Only about one actor in four crosses from one article to another, and just two of them are "
               "people, Maduro and Putin: each text tells its own story.",
)

q4 = Question(
    variable="inferred_mentions", points=2, kind=TableAnswer(column_order=True), source_check=True,
    expected=lambda: _mentions_with_names(lambda frame: frame["basis"] == "inferred"),
    mistakes=[
        Mistake(lambda: _mentions_with_names(lambda frame: frame["name_kind"] == "title_reference"),
                "You kept the title references (`name_kind`). A title can still be tied to a name by the article "
                "itself; the question asks for the links the coders inferred: filter on `basis`."),
        Mistake(lambda: _mentions_with_names(lambda frame: frame["basis"].notna()),
                "Your table has every mention. Keep only the rows whose `basis` is `inferred` before the merge."),
        Mistake(lambda: _inferred_with_all_actor_columns(),
                "You merged the whole `actors` table, so your table has every column of both tables, and the "
                "columns both have are renamed with `_x` and `_y`. Merge only `actors[[\"actor_id\", \"name\"]]`, "
                "then keep the three columns the question names."),
        Mistake(lambda: _inferred_with_all_actor_columns()[["article_id_x", "name_as_printed", "name"]],
                "`article_id_x` is the mentions' `article_id`, renamed because `actors` has a column of the same "
                "name. Merge only `actors[[\"actor_id\", \"name\"]]`, so no column is renamed."),
        Mistake(lambda: _mentions_with_names(lambda frame: frame["basis"] == "stated"),
                "You kept the mentions the articles state themselves. The question asks for the opposite: "
                "`basis` equal to `inferred`."),
    ],
    hints=["In `actor_mentions`, `basis` says whether the article itself ties a name to the actor (`stated`) or the "
           "coders did (`inferred`).",
           "Filter the mentions on `basis`, then merge with `actors[[\"actor_id\", \"name\"]]` on `actor_id` "
           "(`validate=\"many_to_one\"`).",
           "`mentions[mentions[\"basis\"] == \"inferred\"].merge(actors[[\"actor_id\", \"name\"]], on=\"actor_id\", "
           "how=\"left\", validate=\"many_to_one\")[[\"article_id\", \"name_as_printed\", \"name\"]]`."],
    on_correct="Each of these rows is a reading, not a fact: another reader might take \"the minister\" for "
               "someone else, and every count that uses the link inherits that choice.",
)

_NOT_RENAMED = ("Your counts are right, but the other actor is still in a column called `name_other`; the question "
                "calls that column `name`. Rename it: `.rename(columns={\"name_other\": \"name\"})`.")

q5 = Question(
    variable="maduro_partners", points=3,
    kind=TableAnswer(ordered=True, sort_hint="most shared events first, ties by `name` "
                                             "(`.sort_values([\"events\", \"name\"], ascending=[False, True])`)"),
    expected=_maduro_partners,
    mistakes=[
        Mistake(lambda: _maduro_partners(drop_self=False),
                "Your table pairs Maduro with himself: a self-merge matches every participant with every participant "
                "of the same event, itself included. Drop the rows where both names are the same."),
        Mistake(lambda: _maduro_partners().rename(columns={"name": "name_other"}),
                _NOT_RENAMED),
        Mistake(lambda: _maduro_partners(sort=False).rename(columns={"name": "name_other"}),
                _NOT_RENAMED),
        Mistake(lambda: _maduro_partners(sort=False),
                "The rows are right but in alphabetical order. The question asks for the most shared events first: "
                "`.sort_values([\"events\", \"name\"], ascending=[False, True])`."),
    ],
    hints=["Give every participant row its actor's name, keep the columns `event_id` and `name`, and merge that "
           "table with itself on `event_id`.",
           "With `suffixes=(\"\", \"_other\")` the second copy's column is `name_other`. Keep the rows where `name` "
           "is Maduro and `name_other` is not.",
           "`pairs.groupby(\"name_other\").size().reset_index(name=\"events\")`, then rename `name_other` to `name` "
           "(`.rename(columns={\"name_other\": \"name\"})`) and sort."],
    on_correct="Sharing an event is not meeting: check `role` and `event_kind` before you read a row as a "
               "partnership.",
)

q6 = Question(
    variable="status_heatmap", points=3, kind=ChartAnswer(),
    expected=_heatmap_spec,
    mistakes=[
        Mistake(lambda: alt.Chart(_kind_status(), title="Kinds and statuses").mark_bar().encode(
                    x="rows:Q", y="kind:N", color="status:N"),
                "That is a stacked bar chart, which is a fine chart, but this question asks for a heatmap: use "
                "`.mark_rect()` with `status` on x, `kind` on y and `rows` as the colour."),
        Mistake(lambda: alt.Chart(_who(), title="Kinds and statuses").mark_rect().encode(
                    x="status:N", y="kind:N", color="count():Q"),
                "Altair can count for you, but this question asks for the counts made with pandas first: "
                "`groupby([\"kind\", \"status\"]).size().reset_index(name=\"rows\")`, then `rows:Q` as the colour."),
        Mistake(lambda: alt.Chart(_who()[["kind", "status"]].value_counts().reset_index(),
                                  title="Kinds and statuses").mark_rect().encode(
                    x="status:N", y="kind:N", color="count:Q"),
                "You counted with `value_counts()`: its column is called `count`, and on categorical columns it "
                "also keeps the pairs of kind and status that have no rows at all. Count with "
                "`groupby([\"kind\", \"status\"]).size().reset_index(name=\"rows\")` and colour by `rows:Q`."),
        Mistake(lambda: alt.Chart(_kind_status(), title="Kinds and statuses").mark_rect().encode(
                    x="kind:N", y="status:N", color="rows:Q"),
                "Your axes are swapped. Put `status` on x and `kind` on y."),
    ],
    hints=["Count first: merge participants with actors (for `kind`) and with events (for `status`), then "
           "`groupby([\"kind\", \"status\"]).size().reset_index(name=\"rows\")`.",
           "`alt.Chart(counts, title=..., description=...).mark_rect().encode(x=..., y=..., color=..., "
           "tooltip=[...])`.",
           "Encode `x=alt.X(\"status:N\", title=\"Event status\")`, `y=alt.Y(\"kind:N\", title=\"Kind of actor\")` "
           "and `color=alt.Color(\"rows:Q\", title=\"Participant rows\")`."],
    on_correct="Only part of the states' participations are things that occurred: much of what the articles say "
               "about countries is ongoing or planned.",
)

q7 = Question(
    variable="meeting_pairs", points=4, source_check=True,
    kind=TableAnswer(ordered=True, sort_hint="most events first, ties by `name`, then by `name_other`"),
    expected=_meeting_pairs,
    mistakes=[
        Mistake(lambda: _meeting_pairs(statuses=_ALL_STATUSES),
                "Your pairs include meetings and visits that are only planned or ongoing. The question asks for "
                "what the articles say happened: keep `status == \"occurred\"` before the self-merge."),
        Mistake(lambda: _meeting_pairs(both_orders=True),
                "Every pair is in your table twice, once in each order. Keep each pair once with "
                "`pairs[\"name\"] < pairs[\"name_other\"]` instead of `!=`."),
        Mistake(lambda: _meeting_pairs(kinds=("meeting",)),
                "You kept the meetings only. Visits count too: filter with "
                "`event_kind.isin([\"meeting\", \"visit\"])`."),
        Mistake(lambda: _meeting_pairs(statuses=_ALL_STATUSES, both_orders=True),
                "Two things: your pairs include meetings and visits that did not (or not yet) happen, so keep "
                "`status == \"occurred\"`; and every pair is in your table twice, so keep `name < name_other`."),
        Mistake(lambda: _meeting_pairs(kinds=None),
                "Your pairs come from every kind of event, sanctions and statements included. Sharing an event is "
                "not meeting: keep only the events whose `event_kind` is `meeting` or `visit`."),
        Mistake(lambda: _meeting_pairs(kinds=("meeting",), both_orders=True),
                "Two things: visits count too (`isin([\"meeting\", \"visit\"])`), and every pair is in your table "
                "twice, once in each order; keep `name < name_other`."),
    ],
    hints=["Build one table with `event_id`, `name`, `event_kind` and `status` (two merges), and keep the "
           "meetings and visits whose status is `occurred`.",
           "Merge `cast = chosen[[\"event_id\", \"name\"]]` with itself on `event_id` "
           "(`suffixes=(\"\", \"_other\")`) and keep the rows where `name < name_other`: each pair once, no actor "
           "paired with itself.",
           "`pairs.groupby([\"name\", \"name_other\"]).size().reset_index(name=\"events\")`, then "
           "`.sort_values([\"events\", \"name\", \"name_other\"], ascending=[False, True, True])`."],
    on_correct="Some of these links rest on inferred participations (`basis`): a visit \"to Russia\" read as "
               "Russia hosting it counts as Russia meeting the visitor.",
)

number_questions(globals())
