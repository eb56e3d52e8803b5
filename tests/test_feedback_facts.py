"""The facts that questions' `on_correct` notes state about the data, computed from the data itself,
so that a change to the data cannot silently make a note false."""

import inspect
import re
import sys

import pandas as pd
import pytest

from russia_venezuela.data import load, raw_text
from russia_venezuela.questions import ex02_meetings_timeline as ex02
from russia_venezuela.questions import ex03_who_is_who as ex03
from russia_venezuela.questions import ex04_the_petro as ex04
from russia_venezuela.questions import ex05_trade_and_economy as ex05
from russia_venezuela.questions import ex06_the_guaido_context as ex06
from russia_venezuela.questions import ex07_military_aid as ex07
from russia_venezuela.questions import ex08_capstone_dashboard as ex08
from russia_venezuela.questions import exercises, questions_of


def _quoted_parts(docstring: str) -> list[str]:
    """The words a test's docstring quotes from a note, as the pieces its `...` leaves between them."""
    text = re.sub(r"\s+", " ", docstring)
    quote = text[text.index('"') + 1:text.rindex('"')]
    return [part.strip(' .,;:"') for part in re.split(r"\.\.\.|…", quote) if part.strip(' .,;:"')]


def _linked_ids(kind=None):
    """Every id named in `source_caveats.related_ids` (of one kind of caveat, if given)."""
    caveats = load("source_caveats")
    if kind is not None:
        caveats = caveats[caveats["kind"] == kind]
    return set(caveats["related_ids"].str.split(";").explode().dropna())


# --- 01 the sources ---------------------------------------------------------------------------------------------

def test_ex01_q3_petro_also_matches_inside_petroleos_and_petromonagas():
    """"*petro* also matches inside *Petroleos* and *Petromonagas*"."""
    texts = " ".join(raw_text(article_id) for article_id in load("articles")["article_id"]).lower()
    assert "petroleos" in texts
    assert "petromonagas" in texts


def test_ex01_q4_the_texts_tie_no_actor_without_a_country_to_one():
    """"The missing countries ...: the texts do not tie those actors to a country"."""
    actors = load("actors")
    no_country = actors[actors["country"].isna()]
    assert len(no_country) > 0
    assert no_country["country_basis"].isna().all()


def test_ex01_q7_both_inferred_years_rest_on_last_year_and_in_2018_not_on_a_printed_date():
    """"both years rest on words such as *last year* and *in 2018*, not on a printed date"."""
    articles = load("articles")
    reasoning = articles.loc[articles["published_basis"] == "inferred", "published_reasoning"]
    assert len(reasoning) == 2
    assert reasoning.str.startswith("No date is printed").all()
    assert reasoning.str.contains("'visited Russia last year'", regex=False).sum() == 1
    assert reasoning.str.contains("in 2018'", regex=False).sum() == 1


# --- 02 meetings timeline ---------------------------------------------------------------------------------------

def test_ex02_q1_every_undated_meeting_comes_from_the_two_articles_with_no_year():
    """"every undated meeting or visit comes from one of the two articles that give no year at all"."""
    articles = load("articles")
    no_year = articles.loc[articles["published"].isna(), "article_id"]
    undated = ex02._meetings().loc[lambda frame: frame["date"].isna()]
    assert len(no_year) == 2
    assert len(undated) > 0
    assert undated["article_id"].isin(no_year).all()


def test_ex02_q2_only_one_meeting_is_known_to_the_day_most_to_the_year_or_not_at_all():
    """"Only one meeting is known to the day; most are known only to the year, or not at all"."""
    precision = ex02._meetings()["date_precision"]
    assert (precision == "day").sum() == 1
    assert ((precision == "year") | precision.isna()).sum() > len(precision) / 2


