"""Load the course's hand-curated tables about Russia–Venezuela ties (2017–2019).

The tables live in ``data/`` at the root of the repository, described by a
Frictionless Data Package, ``data/datapackage.json``. That file is the single
source of truth for every column's type, so :func:`load` reads the types from
it instead of keeping a second list here.

Typical use::

    from russia_venezuela import data
    data.tables()                 # ['articles', 'actors', ...]
    events = data.load("events")  # a pandas DataFrame, typed
    print(data.raw_text("art_004"))

Columns that hold an ISO 8601 date *at its precision* ("2018", "2019-09",
"2019-09-25") stay as text and get two companion columns, ``<name>_start``
and ``<name>_end``: the first and the last day the value allows.

Nothing here writes to ``data/`` except :func:`refresh_checksums`, which a
maintainer runs after editing a CSV on purpose.

Set the environment variable ``RUSSIA_VENEZUELA_DATA`` to a directory to read
the data from somewhere else (the tests use this to work on a copy).
"""

from __future__ import annotations

import calendar
import csv
import difflib
import hashlib
import io
import json
import os
import re
from pathlib import Path

import pandas as pd

from russia_venezuela import paths

DATA_DIR_ENV_VAR = "RUSSIA_VENEZUELA_DATA"
PACKAGE_FILE = "datapackage.json"
RESTORE_HINT = (
    "To restore the published data, run `git checkout -- data/` from the root of the "
    "repository (if this is not a git checkout, download or clone the repository again)."
)
PARTIAL_DATE_PROPERTY = "partialDate"
"""Custom field property in datapackage.json marking an ISO-date-at-precision column."""

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class DataError(Exception):
    """A data file is missing, unknown, truncated or was changed by hand.

    The message names the file, says what is wrong and how to restore the data.
    """


def data_dir() -> Path:
    """Return the directory holding datapackage.json and the CSV files.

    It is the course's ``data/`` (see :mod:`russia_venezuela.paths`), unless
    the environment variable ``RUSSIA_VENEZUELA_DATA`` names another directory.
    """
    override = os.environ.get(DATA_DIR_ENV_VAR)
    if override:
        return Path(override).expanduser().resolve()
    return paths.DATA_DIR


def tables() -> list[str]:
    """Names of the tables that :func:`load` accepts, in datapackage.json order."""
    return [resource["name"] for resource in _tabular_resources(_read_package())]


def describe(table: str) -> pd.DataFrame:
    """One row per column of ``table``: its name, type and description."""
    resource = _find_table(_read_package(), table)
    rows = [
        {
            "column": field["name"],
            "type": field.get("type", "string"),
            "required": field.get("constraints", {}).get("required", False),
            "description": field.get("description", ""),
        }
        for field in resource["schema"]["fields"]
    ]
    return pd.DataFrame(rows)


def load(table: str) -> pd.DataFrame:
    """Read one table as a typed pandas DataFrame.

    Types come from the table's schema in datapackage.json: text as the
    ``str`` dtype, controlled vocabularies (fields with an ``enum``) as
    Categorical with the enum as categories, integers as ``Int64``, numbers as
    ``float64``, booleans as ``boolean``. Each ISO-date-at-precision column
    ``<name>`` is followed by ``<name>_start`` and ``<name>_end``
    (datetime64), empty where the date is empty.

    Raises DataError if the table is unknown, its file is missing, its size
    or checksum differs from datapackage.json, its header does not match the
    schema or a value cannot be read as its type.
    """
    directory = data_dir()
    resource = _find_table(_read_package(directory), table)
    path = directory / resource["path"]
    try:
        stat = path.stat()
    except OSError:
        return _typed_table(path, resource)  # which says what is missing
    version = (json.dumps(resource, sort_keys=True), stat.st_mtime_ns, stat.st_size)
    if _loaded.get(path, (None,))[0] != version:
        _loaded[path] = (version, _typed_table(path, resource))
    # The caller's own copy, so that changing it never changes the next load. A deep one: a shallow copy shares
    # the columns' arrays, and copy-on-write does not stop a write through one (`frame["text"].array[0] = ...`).
    return _loaded[path][1].copy(deep=True)


# Each table as last read, with its schema and its file's modification time and size: the 57 questions'
# expected answers and a notebook's repeated loads read, check and type each file once, until it changes.
_loaded: dict[Path, tuple[tuple, pd.DataFrame]] = {}


