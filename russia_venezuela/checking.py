"""Answer checks for the exercise notebooks: `q1.check()`, `q1.hint()`, `q1.solution()`.

A question is a small object (`Question`): the name of the learner's variable, its points, how to compare an
answer (`NumberAnswer`, `TextAnswer`, `ListAnswer`, `SeriesAnswer`, `TableAnswer`, `ChartAnswer`), the
expected answer computed from the data (never a literal copied from the solution), typical mistakes with the
diagnosis written for each, and hints. The model answer itself lives in `solutions/`, the one source of the
exercises, and `solution()` reads it from there.

Every answer is judged inside a guard: whatever a learner hands in (None, a huge list, an object whose
`__eq__` raises), the check says something useful and never raises, never shows the expected answer and
never changes the learner's objects (pandas objects are judged on a copy; nothing else is written to).

Two switches make a check raise on a wrong answer, for automatic runs: `RUSSIA_VENEZUELA_STRICT=1` (the test
suite sets it, so a solution notebook whose answer is judged incorrect fails under nbval) raises on Incorrect;
nbgrader's autograder (which sets `NBGRADER_EXECUTION=autograde`) also raises on Not answered, so that an
unanswered question scores no points there. In the kernels of `russia-venezuela grade`, which set
`RUSSIA_VENEZUELA_GRADING=1`, a check does nothing: the grader judges the answers itself, outside the kernel.
"""

from __future__ import annotations

import math
import numbers
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import InitVar, dataclass, field
from typing import Any

import altair as alt
import pandas as pd

from russia_venezuela import progress
from russia_venezuela.solution_regions import assigns, solution_text

CORRECT = "correct"
INCORRECT = "incorrect"
NOT_ANSWERED = "not answered"
STRICT_ENV_VAR = "RUSSIA_VENEZUELA_STRICT"
GRADING_ENV_VAR = "RUSSIA_VENEZUELA_GRADING"
# Beyond this many items (or rows) an answer is not compared item by item: it is plainly too long.
_MAX_ITEMS = 100_000


class _Blank:
    """The placeholder `____` that an exercise cell holds until the learner replaces it."""

    def __repr__(self) -> str:
        return "____"


____ = _Blank()


class AnswerNotCorrect(AssertionError):
    """Raised by `check()` in strict mode or under nbgrader's autograder, so the run marks the cell failed."""


@dataclass(frozen=True)
class Result:
    """What a check found: a status (correct, incorrect, not answered) and a message for the learner."""

    status: str
    message: str
    # What the learner reads first, where the status's own words would mislead (an answer that raised an
    # error has been written, but is not judged).
    headline: str = ""

    def __str__(self) -> str:
        return f"{self.headline or self.status.capitalize()}: {self.message}"

    def _repr_markdown_(self) -> str:
        mark = {CORRECT: "✅ **Correct.**", INCORRECT: "❌ **Not yet.**", NOT_ANSWERED: "✏️ **Not answered yet.**"}
        return f"{f'⚠️ **{self.headline}**' if self.headline else mark[self.status]} {self.message}"


def _show(text_object) -> None:
    """Display Markdown in a notebook, or print plain text anywhere else."""
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:
        get_ipython = None
    if get_ipython is not None and get_ipython() is not None:
        display(text_object)
    else:
        print(str(text_object))


class _Markdown:
    def __init__(self, markdown: str):
        self.markdown = markdown

    def __str__(self) -> str:
        return self.markdown

    def _repr_markdown_(self) -> str:
        return self.markdown


class OpaqueAnswer:
    """An answer known only by a description of its type: the grader's stand-in for an object it cannot read.
    With a `verdict`, the grader's own reason for not judging it (an answer too large to read)."""

    def __init__(self, description: str, verdict: str | None = None):
        self.description = description
        self.verdict = verdict


def type_name(value: Any) -> str:
    """A readable name for the type of any value, even one whose attributes raise."""
    if isinstance(value, OpaqueAnswer):
        return value.description
    try:
        cls = type(value)
        module = getattr(cls, "__module__", "") or ""
        name = cls.__qualname__
    except Exception:  # a hostile metaclass: say something rather than fail
        return "an unusual object"
    return describe_type(module, name)


def describe_type(module: str, name: str) -> str:
    """A readable name for the type called `name` in `module` (the grader knows some answers by these only)."""
    if name.endswith("Array") or name == "ndarray":
        return "an array of values (such as `.unique()` gives)"
    if module.startswith("pandas"):
        return f"a pandas {name}"
    if module.startswith("altair"):
        return f"an Altair {name}"
    if module.startswith("numpy"):
        return f"a NumPy {name}"
    return {"NoneType": "None", "str": "a text (str)", "int": "a whole number (int)", "float": "a number (float)",
            "bool": "True or False (bool)", "list": "a list", "tuple": "a tuple", "dict": "a dictionary (dict)",
            "set": "a set"}.get(name, f"an object of type {name}")


