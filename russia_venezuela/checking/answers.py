"""The answer kinds of pandas and plain Python: how a number, a text, a list, a table or a Series is compared
with the expected one, and the diagnosis of each way it can differ."""

from __future__ import annotations

import math
import numbers
from collections import Counter
from dataclasses import dataclass
from typing import Any

import pandas as pd

from russia_venezuela.checking.question import none_message, short_repr, type_name

# Beyond this many items (or rows) an answer is not compared item by item: it is plainly too long.
_MAX_ITEMS = 100_000


def canonical(value: Any) -> Any:
    """One cell's value in a form that compares as a reader would: missing is None, numbers are floats."""
    try:
        if value is None or (not isinstance(value, (str, list, tuple, dict)) and pd.isna(value)):
            return None
    except (TypeError, ValueError):  # pd.isna of an array-like: not a scalar, compare its items
        return tuple(canonical(item) for item in value.tolist()) if hasattr(value, "tolist") else short_repr(value, 200)
    if isinstance(value, bool):
        return value
    if isinstance(value, numbers.Number) and not isinstance(value, bool):
        number = float(value)
        return round(number, 6) if math.isfinite(number) else number
    if isinstance(value, pd.Timestamp):
        return value.tz_localize(None) if value.tzinfo else value
    if isinstance(value, (list, tuple)):  # a cell that holds a list: comparable, and countable in a Counter
        return tuple(canonical(item) for item in value)
    try:
        hash(value)
    except TypeError:
        return short_repr(value, 200)
    return value


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Number) and not isinstance(value, bool)


def _is_datetime(series: pd.Series) -> bool:
    return pd.api.types.is_datetime64_any_dtype(series.dtype)