def test_ex02_q3_the_visit_planned_for_early_october_is_also_told_as_occurred_earlier_in_its_article():
    """"the visit scheduled for early October, did take place, but earlier: the same article reports it as a
    separate row with the status `occurred`"."""
    events = load("events").set_index("event_id")
    planned = ex02._meetings().loc[lambda frame: frame["status"] == "planned"].set_index("event_id")
    october = planned[(planned["event_kind"] == "visit") & (planned["date"] == "2019-10")]
    assert len(october) == 1
    twin = events.loc[october["same_event_as"].iloc[0]]
    assert twin["status"] == "occurred"
    assert twin["article_id"] == october["article_id"].iloc[0]
    assert twin["date_end"] < october["date_start"].iloc[0]


def test_ex02_q4_by_last_day_the_meeting_known_to_the_day_precedes_the_september_visit():
    """"Sorted by their last possible day, the meeting known to the day comes before the September visit known only
    to the month: the order of imprecise dates depends on the rule you choose"."""
    dated = ex02._dated_meetings()
    day_meeting = dated.loc[dated["date_precision"] == "day", "event_id"].item()
    september_visit = dated.loc[(dated["event_kind"] == "visit") & (dated["date"] == "2019-09"), "event_id"].item()
    by_end = dated.sort_values(["date_end", "event_id"])["event_id"].tolist()
    by_start = dated.sort_values(["date_start", "event_id"])["event_id"].tolist()
    assert by_end.index(day_meeting) < by_end.index(september_visit)
    assert by_start.index(day_meeting) > by_start.index(september_visit)


def test_ex02_q5_an_event_told_twice_differs_in_articles_dates_and_statuses():
    """"one real event, told by different articles or twice by one, with different dates and even different
    statuses"."""
    groups = ex02._told_twice().astype({"status": "str"}).groupby("group")
    assert (groups["article_id"].nunique() > 1).any()
    assert (groups["article_id"].nunique() < groups.size()).any()
    assert (groups["date"].nunique() > 1).any()
    assert (groups["status"].nunique() > 1).any()


def test_ex02_q6_not_every_meeting_took_place_and_some_are_undated():
    """"A count chart can show the undated meetings ...; and ... not every “meeting” in the data is one that took
    place"."""
    meetings = ex02._meetings()
    assert meetings["date"].isna().sum() > 0
    assert (meetings["status"] != "occurred").sum() > 0


def test_ex02_q7_the_visit_planned_for_october_took_place_in_september_and_a_bar_spans_a_year():
    """"the visit planned for October in fact took place in September, and a bar a whole year long is
    uncertainty"."""
    meetings = ex02._dated_meetings()
    planned_visit = meetings[(meetings["status"] == "planned") & (meetings["event_kind"] == "visit")]
    assert planned_visit["date"].tolist() == ["2019-10"]
    twin = load("events").set_index("event_id").loc[planned_visit["same_event_as"].item()]
    assert twin["status"] == "occurred"
    assert twin["date"].startswith("2019-09")
    assert (meetings["date_precision"] == "year").any()


# --- 03 who is who ----------------------------------------------------------------------------------------------

def test_ex03_q1_the_actors_in_no_event_are_only_named_by_the_articles():
    """"The other actors of the `actors` table are only named by the articles: no coded event involves them"."""
    actors = load("actors")
    others = actors[~actors["actor_id"].isin(load("event_participants")["actor_id"])]
    assert len(others) > 0
    assert others["actor_id"].isin(load("actor_mentions")["actor_id"]).all()


def test_ex03_q2_states_lead_the_participations():
    """"States lead ... a count of participations"."""
    assert ex03._named().groupby("kind").size().idxmax() == "state"


def test_ex03_q3_about_one_actor_in_four_crosses_articles_and_just_two_are_people():
    """"Only about one actor in four crosses from one article to another, and just two of them are people, Maduro
    and Putin"."""
    named = ex03._named()
    per_name = named.groupby("name")["article_id"].nunique()
    crossing = per_name[per_name >= 2].index
    assert 0.2 <= len(crossing) / len(per_name) <= 0.3
    people = named.loc[named["name"].isin(crossing) & (named["kind"] == "person"), "name"].unique()
    assert sorted(people) == ["Nicolás Maduro", "Vladimir Putin"]


