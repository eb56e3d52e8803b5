"""Questions of exercises/04_the_petro.ipynb: figures by status and unit, honest totals, sources, caveats, text
charts."""

import altair as alt
import pandas as pd

from russia_venezuela.charts import colour_scale
from russia_venezuela.checking import *
from russia_venezuela.data import load

PETRO = r"\bpetro\b"


def _facts():
    figures = load("figures")
    return figures[figures["status"] == "reported_fact"]


def _petro_statuses(pattern=PETRO, case=False):
    events = load("events")
    return events.loc[events["summary"].str.contains(pattern, case=case), "status"]


def _caveat_links():
    caveats = load("source_caveats")
    return caveats.assign(figure_id=caveats["related_ids"].str.split(";")).explode("figure_id")


def _figure_caveats():
    links = _caveat_links()
    return (links.loc[links["figure_id"].str.startswith("fig_", na=False), ["figure_id", "caveat_id", "kind"]]
            .sort_values(["figure_id", "caveat_id"]))


def _by_article_and_status(figures):
    return figures.groupby(["article_id", "status"]).size().reset_index(name="figures")


q1 = Question(
    variable="forum_facts", points=1, kind=NumberAnswer(),
    expected=lambda: int(((load("figures")["article_id"] == "art_004")
                          & (load("figures")["status"] == "reported_fact")).sum()),
    mistakes=[
        Mistake(lambda: int((load("figures")["article_id"] == "art_004").sum()),
                "That is the number of all the figures of `art_004`, targets and claims included. Keep only the "
                "rows whose `status` is `reported_fact` as well."),
        Mistake(lambda: int((load("figures")["status"] == "reported_fact").sum()),
                "That counts the reported facts of every article. Add the second condition, "
                "`figures[\"article_id\"] == \"art_004\"`, and combine the two masks with `&`."),
    ],
    hints=["Two conditions must hold at once: the figure is printed in `art_004`, and its `status` is "
           "`reported_fact`.",
           "Make one mask per condition and combine them with `&`, each inside its own brackets.",
           "`((figures[\"article_id\"] == \"art_004\") & (figures[\"status\"] == \"reported_fact\")).sum()`."],
    on_correct="Remember what the status means: the forum post reports these as facts; nobody is said to have "
               "checked them, and most of them name no source.",
)

q2 = Question(
    variable="petro_status", points=2,
    kind=SeriesAnswer(ordered=True, sort_hint="list the statuses in the codebook's order, with "
                                              "`value_counts(sort=False)`"),
    expected=lambda: _petro_statuses().value_counts(sort=False),
    mistakes=[
        Mistake(lambda: _petro_statuses("petro").value_counts(sort=False),
                "Your search also finds *petro* inside a longer word, so an event about the Petromonagas oil "
                "project is counted. Search for the whole word with the regular expression `r\"\\bpetro\\b\"`."),
        Mistake(lambda: _petro_statuses().astype("str").value_counts(),
                "Your counts leave out the statuses that no petro event has. Keep `status` categorical (do not "
                "convert it with `astype`): a categorical column's `value_counts` lists every category, "
                "even with a count of zero."),
        Mistake(lambda: load("events")["status"].value_counts(sort=False),
                "Your counts cover every event. Keep only the events whose `summary` mentions the petro before "
                "you count their statuses."),
    ],
    hints=["Find the petro events as in the lesson: search `events[\"summary\"]` with `str.contains`, ignoring "
           "capitals, for the whole word *petro*.",
           "The pattern `r\"\\bpetro\\b\"` with `case=False` matches *petro* and *Petro* but not *Petromonagas*. "
           "Then count the `status` of the rows you kept.",
           "`events.loc[events[\"summary\"].str.contains(r\"\\bpetro\\b\", case=False), \"status\"]"
           ".value_counts(sort=False)`."],
    on_correct="The zeros are information too: no petro event is denied or merely alleged. But a count of rows "
               "is not a count of real events: the launch of the petro is told in three articles.",
)

