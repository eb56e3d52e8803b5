"""Questions of exercises/08_capstone_dashboard.ipynb: the rule of the relationship, its caveats, a brush's blind
spot, and linked charts."""

import re

import altair as alt
import pandas as pd

from russia_venezuela.checking import *
from russia_venezuela.data import load

EXERCISE = "08_capstone_dashboard"
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


def _longest_on_top(sort, x: dict, rows) -> bool:
    """Whether a bar chart's y sort puts the longest bar on top, in any of the ways Vega-Lite allows."""
    if sort == "-x":
        return True
    if isinstance(sort, dict) and sort.get("order") == "descending":
        if sort.get("encoding") == "x":
            return True
        if sort.get("field") == x.get("field"):
            return sort.get("op") == x.get("aggregate") or (x.get("aggregate") is None and sort.get("op") in (
                None, "sum", "mean", "average", "median", "min", "max"))
    reach = dict(zip(_topic_reach()["y"], _topic_reach()["x"]))
    if isinstance(sort, list) and set(map(str, sort)) >= set(reach):
        lengths = [reach[topic] for topic in map(str, sort) if topic in reach]
        return lengths == sorted(lengths, reverse=True)
    if sort is None and isinstance(rows, list) and x.get("field") and x.get("aggregate") is None:
        lengths = [row.get(x["field"]) for row in rows]
        return len(lengths) == len(reach) and lengths == sorted(lengths, reverse=True)
    return False


def _whole_ticks(x: dict, spec: dict) -> bool:
    def whole(step):
        return isinstance(step, (int, float)) and not isinstance(step, bool) and step >= 1 and float(step).is_integer()
    config = spec.get("config") or {}
    return whole((x.get("axis") or {}).get("tickMinStep")) or any(
        whole((config.get(key) or {}).get("tickMinStep")) for key in ["axis", "axisX", "axisQuantitative"])


def _topic_chart_problem(spec: dict) -> str | None:
    """What the topic bars lack of what question 6 asks, once they draw the right lengths."""
    views = list(views_with_rows(spec))
    bars = [(view, rows) for view, rows in views if mark_of(view) == "bar"]
    if not bars:
        return None
    view, rows = bars[0]
    encoding = view.get("encoding") or {}
    x, y = encoding.get("x") or {}, encoding.get("y") or {}
    sort = y.get("sort", "ascending")
    if not _longest_on_top(sort, x, rows):
        if sort == "x" or isinstance(sort, dict) and sort.get("encoding") == "x":
            return ("Your bars are sorted with the shortest on top. Put the longest on top: `sort=\"-x\"`, where "
                    "the minus sorts from the largest down.")
        return ("Your bars are not sorted by length: the question puts the longest bar on top, so that the most "
                "widely reported topic is read first. Sort the y axis by the bars' length, from the largest down.")
    if not _whole_ticks(x, spec):
        return ("Your x axis may mark fractions of an article, such as halves, between its whole numbers. Allow "
                "whole steps only: `axis=alt.Axis(tickMinStep=1)` in `alt.X(...)`.")
    return None


# --- question 7: a click on status filters a list of events ----------------------------------------------------------

def _listed():
    rel = _rel().sort_values(["date_start", "event_id"], ignore_index=True)
    return rel.assign(order=range(len(rel)))


NUMBERED_BEFORE_FILTER = (
    "Your list numbers the rows before the click filters them, so a filtered list keeps the positions of the whole "
    "list, with gaps, and the first ten positions are not the first ten events shown. Filter by the click first, "
    "then number the rows that are left.")

# One alternation, no nested repetition: read in time linear in the expression, however long its numbers.
_VEGA_TOKEN = re.compile(r"\s+|\d+(?:\.\d+)?|<=|>=|==|!=|<|>|\(|\)|\band\b|\bor\b|\bnot\b")


