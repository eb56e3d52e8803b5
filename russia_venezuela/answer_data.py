"""A learner's answers as data: written out as typed JSON in the learner's kernel, read back in the grader.

`export_answers` runs inside the learner's kernel (the grader sends its source, so it needs nothing of the
course there) and writes each answer variable as JSON that says what every value is: numbers with their
exact type (Decimal and Fraction as text), collections with their kind (list, tuple, set, frozenset, NumPy
array, pandas Index), and pandas objects with each column's dtype (datetimes and durations as integers in
their unit, categories as codes), their index (repeated labels and names kept) and column names of any
type. An answer of more than 200,000 values, or 20 MB of JSON, is not written: only its size is. `decode`
rebuilds the answer in the grader without running anything of the learner's (nothing is unpickled), so the
course's own checks judge the same value that `check()` judged in the notebook; it never raises.
"""

from __future__ import annotations

import datetime
import decimal
import fractions
import inspect

import numpy as np
import pandas as pd

from russia_venezuela.checking.charts import ExportedChart
from russia_venezuela.checking.question import OpaqueAnswer, ____, describe_type


def export_answers(names, target):
    """In the learner's kernel: write the named variables of its namespace to `target` as typed JSON."""
    import datetime
    import decimal
    import fractions
    import json

    import numpy as np
    import pandas as pd

    max_values, max_bytes = 200_000, 20_000_000

    class TooLarge(Exception):
        pass

    counted = [0]

    def count(values):
        counted[0] += len(values)
        if counted[0] > max_values:
            raise TooLarge

    def column(values):
        """One dimension of values (an array, a Series, an Index) with its dtype."""
        count(values)
        dtype = values.dtype
        if isinstance(dtype, pd.CategoricalDtype):
            return {"dtype": "category", "ordered": bool(dtype.ordered), "categories": index(dtype.categories),
                    "codes": pd.Categorical(values, dtype=dtype).codes.tolist()}
        if isinstance(dtype, pd.DatetimeTZDtype):
            return {"dtype": str(dtype), "i8": pd.DatetimeIndex(values).asi8.tolist()}
        if isinstance(dtype, np.dtype) and dtype.kind in "mM":
            return {"dtype": str(dtype), "i8": np.asarray(values).view("i8").tolist()}
        if isinstance(dtype, np.dtype) and dtype.kind in "biuf":
            return {"dtype": str(dtype), "values": np.asarray(values).tolist()}
        if isinstance(dtype, np.dtype) and dtype.kind != "O":  # text, complex: as Python values
            values = np.asarray(values).tolist()
        return {"dtype": str(dtype), "items": [encode(item) for item in values]}

    def index(value):
        if isinstance(value, pd.RangeIndex):
            return {"kind": "range", "name": encode(value.name), "range": [value.start, value.stop, value.step]}
        if isinstance(value, pd.MultiIndex):
            return {"kind": "multiindex", "names": [encode(name) for name in value.names],
                    "levels": [column(value.get_level_values(level)) for level in range(value.nlevels)]}
        return {"kind": "index", "name": encode(value.name), "column": column(value)}

    numbers = [("int", int, str), ("float", float, repr), ("complex", complex, repr),
               ("Decimal", decimal.Decimal, str), ("Fraction", fractions.Fraction, str)]

    def encode(value):
        cls = type(value)
        if (cls.__module__, cls.__qualname__) == ("russia_venezuela.checking.question", "_Blank"):
            return {"kind": "blank"}
        if value is None or value is pd.NA:
            return {"kind": "none" if value is None else "na"}
        if isinstance(value, np.generic):
            return {"kind": "numpy", "column": column(np.asarray(value).reshape(1))}
        if isinstance(value, bool):
            return {"kind": "bool", "value": value}
        if isinstance(value, str):
            return {"kind": "str", "value": str(value)}
        if isinstance(value, pd.DataFrame):
            return {"kind": "frame", "index": index(value.index), "columns": index(value.columns),
                    "data": [column(value.iloc[:, position]) for position in range(value.shape[1])]}
        if isinstance(value, pd.Series):
            return {"kind": "series", "name": encode(value.name), "index": index(value.index),
                    "column": column(value)}
        if isinstance(value, pd.Index):
            return index(value)
        if isinstance(value, pd.api.extensions.ExtensionArray):
            return {"kind": "array", "column": column(value)}
        if isinstance(value, np.ndarray):
            return {"kind": "ndarray", "shape": list(value.shape), "column": column(value.ravel())}
        if isinstance(value, (pd.Timestamp, pd.Timedelta)) or value is pd.NaT:
            return {"kind": "pandas", "column": column(pd.array([value]))}
        for kind, number_type, text in numbers:
            if isinstance(value, number_type):
                return {"kind": kind, "value": text(number_type(value))}
        if cls in (datetime.datetime, datetime.date, datetime.time):
            return {"kind": cls.__name__, "value": value.isoformat()}
        if cls is datetime.timedelta:
            return {"kind": "timedelta", "value": [value.days, value.seconds, value.microseconds]}
        for kind in (list, tuple, set, frozenset):
            if isinstance(value, kind):
                count(value)
                return {"kind": kind.__name__, "items": [encode(item) for item in value]}
        if cls.__module__.split(".")[0] == "altair" and hasattr(value, "to_dict"):
            try:
                return {"kind": "chart", "spec": value.to_dict()}
            except Exception as error:
                return {"kind": "chart_error", "error": str(error)[:500]}
        return {"kind": "other", "module": cls.__module__, "type": cls.__qualname__}

    def size(value):
        if isinstance(value, pd.DataFrame):
            return f"a table of {len(value):,} rows and {value.shape[1]:,} columns"
        if isinstance(value, str):
            return f"a text of {len(value):,} characters"
        try:
            return f"a {type(value).__name__} of {len(value):,} values"
        except Exception:
            return f"a {type(value).__name__} of more than {max_values:,} values"

    written = []
    for name in names:
        if name not in globals():
            continue
        value = globals()[name]
        counted[0] = 0
        try:
            text = json.dumps(encode(value))
            if len(text) > max_bytes:
                raise TooLarge
        except TooLarge:
            text = json.dumps({"kind": "too_large", "size": size(value)})
        except Exception as error:  # RecursionError, or an object that raises when read
            text = json.dumps({"kind": "unreadable", "module": type(value).__module__,
                               "type": type(value).__qualname__, "error": type(error).__name__})
        written.append(json.dumps(name) + ": " + text)
    with open(target, "w", encoding="utf-8") as file:
        file.write("{" + ", ".join(written) + "}")