def _none_message() -> str:
    return ("Your variable holds `None`. A method called with `inplace=True`, or a function with no `return`, "
            "gives back `None`: assign the result of the method instead, e.g. `result = table.sort_values(...)`.")


def _short(value: Any, limit: int = 60) -> str:
    """A short, safe text form of one of the learner's own values, for quoting it back to them."""
    try:
        text = repr(value)
    except Exception:
        return type_name(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _canonical(value: Any) -> Any:
    """One cell's value in a form that compares as a reader would: missing is None, numbers are floats."""
    try:
        if value is None or (not isinstance(value, (str, list, tuple, dict)) and pd.isna(value)):
            return None
    except (TypeError, ValueError):  # pd.isna of an array-like: not a scalar, compare its items
        return tuple(_canonical(item) for item in value.tolist()) if hasattr(value, "tolist") else _short(value, 200)
    if isinstance(value, bool):
        return value
    if isinstance(value, numbers.Number) and not isinstance(value, bool):
        number = float(value)
        return round(number, 6) if math.isfinite(number) else number
    if isinstance(value, pd.Timestamp):
        return value.tz_localize(None) if value.tzinfo else value
    if isinstance(value, (list, tuple)):  # a cell that holds a list: comparable, and countable in a Counter
        return tuple(_canonical(item) for item in value)
    try:
        hash(value)
    except TypeError:
        return _short(value, 200)
    return value


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Number) and not isinstance(value, bool)


def _is_datetime(series: pd.Series) -> bool:
    return pd.api.types.is_datetime64_any_dtype(series.dtype)


def _is_numeric(series: pd.Series) -> bool:
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


