"""Reading a Vega-Lite spec, as Altair's `to_dict()` writes it: its views and the rows each draws, marks,
subtitles, data, the fields its encodings read and the columns its transforms make."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd


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


# Transforms that make columns whose names cannot be read from the spec: then fields are not checked.
OPAQUE_TRANSFORMS = {"pivot", "fold", "lookup", "flatten", "density", "regression", "loess", "quantile", "extent"}


def names_made(value) -> set:
    """The names transforms give their new columns (every `as` inside them)."""
    if isinstance(value, list):
        return set().union(*(names_made(item) for item in value))
    if not isinstance(value, dict):
        return set()
    names = set()
    for key, item in value.items():
        if key == "as":
            names.update(item if isinstance(item, list) else [item])
        else:
            names |= names_made(item)
    return names


def encoded_fields(encoding: dict):
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