q3 = Question(
    variable="fact_totals", points=2,
    kind=SeriesAnswer(ordered=True, sort_hint="keep the units in the order `groupby` gives them, from A to Z "
                                              "(`.sort_index()` puts them back in it)"),
    expected=lambda: _facts().groupby("unit")["value"].sum(min_count=1),
    mistakes=[
        Mistake(lambda: _facts().groupby("unit")["value"].sum(),
                "Some of your totals are zero where the article gives no number at all (*billions of*, "
                "*several*). `sum()` turns a group without values into 0; `sum(min_count=1)` keeps it missing."),
        Mistake(lambda: load("figures").groupby("unit")["value"].sum(min_count=1),
                "Your totals add up every figure, targets, claims and estimates too. Keep only the rows whose "
                "`status` is `reported_fact` before you group."),
        Mistake(lambda: load("figures").groupby("unit")["value"].sum(),
                "Your totals mix all statuses and turn missing values into 0. Keep only the reported facts first, "
                "and sum with `sum(min_count=1)`."),
        Mistake(lambda: _facts().groupby("unit")["value"].sum(min_count=1).dropna(),
                "You dropped the units whose total is missing. Keep them: a missing total says the article gives "
                "no number for that unit, which is worth seeing."),
        Mistake(lambda: _facts().groupby("unit")["value"].count(),
                "`count()` says how many values each unit has, not what they add up to. Use `sum(min_count=1)`."),
    ],
    hints=["First keep the figures whose `status` is `reported_fact`; then group them by `unit`.",
           "`groupby(\"unit\")[\"value\"]` selects the values of each unit. Which way of summing keeps a group "
           "with no value missing instead of zero?",
           "`facts.groupby(\"unit\")[\"value\"].sum(min_count=1)`, where `facts` holds the reported facts."],
    on_correct="Look at the result: once you keep one status, every unit has a single figure, so there is "
               "nothing honest left to add. Totals of news figures rarely make sense.",
)

q4 = Question(
    variable="unsourced_facts", points=2, kind=ListAnswer(
        ordered=True, order="the order of the `figures` table: a filter keeps that order, so there is no need to "
                            "sort at all"), source_check=True,
    expected=lambda: _facts().loc[lambda frame: frame["attributed_to"].isna(), "figure_id"].tolist(),
    mistakes=[
        Mistake(lambda: load("figures").loc[lambda frame: frame["attributed_to"].isna(), "figure_id"].tolist(),
                "Your list holds every figure without a source, including claims and the estimate. The question "
                "asks only for the figures presented as reported facts."),
        Mistake(lambda: _facts()["figure_id"].tolist(),
                "Your list holds every reported fact, including those whose source the article does name. Keep "
                "only the rows where `attributed_to` is missing (`isna()`)."),
        Mistake(lambda: _facts().loc[lambda frame: frame["source_as_printed"].isna(), "figure_id"].tolist(),
                "`source_as_printed` is empty also when the source is the person speaking (Maduro's own "
                "figures). Whose figure it is, is in `attributed_to`: test that column with `isna()`."),
    ],
    hints=["Two conditions: the `status` is `reported_fact`, and the article names nobody whose figure it is.",
           "The column that says whose figure it is, is `attributed_to`. It is empty (missing) when no source "
           "is named: test it with `.isna()`.",
           "`figures.loc[(figures[\"status\"] == \"reported_fact\") & figures[\"attributed_to\"].isna(), "
           "\"figure_id\"].tolist()`."],
    on_correct="These are numbers the articles state as facts on their own authority: the reader cannot trace "
               "any of them to whoever counted.",
)

