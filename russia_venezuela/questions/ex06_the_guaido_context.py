"""Questions of exercises/06_the_guaido_context.ipynb: who says what, through whom, and how directly.

They practise the lesson's skills on the same tables: a text search with a `|` pattern, `Series.map` with a
Series, `crosstab` with filled missing values, looping over a `groupby`, `Series.where`, and a stacked bar
chart whose pieces are single quotes (`detail`, a white `stroke`).
"""

import altair as alt
import pandas as pd

from russia_venezuela.checking import *
from russia_venezuela.data import load, raw_text

GUAIDO_SIDE = "guaidó|opposition|national assembly"
NOT_SAID = "not said"
NO_SOURCE = "no source"
NOT_IDENTIFIED = "(not identified)"


def _texts() -> pd.Series:
    """The raw text of every article, indexed by article id (the lesson's dictionary comprehension)."""
    return pd.Series({article_id: raw_text(article_id) for article_id in load("articles")["article_id"]})


def _actor_names() -> pd.Series:
    return load("actors").set_index("actor_id")["name"]


# Question 1: a search with a | pattern, counted in every text.

def _guaido_side_count(pattern: str = GUAIDO_SIDE, lower: bool = True) -> int:
    texts = _texts().str.lower() if lower else _texts()
    return int(texts.str.count(pattern).sum())


q1 = Question(
    variable="guaido_side_mentions", points=1, kind=NumberAnswer(),
    expected=lambda: _guaido_side_count(),
    mistakes=[
        Mistake(lambda: int(_texts().str.lower().str.contains(GUAIDO_SIDE).sum()),
                "Your total is far too small. Either you used `str.contains`, which gives one True or False per "
                "text, so its sum counts articles, not mentions (`str.count` counts every occurrence); or your "
                "search is case-sensitive and misses the names written with capitals (chain `.str.lower()` "
                "before counting)."),
        Mistake(lambda: _guaido_side_count("guaidó"),
                "You counted Guaidó's own name only. The question also counts *opposition* and *National "
                "Assembly*: write the three as one pattern joined by `|`."),
        Mistake(lambda: _guaido_side_count("guaido|opposition|national assembly"),
                "Your pattern misses Guaidó himself: the text writes his name with an accent, *Guaidó*. "
                "Copy the name with its ó."),
        Mistake(lambda: _guaido_side_count("guaidó|opposition"),
                "Your pattern leaves out *National Assembly*, the body Guaidó presides. Add it to the pattern "
                "with one more `|`, in lower case like the rest."),
        Mistake(lambda: _guaido_side_count("guaidó|national assembly"),
                "Your pattern leaves out *opposition*. Add it to the pattern with one more `|`."),
        Mistake(lambda: _guaido_side_count() + 1,
                "Your total is too high, so something is counted that the question does not ask for. Count only "
                "the three names it lists (a word such as *interim president* is not one of them), and count "
                "each mention once: if you add up separate counts, *Juan Guaidó* and *Guaidó* find the same "
                "mention twice. One pattern joined by `|` counts every mention once."),
        Mistake(lambda: _guaido_side_count("guaidó | opposition | national assembly"),
                "Your pattern has spaces around `|`. They become part of the words searched for, so a name at "
                "the start of a sentence or before a comma is missed. Write the pattern without them."),
    ],
    hints=["Build a Series of the raw texts indexed by article id, as in the lesson: "
           "`pd.Series({article_id: rv.raw_text(article_id) for article_id in articles[\"article_id\"]})`.",
           "Lower-case the texts with `.str.lower()`, then count a pattern in which `|` means *or*: "
           "`\"guaidó|opposition|national assembly\"`.",
           "`texts.str.lower().str.count(\"guaidó|opposition|national assembly\")` gives one count per article; "
           "add them up with `.sum()`."],
    on_correct="Every one of these mentions sits in `art_004`, the forum repost: the other four texts never name "
               "Guaidó's side at all.",
)


# Question 2: Series.map with a Series, then value_counts with the missing values labelled.

def _figure_sources(lookup: pd.Series | None = None) -> pd.Series:
    lookup = _actor_names() if lookup is None else lookup
    return load("figures")["attributed_to"].map(lookup)


