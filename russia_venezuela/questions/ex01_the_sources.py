"""Questions of exercises/01_the_sources.ipynb: shapes, filters, string searches, counts and a first chart."""

import altair as alt
import pandas as pd

from russia_venezuela.checking import *
from russia_venezuela.data import load, raw_text


def _articles_with_text():
    articles = load("articles")
    return articles.assign(text=[raw_text(article_id) for article_id in articles["article_id"]])


q1 = Question(
    variable="forum_words", points=1, kind=NumberAnswer(),
    expected=lambda: load("articles").set_index("article_id").loc["art_004", "word_count"].item(),
    mistakes=[Mistake(lambda: len(raw_text("art_004").split()),
                      "That is the number of pieces `split()` gives, which counts stray dashes and symbols as "
                      "words. The question asks for the data set's own `word_count`.")],
    hints=["The `articles` table has a column `word_count`. You need the value in the row of `art_004`.",
           "Keep the row with a mask, `articles[\"article_id\"] == \"art_004\"`, then select `word_count`.",
           "`articles[articles[\"article_id\"] == \"art_004\"][\"word_count\"]` is a Series of one value; "
           "`.item()` takes the number out."],
)

q2 = Question(
    variable="person_count", points=1, kind=NumberAnswer(),
    expected=lambda: int((load("actors")["kind"] == "person").sum()),
    mistakes=[Mistake(lambda: len(load("actors")),
                      "That is the number of all actors. Keep only the actors whose `kind` is `person` first.")],
    hints=["Load the actors with `rv.load(\"actors\")` and look at the column `kind`.",
           "`actors[\"kind\"] == \"person\"` is a mask: True for every person.",
           "Filter with the mask and count the rows with `len(...)`, or add up the mask with `.sum()` "
           "(True counts as 1)."],
    on_correct="`mask.sum()` and `len(table[mask])` give the same count; the first does not build a new table.",
)

q3 = Question(
    variable="petro_articles", points=2, kind=ListAnswer(
        ordered=True, order="the order of the `articles` table: a mask keeps the rows in that order, so take the "
                            "ids as they come, without sorting"),
    expected=lambda: _articles_with_text().loc[
        lambda frame: frame["text"].str.lower().str.contains("petro", regex=False), "article_id"].tolist(),
    mistakes=[Mistake(lambda: _articles_with_text().loc[
        lambda frame: frame["text"].str.contains("petro", regex=False), "article_id"].tolist(),
        "Your search is case-sensitive, so it misses an article that writes *Petro* with a capital P. "
        "Lower-case the texts first with `.str.lower()`."),
              Mistake(lambda: load("articles").loc[
                  lambda frame: frame["headline"].str.lower().str.contains("petro", regex=False, na=False),
                  "article_id"].tolist(),
                      "You searched the headlines only, and two articles have none. The question asks about the "
                      "whole raw text of each article: add it to the table with `rv.raw_text`, as in the lesson, "
                      "and search that column.")],
    hints=["Add the raw texts to the table as in the lesson: `articles.assign(text=[rv.raw_text(i) for i in "
           "articles[\"article_id\"]])`.",
           "`.str.contains(\"petro\")` makes a mask, but it only finds lower-case *petro*.",
           "Chain `.str.lower()` before `.str.contains(...)`, filter the rows, and turn the `article_id` column into "
           "a list with `.tolist()`."],
    on_correct="Remember the lesson's warning, though: *petro* also matches inside *Petroleos* and *Petromonagas*. "
               "A string search counts letters, not the cryptocurrency.",
)

# Labels a learner may give the missing countries instead of keeping them missing (NaN).
OWN_LABELS_FOR_MISSING = ["none", "None", "unknown", "Unknown", "no country", "No country", "missing", "Missing",
                          "nan", "NaN", "", "-", "?"]


def _counts_with_label(label):
    return load("actors")["country"].fillna(label).value_counts()


q4 = Question(
    variable="actors_per_country", points=2, kind=SeriesAnswer(),
    expected=lambda: load("actors")["country"].value_counts(dropna=False),
    mistakes=[Mistake(lambda: load("actors")["country"].value_counts(),
                      "Your counts leave out the actors that have no country. `value_counts()` skips missing "
                      "values unless you pass `dropna=False`.")]
    + [Mistake(lambda label=label: _counts_with_label(label),
               "You counted the actors with no country under a label of your own. The question wants them under "
               "the missing value itself, `NaN`: leave the gaps as they are (no `fillna`) and count them with "
               "`value_counts(dropna=False)`.") for label in OWN_LABELS_FOR_MISSING],
    hints=["Count the values of the column `country` of the actors table with `value_counts()`. By default it "
           "leaves out missing values; its parameter `dropna` decides whether they are counted.",
           "`value_counts(dropna=False)` counts the missing countries too, under `NaN`. Keep them missing: do not "
           "fill them with a label of your own.",
           "`actors[\"country\"].value_counts(dropna=False)`."],
    on_correct="The missing countries are a choice of the data set: the texts do not tie those actors to a country.",
)

