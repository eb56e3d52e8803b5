"""Tests of the hand-curated data in data/ and of the loader russia_venezuela.data.

The data checks read the CSV files with the csv module, not with the loader, so
that a bug in the loader cannot hide a bug in the data (and the other way round).
Tests that change files work on a copy in a temporary directory, reached through
the RUSSIA_VENEZUELA_DATA environment variable; data/ itself is never touched.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from russia_venezuela import data
from russia_venezuela.maintainer import cameo

REPO_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = REPO_ROOT / "data"
SEEDS_DIR = REPO_ROOT.parent / "shared" / "seeds"
REFERENCE_DIR = REPO_ROOT.parent / "shared" / "reference"
RESTORE = "git checkout -- data/"

ID_PREFIX = {
    "articles": "art_",
    "actors": "act_",
    "actor_mentions": "men_",
    "places": "plc_",
    "events": "ev_",
    "quotes": "q_",
    "figures": "fig_",
    "source_caveats": "cav_",
}


# --- helpers -----------------------------------------------------------------


def package() -> dict:
    return json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))


def table_resources() -> dict[str, dict]:
    return {resource["name"]: resource for resource in package()["resources"] if "schema" in resource}


def rows(table: str) -> list[dict[str, str]]:
    with (DATA_DIR / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def raw_texts() -> dict[str, str]:
    return {
        row["article_id"]: (DATA_DIR / row["raw_file"]).read_text(encoding="utf-8") for row in rows("articles")
    }


def row_id(table: str, row: dict[str, str]) -> str:
    key = table_resources()[table]["schema"]["primaryKey"]
    return "/".join(row[column] for column in key)


def snapshot(directory: Path) -> dict[str, tuple[int, int]]:
    return {
        str(path.relative_to(directory)): (path.stat().st_mtime_ns, path.stat().st_size)
        for path in sorted(directory.rglob("*"))
    }


@pytest.fixture
def data_copy(tmp_path, monkeypatch) -> Path:
    """A copy of data/ that the loader reads instead of the real one."""
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    monkeypatch.setenv(data.DATA_DIR_ENV_VAR, str(copy))
    return copy


# --- provenance ----------------------------------------------------------------


def test_every_evidence_and_quote_is_verbatim_in_its_article():
    texts = raw_texts()
    verbatim_columns = ["evidence", "text", "name_as_printed", "item", "date_as_printed", "place", "value_as_printed"]
    failures = []
    checked = 0
    for table in table_resources():
        for row in rows(table):
            if "article_id" not in row:
                continue
            for column in verbatim_columns:
                excerpt = row.get(column, "")
                if excerpt:
                    checked += 1
                    if excerpt not in texts[row["article_id"]]:
                        failures.append(f"{table} {row_id(table, row)} {column}: {excerpt!r}")
    assert checked > 500
    assert not failures, "Not found verbatim in the article's raw text:\n" + "\n".join(failures)


def test_every_fact_row_has_article_and_evidence():
    for table in table_resources():
        if table == "cameo_codes":
            continue
        for row in rows(table):
            assert row["article_id"], f"{table} {row_id(table, row)} has no article_id"
            assert row["evidence"].strip(), f"{table} {row_id(table, row)} has no evidence"


def test_evidence_is_an_excerpt_not_the_whole_article():
    texts = raw_texts()
    for table in table_resources():
        for row in rows(table):
            if row.get("evidence"):
                assert len(row["evidence"]) < len(texts[row["article_id"]]) / 3, f"{table} {row_id(table, row)}"


def test_parts_of_a_row_occur_inside_its_own_evidence():
    for table, columns in {
        "actor_mentions": ["name_as_printed", "role_as_given"],
        "event_participants": ["role_as_given"],
        "event_items": ["item"],
        "figures": ["value_as_printed", "unit_as_printed", "qualifier", "source_as_printed"],
    }.items():
        for row in rows(table):
            for column in columns:
                assert row[column] in row["evidence"], f"{table} {row_id(table, row)} {column}={row[column]!r}"


@pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason=f"{SEEDS_DIR} is absent (not a checkout beside shared/)")
def test_raw_files_are_byte_identical_to_the_seeds():
    seeds = sorted(SEEDS_DIR.glob("*.txt"))
    assert len(seeds) == 5
    for number, seed in enumerate(seeds):
        raw = DATA_DIR / "raw" / f"art_{number:03d}.txt"
        assert raw.read_bytes() == seed.read_bytes(), f"{raw} differs from {seed}"
    assert [row["seed_file"] for row in rows("articles")] == [seed.name for seed in seeds]


def test_raw_readme_lists_every_seed_with_its_sha256():
    readme = (DATA_DIR / "raw" / "README.md").read_text(encoding="utf-8")
    for row in rows("articles"):
        digest = hashlib.sha256((DATA_DIR / row["raw_file"]).read_bytes()).hexdigest()
        assert digest == row["raw_sha256"]
        assert digest in readme and row["seed_file"] in readme


# --- the package as a whole ----------------------------------------------------


def test_frictionless_validation_passes():
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(DATA_DIR / "datapackage.json"))
    problems = [f"{task.name}: row {error.get_defined('row_number', default=None)}: {error.message}"
                for task in report.tasks for error in task.errors]
    problems += [error.message for error in report.errors]
    assert report.valid, "frictionless found problems:\n" + "\n".join(problems[:30])


def test_every_csv_is_described_and_every_resource_has_size_and_checksum():
    described = {resource["path"] for resource in package()["resources"]}
    on_disk = {path.name for path in DATA_DIR.glob("*.csv")}
    assert on_disk == {path for path in described if "/" not in path}
    for resource in package()["resources"]:
        assert resource["hash"].startswith("sha256:") and resource["bytes"] > 0, resource["name"]
        assert resource.get("title") and resource.get("description"), resource["name"]
        for field in resource.get("schema", {}).get("fields", []):
            assert field.get("type") and field.get("description"), f"{resource['name']}.{field['name']}"


def test_csv_headers_match_the_schema():
    for name, resource in table_resources().items():
        with (DATA_DIR / resource["path"]).open(encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle))
        assert header == [field["name"] for field in resource["schema"]["fields"]], name
        assert all(re.fullmatch(r"[a-z][a-z0-9_]*", column) for column in header), name


def test_ids_are_unique_and_prefixed():
    for table, prefix in ID_PREFIX.items():
        ids = [row[next(iter(row))] for row in rows(table)]
        assert len(ids) == len(set(ids)), f"duplicate ids in {table}"
        assert all(identifier.startswith(prefix) for identifier in ids), table
    for table in ("event_participants", "event_topics", "event_items"):
        keys = [row_id(table, row) for row in rows(table)]
        assert len(keys) == len(set(keys)), f"duplicate keys in {table}"


def test_foreign_keys_hold():
    article_ids = {row["article_id"] for row in rows("articles")}
    actor_ids = {row["actor_id"] for row in rows("actors")}
    place_ids = {row["place_id"] for row in rows("places")}
    cameo_codes = {row["cameo_code"] for row in rows("cameo_codes")}
    events = {row["event_id"]: row for row in rows("events")}
    all_ids = article_ids | actor_ids | place_ids | set(events)
    for table in ("quotes", "figures", "actor_mentions"):
        all_ids |= {row_id(table, row) for row in rows(table)}
    for table in table_resources():
        for row in rows(table):
            if "article_id" in row:
                assert row["article_id"] in article_ids, f"{table} {row_id(table, row)}"
    for row in events.values():
        assert not row["place_id"] or row["place_id"] in place_ids, row["event_id"]
        assert not row["cameo_code"] or row["cameo_code"] in cameo_codes, row["event_id"]
        if row["same_event_as"]:
            assert row["same_event_as"] in events and row["same_event_as"] < row["event_id"], row["event_id"]
    for table in ("event_participants", "event_topics", "event_items"):
        for row in rows(table):
            assert row["event_id"] in events, f"{table} {row_id(table, row)}"
            assert row["article_id"] == events[row["event_id"]]["article_id"], f"{table} {row_id(table, row)}"
    for row in rows("event_participants") + rows("actor_mentions"):
        assert row["actor_id"] in actor_ids, row
    for table, actor_column in (("quotes", "speaker_actor_id"), ("figures", "attributed_to")):
        for row in rows(table):
            assert not row[actor_column] or row[actor_column] in actor_ids, row_id(table, row)
            if row["event_id"]:
                assert events[row["event_id"]]["article_id"] == row["article_id"], row_id(table, row)
    for row in rows("source_caveats"):
        for related in filter(None, row["related_ids"].split(";")):
            assert related in all_ids, f"{row['caveat_id']}: unknown related id {related}"
        for related in filter(None, row["related_article_ids"].split(";")):
            assert related in article_ids and related != row["article_id"], row["caveat_id"]


def test_every_actor_is_mentioned_and_every_event_has_participants_and_topics():
    mentioned = {row["actor_id"] for row in rows("actor_mentions")}
    assert {row["actor_id"] for row in rows("actors")} == mentioned
    with_participants = {row["event_id"] for row in rows("event_participants")}
    with_topics = {row["event_id"] for row in rows("event_topics")}
    for event in rows("events"):
        assert event["event_id"] in with_participants, event["event_id"]
        assert event["event_id"] in with_topics, event["event_id"]
        if not event["cameo_code"]:
            assert event["coding_note"], f"{event['event_id']}: no CAMEO code and no reason given"


PRECISION_PATTERN = {"year": r"\d{4}", "month": r"\d{4}-\d{2}", "day": r"\d{4}-\d{2}-\d{2}"}


@pytest.mark.parametrize(
    "table,column", [("articles", "published"), ("events", "date"), ("quotes", "date"), ("figures", "as_of")]
)
def test_dates_match_their_precision_and_inferred_ones_are_explained(table, column):
    for row in rows(table):
        value, precision, basis = row[column], row[f"{column}_precision"], row[f"{column}_basis"]
        reasoning = row[f"{column}_reasoning"]
        where = f"{table} {row_id(table, row)}"
        if value:
            assert re.fullmatch(PRECISION_PATTERN[precision], value), f"{where}: {value!r} is not at {precision}"
            parts = [int(part) for part in value.split("-")] + [1, 1]
            dt.date(*parts[:3])  # raises on impossible months or days
            assert basis in ("stated", "inferred"), where
        else:
            assert precision == "" and basis == "undetermined", where
        if basis != "stated":
            assert len(reasoning) > 20, f"{where}: {basis} date without reasoning"


def test_only_the_forum_post_states_its_date():
    articles = {row["article_id"]: row for row in rows("articles")}
    assert articles["art_004"]["published"] == "2019-09-26" and articles["art_004"]["published_basis"] == "stated"
    assert "Posted September 26, 2019" in raw_texts()["art_004"]
    for article_id in ("art_000", "art_001", "art_002", "art_003"):
        assert articles[article_id]["published_basis"] != "stated"


def test_word_count_is_recomputed_from_the_raw_text():
    texts = raw_texts()
    for row in rows("articles"):
        tokens = re.findall(r"\S+", texts[row["article_id"]])
        words = [token for token in tokens if re.search(r"[^\W_]", token)]
        assert int(row["word_count"]) == len(words), row["article_id"]


# --- CAMEO -------------------------------------------------------------------------------


def test_goldstein_and_quad_class_are_consistent():
    for row in rows("cameo_codes"):
        root = int(row["cameo_code"][:2])
        expected = 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4
        assert int(row["quad_class"]) == expected, row["cameo_code"]
        assert -10 <= float(row["goldstein"]) <= 10
        assert row["label"] == row["label"].strip() and "  " not in row["label"], row["cameo_code"]
        assert (row["label_cleaned"] == "true") == bool(row["cleaning_note"]), row["cameo_code"]


def assert_rows_as_committed(built: pd.DataFrame, committed: list[dict[str, str]]) -> None:
    """Each built row is the committed CSV row, value by value, in the same order."""
    assert list(built.columns) == list(committed[0])
    for built_row, committed_row in zip(built.to_dict("records"), committed, strict=True):
        for column, value in built_row.items():
            as_text = "" if pd.isna(value) else str(value).lower() if isinstance(value, bool) else str(value)
            if column == "goldstein":
                assert float(committed_row[column]) == value
            else:
                assert committed_row[column] == as_text, (built_row["cameo_code"], column)


# GDELT's lines that the clean-up mends, copied with their defects (044's mis-encoded quotes, 033's typo, 031's
# doubled space, 0356's trailing space, 1056 running into 106, 2041's missing space), a quad class row and
# plain lines around them.
CAMEO_LABEL_LINES = [
    "CAMEOEVENTCODE\tEVENTDESCRIPTION", "1\tVerbal Cooperation", "01\tMAKE PUBLIC STATEMENT",
    "010\tMake statement, not specified below",
    "031\tExpress intent to engage in material cooperation,  not specified below",
    "033\tExpress intent to provide matyerial aid, not specified below",
    "0356\tExpress intent to de-escalate military engagement ", "044\tMeet at a \u00d2hird\u00d3location",
    "2\tMaterial Cooperation", "3\tVerbal Conflict",
    "1056\tDemand de-escalation of military engagement106:[-5.0] Demand withdrawal", "4\tMaterial Conflict",
    "2041\tUse chemical, biological, or radiologicalweapons",
]
GOLDSTEIN_LINES = ["CAMEOEVENTCODE\tGOLDSTEINSCALE", "01\t0.0", "010\t0.0", "031\t5.2", "033\t5.2", "0356\t7.0",
                   "044\t2.5", "1056\t-5.0", "106\t-5.0", "2041\t-10.0"]


def write_reference(folder: Path, goldstein_lines: list[str] = GOLDSTEIN_LINES) -> Path:
    (folder / "CAMEO.eventcodes.txt").write_text("\n".join(CAMEO_LABEL_LINES) + "\n", encoding="utf-8")
    (folder / "CAMEO.goldsteinscale.txt").write_text("\n".join(goldstein_lines) + "\n", encoding="utf-8")
    return folder


def test_the_cameo_clean_up_mends_each_defect_of_the_reference_as_the_committed_table_has_it(tmp_path):
    built = cameo.build_cameo_table(write_reference(tmp_path))
    assert built["cameo_code"].tolist() == ["01", "010", "031", "033", "0356", "044", "1056", "106", "2041"]
    committed = {row["cameo_code"]: row for row in rows("cameo_codes")}
    assert_rows_as_committed(built, [committed[code] for code in built["cameo_code"]])


def test_the_cameo_clean_up_refuses_reference_files_that_disagree(tmp_path):
    with pytest.raises(ValueError, match=r"only one of the two files: \['2041'\]"):
        cameo.build_cameo_table(write_reference(tmp_path, GOLDSTEIN_LINES[:-1]))
    with pytest.raises(ValueError, match="CAMEO 106: Goldstein -5.0 in the label file, -4.0 in the scale file"):
        cameo.build_cameo_table(write_reference(tmp_path, [line.replace("106\t-5.0", "106\t-4.0")
                                                           for line in GOLDSTEIN_LINES]))


@pytest.mark.skipif(not REFERENCE_DIR.is_dir(), reason=f"{REFERENCE_DIR} is absent")
def test_cameo_table_is_what_the_reference_files_give():
    committed = rows("cameo_codes")
    assert_rows_as_committed(cameo.build_cameo_table(REFERENCE_DIR), committed)
    # Independent of build_cameo_table: every Goldstein line of the reference is in the table.
    goldstein_lines = (REFERENCE_DIR / "CAMEO.goldsteinscale.txt").read_text(encoding="utf-8").splitlines()[1:]
    table = {row["cameo_code"]: row for row in committed}
    for line in goldstein_lines:
        code, value = line.split("\t")
        assert float(table[code]["goldstein"]) == float(value), code
    assert len(table) == len(goldstein_lines)
    assert table["033"]["label"] == "Express intent to provide material aid, not specified below"
    assert table["044"]["label"] == 'Meet at a "third" location'
    assert table["106"]["label"] == "Demand withdrawal"
    assert table["1056"]["label"] == "Demand de-escalation of military engagement"


# --- completeness spot checks (lists written from the raw texts) -----------------------


def test_expected_names_are_in_actors():
    names = {row["name"] for row in rows("actors")} | {row["name_as_printed"] for row in rows("actor_mentions")}
    expected = [
        "Nicolas Maduro", "Nicolás Maduro", "Sergei Storchak", "Russian Central Bank", "Carlos Faria Tortosa", "Roa",
        "China", "Twitter", "Vladimir Putin", "Erdogan", "NATO", "Ankara", "Government of Venezuela",
        "Jose Vielma Mora", "Mora", "Rosneft", "PDVSA", "Petroleos de Venezuela S.A.", "Petromonagas", "KAMAZ", "AVN",
        "Wilmar Castro Soteldo", "Bitfinex", "GOV.", "Simon Zerpa Delgado", "Delgado", "Anton Siluanov", "Trump",
        "Cuban politicians", "Switzerland", "TurkeyIran", "KEPY™", "Juan Guaidó", "National Assembly", "Tass",
        "Kremlin", "Dmitri Peskov", "Rossiya 24", "Agency for International Development", "USAID", "Interfax",
        "Washington", "Chavismo", "private contractors",
    ]
    missing = [name for name in expected if name not in names]
    assert not missing, f"names from the articles missing in actors/actor_mentions: {missing}"


def test_expected_numbers_are_in_figures():
    values = {float(row["value"]) for row in rows("figures") if row["value"]}
    expected = [60, 1_000_000_000_000, 30, 4, 50, 2, 52_000_000, 254_000, 600_000, 1]
    missing = [value for value in expected if float(value) not in values]
    assert not missing, f"numbers from the articles missing in figures: {missing}"
    vague = {row["value_as_printed"] for row in rows("figures") if not row["value"]}
    assert {"billions of", "several"} <= vague


def test_expected_places_quotes_topics_and_caveats_are_present():
    places = {row["name"] for row in rows("places")}
    assert {"Caracas", "Moscow", "Palace of Miraflores", "Hong Kong", "Crimea", "Lisbon", "Europe"} <= places
    quotes = " | ".join(row["text"] for row in rows("quotes"))
    for words in ["emergency working meeting", "high-level intergovernmental commission", "sell gold",
                  "limited utility", "trade turnover by 30 percent", "pluricentric", "unswervingly supports",
                  "Opinions will be exchanged", "all the dynamics", "vacations in Russia", "El Petro"]:
        assert words in quotes, words
    topics = {row["topic"] for row in rows("event_topics")}
    assert {"military", "transport", "food", "crypto", "energy", "trade_goods", "humanitarian", "sanctions",
            "elections", "media"} <= topics
    caveat_evidence = " | ".join(row["evidence"] for row in rows("source_caveats"))
    for words in ["Roa said", "The minister expects", "Dmitri Peskov's spokesman", "TurkeyIran", "billions of euros",
                  "Maduro wants to support Putin's support", "it’s quite possible", "More than likely",
                  "scheduled for early October", "US-led sanctions and destabilization", "anti-US block",
                  "on Tuesday", "met on Wednesday", "on Monday", "yesterday", "last week", "last year"]:
        assert words.lower() in caveat_evidence.lower(), words
    kinds = {row["kind"] for row in rows("source_caveats")}
    assert {"unintroduced_speaker", "garbled_attribution", "undated_weekday", "relative_date", "forum_repost",
            "translation", "garbled_translation", "speculation", "contradiction", "vague_quantity", "one_sided",
            "typo", "short_name"} <= kinds


def test_same_event_links_keep_their_differences():
    events = {row["event_id"]: row for row in rows("events")}
    linked = [row for row in events.values() if row["same_event_as"]]
    assert linked
    assert any(row["article_id"] != events[row["same_event_as"]]["article_id"] for row in linked)
    assert any(row["date"] != events[row["same_event_as"]]["date"] for row in linked)


# --- the loader -------------------------------------------------------------------


def test_tables_lists_the_csv_tables():
    assert data.tables() == list(table_resources())


def test_load_gives_the_promised_dtypes():
    for name, resource in table_resources().items():
        frame = data.load(name)
        assert len(frame) == len(rows(name)), name
        for field in resource["schema"]["fields"]:
            column = frame[field["name"]]
            where = f"{name}.{field['name']}"
            enum = field.get("constraints", {}).get("enum")
            if field["type"] == "string" and enum:
                assert isinstance(column.dtype, pd.CategoricalDtype), where
                assert list(column.cat.categories) == enum, where
            elif field["type"] == "string":
                assert column.dtype == "str", where
            elif field["type"] == "integer":
                assert column.dtype == "Int64", where
            elif field["type"] == "number":
                assert column.dtype == "float64", where
            elif field["type"] == "boolean":
                assert column.dtype == "boolean", where
            if field.get("partialDate"):
                for suffix in ("_start", "_end"):
                    assert pd.api.types.is_datetime64_dtype(frame[field["name"] + suffix]), where + suffix


def test_start_and_end_of_partial_dates():
    assert data.partial_date_bounds("2018-11") == (pd.Timestamp("2018-11-01"), pd.Timestamp("2018-11-30"))
    assert data.partial_date_bounds("2016-02") == (pd.Timestamp("2016-02-01"), pd.Timestamp("2016-02-29"))
    assert data.partial_date_bounds("2019") == (pd.Timestamp("2019-01-01"), pd.Timestamp("2019-12-31"))
    assert data.partial_date_bounds("2019-09-25") == (pd.Timestamp("2019-09-25"), pd.Timestamp("2019-09-25"))
    articles = data.load("articles").set_index("article_id")
    assert articles.loc["art_004", "published_start"] == pd.Timestamp("2019-09-26")
    assert articles.loc["art_004", "published_end"] == pd.Timestamp("2019-09-26")
    assert articles.loc["art_001", "published_start"] == pd.Timestamp("2018-01-01")
    assert articles.loc["art_001", "published_end"] == pd.Timestamp("2018-12-31")
    assert pd.isna(articles.loc["art_000", "published_start"]) and pd.isna(articles.loc["art_000", "published"])
    events = data.load("events")
    months = events[events["date_precision"] == "month"]
    assert not months.empty
    assert (months["date_start"].dt.day == 1).all()
    assert ((months["date_end"] + pd.Timedelta(days=1)).dt.day == 1).all()


def test_raw_text_returns_the_file():
    for row in rows("articles"):
        assert data.raw_text(row["article_id"]) == (DATA_DIR / row["raw_file"]).read_text(encoding="utf-8")


def test_loading_everything_never_writes_to_data():
    before = snapshot(DATA_DIR)
    for name in data.tables():
        data.load(name)
        data.load(name)  # the second from memory
        data.describe(name)
    for row in rows("articles"):
        data.raw_text(row["article_id"])
    assert snapshot(DATA_DIR) == before


def test_environment_variable_points_the_loader_elsewhere(data_copy):
    assert data.data_dir() == data_copy.resolve()
    assert data.load("actors").shape[0] == len(rows("actors"))


def assert_readable_error(error: pytest.ExceptionInfo, file_name: str) -> None:
    message = str(error.value)
    assert file_name in message, message
    assert RESTORE in message, message
    assert "Traceback" not in message


def test_missing_file_raises_data_error(data_copy):
    (data_copy / "events.csv").unlink()
    with pytest.raises(data.DataError) as error:
        data.load("events")
    assert_readable_error(error, "events.csv")


def test_missing_package_description_raises_data_error(data_copy):
    (data_copy / "datapackage.json").unlink()
    with pytest.raises(data.DataError) as error:
        data.tables()
    assert_readable_error(error, "datapackage.json")


def test_unknown_table_name_suggests_close_names():
    with pytest.raises(data.DataError) as error:
        data.load("evnts")
    assert "'events'" in str(error.value)
    with pytest.raises(data.DataError):
        data.raw_text("art_042")


def test_truncated_file_raises_data_error(data_copy):
    path = data_copy / "quotes.csv"
    content = path.read_bytes()
    path.write_bytes(content[: len(content) // 2])
    with pytest.raises(data.DataError) as error:
        data.load("quotes")
    assert_readable_error(error, "quotes.csv")


def test_hand_edited_cell_raises_data_error(data_copy):
    path = data_copy / "figures.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("254000", "254001", 1), encoding="utf-8")
    with pytest.raises(data.DataError) as error:
        data.load("figures")
    assert_readable_error(error, "figures.csv")


def test_hand_edited_raw_text_raises_data_error(data_copy):
    path = data_copy / "raw" / "art_002.txt"
    path.write_bytes(path.read_bytes().replace(b"30 percent", b"40 percent"))
    with pytest.raises(data.DataError) as error:
        data.raw_text("art_002")
    assert_readable_error(error, "art_002.txt")


def test_wrong_header_raises_data_error_even_with_fresh_checksums(data_copy):
    path = data_copy / "events.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("event_kind", "kind", 1), encoding="utf-8")
    assert data.refresh_checksums(data_copy) == ["events"]
    with pytest.raises(data.DataError) as error:
        data.load("events")
    assert_readable_error(error, "events.csv")
    assert "event_kind" in str(error.value)


def test_unparseable_value_raises_data_error_even_with_fresh_checksums(data_copy):
    path = data_copy / "articles.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    word_count = rows("articles")[0]["word_count"]
    lines[1] = lines[1].replace(f",{word_count},", ",many,", 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    data.refresh_checksums(data_copy)
    with pytest.raises(data.DataError) as error:
        data.load("articles")
    assert_readable_error(error, "articles.csv")
    assert "word_count" in str(error.value)


def test_value_outside_the_vocabulary_raises_data_error(data_copy):
    path = data_copy / "events.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",meeting,", ",meting,", 1), encoding="utf-8")
    data.refresh_checksums(data_copy)
    with pytest.raises(data.DataError) as error:
        data.load("events")
    assert "meting" in str(error.value) and "event_kind" in str(error.value)


def fresh_events() -> pd.DataFrame:
    """The events table read, checked and typed now, not taken from the loader's memory."""
    resource = data._find_table(data._read_package(data.data_dir()), "events")
    return data._typed_table(data.data_dir() / resource["path"], resource)