q2 = Question(
    variable="figure_sources", points=2, kind=SeriesAnswer(),
    expected=lambda: _figure_sources().fillna(NO_SOURCE).value_counts(),
    mistakes=[
        Mistake(lambda: _figure_sources().value_counts(),
                "Your counts leave out the figures that nobody is named for: `value_counts()` skips missing "
                "values. Label them with `.fillna(\"no source\")` before counting."),
        Mistake(lambda: _figure_sources().value_counts(dropna=False),
                "The counts are right, but the unsourced figures are labelled NaN. Give them the label "
                "`no source` with `.fillna(\"no source\")` before counting."),
        Mistake(lambda: load("figures")["attributed_to"].fillna(NO_SOURCE).value_counts(),
                "Your labels are actor ids such as `act_maduro`. Look the names up: `.map(...)` with a Series of "
                "names indexed by `actor_id`."),
        Mistake(lambda: load("figures")["attributed_to"].value_counts(),
                "Your labels are actor ids such as `act_maduro`, and the figures that nobody is named for are "
                "left out, because `value_counts()` skips missing values. Look the names up with `.map(...)` and "
                "a Series of names indexed by `actor_id`, then label the gaps with `.fillna(\"no source\")` "
                "before counting."),
        Mistake(lambda: _figure_sources().fillna(NO_SOURCE).value_counts(normalize=True),
                "Those are shares, not counts: `normalize=True` divides by the total. Leave it out to count the "
                "figures of each source."),
        Mistake(lambda: _figure_sources().fillna("No source").value_counts(),
                "Almost: write the label for the figures without a source exactly as the question gives it, "
                "`no source`, in lower case."),
        Mistake(lambda: _figure_sources(load("actors")["name"]).fillna(NO_SOURCE).value_counts(),
                "Every figure came out without a source, because the lookup Series is indexed `0, 1, 2, ...`, "
                "not by actor id, so no id is found in it. Use `actors.set_index(\"actor_id\")[\"name\"]`."),
    ],
    hints=["Make a lookup Series of names indexed by actor id: `actors.set_index(\"actor_id\")[\"name\"]`.",
           "`figures[\"attributed_to\"].map(lookup)` gives each figure's source by name, and a missing value where "
           "no one is named.",
           "Chain `.fillna(\"no source\")` and then `.value_counts()`."],
    on_correct="Most figures come with nobody named for them: the article asserts them in its own voice, which is "
               "why the caveats table flags unsourced figures.",
)


# Question 3 (reading the sources): direct quotes whose speaker the article does not itself name.

def _direct_quotes_of(condition) -> list:
    quotes = load("quotes")
    keep = (quotes["directness"] == "direct") & condition(quotes)
    return quotes.loc[keep, "quote_id"].tolist()


q3 = Question(
    variable="unnamed_direct_quotes", points=2, kind=ListAnswer(
        ordered=True, order="the order of the `quotes` table: leave out `reverse=True` or `ascending=False`, or keep "
                            "the rows in the order the table has them"), source_check=True,
    expected=lambda: _direct_quotes_of(lambda quotes: quotes["speaker_basis"] != "stated"),
    mistakes=[
        Mistake(lambda: _direct_quotes_of(lambda quotes: quotes["speaker_basis"] == "unknown"),
                "Your list holds only the quotes whose speaker could not be identified at all. A speaker the "
                "coders *inferred* is not named by the article either: keep every `speaker_basis` other than "
                "`stated`."),
        Mistake(lambda: _direct_quotes_of(lambda quotes: quotes["speaker_basis"] == "inferred"),
                "Your list leaves out the quotes whose speaker is `unknown`. Not stated means `inferred` or "
                "`unknown`: compare with `!= \"stated\"`."),
        Mistake(lambda: load("quotes").loc[lambda quotes: quotes["speaker_basis"] != "stated", "quote_id"].tolist(),
                "Your list also holds paraphrased words (`reported`). The question asks only for words printed in "
                "quotation marks: add the condition `quotes[\"directness\"] == \"direct\"` with `&`."),
    ],
    hints=["Two columns matter: `directness` (`direct` or `reported`) and `speaker_basis` (`stated`, `inferred` "
           "or `unknown`).",
           "Build two masks and combine them with `&`, each inside its own parentheses.",
           "`(quotes[\"directness\"] == \"direct\") & (quotes[\"speaker_basis\"] != \"stated\")`; keep those rows "
           "and turn their `quote_id` into a list with `.tolist()`."],
    on_correct="Quotation marks vouch for the words, not for the speaker: for these quotes who spoke is our reading "
               "of a title, a pronoun or the context (\"the minister\", \"he\"), or not known at all, and some of "
               "them carry a caveat for it.",
)