@dataclass(frozen=True)
class NumberAnswer(AnswerKind):
    """One number, compared with a relative tolerance."""

    tolerance: float = 1e-6

    def diagnose(self, answer, expected):
        if answer is None:
            return _none_message()
        if isinstance(answer, bool):
            return ("Your answer is `True` or `False`, which is a yes/no, not a count or an amount. "
                    "The question asks for a number: to count the rows where a condition holds, use `mask.sum()`.")
        if isinstance(answer, str):
            try:
                float(answer)
            except ValueError:
                return f"Your answer is a text, {_short(answer)}. The question asks for a number."
            return (f"Your answer is the text {_short(answer)}, not a number. Leave out the quotation marks, "
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
            return _none_message()
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
        return f"{_short(answer)} is not the answer. Look again at the rows that the question describes."


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
            return _none_message()
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
        given = [_canonical(item) for item in items]
        wanted = [_canonical(item) for item in expected]
        if given == wanted or (not self.ordered and Counter(given) == Counter(wanted)):
            return None
        counts = Counter(given)
        if set(counts) == set(wanted) and max(counts.values()) > 1 and len(set(wanted)) == len(wanted):
            repeated = next(original for item, original in zip(given, items) if counts[item] > 1)
            return (f"Your list repeats {_short(repeated)}. Keep each value once: "
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
            parts.append(f"{_short(extra[0])} should not be in it"
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
    numeric = [name for name in expected.columns if _is_numeric(expected[name]) and name in answer.columns]
    return any((answer[name] == 0).sum() > (expected[name] == 0).sum() for name in numeric)


def _rows(frame: pd.DataFrame) -> list[tuple]:
    return [tuple(_canonical(value) for value in row) for row in frame.itertuples(index=False, name=None)]


def _dtype_problem(name: str, given: pd.Series, wanted: pd.Series) -> str | None:
    if _holds_collections(given) and not _holds_collections(wanted):
        return (f"Column `{name}` holds lists, one per row. To give each item a row of its own, use "
                f"`.explode(\"{name}\")`.")
    if _is_datetime(wanted) and not _is_datetime(given):
        if _is_text(given) and _looks_like_dates(given):
            return (f"Column `{name}` holds dates written as text. Turn them into dates with "
                    f"`pd.to_datetime(...)`, or use the loader's `_start` / `_end` date columns.")
        return f"Column `{name}` should hold dates (datetime64), but its type is `{given.dtype}`."
    if _is_numeric(wanted) and not _is_numeric(given):
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
            return _none_message()
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
                 if Counter(_canonical(v) for v in answer[name]) != Counter(_canonical(v) for v in expected[name])]
        if wrong and all(_rounded(dict(enumerate(_canonical(v) for v in answer[name].sort_values())),
                                  dict(enumerate(_canonical(v) for v in expected[name].sort_values())))
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
            return _none_message()
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
        given = [(_canonical(label), _canonical(value)) for label, value in answer.items()]
        wanted = [(_canonical(label), _canonical(value)) for label, value in expected.items()]
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


@dataclass(frozen=True)
class Channel:
    """What one encoding channel of a chart must show: a field (or an aggregate such as count) and its type."""

    field: str | None = None
    type: str | None = None
    aggregate: str | None = None


TYPE_SHORTHAND = {"quantitative": ":Q", "nominal": ":N", "ordinal": ":O", "temporal": ":T"}
MARK_METHOD = "mark_{}()"


@dataclass(frozen=True)
class Interaction:
    """A selection the chart must have: its kind ("point" or "interval"), what it is bound to (e.g. "legend"),
    the field it picks by, and the channel whose value must depend on it (e.g. "opacity"; None if the
    selection filters another view instead)."""

    select: str = "point"
    bind: str | None = None
    field: str | None = None
    responds: str | None = "opacity"


@dataclass(frozen=True)
class ChartSpec:
    """The expected chart: its mark, the channels it must encode (each with acceptable alternatives), and,
    if given, the data it must draw (compared as a table on the columns it names, in any order), an
    interaction, and whether it needs a title and a subtitle.

    `drawn` says what the chart must show, whatever the learner named their columns or wherever they
    counted (in pandas or with Altair's `count()`): a table with one column per channel, e.g. `y` the
    categories and `x` the bar lengths. The check aggregates the chart's data as Vega-Lite would.

    `needs_description` asks for the sentence screen readers read out (`description="..."`).

    `exact` (used for the typical wrong charts of a question) also requires the same set of channels, so that
    a mistake matches only charts that make that mistake."""

    mark: str
    channels: dict[str, tuple[Channel, ...]]
    data: pd.DataFrame | None = None
    needs_title: bool = True
    needs_subtitle: bool = False
    needs_tooltip: bool = True
    needs_axis_titles: bool = True
    needs_description: bool = False
    interaction: Interaction | None = None
    drawn: pd.DataFrame | None = None
    exact: bool = False


# Channels that describe rather than draw: a typical wrong chart matches whether or not it has them.
DESCRIPTIVE_CHANNELS = {"tooltip", "href", "description"}


def views_of(spec: dict) -> Iterable[dict]:
    """The spec and every view inside its layers, concatenations and facets."""
    return (view for view, _ in views_with_rows(spec))


def views_with_rows(spec: dict, rows=None, datasets=None):
    """Every view of a Vega-Lite spec with the rows (records) it draws: its own data, or the data it inherits."""
    datasets = (spec.get("datasets") or {}) if datasets is None else datasets
    data = spec.get("data")
    if isinstance(data, dict):
        rows = data["values"] if isinstance(data.get("values"), list) else datasets.get(data.get("name"))
    yield spec, rows
    for key in ["layer", "hconcat", "vconcat", "concat"]:
        for part in spec.get(key) or []:
            yield from views_with_rows(part, rows, datasets)
    if isinstance(spec.get("spec"), dict):
        yield from views_with_rows(spec["spec"], rows, datasets)


def mark_of(view: dict) -> str | None:
    mark = view.get("mark")
    return mark.get("type") if isinstance(mark, dict) else mark


def subtitle_text(spec: dict) -> str:
    """The subtitles of a chart and its views, as one text ("" if it has none)."""
    subtitles = [view["title"].get("subtitle") for view in views_of(spec) if isinstance(view.get("title"), dict)]
    return " ".join(" ".join(map(str, part)) if isinstance(part, list) else str(part) for part in subtitles if part)


DISCRETE_TYPES = {"nominal", "ordinal"}


def _same_type(given: str | None, wanted: str | None) -> bool:
    """Nominal and ordinal both draw categories; a question that asks for one accepts the other."""
    return wanted is None or given == wanted or {given, wanted} <= DISCRETE_TYPES


def _channel_matches(encoding: dict, channel: Channel, exact: bool = False) -> bool:
    """Whether an encoding shows what the channel asks for. A None in the channel means "any", except that
    an exact channel (a typical wrong chart) with no aggregate matches only encodings with none."""
    return ((channel.field is None or encoding.get("field") == channel.field)
            and (encoding.get("aggregate") == channel.aggregate if exact or channel.aggregate is not None else True)
            and (encoding.get("type") == channel.type if exact else _same_type(encoding.get("type"), channel.type)))


@dataclass(frozen=True)
class ChartAnswer(AnswerKind):
    """An Altair chart, judged from its Vega-Lite spec (mark, encodings, title, data), never from pixels."""

    def prepare(self, answer):
        return answer  # a chart is read through to_dict(), which builds a new dict and changes nothing

    def diagnose(self, answer, expected: ChartSpec):
        if answer is None:
            return _none_message()
        if isinstance(answer, pd.DataFrame):
            return ("Your answer is a table, the data of a chart. Make the chart from it: "
                    "`alt.Chart(table, title=\"...\").mark_...().encode(...)`.")
        if isinstance(answer, ExportedChart):
            spec = answer.spec
        elif not isinstance(answer, alt.TopLevelMixin):
            return f"Your answer is {type_name(answer)}. The question asks for an Altair chart (`alt.Chart(...)`)."
        elif isinstance(answer, alt.Chart) and answer.mark is alt.Undefined:
            return "Your chart has no mark yet: add one, e.g. `.mark_bar()`."
        else:
            try:
                spec = answer.to_dict()
            except Exception as error:
                first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
                return f"Altair cannot turn your chart into a drawing. It says: “{first_line[:200]}”. Fix that first."
        views = [view for view in views_of(spec) if mark_of(view)]
        if not views:
            return "Your chart has no mark yet: add one, e.g. `.mark_bar()`."
        candidates = [view for view in views if mark_of(view) == expected.mark]
        if not candidates:
            marks = ", ".join(sorted({f"`{mark_of(v)}`" for v in views}))
            return (f"Your chart draws {marks}, but this question needs a {expected.mark} mark: "
                    f"`.{MARK_METHOD.format(expected.mark)}`.")
        # In a layered chart any layer with the right mark may be the one the question asks for.
        problems = [_encoding_problem(view.get("encoding", {}) or {}, expected) for view in candidates]
        if None not in problems:
            return problems[0]
        problem = _missing_field_problem(spec)
        if problem:
            return problem
        titles = [view.get("title") for view in views_of(spec) if view.get("title")]
        if expected.needs_title and not titles:
            return "Your chart has no title. Give it one: `alt.Chart(data, title=\"...\")`."
        if expected.needs_subtitle and not any(isinstance(title, dict) and title.get("subtitle") for title in titles):
            return ("Your chart has a title but no subtitle. Use `title=alt.Title(\"...\", subtitle=\"...\")`: "
                    "the question says what the subtitle should tell the reader.")
        if expected.needs_axis_titles:
            for view in candidates:
                for name in ["x", "y"]:
                    encoding = (view.get("encoding") or {}).get(name)
                    if isinstance(encoding, dict) and ("field" in encoding or "aggregate" in encoding) \
                            and not _written(encoding.get("title")) \
                            and not _written((encoding.get("axis") or {}).get("title")):
                        return (f"Give the {name} axis a title a reader understands: "
                                f"`{name}=alt.{name.upper()}(..., title=\"...\")`.")
        if expected.needs_tooltip and not any((view.get("encoding") or {}).get("tooltip") for view in views_of(spec)):
            return ("Your chart has no tooltips yet. Add `tooltip=[...]` to `.encode(...)` so a reader can hover "
                    "over a mark and read its values.")
        if expected.needs_description and not any(_written(view.get("description")) for view in views_of(spec)):
            return ("Your chart has no description yet. Add one sentence on what it shows, which screen readers "
                    "read out: `description=\"...\"` in `alt.Chart(...)`, `alt.layer(...)` or `.properties(...)`.")
        if expected.interaction is not None:
            problem = _interaction_problem(spec, expected.interaction)
            if problem:
                return problem
        if expected.drawn is not None:
            problem = _drawn_problem(spec, candidates, expected.drawn)
            if problem:
                return problem
        if expected.data is not None:
            # Both sides go through the same conversion to the spec's JSON, so dates and numbers compare alike.
            data = spec_data(spec)
            wanted = spec_data(alt.Chart(expected.data).mark_point().to_dict())
            if data is None:
                return "Draw the chart from a pandas DataFrame, as in the lesson, so the check can read its data."
            problem = TableAnswer().diagnose(data[[c for c in data.columns if c in wanted.columns]], wanted)
            if problem:
                return "The chart is built right, but its data is not. " + problem.replace("Your table", "The data")
        return None


def _written(title) -> bool:
    """Whether a title holds words: not None, not empty, not only spaces (a list of lines counts)."""
    if isinstance(title, list):
        return any(_written(line) for line in title)
    return isinstance(title, str) and bool(title.strip())


def _encoding_problem(encoding: dict, expected: ChartSpec) -> str | None:
    """What is wrong with one view's encodings, or None if it has every channel the question asks for."""
    for name, options in expected.channels.items():
        given = encoding.get(name)
        if not isinstance(given, dict):
            return f"Your chart has no `{name}` encoding. Add it inside `.encode({name}=...)`."
        if any(_channel_matches(given, option, expected.exact) for option in options):
            continue
        field_name, aggregate = given.get("field"), given.get("aggregate")
        same_field = [option for option in options if option.field == field_name and field_name is not None]
        if same_field and not any(option.aggregate == aggregate for option in same_field):
            wanted = next((option.aggregate for option in same_field if option.aggregate), None)
            if wanted:
                return (f"`{name}` shows `{field_name}` value by value, but this chart needs its {wanted}: write "
                        f"`\"{wanted}({field_name})\"`" + (" (or aggregate before charting)." if aggregate is None
                                                           else f" instead of `{aggregate}`."))
            return f"`{name}` aggregates `{field_name}` with `{aggregate}`, but this chart shows the column as it is."
        counted = [option for option in options if option.field is None and option.aggregate == aggregate]
        if aggregate and counted and given.get("type") != counted[0].type:
            return (f"`{name}` takes the {aggregate}, which is a number: type it {counted[0].type}, e.g. "
                    f"`\"{aggregate}(){TYPE_SHORTHAND.get(counted[0].type, '')}\"`.")
        if not same_field and aggregate and any(option.aggregate == aggregate for option in options):
            return (f"`{name}` takes the {aggregate} of `{field_name}`, which is not the column this chart needs "
                    "there. Reread the question: which column belongs there?")
        fields = {option.field for option in options}
        if field_name not in fields and not any(option.aggregate and option.aggregate == aggregate
                                                for option in options):
            shown = f"`{field_name}`" if field_name else f"`{aggregate}()`"
            return (f"`{name}` shows {shown}, which is not what this chart needs on that channel. "
                    "Reread the question: which column belongs there?")
        types = [option.type for option in options if option.field == given.get("field") and option.type]
        if types and given.get("type") not in types:
            return (f"`{name}` is encoded as {given.get('type')}, but this field needs {types[0]}: write "
                    f"`\"{given.get('field')}{TYPE_SHORTHAND[types[0]]}\"`.")
        return f"`{name}` is not encoded as this question asks. Compare it with the example in the lesson."
    if expected.exact and set(encoding) - DESCRIPTIVE_CHANNELS != set(expected.channels) - DESCRIPTIVE_CHANNELS:
        return "Your chart encodes other channels."
    return None


# Transforms that make columns whose names cannot be read from the spec: then fields are not checked.
_OPAQUE_TRANSFORMS = {"pivot", "fold", "lookup", "flatten", "density", "regression", "loess", "quantile", "extent"}


def _names_made(value) -> set:
    """The names transforms give their new columns (every `as` inside them)."""
    if isinstance(value, list):
        return set().union(*(_names_made(item) for item in value))
    if not isinstance(value, dict):
        return set()
    names = set()
    for key, item in value.items():
        if key == "as":
            names.update(item if isinstance(item, list) else [item])
        else:
            names |= _names_made(item)
    return names


def _encoded_fields(encoding: dict):
    """(channel, field) for every field an encoding reads, tooltips and conditions included."""
    for channel, definition in encoding.items():
        for part in definition if isinstance(definition, list) else [definition]:
            if not isinstance(part, dict):
                continue
            conditions = part.get("condition")
            conditions = conditions if isinstance(conditions, list) else [conditions]
            for item in [part] + [c for c in conditions if isinstance(c, dict)]:
                if isinstance(item.get("field"), str):
                    yield channel, item["field"]


def _missing_field_problem(spec: dict) -> str | None:
    """A field the chart encodes that its data does not have: Vega-Lite then silently draws nothing there."""
    transforms = [transform for view in views_of(spec) for transform in view.get("transform") or []]
    if any(_OPAQUE_TRANSFORMS & set(transform) for transform in transforms):
        return None
    made = _names_made(transforms)
    for view, rows in views_with_rows(spec):
        if not rows or not mark_of(view):
            continue
        columns = set().union(*(row for row in rows if isinstance(row, dict)))
        for channel, name in _encoded_fields(view.get("encoding") or {}):
            if not {name, name.replace("\\", ""), name.split(".")[0]} & (columns | made):
                where = ", so Vega-Lite finds no values and draws every mark on one row" if channel == "y" else ""
                return (f"`{channel}` shows the field `{name}`, but the table your chart draws has no column "
                        f"`{name}`{where}. Make that column first (with `assign`, as the lessons do), or encode a "
                        "column your table has (`table.columns` lists them).")
    return None


_AGGREGATES = {"sum", "mean", "median", "min", "max"}


def drawn_values(spec: dict, view: dict, channels: list[str]) -> pd.DataFrame | None:
    """What a view shows on the given channels, aggregated as Vega-Lite would (one measure, summed when a
    field is drawn as it is, as stacked bars add up). None where the chart transforms its data, bins or
    uses time units: then the check cannot tell what is drawn and does not try."""
    data = None
    if isinstance(view.get("data"), dict):
        data = spec_data({"data": view["data"], "datasets": spec.get("datasets")})
    data = spec_data(spec) if data is None else data
    encoding = view.get("encoding") or {}
    if data is None or any("transform" in part for part in views_of(spec)):
        return None
    keys, measures = [], []
    for name in channels:
        channel = encoding.get(name)
        if not isinstance(channel, dict) or channel.get("bin") or channel.get("timeUnit"):
            return None
        (measures if channel.get("aggregate") or channel.get("type") == "quantitative" else keys).append(name)
    if len(measures) != 1 or any(encoding[key].get("field") not in data.columns for key in keys):
        return None
    measure = encoding[measures[0]]
    field, aggregate = measure.get("field"), measure.get("aggregate")
    if field is not None and field not in data.columns:
        return None
    groups = data.groupby([encoding[key]["field"] for key in keys], dropna=False) if keys else None
    if groups is None:
        return None
    if aggregate == "count":
        values = groups.size()
    elif aggregate == "distinct":
        values = groups[field].nunique()
    elif aggregate in _AGGREGATES:
        values = groups[field].agg(aggregate)
    elif aggregate is None and field is not None:
        values = groups[field].sum()
    else:
        return None
    table = values.reset_index()
    table.columns = keys + measures
    return table


def _drawn_problem(spec: dict, views: list[dict], wanted: pd.DataFrame) -> str | None:
    drawn = [drawn_values(spec, view, list(wanted.columns)) for view in views]
    measure = next(name for name in wanted.columns if _is_numeric(wanted[name]))
    # A bar of length zero is not drawn: a table counted with `value_counts` on a category column may hold one.
    drawn = [table.loc[table[measure] != 0] if mark_of(view) == "bar" else table
             for view, table in zip(views, drawn) if table is not None]
    if not drawn:
        return None  # drawn in a way the check cannot recompute (a transform): judged on its encodings alone
    problems = [TableAnswer().diagnose(table, wanted) for table in drawn]
    if None in problems:
        return None
    table = drawn[0]
    keys = [name for name in wanted.columns if not _is_numeric(wanted[name])]
    if len(table) != len(wanted) or any(set(map(_canonical, table[k])) != set(map(_canonical, wanted[k]))
                                        for k in keys):
        marks = f"{len(table)} mark{'' if len(table) == 1 else 's'}"
        return (f"Your chart draws {marks}, not one for each of the categories the question asks for. "
                "Check which rows you kept before charting.")
    return ("Your chart has the right categories, but the sizes it draws are not right. Check what you "
            "counted or added up: which table, which rows, and whether each row is counted once.")


def _interaction_problem(spec: dict, wanted: Interaction) -> str | None:
    params = [param for view in views_of(spec) for param in view.get("params", []) or [] if "select" in param]
    maker = f"alt.selection_{wanted.select}"
    if not params:
        return (f"Your chart has no selection yet: make one with `{maker}(...)` and attach it with "
                "`.add_params(...)`.")
    kinds = [param["select"] if isinstance(param["select"], str) else param["select"].get("type") for param in params]
    matching = [param for param, kind in zip(params, kinds) if kind == wanted.select]
    if not matching:
        return f"Your selection is of another kind: this question needs `{maker}(...)`."
    if wanted.bind is not None:
        matching = [param for param in matching if param.get("bind") == wanted.bind]
        if not matching:
            return f"Your selection is not bound to the {wanted.bind} yet: pass `bind=\"{wanted.bind}\"` to `{maker}`."
    if wanted.field is not None:
        def fields(param):
            select = param["select"] if isinstance(param["select"], dict) else {}
            return select.get("fields", []) + (["color"] if "color" in select.get("encodings", []) else [])
        if not any(wanted.field in fields(param) or (wanted.bind == "legend" and "color" in fields(param))
                   for param in matching):
            return f"Your selection does not pick by `{wanted.field}`: pass `fields=[\"{wanted.field}\"]` to `{maker}`."
    if wanted.responds is not None:
        responding = [view for view in views_of(spec)
                      if "condition" in ((view.get("encoding") or {}).get(wanted.responds) or {})]
        if not responding:
            return (f"The selection changes nothing yet: make the `{wanted.responds}` depend on it, e.g. "
                    f"`{wanted.responds}=alt.when(selection).then(alt.value(1)).otherwise(alt.value(0.2))`.")
    return None


class ExportedChart:
    """A chart known only by its Vega-Lite spec, as the grader receives it from a learner's kernel."""

    def __init__(self, spec: dict):
        self.spec = spec


def spec_data(spec: dict) -> pd.DataFrame | None:
    """The rows a chart draws, read from its spec (the first view that names its data)."""
    datasets = spec.get("datasets") or {}
    for view in views_of(spec):
        data = view.get("data")
        if isinstance(data, dict) and isinstance(data.get("values"), list):
            return pd.DataFrame(data["values"])
        if isinstance(data, dict) and data.get("name") in datasets:
            return pd.DataFrame(datasets[data["name"]])
    return None


def chart_spec_of(chart: alt.TopLevelMixin) -> ChartSpec:
    """The ChartSpec that only charts like this one satisfy: how a typical wrong chart is described as a
    mistake (same mark, same channels, same data; any title)."""
    spec = chart.to_dict()
    view = next(view for view in views_of(spec) if mark_of(view))
    channels = {name: (Channel(enc.get("field"), enc.get("type"), enc.get("aggregate")),)
                for name, enc in (view.get("encoding") or {}).items()
                if isinstance(enc, dict) and name not in DESCRIPTIVE_CHANNELS}
    data = spec_data(spec)
    return ChartSpec(mark=mark_of(view), channels=channels, needs_title=False, needs_tooltip=False,
                     needs_axis_titles=False, exact=True,
                     data=data if data is not None and len(data.columns) else None)


@dataclass(frozen=True)
class Mistake:
    """A typical wrong answer, computed from the data, and the diagnosis written for it."""

    wrong_answer: Callable[[], Any]
    diagnosis: str


@dataclass
class Question:
    """One exercise question: the learner stores an answer in `variable`, then calls `check()`."""

    exercise: str
    number: int
    variable: str
    points: int
    kind: AnswerKind
    expected: InitVar[Callable[[], Any]]  # kept private: no public attribute hands out the answer
    hints: list[str]
    mistakes: list[Mistake] = field(default_factory=list)
    on_correct: str = ""
    # True for a question that asks the learner to read the sources critically (every set has one at least).
    source_check: bool = False
    # Checks of the question's own, each returning a sentence or None: `before(answer)` names a slip that the
    # answer kind would misread; `also(answer)` looks further at an answer the kind finds right, for what the
    # prompt asks and the kind cannot describe (a chart reaches it as its Vega-Lite spec, a dict).
    before: Callable[[Any], str | None] | None = None
    also: Callable[[Any], str | None] | None = None
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self, expected: Callable[[], Any]) -> None:
        self._compute_expected = expected

    @property
    def name(self) -> str:
        return f"q{self.number}"

    def __repr__(self) -> str:
        return f"<Question {self.number} of exercise {self.exercise}: store your answer in `{self.variable}`>"

    def _computed(self, key, compute):
        # The expected answer and the mistakes are computed once; the learner never receives them.
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    def _expected_answer(self):
        return self._computed("expected", self._compute_expected)

    def _mistake_answer(self, index: int):
        return self._computed(("mistake", index), lambda: self._comparable(self.mistakes[index].wrong_answer()))

    def precompute(self) -> None:
        """Compute the expected answer and every mistake's wrong answer now (the grader does so before it runs
        any learner code)."""
        self._expected_answer()
        for index in range(len(self.mistakes)):
            self._mistake_answer(index)

    def _comparable(self, value):
        """A mistake's wrong answer in the form `diagnose` compares against (a chart becomes its spec)."""
        return chart_spec_of(value) if isinstance(self.kind, ChartAnswer) else value

    def judge(self, answer: Any) -> Result:
        """Judge an answer without raising, without revealing the expected one, without changing it."""
        if answer is ____ or isinstance(answer, _Blank):
            return Result(NOT_ANSWERED, f"Replace `____` with your code so that `{self.variable}` holds "
                                        f"your answer, run that cell, then run `{self.name}.check()` again.")
        if isinstance(answer, OpaqueAnswer) and answer.verdict:
            return Result(INCORRECT, f"{answer.verdict} {self._next_step()}")
        try:
            prepared = self.kind.prepare(answer)
            problem = _own_check(self.before, prepared) or self.kind.diagnose(prepared, self._expected_answer())
            if problem is None and self.also is not None:
                problem = _own_check(self.also, chart_dict(prepared) if isinstance(self.kind, ChartAnswer)
                                     else prepared)
            if problem is None:
                return Result(CORRECT, self.on_correct or "Well done.")
            for index, mistake in enumerate(self.mistakes):
                if self._makes_mistake(prepared, index):
                    return Result(INCORRECT, f"{mistake.diagnosis} {self._next_step()}")
            return Result(INCORRECT, f"{problem} {self._next_step()}")
        except RecursionError:
            return Result(INCORRECT, "Your answer nests too deeply to compare. Give a plain value, list or table. "
                                     + self._next_step())
        except Exception as error:  # a learner's object may raise anything; the check must not
            return Result(INCORRECT, f"Your answer ({type_name(answer)}) could not be compared: it raised "
                                     f"{type(error).__name__} while being read. Give a plain value, list, table or "
                                     f"chart. {self._next_step()}")

    def _makes_mistake(self, answer, index: int) -> bool:
        try:
            return self.kind.diagnose(answer, self._mistake_answer(index)) is None
        except Exception:  # an answer that cannot be compared with this mistake does not make it
            return False

    def _next_step(self) -> str:
        return f"Try again, or ask for a hint: `{self.name}.hint()`."

    def check(self) -> None:
        """Judge the learner's variable, show the verdict and record it in the learner's progress.

        A check run in the solution notebook is recorded as reading the model answer, not as solving it.
        """
        if os.environ.get(GRADING_ENV_VAR):
            return
        namespace = sys._getframe(1).f_globals
        failed = CELL_RUNS.failure_setting(self.variable)
        if failed is not None:
            result = Result(NOT_ANSWERED, failed_cell_message(self.variable, failed),
                            headline="Your answer's cell stopped with an error.")
        elif self.variable not in namespace:
            result = Result(NOT_ANSWERED, f"There is no variable `{self.variable}` yet. Run the cell that sets "
                                          f"`{self.variable} = ...` first, then run this check again.")
        else:
            result = self.judge(namespace[self.variable])
        event = "solution" if progress.in_solution_notebook() else "check"
        progress.record(self.exercise, self.name, event, status=result.status)
        _show(result)
        self._raise_for_automatic_runs(result)

    def _raise_for_automatic_runs(self, result: Result) -> None:
        if result.status == INCORRECT and os.environ.get(STRICT_ENV_VAR):
            raise AnswerNotCorrect(f"{self.exercise} {self.name}: {result.message}")
        if result.status != CORRECT and os.environ.get("NBGRADER_EXECUTION") == "autograde":
            raise AnswerNotCorrect(f"{self.name}: {result.message}")

    def hint(self, level: int | None = None) -> None:
        """Show the next hint (or hint number `level`); each one says a little more."""
        used = progress.hints_used(self.exercise, self.name)
        if level is None:
            level = min(used + 1, len(self.hints))
        if not isinstance(level, int) or not 1 <= level <= len(self.hints):
            _show(_Markdown(f"This question has hints 1 to {len(self.hints)}: try `{self.name}.hint()`."))
            return
        progress.record(self.exercise, self.name, "hint", level=level)
        after = (f"Run `{self.name}.hint()` again for the next hint." if level < len(self.hints) else
                 f"That was the last hint. `{self.name}.solution()` shows a model answer.")
        if level > 1:
            after += f" (Earlier hints: `{self.name}.hint(1)`" + (f" to `{self.name}.hint({level - 1})`)."
                                                                  if level > 2 else ").")
        _show(_Markdown(f"💡 **Hint {level} of {len(self.hints)}:** {self.hints[level - 1]}\n\n{after}"))

    def solution(self) -> None:
        """Show the model answer from the solution notebook, and record that it was seen."""
        progress.record(self.exercise, self.name, "solution")
        _show(_Markdown(solution_text(self.exercise, self.variable)))


def failed_cell_message(variable: str, error_name: str) -> str:
    """What a check says when the cell that sets the answer stopped with an error (the grader says the same)."""
    return (f"The cell that sets `{variable}` stopped with {error_name} the last time it ran, so `{variable}` may "
            "still hold an older value. Read the error under that cell, fix it, run the cell again, then check.")


class CellRuns:
    """What each cell run did (its code, and the name of the error it stopped with, or None), so that a check
    can tell a fresh answer from the stale value left by a cell that failed. In a kernel, IPython's cell hooks
    keep it; the grader builds one from the cells it ran."""

    _KEEP = 500

    def __init__(self, runs: list[tuple[str, str | None]] | None = None):
        self.current = ""
        self.runs = runs if runs is not None else []

    def before(self, info) -> None:
        self.current = info.raw_cell or ""

    def after(self, result) -> None:
        error = result.error_before_exec or result.error_in_exec
        self.runs.append((result.info.raw_cell or "", type(error).__name__ if error is not None else None))
        del self.runs[:-self._KEEP]

    def failure_setting(self, variable: str) -> str | None:
        """The error of the latest run of a cell that sets `variable`, or None if that run finished (or the
        cell now running sets it, before this check)."""
        if assigns(self.current, variable):
            return None
        return next((error for code, error in reversed(self.runs) if assigns(code, variable)), None)

    def watch(self) -> None:
        """Start recording in the running IPython kernel (once per kernel; nothing outside IPython)."""
        try:
            from IPython import get_ipython
        except ImportError:
            return
        shell = get_ipython()
        if shell is None or getattr(shell, "_russia_venezuela_cell_runs", None) is self:
            return
        shell.events.register("pre_run_cell", self.before)
        shell.events.register("post_run_cell", self.after)
        shell._russia_venezuela_cell_runs = self


CELL_RUNS = CellRuns()
CELL_RUNS.watch()


def _own_check(check, answer) -> str | None:
    """A question's own check. One that stops with an error has not found the answer right, so it fails closed:
    its verdict says so (and, being Incorrect, raises in strict mode), never a silent pass."""
    try:
        return check(answer) if check is not None else None
    except Exception as error:
        return (f"Part of this question's check could not read your answer: it stopped with "
                f"{type(error).__name__}. Build the answer the way the question describes (plain values rather "
                "than expressions, for instance) and check again; if you are sure it is right, tell your "
                "instructor, as the check may need mending.")


def chart_dict(answer) -> dict:
    """The Vega-Lite spec of a chart, whether the learner's own or as the grader received it."""
    return answer.spec if isinstance(answer, ExportedChart) else answer.to_dict()