def test_ex03_q4_the_minister_is_one_of_the_inferred_links():
    """"another reader might take "the minister" for someone else"."""
    inferred = ex03._mentions_with_names(lambda frame: frame["basis"] == "inferred")
    assert (inferred["name_as_printed"].str.lower() == "the minister").any()


def test_ex03_q6_only_part_of_the_states_participations_occurred_much_is_ongoing_or_planned():
    """"Only part of the states' participations are things that occurred: much of what the articles say about
    countries is ongoing or planned"."""
    states = ex03._who().loc[lambda frame: frame["kind"] == "state", "status"]
    assert 0 < (states == "occurred").sum() < len(states)
    assert states.isin(["ongoing", "planned"]).sum() >= len(states) / 3


def test_ex03_q7_russia_meets_a_visitor_through_an_inferred_hosting():
    """"Some of these links rest on inferred participations (`basis`): a visit "to Russia" read as Russia hosting
    it counts as Russia meeting the visitor"."""
    who = ex03._who()
    inferred_hosts = who[(who["event_kind"] == "visit") & (who["status"] == "occurred") & (who["name"] == "Russia")
                         & (who["role"] == "host") & (who["basis"] == "inferred")]
    assert len(inferred_hosts) > 0
    visitors = who.loc[who["event_id"].isin(inferred_hosts["event_id"]) & (who["role"] == "visitor"), "name"]
    pairs = ex03._meeting_pairs()
    counted = pairs.loc[pairs["name_other"] == "Russia", "name"].tolist() + pairs.loc[
        pairs["name"] == "Russia", "name_other"].tolist()
    assert set(visitors) <= set(counted)


# --- 04 the petro -----------------------------------------------------------------------------------------------

def test_ex04_q1_most_reported_facts_of_the_forum_post_name_no_source():
    """"the forum post reports these as facts; ... most of them name no source"."""
    facts = ex04._facts().loc[lambda frame: frame["article_id"] == "art_004"]
    assert facts["attributed_to"].isna().sum() > len(facts) / 2


def test_ex04_q2_no_petro_event_is_denied_or_alleged():
    """"no petro event is denied or merely alleged"."""
    statuses = ex04._petro_statuses()
    assert statuses.isin(["not_occurred", "alleged"]).sum() == 0


def test_ex04_q2_the_petro_launch_is_told_in_three_articles():
    """"the launch of the petro is told in three articles"."""
    events = load("events")
    launches = events[(events["event_kind"] == "launch") & events["summary"].str.contains(ex04.PETRO, case=False)]
    assert launches["same_event_as"].fillna(launches["event_id"]).nunique() == 1
    assert launches["article_id"].nunique() == 3


def test_ex04_q3_every_unit_has_a_single_reported_fact():
    """"once you keep one status, every unit has a single figure"."""
    assert (ex04._facts().groupby("unit").size() == 1).all()


def test_ex04_q4_no_unsourced_fact_can_be_traced_to_whoever_counted():
    """"numbers the articles state as facts on their own authority: the reader cannot trace any of them"."""
    unsourced = ex04._facts().loc[lambda frame: frame["attributed_to"].isna()]
    assert len(unsourced) > 0
    assert unsourced["source_as_printed"].isna().all()


def test_ex04_q5_art_003_prints_no_figure():
    """"art_003 does not appear at all: it prints no figure"."""
    assert "art_003" in set(load("articles")["article_id"])
    assert "art_003" not in set(load("figures")["article_id"])


def test_ex04_q6_most_warnings_about_figures_say_vague_or_unattributed():
    """"most warnings about figures say *vague* or *unattributed*"."""
    kinds = ex04._figure_caveats()["kind"].astype("str")
    assert kinds.str.contains("vague|unattributed").sum() > len(kinds) / 2


def test_ex04_q7_claims_are_all_ranks_and_the_one_estimate_is_the_articles_dollar_price_of_the_petro():
    """"the claims are all ranks (*first*, *second*), and only one estimate exists, the article's own dollar price
    of the petro"."""
    figures = load("figures")
    claims = figures[figures["status"] == "claim"]
    assert len(claims) > 0
    assert (claims["unit"] == "rank").all()
    assert set(claims["value_as_printed"]) <= {"first", "second"}
    estimate = figures[figures["status"] == "estimate"]
    assert len(estimate) == 1
    assert estimate["unit"].item() == "USD"
    assert pd.isna(estimate["attributed_to"].item())
    assert "petro" in estimate["quantity"].item()