q5 = Question(
    variable="figures_by_article", points=2,
    kind=TableAnswer(ordered=True, sort_hint="sort by `article_id`, then by `status` in the codebook's order. Keep "
                                             "`status` categorical: `groupby` then sorts it so, and so does "
                                             "`.sort_values([\"article_id\", \"status\"])`"),
    expected=lambda: _by_article_and_status(load("figures")),
    mistakes=[
        Mistake(lambda: load("figures").groupby(["article_id", "status"], observed=False).size()
                .reset_index(name="figures"),
                "Your table has rows with zero figures. On category columns, `groupby(..., observed=False)` and "
                "`value_counts()` make every pair of article and status, even those that never occur. Keep only "
                "the pairs that occur: `groupby` with its default `observed=True` does, or drop the rows whose "
                "count is zero."),
        Mistake(lambda: _by_article_and_status(load("figures").assign(status=load("figures")["status"].astype("str"))),
                "Within each article your statuses run from A to Z: `status` is no longer a category column (was "
                "it converted with `astype`?), so it sorts as plain text. Keep `status` categorical: `groupby` "
                "then sorts it in the codebook's order."),
        Mistake(lambda: load("figures").groupby(["article_id", "status"]).size().reset_index(),
                "Your counts sit in a column called `0`. Name it when you reset the index: "
                "`.reset_index(name=\"figures\")`."),
        Mistake(lambda: load("figures").groupby(["article_id", "status"]).size().reset_index(name="count"),
                "Your counts are in a column called `count`; the question calls it `figures`. Rename it, or "
                "name it in `.reset_index(name=\"figures\")`."),
        Mistake(lambda: load("figures")[["article_id", "status"]].value_counts().reset_index(),
                "Right idea, but `value_counts()` names the count column `count` and sorts by count. Rename the "
                "column to `figures` and sort by `article_id`, then `status`; or use `groupby([...]).size()`."),
    ],
    hints=["Group by two columns at once, `[\"article_id\", \"status\"]`, and count the rows of each group.",
           "`.size()` counts the rows of each group and gives a Series with two index levels; "
           "`.reset_index(name=...)` turns it into a table and names the count column.",
           "`figures.groupby([\"article_id\", \"status\"]).size().reset_index(name=\"figures\")`."],
    on_correct="art_003 does not appear at all: it prints no figure, so a table of figures says nothing about it.",
)

q6 = Question(
    variable="figure_caveats", points=3,
    kind=TableAnswer(ordered=True, sort_hint="sort by `figure_id`, then by `caveat_id`", column_order=True),
    expected=_figure_caveats,
    mistakes=[
        Mistake(lambda: (load("source_caveats").assign(figure_id=lambda frame: frame["related_ids"].str.split(";"))
                         .loc[lambda frame: frame["figure_id"].str.startswith("fig_", na=False),
                              ["figure_id", "caveat_id", "kind"]]),
                "Your table is empty: after `str.split(\";\")` each cell of `figure_id` holds a list, and a list "
                "does not start with `fig_`. Give each id its own row with `.explode(\"figure_id\")` before you "
                "filter."),
        Mistake(lambda: (load("source_caveats").rename(columns={"related_ids": "figure_id"})
                         .loc[lambda frame: frame["figure_id"].str.startswith("fig_", na=False),
                              ["figure_id", "caveat_id", "kind"]].sort_values(["figure_id", "caveat_id"])),
                "You kept the caveats whose `related_ids` *start* with a figure id, without splitting them. A "
                "caveat can name several rows (`fig_017;fig_018;fig_016`), and a figure can come after an event "
                "id. Split with `str.split(\";\")`, `explode`, then keep the ids that start with `fig_`."),
        Mistake(lambda: (load("source_caveats").rename(columns={"related_ids": "figure_id"})
                         .loc[lambda frame: frame["figure_id"].str.contains("fig_", na=False),
                              ["figure_id", "caveat_id", "kind"]].sort_values(["figure_id", "caveat_id"])),
                "Some of your `figure_id` values still hold several ids joined by `;`. Split them into lists with "
                "`str.split(\";\")`, give each id its own row with `explode`, and only then keep the figure ids."),
        Mistake(lambda: _figure_caveats().sort_values("caveat_id"),
                "The rows are right but sorted by caveat. The question asks for them by `figure_id` first, then "
                "`caveat_id`: `.sort_values([\"figure_id\", \"caveat_id\"])`."),
    ],
    hints=["`related_ids` holds several ids separated by `;`. You need one id per row before you can keep the "
           "figure ids.",
           "`caveats.assign(figure_id=caveats[\"related_ids\"].str.split(\";\"))` makes a column of lists; "
           "`.explode(\"figure_id\")` gives each id its own row. Some caveats have no related ids: "
           "`str.startswith(\"fig_\", na=False)` treats those as not matching.",
           "Then `links.loc[links[\"figure_id\"].str.startswith(\"fig_\", na=False), [\"figure_id\", "
           "\"caveat_id\", \"kind\"]].sort_values([\"figure_id\", \"caveat_id\"])`."],
    on_correct="Read the kinds: most warnings about figures say *vague* or *unattributed*, the two things a "
               "chart of values hides first.",
)