def _keeps(predicate, field_name: str, row: int) -> bool | None:
    """Whether a filter keeps the row numbered `row`; None when the check cannot tell."""
    if isinstance(predicate, str):
        expression = re.sub(rf"datum\s*(?:\.\s*{field_name}\b|\[\s*['\"]{field_name}['\"]\s*\])", str(row),
                            predicate)
        expression = (expression.replace("&&", " and ").replace("||", " or ").replace("===", "==")
                      .replace("!==", "!="))
        expression = re.sub(r"!(?!=)", " not ", expression)
        if _VEGA_TOKEN.sub("", expression):
            return None
        try:
            return bool(eval(expression, {"__builtins__": {}}, {}))  # numbers, comparisons and and/or/not only
        except (SyntaxError, ValueError, MemoryError, RecursionError):  # valid in Vega, not in Python: `== !0`
            return None
    if not isinstance(predicate, dict):
        return None
    if "and" in predicate or "or" in predicate:
        parts = [_keeps(part, field_name, row) for part in predicate.get("and", predicate.get("or")) or []]
        if None in parts:
            return None
        return all(parts) if "and" in predicate else any(parts)
    if "not" in predicate:
        part = _keeps(predicate["not"], field_name, row)
        return None if part is None else not part
    if predicate.get("field") != field_name:
        return None
    tests = {"lte": lambda v: row <= v, "lt": lambda v: row < v, "gte": lambda v: row >= v, "gt": lambda v: row > v,
             "equal": lambda v: row == v, "range": lambda v: v[0] <= row <= v[1], "oneOf": lambda v: row in v}
    found = [test(predicate[key]) for key, test in tests.items() if key in predicate]
    return all(found) if found else None


def _first_ten_problem(filters: list, field_name: str) -> str | None:
    if not filters:
        return ("Your list shows every event of the clicked status. Keep the first ten only: a filter on "
                f"`{field_name}` after the numbering, such as `alt.datum.{field_name} <= 10`.")
    kept = set()
    for row in range(1, 41):
        verdicts = [_keeps(predicate, field_name, row) for predicate in filters]
        if None in verdicts:  # not judged right unread
            return (f"The check cannot read your filter on `{field_name}`. Write it as a plain comparison, such as "
                    f"`.transform_filter(alt.datum.{field_name} <= 10)`, and check again.")
        if all(verdicts):
            kept.add(row)
    if kept != set(range(1, 11)):
        return (f"Your filter on `{field_name}` does not keep exactly the first ten rows. `row_number()` counts "
                "from one: keep the rows numbered one to ten, ten included.")
    return None