# --- 05 trade and economy ---------------------------------------------------------------------------------------

def test_ex05_q2_the_cryptocurrency_of_zerpa_delgados_tweet_stays_apart_from_the_petro():
    """"the item `cryptocurrency` in Zerpa Delgado's tweet probably means the petro too, but ... it stays apart"."""
    crypto = ex05._crypto_items()
    counts = crypto["item"].replace(ex05.PETRO_SPELLINGS).value_counts()
    assert {"petro", "cryptocurrency"} <= set(counts.index)
    quotes = load("quotes")
    tweets = quotes[quotes["event_id"].isin(crypto.loc[crypto["item"] == "cryptocurrency", "event_id"])]
    assert ((tweets["speaker_actor_id"] == "act_zerpa_delgado") & (tweets["medium"] == "Twitter")).any()


def test_ex05_q3_art_004_carries_the_most_tags_and_is_the_longest_text():
    """"`art_004` carries the most tags partly because it is the longest text"."""
    tags = load("event_topics").groupby("article_id").size()
    assert tags.idxmax() == "art_004"
    assert load("articles").set_index("article_id")["word_count"].idxmax() == "art_004"


def test_ex05_q4_no_energy_event_is_merely_planned():
    """"in the texts, no energy event is merely planned"."""
    grid = ex05._status_grid()
    assert "planned" in grid.columns
    assert grid.loc["energy", "planned"] == 0


def test_ex05_q5_most_trade_that_occurred_is_someone_saying_something():
    """"for trade, most of what occurred is someone saying something, not goods changing hands"."""
    economic = ex05._economic_events()
    trade = economic[(economic["topic"] == "trade_goods") & (economic["status"] == "occurred")]
    kinds = trade.merge(load("events")[["event_id", "event_kind"]], on="event_id", validate="one_to_one")["event_kind"]
    assert (kinds == "statement").sum() > len(kinds) / 2
    assert not kinds.isin(["delivery", "trade"]).any()


def test_ex05_q7_the_trade_numbers_are_goals_of_the_vice_president_and_none_is_reported_as_reached():
    """"The clearest trade number in the texts, a rise in trade, is a goal set by Venezuela's vice president; no text
    reports whether it was reached"."""
    figures = load("figures")
    trade = figures[figures["quantity"].str.contains(r"\btrade\b")]
    assert len(trade) > 0
    assert (trade["status"] == "target_or_plan").all()
    assert trade["quantity"].str.contains("increase").all()
    speakers = load("actors").set_index("actor_id").loc[trade["attributed_to"]]
    assert (speakers["country"] == "VEN").all()
    assert speakers["role_as_given"].str.contains("Vice President").all()


def test_ex05_q8_both_trade_events_without_russia_are_venezuela_and_turkey_and_the_agreements_are_maduros_word():
    """"Both are about Venezuela and Turkey ..., and the signed agreements are known only from Maduro's own
    account"."""
    participants = ex05._trade_participants()
    has_russian = participants.groupby("event_id")["country"].agg(lambda country: (country == "RUS").any())
    without = has_russian[~has_russian].index
    assert len(without) == 2
    countries = participants[participants["event_id"].isin(without)].groupby("event_id")["country"].agg(set)
    assert (countries == {"VEN", "TUR"}).all()
    events = load("events")
    agreements = events.loc[events["event_id"].isin(without) & (events["event_kind"] == "agreement"), "event_id"]
    assert len(agreements) == 1
    quotes = load("quotes")
    assert set(quotes.loc[quotes["event_id"].isin(agreements), "speaker_actor_id"]) == {"act_maduro"}


# --- 06 the Guaidó context --------------------------------------------------------------------------------------