def _joined(first: pd.Series, others: list[pd.Series], na_rep: str | None = "", strip: bool = True) -> pd.Series:
    """Texts joined by single spaces, a missing part left out (`na_rep=""`) or making the whole text missing
    (`na_rep=None`), and spaces at the ends removed if `strip`."""
    joined = first.str.cat(others, sep=" ", na_rep=na_rep)
    return joined.str.strip() if strip else joined


def _shown(figures):
    """How question 7's chart writes each figure: its qualifier, printed value and unit."""
    return _joined(figures["qualifier"].astype("str"), [figures["value_as_printed"], figures["unit"]])


def _slots(figures):
    return figures.groupby(["article_id", "status"]).cumcount()


def _labelled():
    figures = load("figures")
    return figures.assign(shown=_shown(figures), slot=_slots(figures))


MISSING_TEXT = ("Some values of `shown` are missing, and your chart writes *null* for them: joining texts with `+`, "
                "or with `str.cat` without `na_rep`, gives a missing value as soon as one part is missing, and most "
                "figures have no qualifier. Join the parts with `str.cat(..., na_rep=\"\")`, which treats a missing "
                "part as empty.")
SLOTS = ("The values in `slot` are not right: they should number the figures that share an article *and* a status, "
         "from 0, in the order of the table. Check the columns you group by.")


def _mistaken_texts():
    """What the chart writes after a typical slip in making `shown`, with what to say."""
    figures = load("figures")
    qualifier, value, unit = figures["qualifier"].astype("str"), figures["value_as_printed"], figures["unit"]
    return tuple((tuple(texts), diagnosis) for texts, diagnosis in (
        (_joined(qualifier, [value, unit], na_rep=None), MISSING_TEXT),
        (_joined(qualifier, [value, unit], strip=False),
         "Some values of `shown` start with a space, where the figure has no qualifier. Remove it with "
         "`.str.strip()`."),
        (_joined(figures["qualifier"].map(str), [value, unit]),
         "Some values of `shown` contain the word *nan*: a missing qualifier was turned into that text. Keep it "
         "missing (`astype(\"str\")` does) and let `str.cat(..., na_rep=\"\")` leave it out."),
        (_joined(qualifier, [value]),
         "Your `shown` leaves out the unit, so *60* and *52 million* give no hint of what they count. Join the "
         "`unit` too: pass a list of columns to `str.cat`."),
        (_joined(qualifier, [value, figures["unit_as_printed"]]),
         "Your `shown` uses `unit_as_printed`, which is sometimes missing or a sign (*$*). The question asks for "
         "the course's `unit` column."),
        (_joined(value, [unit]),
         "Your `shown` leaves out the qualifier, so *around 60 USD* reads as *60 USD*, a precise figure. Start "
         "from the `qualifier` (as text, with `astype(\"str\")`) and join the value and the unit to it."),
    ))


def _grid(slots=_slots):
    """Where the chart writes each figure: its article, its status, its slot."""
    figures = load("figures")
    return pd.DataFrame({"x": figures["article_id"], "y": figures["status"].astype("str"), "yOffset": slots(figures),
                         "text": _shown(figures)})


def _statuses():
    """The statuses of the figures in the codebook's order, the order of the categories of `figures["status"]`."""
    status = load("figures")["status"]
    return tuple(category for category in status.cat.categories if category in set(status))


STATUS_ORDER = ("Your y axis lists the statuses {how}, not in the codebook's order that the question asks for. "
                "Give `alt.Y` the order to use: `sort=` a list of the statuses in the codebook's order (the "
                "categories of `figures[\"status\"]`).")


def _grid_chart(text="shown:N", y="status:N"):
    """A chart of the kind question 7 asks for, with one channel changed: how a typical mistake looks."""
    return alt.Chart(_labelled(), title="Figures").mark_text().encode(
        x="article_id:N", y=y, yOffset="slot:O", text=text)