def test_a_table_is_read_checked_and_typed_once_for_many_loads(monkeypatch):
    monkeypatch.setattr(data, "_loaded", {})
    typed_table, read = data._typed_table, []

    def counted(path, resource):
        read.append(path.name)
        return typed_table(path, resource)

    monkeypatch.setattr(data, "_typed_table", counted)
    for name in ["events", "events", "actors", "events"]:
        data.load(name)
    assert read == ["events.csv", "actors.csv"]


def set_a_cell(frame):
    frame.loc[0, "summary"] = "changed by the learner"


def replace_a_column(frame):
    frame["summary"] = "changed by the learner"


def drop_a_column(frame):
    frame.pop("event_id")


def fill_in_place(frame):
    frame.fillna({"summary": "changed by the learner"}, inplace=True)


def name_the_index(frame):
    frame.index.name = "changed by the learner"


# pandas 3's copy-on-write guards a shallow copy against the changes above, but not these two.
def write_through_a_text_array(frame):
    frame["summary"].array[0] = "changed by the learner"


def write_through_a_category_array(frame):
    kinds = frame["event_kind"]
    kinds.array[0] = next(kind for kind in kinds.cat.categories if kind != kinds.iloc[0])


@pytest.mark.parametrize("change", [set_a_cell, replace_a_column, drop_a_column, fill_in_place, name_the_index,
                                    write_through_a_text_array, write_through_a_category_array])