# Question 4: crosstab with the missing medium labelled.

def _medium_said() -> pd.Series:
    return load("quotes")["medium"].astype("str").fillna(NOT_SAID)


q4 = Question(
    variable="media_per_article", points=2, kind=TableAnswer(index=True),
    expected=lambda: pd.crosstab(load("quotes")["article_id"], _medium_said()),
    mistakes=[
        Mistake(lambda: pd.crosstab(load("quotes")["article_id"], load("quotes")["medium"]),
                "Your table leaves out every quote whose medium the article does not give: `crosstab` silently "
                "skips missing values. Label them first with `.astype(\"str\").fillna(\"not said\")`."),
        Mistake(lambda: pd.crosstab(_medium_said(), load("quotes")["article_id"]),
                "Rows and columns are swapped. The first argument of `pd.crosstab` gives the rows: put the "
                "article ids first and the media second."),
        Mistake(lambda: pd.crosstab(load("quotes")["article_id"], _medium_said(), margins=True, margins_name="all"),
                "Your table has totals added (`margins=True`). The question asks for the counts only: leave "
                "the margins out."),
        Mistake(lambda: pd.crosstab(load("quotes")["article_id"], _medium_said()).reset_index(),
                "Keep the article ids as the index, as `pd.crosstab` gives them: leave out `.reset_index()`."),
    ],
    hints=["As in the lesson, turn the Categorical `medium` into plain text and label its gaps: "
           "`quotes[\"medium\"].astype(\"str\").fillna(\"not said\")`.",
           "`pd.crosstab(rows, columns)` counts every pair of values: the first Series gives the rows, the second "
           "the columns.",
           "`pd.crosstab(quotes[\"article_id\"], quotes[\"medium\"].astype(\"str\").fillna(\"not said\"))`."],
    on_correct="Except in `art_003`, whose quotes are mostly tweets, at least half the quotes of each article come "
               "without a word on how they were spoken: a known medium is the exception.",
)


# Question 5: looping over a groupby into a dictionary, then a Series.

def _per_article(count) -> pd.Series:
    return pd.Series({article_id: count(rows) for article_id, rows in load("quotes").groupby("article_id")})


q5 = Question(
    variable="speakers_per_article", points=3, kind=SeriesAnswer(),
    expected=lambda: _per_article(lambda rows: rows["speaker_actor_id"].nunique()),
    mistakes=[
        Mistake(lambda: _per_article(len),
                "You counted quotes, not speakers: `len(rows)` counts every quote, and one speaker is often "
                "quoted many times. Count the distinct ids with `.nunique()`."),
        Mistake(lambda: _per_article(lambda rows: rows["speaker_actor_id"].nunique(dropna=False)),
                "Your counts treat the missing speaker id as one more speaker, as `.unique()` and "
                "`.nunique(dropna=False)` do. Quotes whose speaker is not identified are not a speaker: count "
                "with `.nunique()`, which skips missing ids."),
        Mistake(lambda: _per_article(lambda rows: rows["speaker_actor_id"].count()),
                "`.count()` counts the quotes that have a speaker id, so a speaker quoted twice counts twice. "
                "Count the distinct ids with `.nunique()`."),
        Mistake(lambda: _per_article(lambda rows: rows["speaker_as_printed"].nunique()),
                "You counted the ways speakers are printed. One person appears as \"Maduro\", \"Nicolás Maduro\" "
                "and \"the Venezuelan president\": count the distinct `speaker_actor_id` instead."),
    ],
    hints=["`for article_id, rows in quotes.groupby(\"article_id\"):` gives each article's id and its quotes, one "
           "article at a time.",
           "For one article, `rows[\"speaker_actor_id\"].nunique()` counts its distinct identified speakers "
           "(missing ids are skipped).",
           "Put the loop in a dictionary comprehension and wrap it in `pd.Series`: "
           "`pd.Series({article_id: rows[\"speaker_actor_id\"].nunique() for article_id, rows in "
           "quotes.groupby(\"article_id\")})`."],
    on_correct="`quotes.groupby(\"article_id\")[\"speaker_actor_id\"].nunique()` gives the same Series in one line. "
               "Note `art_001`: every quote in it comes from a single voice.",
)


# Question 6 (reading the sources): relayed quotes, with names looked up and Series.where for the words.