def test_ex06_q1_every_mention_of_guaidos_side_is_in_art_004():
    """"Every one of these mentions sits in `art_004` ...: the other four texts never name Guaidó's side at all"."""
    counts = ex06._texts().str.lower().str.count(ex06.GUAIDO_SIDE)
    assert counts["art_004"] > 0
    assert (counts.drop("art_004") == 0).all()
    assert len(counts.drop("art_004")) == 4


def test_ex06_q2_most_figures_have_no_named_source_and_caveats_flag_them():
    """"Most figures come with nobody named for them ... which is why the caveats table flags unsourced figures"."""
    figures = load("figures")
    assert figures["attributed_to"].isna().sum() > len(figures) / 2
    flagged = _linked_ids("unsourced_figure")
    assert len(flagged) > 0
    assert figures.loc[figures["figure_id"].isin(flagged), "attributed_to"].isna().all()


def test_ex06_q3_unnamed_direct_quotes_rest_on_a_title_a_pronoun_or_nothing_and_some_carry_a_caveat():
    """"for these quotes who spoke is our reading of a title, a pronoun or the context ("the minister", "he"), or not
    known at all, and some of them carry a caveat for it"."""
    quotes = load("quotes")
    chosen = quotes[quotes["quote_id"].isin(ex06._direct_quotes_of(lambda rows: rows["speaker_basis"] != "stated"))]
    printed = chosen["speaker_as_printed"].str.lower()
    assert {"the minister", "he"} <= set(printed)
    mentions = load("actor_mentions")
    names = mentions.loc[mentions["name_kind"].isin(["name", "short_name"]), "name_as_printed"].str.lower()
    assert not printed.isin(names).any()
    assert (chosen["speaker_basis"] == "unknown").any()
    with_caveat = chosen["quote_id"].isin(_linked_ids())
    assert 0 < with_caveat.sum() < len(chosen)


def test_ex06_q4_at_least_half_the_quotes_of_each_article_but_art_003_have_no_medium():
    """"Except in `art_003`, whose quotes are mostly tweets, at least half the quotes of each article come without
    a word on how they were spoken"."""
    quotes = load("quotes")
    not_said = quotes["medium"].isna().groupby(quotes["article_id"]).mean()
    tweets = (quotes["medium"] == "Twitter").groupby(quotes["article_id"]).mean()
    assert tweets["art_003"] > 0.5
    assert not_said["art_003"] < 0.5
    assert (not_said.drop("art_003") >= 0.5).all()


def test_ex06_q5_every_quote_of_art_001_comes_from_a_single_voice():
    """"Note `art_001`: every quote in it comes from a single voice"."""
    speakers = load("quotes").loc[lambda frame: frame["article_id"] == "art_001", "speaker_actor_id"]
    assert len(speakers) > 1
    assert speakers.nunique(dropna=False) == 1
    assert speakers.notna().all()


def test_ex06_q6_every_relayed_quote_passed_through_an_agency_and_art_004_is_a_forum_repost():
    """"Each of these words passed through an agency before the article took them, and in `art_004` through a forum
    repost on top"."""
    relayed = ex06._relayed()
    assert relayed["relay"].str.contains("agency").all()
    articles = load("articles").set_index("article_id")
    assert "art_004" in set(load("quotes").loc[lambda frame: frame["relay"].notna(), "article_id"])
    assert articles.loc["art_004", "text_kind"].startswith("forum repost")


def test_ex06_q7_art_004_quotes_come_through_a_translated_forum_repost_and_some_of_putins_through_tass():
    """"in `art_004` even the words in quotation marks come through a translated report and a forum repost, and some
    of Putin's through the Tass agency as well"."""
    articles = load("articles").set_index("article_id")
    text_kind = articles.loc["art_004", "text_kind"]
    assert "forum repost" in text_kind and "translated report" in text_kind
    quotes = load("quotes")
    art_004 = quotes[quotes["article_id"] == "art_004"]
    assert (art_004["directness"] == "direct").any()
    putin_direct = art_004[(art_004["speaker_actor_id"] == "act_putin") & (art_004["directness"] == "direct")]
    via_tass = putin_direct["relay"].str.contains("Tass", na=False)
    assert 0 < via_tass.sum() < len(putin_direct)


