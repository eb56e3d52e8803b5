"""The cleaned CAMEO code table, data/cameo_codes.csv, built from GDELT's two lookup files.

A maintainer's job, done when the reference files change (data/README.md says what is cleaned); learners
only load the table it gave.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

QUAD_CLASS_BY_ROOT = {
    **{f"{root:02d}": 1 for root in range(1, 6)},
    **{f"{root:02d}": 2 for root in range(6, 10)},
    **{f"{root:02d}": 3 for root in range(10, 15)},
    **{f"{root:02d}": 4 for root in range(15, 21)},
}
"""Quad class of each two-digit CAMEO root: 01-05 verbal cooperation (1),
06-09 material cooperation (2), 10-14 verbal conflict (3), 15-20 material conflict (4)."""

_RUN_ON_CODE = re.compile(r"^(?P<label>.*?)(?P<code>\d{2,4}):\[(?P<goldstein>-?\d+(?:\.\d+)?)\]\s*(?P<rest>.*)$")
_KNOWN_LABEL_FIXES = {
    "044": ("Meet at a \u00d2hird\u00d3location", 'Meet at a "third" location'),
}


def build_cameo_table(reference_dir: str | Path) -> pd.DataFrame:
    """Build the cleaned CAMEO code table from GDELT's two lookup files.

    ``reference_dir`` holds ``CAMEO.eventcodes.txt`` (code, tab, label) and
    ``CAMEO.goldsteinscale.txt`` (code, tab, Goldstein value). The one-digit
    rows 1-4 of the label file name the quad classes and are not codes.
    Cleaning: the mis-encoded quotation marks of 044, the typo ``matyerial``
    in 033, the line of 1056 that runs into code 106, spaces at the ends of
    labels, doubled spaces inside labels and the missing space in
    ``radiologicalweapons`` (2041). Every other label is kept as published.
    Returns one row per code with columns cameo_code, label, goldstein,
    quad_class, quad_class_label, root_code, label_cleaned, cleaning_note.
    """
    reference_dir = Path(reference_dir)
    labels: dict[str, tuple[str, list[str]]] = {}
    quad_labels: dict[int, str] = {}
    run_on_goldstein: dict[str, float] = {}
    for code, label in _read_two_columns(reference_dir / "CAMEO.eventcodes.txt"):
        if len(code) == 1:
            quad_labels[int(code)] = label.strip()
            continue
        run_on = _RUN_ON_CODE.match(label)
        if run_on:
            labels[code] = _clean_label(code, run_on["label"],
                                        [f"split off code {run_on['code']}, which ran into this line"])
            labels[run_on["code"]] = _clean_label(
                run_on["code"], run_on["rest"], [f"label recovered from the line of code {code}, into which it ran"]
            )
            run_on_goldstein[run_on["code"]] = float(run_on["goldstein"])
        else:
            labels[code] = _clean_label(code, label, [])
    goldstein = {code: float(value) for code, value in _read_two_columns(reference_dir / "CAMEO.goldsteinscale.txt")}
    for code, value in run_on_goldstein.items():
        if goldstein.get(code) != value:
            raise ValueError(f"CAMEO {code}: Goldstein {value} in the label file, "
                             f"{goldstein.get(code)} in the scale file")
    missing = sorted(set(labels) ^ set(goldstein))
    if missing:
        raise ValueError(f"CAMEO codes present in only one of the two files: {missing}")
    rows = []
    for code in sorted(labels, key=lambda c: (c[:2], c)):
        label, notes = labels[code]
        quad_class = QUAD_CLASS_BY_ROOT[code[:2]]
        rows.append(
            {
                "cameo_code": code,
                "label": label,
                "goldstein": goldstein[code],
                "quad_class": quad_class,
                "quad_class_label": quad_labels[quad_class],
                "root_code": code[:2],
                "label_cleaned": bool(notes),
                "cleaning_note": "; ".join(notes) or None,
            }
        )
    table = pd.DataFrame(rows)
    return table.astype(
        {
            "cameo_code": "str",
            "label": "str",
            "goldstein": "float64",
            "quad_class": "Int64",
            "quad_class_label": "str",
            "root_code": "str",
            "label_cleaned": "boolean",
            "cleaning_note": "str",
        }
    )


def _read_two_columns(path: Path) -> list[tuple[str, str]]:
    """Rows of a tab-separated two-column file with a header line."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t", 1)) for line in lines[1:] if line.strip()]


def _clean_label(code: str, label: str, notes: list[str]) -> tuple[str, list[str]]:
    """Apply the documented fixes to one label; return it with notes on what changed."""
    notes = list(notes)
    if code in _KNOWN_LABEL_FIXES and label.strip() == _KNOWN_LABEL_FIXES[code][0]:
        label = _KNOWN_LABEL_FIXES[code][1]
        notes.append('mis-encoded quotation marks and lost "t" restored ("third" location)')
    if "matyerial" in label:
        label = label.replace("matyerial", "material")
        notes.append("typo matyerial corrected to material")
    if "radiologicalweapons" in label:
        label = label.replace("radiologicalweapons", "radiological weapons")
        notes.append("missing space restored in radiological weapons")
    if label != label.strip():
        label = label.strip()
        notes.append("spaces at the end removed")
    if "  " in label:
        label = re.sub(r" {2,}", " ", label)
        notes.append("doubled space inside the label reduced to one")
    return label, notes