def _relayed(speaker=None, direct_words=None) -> pd.DataFrame:
    quotes = load("quotes")
    relayed = quotes[quotes["relay"].notna()]
    if speaker is None:
        speaker = relayed["speaker_actor_id"].map(_actor_names()).fillna(NOT_IDENTIFIED)
    else:
        speaker = speaker(relayed)
    quoted = "“" + relayed["text"] + "”"
    direct = relayed["directness"] == "direct"
    words = quoted.where(direct, relayed["text"]) if direct_words is None else direct_words(relayed, quoted, direct)
    return relayed.assign(speaker=speaker, words=words)[["quote_id", "speaker", "relay", "words"]].sort_values(
        "quote_id")


q6 = Question(
    variable="second_hand_quotes", points=3,
    kind=TableAnswer(ordered=True, sort_hint="sort by `quote_id`", column_order=True), source_check=True,
    expected=lambda: _relayed(),
    mistakes=[
        Mistake(lambda: _relayed(speaker=lambda rows: rows["speaker_actor_id"]),
                "Your `speaker` column holds actor ids. Look the names up with `.map(...)` and a Series of names "
                "indexed by `actor_id`, then label the gaps with `.fillna(\"(not identified)\")`."),
        Mistake(lambda: _relayed(speaker=lambda rows: rows["speaker_actor_id"].fillna(NOT_IDENTIFIED)),
                "Your `speaker` column holds actor ids such as `act_putin`, not names. The label "
                "`(not identified)` is right; before filling the gaps with it, look the names up with `.map(...)` "
                "and a Series of names indexed by `actor_id`: `actors.set_index(\"actor_id\")[\"name\"]`."),
        Mistake(lambda: _relayed(speaker=lambda rows: rows["speaker_actor_id"].map(_actor_names())),
                "The names are right, but a quote whose speaker is not identified has an empty `speaker`. Label "
                "it with `.fillna(\"(not identified)\")`."),
        Mistake(lambda: _relayed(speaker=lambda rows: rows["speaker_as_printed"]),
                "Your `speaker` column keeps the article's words (\"he\", \"the minister\"). The question asks for "
                "the actor's name: map `speaker_actor_id` through a Series of names indexed by `actor_id`."),
        Mistake(lambda: _relayed(direct_words=lambda rows, quoted, direct: quoted),
                "Every row of your `words` has quotation marks, but a paraphrase (`reported`) must not look like "
                "someone's own words. Keep `“...”` only where `directness` is `direct`: "
                "`quoted.where(condition, other)`."),
        Mistake(lambda: _relayed(direct_words=lambda rows, quoted, direct: quoted.where(~direct, rows["text"])),
                "Your condition is the wrong way round: the paraphrased rows have quotation marks and the direct "
                "ones do not. `where` keeps its own values where the condition is True: test for `direct`."),
        Mistake(lambda: _relayed(direct_words=lambda rows, quoted, direct: ('"' + rows["text"] + '"').where(
                    direct, rows["text"])),
                "Your `words` use straight quotation marks (`\"`). The question asks for the curly ones: `“` "
                "before the text and `”` after it."),
        Mistake(lambda: _relayed(speaker=lambda rows: rows["speaker_actor_id"].map(_actor_names())
                                 .fillna("not identified")),
                "Almost: write the label for a missing speaker exactly as the question gives it, "
                "`(not identified)`, with its parentheses."),
        Mistake(lambda: _relayed(direct_words=lambda rows, quoted, direct: rows["text"]),
                "Your `words` are the plain texts. Put the direct quotes in curly quotation marks, "
                "`\"“\" + text + \"”\"`, and keep them only where `directness` is `direct` with `Series.where`."),
    ],
    hints=["Keep the quotes whose `relay` is not missing (`.notna()`), then add the two new columns with "
           "`.assign(...)`.",
           "`speaker`: map `speaker_actor_id` through `actors.set_index(\"actor_id\")[\"name\"]` and fill the gaps "
           "with `\"(not identified)\"`. `words`: build `quoted = \"“\" + relayed[\"text\"] + \"”\"` first.",
           "`quoted.where(relayed[\"directness\"] == \"direct\", relayed[\"text\"])` keeps the quoted form for "
           "direct words and the plain text otherwise. Finish with "
           "`[[\"quote_id\", \"speaker\", \"relay\", \"words\"]]` and `.sort_values(\"quote_id\")`."],
    on_correct="Each of these words passed through an agency before the article took them, and in `art_004` "
               "through a forum repost on top: cite the whole chain, not just the speaker.",
)