def _model_figures_chart():
    """The solution's chart, as question 7 asks for it."""
    figures = load("figures")
    statuses = list(_statuses())
    labelled = _labelled().assign(attributed_to=figures["attributed_to"].fillna("(not said)"))
    return alt.Chart(
        labelled, title="What kind of figure each article prints",
        description="Text chart: every figure of the articles, as printed with its qualifier and unit, in a grid "
                    "of articles (columns) and statuses (rows).",
    ).mark_text(fontSize=12).encode(
        x=alt.X("article_id:N", title="Article",
                axis=alt.Axis(orient="top", labelAngle=0, grid=True, tickBand="extent")),
        y=alt.Y("status:N", title="Status", sort=statuses, axis=alt.Axis(grid=True, tickBand="extent")),
        yOffset=alt.YOffset("slot:O"),
        text=alt.Text("shown:N"),
        color=alt.Color("status:N", title="Status", scale=colour_scale(statuses), legend=None),
        tooltip=[alt.Tooltip("quantity:N", title="What is counted"),
                 alt.Tooltip("value_as_printed:N", title="As printed"),
                 alt.Tooltip("attributed_to:N", title="Whose figure"),
                 alt.Tooltip("evidence:N", title="Evidence")],
    ).properties(width=alt.Step(170), height=alt.Step(16))


q7 = Question(
    variable="figures_chart", points=4, kind=ChartAnswer(),
    expected=lambda: ChartSpec(
        mark="text",
        channels={
            "x": (Channel("article_id", "nominal"), Channel("article_id", "ordinal")),
            "y": (Channel("status", "nominal"), Channel("status", "ordinal")),
            "text": (Channel("shown"),),
            "yOffset": (Channel("slot"),),
        },
        requires=(
            Writes(tuple(_shown(load("figures"))), wrong=_mistaken_texts(),
                   otherwise="The values in `shown` are not right: each should be the qualifier, the printed value "
                             "and the `unit`, joined by single spaces, as in the example of the question."),
            Draws(_grid(), wrong=(
                (_grid(lambda figures: _slots(figures) + 1),
                 "Your `slot` numbers start from 1. Start them from 0, as `cumcount()` does."),
                (_grid(lambda figures: figures.groupby("article_id").cumcount()), SLOTS),
                (_grid(lambda figures: figures.groupby("status").cumcount()), SLOTS),
            )),
            Order(_statuses(), wrong=(
                (sorted(_statuses()), STATUS_ORDER.format(how="from A to Z (Altair's default)")),
                (sorted(_statuses(), reverse=True), STATUS_ORDER.format(how="from Z to A")),
                (tuple(load("figures")["status"].astype("str").drop_duplicates()),
                 STATUS_ORDER.format(how="in the order they first appear in the data")),
            ), otherwise=STATUS_ORDER.format(how="in another order")),
        ),
        data=_labelled()[["figure_id", "article_id", "status", "shown", "slot"]],
        model=_model_figures_chart(),
    ),
    mistakes=[
        Mistake(lambda: _grid_chart(text="value:Q"),
                "Your chart writes the `value` column, a bare number: it loses the qualifiers (*over*, *around*), "
                "the units, and the figures with no number at all. Write the `shown` column on the `text` "
                "channel."),
        Mistake(lambda: _grid_chart(text="value_as_printed:N"),
                "`value_as_printed` alone leaves out the qualifier and the unit, so *60* and *52 million* give no "
                "hint of what they count. Build the `shown` column with `str.cat` and write that."),
        Mistake(lambda: _grid_chart(y="unit:N"),
                "That is the lesson's grid of units. This chart puts the `status` on the y axis, so each cell "
                "holds the figures of one article with one status."),
    ],
    hints=["Prepare the data first: `shown` glues the qualifier (as text), the printed value and the unit with "
           "`str.cat`; `slot` numbers the figures that share an article and a status with `groupby(...).cumcount()`.",
           "`figures[\"qualifier\"].astype(\"str\").str.cat([figures[\"value_as_printed\"], figures[\"unit\"]], "
           "sep=\" \", na_rep=\"\").str.strip()` makes `shown`. Then `alt.Chart(labelled, title=...).mark_text()`.",
           "With `statuses = list(figures[\"status\"].cat.categories)` (the codebook's order), encode "
           "`x=alt.X(\"article_id:N\", title=...)`, `y=alt.Y(\"status:N\", title=..., sort=statuses)`, "
           "`yOffset=alt.YOffset(\"slot:O\")`, `text=alt.Text(\"shown:N\")` and a `tooltip` list."],
    on_correct="Read it article by article: the claims are all ranks (*first*, *second*), and only one estimate "
               "exists, the article's own dollar price of the petro.",
)

number_questions(globals())