# --- 07 military aid --------------------------------------------------------------------------------------------

def test_ex07_q1_each_lost_code_shares_its_number_with_a_code_of_another_class():
    """"Each code that went missing is a code that now shares its number with another, from another class of
    act"."""
    codes = load("cameo_codes")
    by_number = codes.groupby(codes["cameo_code"].astype("int"))
    shared = by_number.size()[lambda sizes: sizes > 1]
    lost = len(codes) - ex07._naive_codes()["cameo_code"].nunique()
    assert lost > 0
    assert (shared - 1).sum() == lost
    assert (by_number["quad_class"].nunique()[shared.index] == shared).all()


def test_ex07_q2_each_colliding_event_code_also_finds_a_conflict_root_demand_threat_or_protest():
    """"each of these events would find two rows in the code table, one of them a conflict root: a neutral statement
    could be scored as a demand, a threat or a protest"."""
    codes = load("cameo_codes").assign(number=lambda frame: frame["cameo_code"].astype("int"))
    event_codes = ex07._colliding_event_codes()
    assert len(event_codes) > 0
    roots = []
    for code in event_codes:
        same_number = codes[codes["number"] == int(code)]
        assert len(same_number) == 2
        other = same_number[same_number["cameo_code"] != code].iloc[0]
        assert other["cameo_code"] == other["root_code"]
        assert "Conflict" in other["quad_class_label"]
        roots.append(other["label"])
    assert sorted(roots) == ["DEMAND", "PROTEST", "THREATEN"]
    assert (codes.loc[codes["cameo_code"].isin(event_codes), "quad_class_label"] == "Verbal Cooperation").all()


def test_ex07_q3_grain_has_a_named_agency_and_bombers_and_advisers_have_no_source_one_no_number():
    """"The grain numbers at least pass through a named agency; the bombers and the groups of advisers reach the
    reader with no source at all, and one of the two counts has no number"."""
    sent = ex07._sent_figures()
    media = load("actors").loc[lambda frame: frame["kind"] == "media", "actor_id"]
    grain = sent[sent["unit"] == "tonnes"]
    assert len(grain) > 0
    assert grain["attributed_to"].isin(media).all()
    unsourced = sent[sent["attributed_to"].isna()]
    assert sorted(unsourced["unit"]) == ["groups", "strategic bombers"]
    assert unsourced["source_as_printed"].isna().all()
    assert unsourced["value"].isna().sum() == 1


def test_ex07_q5_in_most_articles_the_plans_score_above_what_is_told_as_done():
    """"In most articles the plans score above what is told as done"."""
    by_article = ex07._by_article()
    assert (by_article["mean_planned"] > by_article["mean_happened"]).sum() > len(by_article) / 2


def test_ex07_q6_two_codes_changed_and_the_military_mean_turned_from_cooperative_to_conflictual():
    """"Two codes changed and the military thread turned from cooperative to conflictual"."""
    before, after = load("events"), ex07._recoded()
    assert len(before["cameo_code"].compare(after["cameo_code"])) == 2
    assert ex07._military_happened_mean(before) > 0
    assert ex07._military_happened_mean(after) < 0


def test_ex07_q7_the_highest_point_is_the_trade_agreement_that_was_not_signed():
    """"the highest point: it is the trade agreement that was *not* signed"."""
    timeline = ex07._timeline_art_004()
    highest = timeline[timeline["goldstein"] == timeline["goldstein"].max()]
    assert len(highest) == 1
    assert highest["status"].item() == "not_occurred"
    assert highest["event_kind"].item() == "agreement"
    assert "trade" in highest["summary"].item()


# --- 08 capstone dashboard --------------------------------------------------------------------------------------