# What the grader runs in the learner's kernel after the notebook: the exporter, under a name of its own.
EXPORT_CODE = inspect.getsource(export_answers) + "\n__rv_export = export_answers\ndel export_answers\n"

_NUMBERS = {"int": int, "float": float, "complex": complex, "Decimal": decimal.Decimal, "Fraction": fractions.Fraction}
_TOO_LARGE = ("Your answer is too large to grade: {size}. The questions ask for a number, a short list or a "
              "small table: check which rows you kept.")


def decode(encoded):
    """The learner's answer rebuilt from its exported data, or an OpaqueAnswer that says what it was."""
    try:
        return _value(encoded)
    except Exception as error:  # malformed data: described, never raised
        return OpaqueAnswer(f"an answer the grader could not read back ({type(error).__name__})")


def _value(data: dict):
    kind = data["kind"]
    if kind in _NUMBERS:
        return _NUMBERS[kind](data["value"])
    if kind in ("list", "tuple", "set", "frozenset"):
        return {"list": list, "tuple": tuple, "set": set, "frozenset": frozenset}[kind](map(_value, data["items"]))
    if kind == "numpy":
        return _column(data["column"])[0]
    if kind in ("pandas", "array"):
        array = _column(data["column"])
        array = pd.array(array, dtype=array.dtype)
        return array[0] if kind == "pandas" else array
    if kind in ("datetime", "date", "time"):
        return getattr(datetime, kind).fromisoformat(data["value"])
    if kind in ("index", "range", "multiindex"):
        return _index(data)
    if kind == "series":
        array = _column(data["column"])
        return pd.Series(array, index=_index(data["index"]), name=_value(data["name"]), dtype=array.dtype)
    if kind == "frame":
        return _frame(data)
    if kind == "ndarray":
        return _column(data["column"]).reshape(data["shape"])
    if kind == "too_large":
        return OpaqueAnswer(data["size"], verdict=_TOO_LARGE.format(size=data["size"]))
    if kind == "unreadable":
        return OpaqueAnswer(f"{describe_type(data['module'], data['type'])} that could not be read "
                            f"({data['error']})")
    if kind == "chart_error":
        return OpaqueAnswer("an Altair chart that Altair itself cannot build (" + data["error"][:200] + ")")
    return {"blank": lambda: ____, "none": lambda: None, "na": lambda: pd.NA, "bool": lambda: data["value"] is True,
            "str": lambda: str(data["value"]), "timedelta": lambda: datetime.timedelta(*data["value"]),
            "chart": lambda: ExportedChart(data["spec"]),
            "other": lambda: OpaqueAnswer(describe_type(data["module"], data["type"]))}[kind]()


def _column(data: dict):
    """A NumPy or pandas array of the exported dtype."""
    if data["dtype"] == "category":
        dtype = pd.CategoricalDtype(_index(data["categories"]), ordered=data["ordered"])
        return pd.Categorical.from_codes(data["codes"], dtype=dtype)
    dtype = pd.api.types.pandas_dtype(data["dtype"])
    if isinstance(dtype, pd.DatetimeTZDtype):
        naive = np.array(data["i8"], dtype="i8").view(f"M8[{dtype.unit}]")
        return pd.DatetimeIndex(naive).tz_localize("UTC").tz_convert(dtype.tz).array
    if "i8" in data:
        return np.array(data["i8"], dtype="i8").view(dtype)
    if "values" in data:
        return np.array(data["values"], dtype=dtype)
    items = [_value(item) for item in data["items"]]
    if dtype == object:
        array = np.empty(len(items), dtype=object)
        for position, item in enumerate(items):  # item by item: a list in a cell stays one value
            array[position] = item
        return array
    return np.array(items, dtype=dtype) if isinstance(dtype, np.dtype) else pd.array(items, dtype=dtype)


def _index(data: dict) -> pd.Index:
    if data["kind"] == "range":
        return pd.RangeIndex(*data["range"], name=_value(data["name"]))
    if data["kind"] == "multiindex":
        return pd.MultiIndex.from_arrays([_column(level) for level in data["levels"]],
                                         names=[_value(name) for name in data["names"]])
    array = _column(data["column"])
    return pd.Index(array, dtype=array.dtype, name=_value(data["name"]), tupleize_cols=False)


def _frame(data: dict) -> pd.DataFrame:
    index = _index(data["index"])
    arrays = [_column(column) for column in data["data"]]
    frame = pd.DataFrame({position: pd.Series(array, dtype=array.dtype) for position, array in enumerate(arrays)},
                         index=pd.RangeIndex(len(index)))
    frame.index, frame.columns = index, _index(data["columns"])
    return frame