# Question 7: a stacked bar chart in which each piece is one quote.

def _chart_data() -> pd.DataFrame:
    return load("quotes")


def _pieces() -> pd.DataFrame:
    """What the bars must show: one piece per quote (detail), in its article's bar (y), coloured by its
    directness, each one quote long (x)."""
    quotes = load("quotes")
    return pd.DataFrame({"y": quotes["article_id"].astype("str"), "color": quotes["directness"].astype("str"),
                         "detail": quotes["quote_id"].astype("str"), "x": 1})


def _model_directness_chart() -> alt.Chart:
    """The solution's chart, as question 7 asks for it."""
    return alt.Chart(
        _chart_data().fillna({"speaker_as_printed": "(no speaker printed)"}),  # words, not null, in the tooltip
        title="How directly each article quotes",
        description="Stacked bar chart: for each article, its quotes, one piece per quote, coloured by "
                    "whether the words are printed in quotation marks (direct) or paraphrased (reported).",
    ).mark_bar(stroke="white", strokeWidth=0.5).encode(
        x=alt.X("count():Q", title="Quotes (pieces)"),
        y=alt.Y("article_id:N", title="Article"),
        color=alt.Color("directness:N", title="Directness"),
        detail="quote_id:N",
        tooltip=[alt.Tooltip("quote_id:N", title="Quote"), alt.Tooltip("speaker_as_printed:N", title="Printed as"),
                 alt.Tooltip("directness:N", title="Directness"), alt.Tooltip("text:N", title="Words")])


q7 = Question(
    variable="directness_chart", points=4, kind=ChartAnswer(),
    expected=lambda: ChartSpec(mark="bar", channels={
        "x": (Channel(None, "quantitative", "count"),),
        "y": (Channel("article_id", "nominal"),),
        "color": (Channel("directness", "nominal"),),
        "detail": (Channel("quote_id", "nominal"),),
    }, requires=(Draws(_pieces()),), model=_model_directness_chart()),
    mistakes=[
        Mistake(lambda: alt.Chart(_chart_data(), title="Quotes").mark_bar().encode(
            x="count():Q", y="article_id:N", color="quote_id:N"),
                "You gave every quote its own colour, so the colours no longer say anything. Colour the pieces "
                "by `directness`, and split the bars into single quotes with the `detail` channel instead."),
        Mistake(lambda: alt.Chart(_chart_data().assign(medium_said=_medium_said()), title="Quotes").mark_bar()
                .encode(x="count():Q", y="article_id:N", color="medium_said:N"),
                "That is the lesson's colouring by medium. This chart asks how directly the words are printed: "
                "put `directness` on `color`."),
        Mistake(lambda: alt.Chart(_chart_data(), title="Quotes").mark_bar().encode(
            x="count():Q", y="speaker_as_printed:N", color="directness:N"),
                "Your bars are per speaker. This chart needs one bar per article: put `article_id` on the "
                "y axis."),
        Mistake(lambda: alt.Chart(_chart_data(), title="Quotes").mark_bar().encode(
            x="article_id:N", y="count():Q", color="directness:N", detail="quote_id:N"),
                "Your bars stand upright. The question asks for horizontal bars: the count on `x` and "
                "`article_id` on `y`."),
    ],
    hints=["Draw from the `quotes` table itself: `x=alt.X(\"count():Q\", ...)` counts the rows of each bar, so no "
           "counting in pandas is needed.",
           "Encode `y` with `article_id`, `color` with `directness`, and `detail` with `quote_id`, so every piece "
           "of a bar is one quote. If you like, `.mark_bar(stroke=\"white\")` draws lines between the pieces.",
           "`alt.Chart(quotes, title=\"...\").mark_bar(stroke=\"white\", strokeWidth=0.5).encode("
           "x=alt.X(\"count():Q\", title=\"Quotes\"), y=alt.Y(\"article_id:N\", title=\"Article\"), "
           "color=alt.Color(\"directness:N\", title=\"Directness\"), detail=\"quote_id:N\", tooltip=[...])`."],
    on_correct="Direct is not first-hand: in `art_004` even the words in quotation marks come through a "
               "translated report and a forum repost, and some of Putin's through the Tass agency as well.",
)

number_questions(globals())