def _typed_table(path: Path, resource: dict) -> pd.DataFrame:
    text = _read_checked_text(path, resource)
    fields = resource["schema"]["fields"]
    frame = _parse_csv(text, path, [field["name"] for field in fields])
    columns: dict[str, pd.Series] = {}
    for field in fields:
        name = field["name"]
        column = _typed_column(frame[name], field, path)
        columns[name] = column
        if field.get(PARTIAL_DATE_PROPERTY):
            start, end = _partial_date_bounds(column, path, name)
            columns[f"{name}_start"] = start
            columns[f"{name}_end"] = end
    return pd.DataFrame(columns)


def raw_text(article_id: str) -> str:
    """Return the raw text of one article (e.g. ``"art_000"``), exactly as stored."""
    directory = data_dir()
    package = _read_package(directory)
    by_article = {
        resource["name"].removeprefix("raw_"): resource
        for resource in package.get("resources", [])
        if resource["name"].startswith("raw_")
    }
    if article_id not in by_article:
        raise DataError(
            f"Unknown article id {article_id!r}."
            + _suggestion(article_id, list(by_article))
            + f" Known article ids: {', '.join(sorted(by_article))}."
        )
    resource = by_article[article_id]
    return _read_checked_text(directory / resource["path"], resource)


def partial_date_bounds(value: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day allowed by an ISO date at year, month or day precision.

    >>> partial_date_bounds("2018-11")
    (Timestamp('2018-11-01 00:00:00'), Timestamp('2018-11-30 00:00:00'))
    """
    match = _PARTIAL_DATE.match(value)
    if not match:
        raise ValueError(f"{value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = match.groups()
    year_number = int(year)
    if month is None:
        return pd.Timestamp(year_number, 1, 1), pd.Timestamp(year_number, 12, 31)
    month_number = int(month)
    if day is None:
        last_day = calendar.monthrange(year_number, month_number)[1]
        return (
            pd.Timestamp(year_number, month_number, 1),
            pd.Timestamp(year_number, month_number, last_day),
        )
    exact = pd.Timestamp(year_number, month_number, int(day))
    return exact, exact


def refresh_checksums(directory: str | Path | None = None) -> list[str]:
    """Recompute ``bytes`` and ``hash`` of every resource in datapackage.json.

    For maintainers only, after editing a CSV on purpose: it is the one
    function here that writes to the data directory, and the loader never
    calls it. Returns the names of the resources whose checksum changed
    (datapackage.json is rewritten only if something changed).
    """
    directory = Path(directory) if directory is not None else data_dir()
    package_path = directory / PACKAGE_FILE
    package = _read_package(directory)
    changed = []
    for resource in package.get("resources", []):
        content = (directory / resource["path"]).read_bytes()
        new_bytes = len(content)
        new_hash = "sha256:" + hashlib.sha256(content).hexdigest()
        if resource.get("bytes") != new_bytes or resource.get("hash") != new_hash:
            resource["bytes"] = new_bytes
            resource["hash"] = new_hash
            changed.append(resource["name"])
    if changed:
        package_path.write_text(
            json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    return changed


# --- internals --------------------------------------------------------------


def _read_package(directory: Path | None = None) -> dict:
    directory = directory if directory is not None else data_dir()
    path = directory / PACKAGE_FILE
    if not path.is_file():
        raise DataError(f"The data description {path} is missing. {RESTORE_HINT}")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DataError(f"The data description {path} cannot be read as JSON ({error}). {RESTORE_HINT}") from None


def _tabular_resources(package: dict) -> list[dict]:
    return [resource for resource in package.get("resources", []) if "schema" in resource]


def _find_table(package: dict, table: str) -> dict:
    resources = {resource["name"]: resource for resource in _tabular_resources(package)}
    if table not in resources:
        raise DataError(
            f"Unknown table {table!r}." + _suggestion(table, list(resources)) + f" Tables: {', '.join(resources)}."
        )
    return resources[table]


def _suggestion(wrong: str, known: list[str]) -> str:
    close = difflib.get_close_matches(str(wrong), known, n=3, cutoff=0.5)
    return f" Did you mean {' or '.join(repr(name) for name in close)}?" if close else ""


def _read_checked_text(path: Path, resource: dict) -> str:
    """Read a data file after checking its size and sha256 against datapackage.json."""
    if not path.is_file():
        raise DataError(f"The data file {path} is missing. {RESTORE_HINT}")
    content = path.read_bytes()
    expected_bytes = resource.get("bytes")
    expected_hash = resource.get("hash", "")
    found_hash = "sha256:" + hashlib.sha256(content).hexdigest()
    if expected_bytes is not None and len(content) != expected_bytes:
        raise DataError(
            f"The data file {path} has {len(content)} bytes, but datapackage.json says {expected_bytes}: "
            f"it was truncated or edited. {RESTORE_HINT}"
        )
    if expected_hash and expected_hash != found_hash:
        raise DataError(
            f"The data file {path} does not match its checksum in datapackage.json "
            f"(expected {expected_hash}, found {found_hash}): it was edited. {RESTORE_HINT}"
        )
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DataError(f"The data file {path} is not valid UTF-8 ({error}). {RESTORE_HINT}") from None


def _parse_csv(text: str, path: Path, field_names: list[str]) -> pd.DataFrame:
    header = next(csv.reader(io.StringIO(text)), [])
    if header != field_names:
        missing = [name for name in field_names if name not in header]
        unexpected = [name for name in header if name not in field_names]
        details = []
        if missing:
            details.append(f"missing columns {missing}")
        if unexpected:
            details.append(f"unexpected columns {unexpected}")
        if not details:
            details.append("columns in a different order")
        raise DataError(
            f"The header of {path} does not match datapackage.json ({'; '.join(details)}). {RESTORE_HINT}"
        )
    try:
        frame = pd.read_csv(
            io.StringIO(text), dtype="str", keep_default_na=False, na_values=[""], on_bad_lines="error"
        )
    except (pd.errors.ParserError, ValueError) as error:
        raise DataError(f"The data file {path} cannot be parsed as CSV ({error}). {RESTORE_HINT}") from None
    return frame


def _typed_column(values: pd.Series, field: dict, path: Path) -> pd.Series:
    """Convert one column of text to the type its schema field declares."""
    name = field["name"]
    kind = field.get("type", "string")
    present = values.notna()
    if kind == "string":
        enum = field.get("constraints", {}).get("enum")
        if enum is None:
            return values.astype("str")
        outside = values[present & ~values.isin(enum)]
        _raise_if_any(outside, path, name, f"not one of {enum}")
        return pd.Series(pd.Categorical(values, categories=enum), index=values.index, name=name)
    if kind in ("integer", "number"):
        numbers = pd.to_numeric(values, errors="coerce")
        _raise_if_any(values[present & numbers.isna()], path, name, f"not a valid {kind}")
        if kind == "number":
            return numbers.astype("float64")
        fractional = values[present & (numbers.round() != numbers)]
        _raise_if_any(fractional, path, name, "not a whole number")
        return numbers.astype("Int64")
    if kind == "boolean":
        true_values = field.get("trueValues", ["true", "True", "TRUE", "1"])
        false_values = field.get("falseValues", ["false", "False", "FALSE", "0"])
        mapping = {**{text: True for text in true_values}, **{text: False for text in false_values}}
        _raise_if_any(values[present & ~values.isin(list(mapping))], path, name, "not a boolean")
        return values.map(mapping).astype("boolean")
    if kind == "date":
        dates = pd.to_datetime(values, format="%Y-%m-%d", errors="coerce")
        _raise_if_any(values[present & dates.isna()], path, name, "not a date YYYY-MM-DD")
        return dates
    raise DataError(f"Column {name!r} of {path} has type {kind!r}, which this loader does not know. {RESTORE_HINT}")


def _partial_date_bounds(values: pd.Series, path: Path, name: str) -> tuple[pd.Series, pd.Series]:
    starts, ends = [], []
    for row_number, value in zip(range(1, len(values) + 1), values):
        if pd.isna(value):
            starts.append(pd.NaT)
            ends.append(pd.NaT)
            continue
        try:
            start, end = partial_date_bounds(value)
        except ValueError:
            raise DataError(
                f"Column {name!r} of {path}, data row {row_number}: {value!r} is not a date YYYY, YYYY-MM or "
                f"YYYY-MM-DD. {RESTORE_HINT}"
            ) from None
        starts.append(start)
        ends.append(end)
    index = values.index
    return (
        pd.Series(pd.to_datetime(starts), index=index, name=f"{name}_start"),
        pd.Series(pd.to_datetime(ends), index=index, name=f"{name}_end"),
    )


def _raise_if_any(bad: pd.Series, path: Path, name: str, problem: str) -> None:
    if bad.empty:
        return
    examples = ", ".join(f"data row {index + 1}: {value!r}" for index, value in bad.head(3).items())
    raise DataError(f"Column {name!r} of {path} has values that are {problem} ({examples}). {RESTORE_HINT}")