def _dashboard_problem(spec: dict) -> str | None:
    """What the dashboard lacks of what question 7 asks, once its list encodes `row` and `summary`."""
    views = list(views_with_rows(spec))
    if not any("hconcat" in view or "concat" in view for view, _ in views):
        if any("vconcat" in view for view, _ in views):
            return ("Your two charts are stacked one above the other, as `&` places them. The question puts them "
                    "side by side: join them with `|`.")
        return "Place the bar chart and the list side by side: join the two charts with `|`."
    bars = [view for view, _ in views if mark_of(view) == "bar"]
    counted = [view for view in bars if ((view.get("encoding") or {}).get("x") or {}).get("aggregate") == "count"
               and ((view.get("encoding") or {}).get("y") or {}).get("field") == "status"]
    if not counted:
        return ("Your dashboard has no bar chart of the events per status yet: a bar chart with `count()` on x and "
                "`status` on y, beside the list.")
    bar = counted[0]
    picks = [param for view, _ in views for param in view.get("params") or []
             if isinstance(param.get("select"), dict) and param["select"].get("type") == "point"
             and "status" in (param["select"].get("fields") or [])]
    if not any(param in (bar.get("params") or []) or bar.get("name") in (param.get("views") or [])
               for param in picks):
        return ("Your click selection is not on the bars, where the reader clicks a status. Attach it to the bar "
                "chart with `.add_params(...)`.")
    names = {param.get("name") for param in picks}
    listed_rows = len(_listed())
    for view, rows in views:
        if mark_of(view) in ("bar", "text") and isinstance(rows, list) and len(rows) != listed_rows:
            drawing = "bars draw" if mark_of(view) == "bar" else "list draws"
            return (f"Your {drawing} from a table of {len(rows)} rows. Draw both charts from `listed`, the events "
                    "of the relationship, one row each.")
    texts = [view for view, _ in views if mark_of(view) == "text"
             and ((view.get("encoding") or {}).get("y") or {}).get("field") == "row"]
    text = texts[0]
    transforms = text.get("transform") or []
    clicks = [i for i, step in enumerate(transforms)
              if isinstance(step.get("filter"), dict) and step["filter"].get("param") in names]
    windows = [i for i, step in enumerate(transforms)
               if any(part.get("as") == "row" for part in step.get("window") or [])]
    if not windows:
        return ("Your list has no numbering yet: make the column `row` with `transform_window(row=\"row_number()\", "
                "...)` before you draw it.")
    if not clicks:
        return ("Your list does not listen to the click yet: filter it with `.transform_filter(...)` and the "
                "selection, before the numbering.")
    if clicks[0] > windows[0]:
        return NUMBERED_BEFORE_FILTER
    window = transforms[windows[0]]
    operation = next(part.get("op") for part in window["window"] if part.get("as") == "row")
    if operation not in ("row_number", "rank", "dense_rank"):
        return f"Your `row` is computed with `{operation}`. Number the rows with `\"row_number()\"`."
    order = (window.get("sort") or [{}])[0]
    if order.get("field") != "order":
        if not window.get("sort"):
            return ("Your numbering follows no order, so which events come first is left to chance. Number the "
                    "rows in the order of `order`: pass `sort=[alt.SortField(\"order\")]` to `transform_window`.")
        return (f"Your numbering follows `{order.get('field')}`. The question numbers the events in the order of "
                "`order`, the date order of `listed`.")
    if order.get("order") == "descending":
        return "Your numbering starts from the latest event. Number from the earliest: sort `order` ascending."
    if window.get("groupby"):
        return ("Your window numbers the rows within each group (`groupby`), so several rows get the same number "
                "when no status is clicked. Leave out `groupby`: the click filter already keeps one status.")
    later = [step["filter"] for step in transforms[windows[0] + 1:]
             if "filter" in step and not (isinstance(step["filter"], dict) and "param" in step["filter"])]
    problem = _first_ten_problem(later, "row")
    if problem:
        return problem
    if "tooltip" not in (text.get("encoding") or {}):
        return ("Your list has no tooltip yet. Add `tooltip=[...]` to the list's `.encode(...)`, so that a reader "
                "can hover over a line and read more about the event.")
    for name in ["x", "y"]:
        encoding = (bar.get("encoding") or {}).get(name) or {}
        if "title" not in encoding and not (encoding.get("axis") or {}).get("title"):
            return (f"Give the bars' {name} axis a title a reader understands: "
                    f"`{name}=alt.{name.upper()}(..., title=\"...\")`.")
    return None


q1 = Question(
    EXERCISE, 1, variable="us_events", points=1, kind=NumberAnswer(),
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
    EXERCISE, 2, variable="venezuela_only", points=2, kind=ListAnswer(), before=_ids_in_the_index,
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
    EXERCISE, 3, variable="rel_acts", points=2,
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
    EXERCISE, 4, variable="caveats_per_kind", points=3, kind=SeriesAnswer(),
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
    EXERCISE, 5, variable="september_blind_spot", points=3, kind=ListAnswer(), source_check=True,
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
    EXERCISE, 6, variable="topic_reach_chart", points=3, kind=ChartAnswer(),
    expected=lambda: ChartSpec(
        mark="bar",
        channels={"x": (Channel("article_id", "quantitative", "distinct"), Channel(None, "quantitative")),
                  "y": (Channel("topic", "nominal"),)},
        drawn=_topic_reach(),
        needs_description=True,
    ),
    also=_topic_chart_problem,
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
           "axis=alt.Axis(tickMinStep=1)), y=alt.Y(\"topic:N\", title=\"Topic\", sort=\"-x\"), tooltip=[...])`, "
           "with a title in `alt.Chart(...)`."],
    on_correct="A topic found in one article only rests on one writer's account; the bars that reach every article "
               "are the ones a brief can state with most confidence.",
)

q7 = Question(
    EXERCISE, 7, variable="status_dashboard", points=4, kind=ChartAnswer(),
    expected=lambda: ChartSpec(mark="text", channels={
        "y": (Channel("row", "ordinal"),),
        "text": (Channel("summary", "nominal"),),
    }, needs_subtitle=True, needs_description=True,
        needs_axis_titles=False,  # the list's axis is hidden; the bars' axes are checked in `also`
        interaction=Interaction(select="point", field="status", responds=None)),
    also=_dashboard_problem,
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