def is_numeric(series: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(series.dtype) and not pd.api.types.is_bool_dtype(series.dtype)


def _is_text(series: pd.Series) -> bool:
    return pd.api.types.is_string_dtype(series.dtype) or series.dtype == object


def _looks_like_dates(series: pd.Series) -> bool:
    sample = series.dropna().astype(str).head(20)
    return len(sample) > 0 and sample.str.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?( .*)?").all()


def _looks_like_numbers(series: pd.Series) -> bool:
    sample = series.dropna().astype(str).head(20)
    return len(sample) > 0 and sample.str.fullmatch(r"-?\d+(\.\d+)?").all()


class AnswerKind:
    """How to compare an answer with the expected one. `diagnose` returns None for a match, else a sentence."""

    def diagnose(self, answer: Any, expected: Any) -> str | None:
        raise NotImplementedError

    def prepare(self, answer: Any) -> Any:
        """The answer as it is judged: pandas objects are copied so the learner's own are never touched."""
        if isinstance(answer, (pd.DataFrame, pd.Series, pd.Index)):
            return answer.copy(deep=True)
        return answer

    def comparable(self, wrong_answer: Any) -> Any:
        """A mistake's wrong answer in the form `diagnose` compares an answer against."""
        return wrong_answer


@dataclass(frozen=True)
class NumberAnswer(AnswerKind):
    """One number, compared with a relative tolerance."""

    tolerance: float = 1e-6

    def diagnose(self, answer, expected):
        if answer is None:
            return none_message()
        if isinstance(answer, bool):
            return ("Your answer is `True` or `False`, which is a yes/no, not a count or an amount. "
                    "The question asks for a number: to count the rows where a condition holds, use `mask.sum()`.")
        if isinstance(answer, str):
            try:
                float(answer)
            except ValueError:
                return f"Your answer is a text, {short_repr(answer)}. The question asks for a number."
            return (f"Your answer is the text {short_repr(answer)}, not a number. Leave out the quotation marks, "
                    "or convert a value read from a table with `int(...)` or `float(...)`.")
        if isinstance(answer, pd.DataFrame):
            return (f"Your answer is a table of {len(answer)} rows. The question asks for a single number: count "
                    "the rows with `len(...)`, or pick one value with `.loc[...]` and `.item()`.")
        if pd.api.types.is_list_like(answer) and not isinstance(answer, (dict, set)) and hasattr(answer, "__len__"):
            size = len(answer)
            if size == 1:
                fix = "`[0]`" if isinstance(answer, (list, tuple)) else "`.item()` (or `.iloc[0]`)"
                return (f"Your answer is {type_name(answer)} holding one value. The question asks for the number "
                        f"itself: take it out with {fix}.")
            return (f"Your answer is {type_name(answer)} of {size} values. The question asks for a single number: "
                    "count with `len(...)`, add with `.sum()`, or pick one value with `.loc[...]`.")
        if not _is_number(answer):
            return f"Your answer is {type_name(answer)}. The question asks for a number."
        number, exact = float(answer), float(expected)
        if math.isnan(number):
            return ("Your answer is NaN, pandas' mark for a missing value. A sum or mean over no rows, or over a "
                    "column that is empty where you looked, gives NaN: check the rows your filter keeps.")
        if math.isclose(number, exact, rel_tol=self.tolerance, abs_tol=self.tolerance):
            return None
        if number == 0:
            return ("Your number is 0: nothing matched. Values are compared exactly, capitals and spaces included: "
                    "check the spelling of the value you look for against the data.")
        if exact.is_integer():
            if abs(number - exact) == 1:
                return ("Your number is off by one. Check whether one row is counted twice or left out (for a "
                        "filter, its edge: `>` or `>=`).")
        elif (digits := next((digits for digits in range(5) if number == round(exact, digits)), None)) is not None:
            places = "a whole number" if digits == 0 else f"{digits} decimal place{'s' * (digits > 1)}"
            return (f"Your number is rounded to {places}. Store it as pandas computes it; round only when you "
                    "print it.")
        return f"Your number is too {'high' if number > exact else 'low'}. Check which rows you keep."


@dataclass(frozen=True)
class TextAnswer(AnswerKind):
    """One piece of text, such as an id or a name."""

    def diagnose(self, answer, expected):
        if answer is None:
            return none_message()
        if isinstance(answer, (pd.Series, pd.Index, list, tuple)) and len(answer) == 1:
            return (f"Your answer is {type_name(answer)} holding one value. The question asks for the text itself: "
                    "take it out with `.item()` (or `[0]` for a list).")
        if not isinstance(answer, str):
            return f"Your answer is {type_name(answer)}. The question asks for one text, in quotation marks."
        if answer == expected:
            return None
        if answer.strip() == expected:
            return "Almost: your text has spaces or line breaks at its start or end. Remove them (`.strip()`)."
        if answer.casefold() == expected.casefold():
            return "Almost: the letters are right but capitals differ. Copy the value exactly as the data has it."
        return f"{short_repr(answer)} is not the answer. Look again at the rows that the question describes."


def _as_list(answer: Any) -> list | None:
    """A list-like answer as a Python list, or None if it is not list-like."""
    if isinstance(answer, (list, tuple, pd.Series, pd.Index)):
        return list(answer)
    if type(answer).__module__ == "numpy" and hasattr(answer, "tolist"):
        return answer.tolist()
    return None


@dataclass(frozen=True)
class ListAnswer(AnswerKind):
    """A list of values (ids, names, years). `ordered=True` when the question asks for a particular order;
    `order` then says which, in the words the diagnosis of a reversed list gives it."""

    ordered: bool = False
    order: str = ""  # e.g. "the order of the `figures` table: a filter keeps it, so there is no need to sort"

    def diagnose(self, answer, expected):
        if answer is None:
            return none_message()
        if isinstance(answer, str):
            return ("Your answer is one text, not a list. Put the values in square brackets, "
                    "e.g. `[\"first\", \"second\"]`, or turn a column into a list with `.tolist()`.")
        if isinstance(answer, (set, frozenset)):
            if not self.ordered:
                answer = list(answer)
            else:
                return ("Your answer is a set, which has no order, and this question asks for an order. "
                        "Turn it into a sorted list: `sorted(...)`.")
        if isinstance(answer, pd.DataFrame):
            return ("Your answer is a whole table. The question asks for a list of values: select one column and "
                    "turn it into a list, e.g. `table[\"column\"].tolist()`.")
        items = _as_list(answer)
        if items is None:
            return f"Your answer is {type_name(answer)}. The question asks for a list of values."
        if len(items) > _MAX_ITEMS:
            return f"Your list has {len(items)} items, far more than the question asks for. Check your filter."
        expected = list(expected)
        given = [canonical(item) for item in items]
        wanted = [canonical(item) for item in expected]
        if given == wanted or (not self.ordered and Counter(given) == Counter(wanted)):
            return None
        counts = Counter(given)
        if set(counts) == set(wanted) and max(counts.values()) > 1 and len(set(wanted)) == len(wanted):
            repeated = next(original for item, original in zip(given, items) if counts[item] > 1)
            return (f"Your list repeats {short_repr(repeated)}. Keep each value once: "
                    "`.drop_duplicates()` or `.unique()`.")
        if self.ordered and len(set(wanted)) > 1 and given == wanted[::-1]:
            return "You have the right values, but in reverse order. " + (
                f"The question asks for them in {self.order}." if self.order else
                "Check the direction of your sort (`ascending=`, `reverse=`).")
        if counts == Counter(wanted):
            return "You have exactly the right values, but not in the order the question asks for. Sort them."
        if given and all(isinstance(item, bool) for item in given) and not any(isinstance(w, bool) for w in wanted):
            return ("Your list holds True and False: that is a mask. Use it to keep the rows, then take the "
                    "column the question asks for, e.g. `table[mask][\"column\"].tolist()`.")
        if wanted and given and type(given[0]) is not type(wanted[0]) and not set(given) & set(wanted):
            return (f"Your values are {type_name(items[0])}, but the question wants {type_name(expected[0])}. "
                    "Keep the values as the table holds them.")
        extra = [original for item, original in zip(given, items) if item not in wanted]
        missing = len({item for item in wanted if item not in counts})
        parts = []
        if extra:
            parts.append(f"{short_repr(extra[0])} should not be in it"
                         + (f" (nor {len(extra) - 1} more of yours)" if len(extra) > 1 else ""))
        if missing:
            parts.append(f"{missing} value{'s are' if missing > 1 else ' is'} missing")
        return "Your list is not right yet: " + "; ".join(parts) + ". Check the condition that picks the rows."


def _holds_collections(values) -> bool:
    """Whether any value is itself a list, tuple, set or array (e.g. a Series of lists)."""
    return any(isinstance(value, (list, tuple, set)) or hasattr(value, "tolist") and getattr(value, "ndim", 0) > 0
               for value in list(values)[:_MAX_ITEMS])


def _zero_count_rows(answer: pd.DataFrame, expected: pd.DataFrame) -> bool:
    """Whether the learner's extra rows look like the empty combinations a categorical groupby adds."""
    numeric = [name for name in expected.columns if is_numeric(expected[name]) and name in answer.columns]
    return any((answer[name] == 0).sum() > (expected[name] == 0).sum() for name in numeric)


def _rows(frame: pd.DataFrame) -> list[tuple]:
    return [tuple(canonical(value) for value in row) for row in frame.itertuples(index=False, name=None)]


def _dtype_problem(name: str, given: pd.Series, wanted: pd.Series) -> str | None:
    if _holds_collections(given) and not _holds_collections(wanted):
        return (f"Column `{name}` holds lists, one per row. To give each item a row of its own, use "
                f"`.explode(\"{name}\")`.")
    if _is_datetime(wanted) and not _is_datetime(given):
        if _is_text(given) and _looks_like_dates(given):
            return (f"Column `{name}` holds dates written as text. Turn them into dates with "
                    f"`pd.to_datetime(...)`, or use the loader's `_start` / `_end` date columns.")
        return f"Column `{name}` should hold dates (datetime64), but its type is `{given.dtype}`."
    if is_numeric(wanted) and not is_numeric(given):
        if _is_text(given) and _looks_like_numbers(given):
            return (f"Column `{name}` holds numbers written as text. Convert them with "
                    "`pd.to_numeric(...)` or `.astype(\"Int64\")`.")
        return f"Column `{name}` should hold numbers, but its type is `{given.dtype}`."
    return None


@dataclass(frozen=True)
class TableAnswer(AnswerKind):
    """A DataFrame. Columns are compared by name in any order; rows in order only when `ordered`.

    `sort_hint` names the sort the question asks for, for the message about order. The index is ignored
    unless `index=True`, when its labels must match too (as for a table indexed by article id).
    """

    ordered: bool = False
    index: bool = False
    sort_hint: str = ""
    column_order: bool = False

    def diagnose(self, answer, expected):
        if answer is None:
            return none_message()
        if isinstance(answer, pd.Series):
            return ("Your answer is a Series, one column with an index. The question asks for a table "
                    "(a DataFrame): `.reset_index()` turns the index into a column, `.to_frame()` keeps it.")
        if not isinstance(answer, pd.DataFrame):
            return f"Your answer is {type_name(answer)}. The question asks for a table (a pandas DataFrame)."
        if isinstance(answer.columns, pd.MultiIndex):
            return ("Your table has two levels of column names. Flatten them, or use named aggregation "
                    "(`.agg(new_name=(\"column\", \"function\"))`) so each column has one name.")
        if self.index:
            rows_only = TableAnswer(self.ordered, False, self.sort_hint, self.column_order)
            problem = rows_only.diagnose(answer, expected)
            if problem is not None:
                return problem
            if (list(answer.index.names) == list(expected.index.names)
                    and rows_only.diagnose(answer.reset_index(), expected.reset_index()) is None):
                return None
            if list(answer.index.names) == list(expected.index.names):
                return ("The rows are right, but the index labels are not: a table sorted with "
                        "`sort_values(..., ignore_index=True)` or after `.reset_index(drop=True)` is numbered "
                        "from zero.")
            return (f"The rows are right, but your index is `{answer.index.names}`; the question asks for "
                    f"`{expected.index.names}`. Check `set_index` / `reset_index`.")
        wanted, given = list(expected.columns), list(answer.columns)
        missing = [name for name in wanted if name not in given]
        extra = [name for name in given if name not in wanted]
        in_index = [name for name in missing if name in (answer.index.names or [])]
        if in_index:
            return (f"`{in_index[0]}` is in your table's index, not among its columns. "
                    "Call `.reset_index()` to turn the index into columns.")
        if missing or extra:
            parts = []
            if missing:
                parts.append("missing column" + ("s " if len(missing) > 1 else " ")
                             + ", ".join(f"`{name}`" for name in missing))
            if extra:
                parts.append("column" + ("s " if len(extra) > 1 else " ") + ", ".join(f"`{name}`" for name in extra)
                             + " should not be there")
            return "Your table's columns are not right: " + "; ".join(parts) + "."
        if self.column_order and given != wanted:
            return ("Your table has the right columns, but not in the order the question gives. Select them in "
                    "that order with a list: `table[[\"first\", \"second\", ...]]`.")
        if len(answer) > _MAX_ITEMS:
            return f"Your table has {len(answer)} rows, far more than the question asks for. Check your filter."
        if len(answer) > len(expected) and _zero_count_rows(answer, expected):
            return ("Your table has rows with a count of zero. Grouping category columns keeps every combination "
                    "of categories: pass `observed=True` to `groupby`, or keep only the pairs that occur.")
        if len(answer) != len(expected):
            more = len(answer) > len(expected)
            off = " one" if abs(len(answer) - len(expected)) == 1 else ""
            return (f"Your table has{off} {'too many' if more else 'too few'} rows ({len(answer)}). "
                    + ("Check which rows you kept: is a filter missing or too loose, or are rows repeated?" if more
                       else "Check which rows you kept: is a filter too strict (`>` where `>=` was meant), or "
                            "were rows dropped?"))
        for name in wanted:
            problem = _dtype_problem(name, answer[name], expected[name])
            if problem:
                return problem
        given_rows, wanted_rows = _rows(answer[wanted]), _rows(expected[wanted])
        if given_rows == wanted_rows:
            return None
        if Counter(given_rows) == Counter(wanted_rows):
            if not self.ordered:
                return None
            return "You have the right rows, but not in the order the question asks for" + (
                f": {self.sort_hint}." if self.sort_hint else ". Sort them with `.sort_values(...)`.")
        wrong = [name for name in wanted
                 if Counter(canonical(v) for v in answer[name]) != Counter(canonical(v) for v in expected[name])]
        if wrong and all(_rounded(dict(enumerate(canonical(v) for v in answer[name].sort_values())),
                                  dict(enumerate(canonical(v) for v in expected[name].sort_values())))
                         for name in wrong):
            return _ROUNDED
        if wrong:
            return ("The values in column" + ("s " if len(wrong) > 1 else " ")
                    + ", ".join(f"`{name}`" for name in wrong) + " are not right. Check how you computed them.")
        return "Each column has the right values, but they are paired up wrongly across rows. Check your merge."


@dataclass(frozen=True)
class SeriesAnswer(AnswerKind):
    """A Series such as a count per kind: its index labels and values, paired, in order when `ordered`."""

    ordered: bool = False
    sort_hint: str = ""

    def diagnose(self, answer, expected):
        if answer is None:
            return none_message()
        if isinstance(answer, pd.DataFrame):
            if answer.shape[1] == 1:
                return ("Your answer is a table with one column. The question asks for a Series: "
                        f"select the column, e.g. `table[\"{answer.columns[0]}\"]`.")
            return ("Your answer is a table (DataFrame). The question asks for a Series: one column of values "
                    "with the labels as its index, as `value_counts()` or `groupby(...)[column].sum()` give.")
        if not isinstance(answer, pd.Series):
            return f"Your answer is {type_name(answer)}. The question asks for a pandas Series."
        if _holds_collections(answer) and not _holds_collections(expected):
            return ("Each value of your Series is a list or an array, not a single value. Count or sum them "
                    "(e.g. `.nunique()` or `len(...)` per group) so that each label gets one value.")
        if len(answer) > _MAX_ITEMS:
            return f"Your Series has {len(answer)} values, far more than the question asks for."
        given = [(canonical(label), canonical(value)) for label, value in answer.items()]
        wanted = [(canonical(label), canonical(value)) for label, value in expected.items()]
        if len(answer) != len(expected):
            return _count_mismatch(given, wanted)
        if given == wanted or (not self.ordered and Counter(given) == Counter(wanted)):
            return None
        if Counter(given) == Counter(wanted):
            return "Right values, but not in the order the question asks for" + (
                f": {self.sort_hint}." if self.sort_hint else ". Sort them.")
        wanted_labels = {label for label, _ in wanted}
        if not any(label in wanted_labels for label, _ in given):
            return ("None of your index labels is one the question expects. Did you group or count by the "
                    "right column, and is it the index (not `0, 1, 2, ...`)?")
        if Counter(value for _, value in given) == Counter(value for _, value in wanted):
            return "The values are right, but they sit beside the wrong labels. Check the index."
        if _rounded(dict(given), dict(wanted)):
            return _ROUNDED
        return "Some values are not right. Check the rows you kept before counting or grouping."


_ROUNDED = ("Your numbers are rounded. Keep them as pandas computes them; round only when you show them "
            "(`display.float_format` or `.round()` on a copy for printing).")


def _rounded(given: dict, wanted: dict) -> bool:
    """Whether the learner's numbers equal the expected ones after rounding to a few decimals."""
    if set(given) != set(wanted):
        return False
    numbers = [(given[key], wanted[key]) for key in wanted if _is_number(given[key]) and _is_number(wanted[key])]
    return bool(numbers) and any(g != w for g, w in numbers) and all(
        abs(g - w) <= 0.0051 * max(1.0, abs(w)) for g, w in numbers)


def _count_mismatch(given: list[tuple], wanted: list[tuple]) -> str:
    """Why a Series has more or fewer values than expected, as specifically as the values allow."""
    wanted_labels = {label for label, _ in wanted}
    given_labels = {label for label, _ in given}
    extra = [(label, value) for label, value in given if label not in wanted_labels]
    missing = [(label, value) for label, value in wanted if label not in given_labels]
    if extra and all(value == 0 for _, value in extra):
        return ("Your Series lists labels with a count of zero. A category column keeps every category when "
                "you count or group it: pass `observed=True` to `groupby`, or drop the zeros.")
    if missing and all(value == 0 for _, value in missing) and not extra:
        return ("Your Series leaves out the labels whose count is zero, and the question wants them too. "
                "`value_counts()` of a category column keeps them; `groupby(..., observed=False)` does as well.")
    if any(label is None for label, _ in wanted) and not any(label is None for label, _ in given):
        return ("Your Series has no entry for the missing values, and the question counts them too: "
                "`value_counts(dropna=False)` keeps them.")
    return (f"Your Series has {len(given)} values, {'more' if len(given) > len(wanted) else 'fewer'} than the "
            "question asks for. Check which rows you kept, and which column you counted or grouped by.")