def test_ex08_q1_the_rule_drops_events_with_a_us_participant_unless_both_sides_take_part():
    """"Events with a US participant are part of the story ..., yet the lesson's rule keeps only those that also have
    a Russian and a Venezuelan side"."""
    who = ex08._who()
    us_events = set(who.loc[who["country"] == "USA", "event_id"])
    bilateral = set(ex08._bilateral())
    assert len(us_events - bilateral) > 0
    per_event = ex08._per_event()
    kept = per_event.loc[sorted(us_events & bilateral)]
    assert (kept["russian"] & kept["venezuelan"]).all()


def test_ex08_q2_ev_006_presents_the_petro_at_the_commission_with_no_russian_participant():
    """"such as the petro that Venezuela means to present at its commission with Russia (`ev_006`), but no participant
    is tied to Russia"."""
    assert "ev_006" in ex08._ids(lambda frame: frame["venezuelan"] & ~frame["russian"])
    event = load("events").set_index("event_id").loc["ev_006"]
    assert "petro" in event["summary"] and "commission" in event["summary"]
    who = ex08._who(with_media=True)
    assert not (who.loc[who["event_id"] == "ev_006", "country"] == "RUS").any()
    participants = who.loc[who["event_id"] == "ev_006", "actor_id"]
    commission = load("actors").set_index("actor_id").loc[participants, "name"]
    assert commission.str.contains("Russia-Venezuela").any()


def test_ex08_q4_most_caveats_about_the_relationship_concern_dates_attribution_or_certainty():
    """"Most of these problems concern dates or who says what and how surely"."""
    kinds = ex08._caveat_links().drop_duplicates("caveat_id")["kind"].astype("str")
    dates = kinds.str.startswith(("undated", "relative_date"))
    who_and_how_surely = kinds.isin(["unattributed_claim", "ambiguous_speaker", "unintroduced_speaker",
                                     "garbled_attribution", "second_hand", "speculation"])
    assert (dates | who_and_how_surely).sum() > len(kinds) / 2


def test_ex08_q5_the_events_a_september_brush_misses_are_dated_only_to_the_articles_year():
    """"Each of these events is dated only to a year, inferred from the article's own date"."""
    events = load("events")
    missed = events[events["event_id"].isin(ex08._september_blind_spot())]
    assert len(missed) > 0
    assert (missed["date_precision"] == "year").all()
    assert (missed["date_basis"] == "inferred").all()
    published = load("articles").set_index("article_id")["published"].str[:4]
    assert (missed["date"] == missed["article_id"].map(published)).all()


def test_ex08_q6_some_topics_rest_on_one_article_and_some_reach_every_article():
    """"A topic found in one article only rests on one writer's account; the bars that reach every article ..."."""
    reach = ex08._rel_topics().groupby("topic", observed=True)["article_id"].nunique()
    assert (reach == 1).any()
    assert (reach == len(load("articles"))).any()


def test_ex08_q7_a_good_share_of_the_relationship_is_planned_or_ongoing():
    """"a good share of the relationship is intentions and lasting states, not acts that took place"."""
    statuses = ex08._rel()["status"]
    assert statuses.isin(["planned", "ongoing"]).sum() >= len(statuses) / 3


FACT_TESTS = [test for name, test in inspect.getmembers(sys.modules[__name__], inspect.isfunction)
              if re.match(r"test_ex\d\d_q\d+_", name)]


@pytest.mark.parametrize("test", FACT_TESTS, ids=[test.__name__ for test in FACT_TESTS])
def test_the_fact_a_test_proves_is_still_stated_in_its_questions_note(test):
    """Each test above quotes its question's note: the quote must still be in that note, word for word (`...`
    marks what it leaves out), or the test proves a sentence learners no longer read."""
    number, question = re.match(r"test_ex(\d\d)_q(\d+)_", test.__name__).groups()
    exercise = next(name for name in exercises() if name.startswith(number))
    note = re.sub(r"\s+", " ", questions_of(exercise)[int(question) - 1].on_correct)
    quoted = _quoted_parts(test.__doc__ or "")
    assert quoted, f"{test.__name__} quotes no words of its note"
    missing = [part for part in quoted if part not in note]
    assert missing == [], f"{test.__name__} quotes words its note no longer says: {missing}"