def test_changing_a_loaded_table_never_changes_the_next_load(change):
    data.load("events")  # kept in memory from here on
    change(data.load("events"))
    pd.testing.assert_frame_equal(data.load("events"), fresh_events())


def test_a_table_changed_on_disk_is_read_again_not_served_from_memory(data_copy):
    assert len(data.load("events")) > 1
    path = data_copy / "events.csv"
    with path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    with path.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file, lineterminator="\n").writerows(rows[:-1])  # the last event removed
    with pytest.raises(data.DataError, match="truncated or edited"):
        data.load("events")
    data.refresh_checksums(data_copy)
    assert len(data.load("events")) == len(rows) - 2


def test_refresh_checksums_only_rewrites_the_package_description(data_copy):
    assert data.refresh_checksums(data_copy) == []
    before = snapshot(data_copy)
    path = data_copy / "places.csv"
    with path.open("a", encoding="utf-8") as handle:
        handle.write("plc_test,Test,Test,city,,,art_000,Maduro,\n")
    after_edit = snapshot(data_copy)
    assert data.refresh_checksums(data_copy) == ["places"]
    changed = {name for name in snapshot(data_copy) if snapshot(data_copy)[name] != after_edit.get(name)}
    assert changed == {"datapackage.json"}
    assert data.load("places").shape[0] == len(rows("places")) + 1
    assert set(before) == set(after_edit)