q5 = Question(
    variable="media_actors", points=2, kind=TableAnswer(ordered=True, sort_hint="sort by `name`"),
    expected=lambda: load("actors").loc[lambda frame: frame["kind"] == "media", ["name", "article_id"]]
    .sort_values("name"),
    mistakes=[Mistake(lambda: load("actors").loc[lambda frame: frame["kind"] == "media", ["name", "article_id"]],
                      "The rows are right but in the table's own order. The question asks for them sorted by name: "
                      "`.sort_values(\"name\")`.")],
    hints=["Filter the actors whose `kind` is `media`.",
           "Select the two columns with a list inside square brackets: `[[\"name\", \"article_id\"]]`.",
           "Finish with `.sort_values(\"name\")`: it returns a new, sorted table."],
)


# Question 6: a first chart. What its bars show: one per article, as long as the rows counted for it.

def _article_counts(article_ids: pd.Series) -> pd.DataFrame:
    """The rows per article, as `value_counts().reset_index()` gives them: `article_id` and `count`."""
    return article_ids.value_counts().reset_index()


def _bars(article_ids: pd.Series) -> pd.DataFrame:
    """What such a chart draws: each bar's article (y) and length (x)."""
    return _article_counts(article_ids).rename(columns={"article_id": "y", "count": "x"})


def _every_mention() -> pd.Series:
    return load("actor_mentions")["article_id"]


def _once_per_article() -> pd.Series:
    return load("actor_mentions")[["actor_id", "article_id"]].drop_duplicates()["article_id"]


EVERY_MENTION = ("Your bars count the rows of `actor_mentions`, every time an actor is named. The question asks where "
                 "each actor is *first* named: count the rows of `actors`.")
EVERY_ARTICLE = ("Your bars count every actor that `actor_mentions` names in each article, so an actor named in "
                 "several articles is counted in each of them. The question asks where each actor is *first* named: "
                 "count the rows of `actors`, one per actor, by their `article_id`.")


def _model_actors_chart() -> alt.Chart:
    """The solution's chart, as question 6 asks for it."""
    return alt.Chart(_article_counts(load("actors")["article_id"]), title="Where each actor is first named",
                     description="Bar chart of the number of actors first named in each article.").mark_bar().encode(
        x=alt.X("count:Q", title="Actors first named"),
        y=alt.Y("article_id:N", title="Article", sort="-x"),
        tooltip=[alt.Tooltip("article_id:N", title="Article"), alt.Tooltip("count:Q", title="Actors")])


def _mentions_chart(article_ids: pd.Series) -> alt.Chart:
    return alt.Chart(_article_counts(article_ids), title="Mentions").mark_bar().encode(x="count:Q", y="article_id:N")


q6 = Question(
    variable="actors_chart", points=3, kind=ChartAnswer(),
    expected=lambda: ChartSpec(
        mark="bar",
        channels={"x": (Channel(None, "quantitative"),), "y": (Channel("article_id", "nominal"),)},
        # What the bars must show, however the learner named the count or wherever they counted.
        requires=(Draws(_bars(load("actors")["article_id"]), wrong=(
            (_bars(_every_mention()), EVERY_MENTION),
            (_bars(_once_per_article()), EVERY_ARTICLE),
        )),),
        model=_model_actors_chart(),
    ),
    mistakes=[Mistake(lambda: alt.Chart(load("actors")["kind"].value_counts().reset_index(), title="Kinds")
                      .mark_bar().encode(x="count:Q", y="kind:N"),
                      "That is the lesson's chart of kinds of actor. This one needs one bar per article: put "
                      "`article_id` on the y axis."),
              Mistake(lambda: _mentions_chart(_every_mention()), EVERY_MENTION),
              Mistake(lambda: _mentions_chart(_once_per_article()), EVERY_ARTICLE)],
    hints=["Count the actors per article: `actors[\"article_id\"].value_counts().reset_index()` gives a table "
           "with the columns `article_id` and `count`.",
           "Start from `alt.Chart(counts, title=\"...\")`, add `.mark_bar()`, then `.encode(x=..., y=..., "
           "tooltip=[...])`.",
           "Encode `x=alt.X(\"count:Q\", title=\"Actors\")`, `y=alt.Y(\"article_id:N\", title=\"Article\")` and "
           "`tooltip=[\"article_id\", \"count\"]`."],
)

q7 = Question(
    variable="inferred_year_articles", points=2, kind=ListAnswer(), source_check=True,
    expected=lambda: load("articles").loc[lambda frame: frame["published_basis"] == "inferred", "article_id"].tolist(),
    mistakes=[Mistake(lambda: load("articles").loc[lambda frame: frame["published"].notna(), "article_id"].tolist(),
                      "Your list holds every article with a date, including the one whose date is printed "
                      "(`stated`). The question asks only for dates the coders worked out from the text.")],
    hints=["Each article's `published_basis` says how its date is known: `stated`, `inferred` or `undetermined`.",
           "Filter the articles whose `published_basis` is `inferred`.",
           "Select `article_id` of those rows and finish with `.tolist()`."],
    on_correct="Read their `published_reasoning`: both years rest on words such as *last year* and *in 2018*, "
               "not on a printed date.",
)

number_questions(globals())
