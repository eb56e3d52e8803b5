"""How every chart of every lesson and solution looks to a reader, read from its drawing: it fits the width
budget, no title, label or text is cut, count axes print whole numbers, tooltips print numbers for people, and
the colours it gives to categories stay apart under the common colour-vision deficiencies.

Each chart is drawn by vl-convert (the renderer Altair uses for `chart.save`) with Vega-Lite 5.8, the closest it
has to the 5.6 that JupyterLab 4.6 draws with. Vega describes every mark for screen readers as "title: value;
...", with the titles of the chart's own encodings and tooltips, so a mark's values are read back by the same
titles its axes and legends print.
"""

import html
import itertools
import json
import re
import warnings
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import vl_convert
from notebook_runs import NotebookRun, reads_runs_of

from russia_venezuela.charts import WIDTH_BUDGET

VEGA_LITE = "5.8"
# CIEDE2000 units. Two colours closer than this under normal vision or simulated deuteranopia or protanopia
# read as one category.
MIN_CATEGORY_DIFFERENCE = 15
# Neighbouring small counts (1 and 2, 2 and 3, 3 and 4) in a sequential scale must differ at least this much.
MIN_STEP_DIFFERENCE = 5
VISIONS = (None, "Deuteranomaly", "Protanomaly")  # at severity 1: deuteranopia and protanopia
TEXT_ROLES = {"axis-label", "axis-title", "legend-label", "legend-title", "title-text", "title-subtitle"}


@dataclass
class Panel:
    """One plotting area: its marks (kind, fill, values by title) and its axes (title, labels)."""

    marks: list[tuple[str, str | None, dict[str, str]]] = field(default_factory=list)
    axes: list[tuple[str, list[str]]] = field(default_factory=list)


@dataclass
class Legend:
    """A legend: its title, and its entries (label, the fill of its symbol); none for a colour gradient."""

    title: str
    entries: list[tuple[str, str | None]]


@dataclass
class Drawn:
    width: float
    texts: set[str]  # the whole text of every title, axis and legend label
    mark_texts: set[str]  # the whole text of every text mark
    svg_texts: list[str]  # every text as drawn, shortened or not
    panels: list[Panel]
    legends: list[Legend]


def _described(description: str) -> dict[str, str]:
    """ "Events: 3; Topic: energy" -> {"Events": "3", "Topic": "energy"}. A part without a short title before
    its colon continues the value before it, which held a "; " of its own (evidence often does)."""
    values, key = {}, None
    for part in description.split("; "):
        name, colon, value = part.partition(": ")
        if colon and len(name) <= 40:
            key = name
            values[key] = value
        elif key is not None:
            values[key] += "; " + part
    return values


def _texts_of(node) -> list[str]:
    return [item.get("text") if isinstance(item.get("text"), str) else " ".join(map(str, item.get("text") or []))
            for item in node.get("items", []) if isinstance(item, dict)]


def _walk(node, panels: list[Panel], texts: set[str], mark_texts: set[str], legends: list[Legend]) -> None:
    if isinstance(node, list):
        for item in node:
            _walk(item, panels, texts, mark_texts, legends)
        return
    if not isinstance(node, dict):
        return
    role = node.get("role")
    if role == "legend":
        legends += [_legend(item) for item in node.get("items", []) if isinstance(item, dict)]
    if node.get("marktype") == "text" and role in TEXT_ROLES:  # a title, axis or legend
        texts.update(_texts_of(node))
    if node.get("marktype") == "group" and isinstance(node.get("items"), list):
        for item in node["items"]:
            if not isinstance(item, dict):
                continue
            panel = Panel()
            for child in item.get("items", []):
                if not isinstance(child, dict):
                    continue
                if child.get("role") == "mark" and child.get("marktype") != "group":
                    panel.marks += [(child["marktype"], entry.get("fill"), _described(entry.get("description") or ""))
                                    for entry in child.get("items", [])]
                    mark_texts.update(_texts_of(child) if child.get("marktype") == "text" else [])
                elif child.get("role") == "axis":
                    panel.axes.append(_axis(child, texts))
            panels.append(panel)
            _walk(item.get("items", []), panels, texts, mark_texts, legends)
        return
    for value in node.values():
        if isinstance(value, (dict, list)):
            _walk(value, panels, texts, mark_texts, legends)


def _parts(node, role: str) -> list[dict]:
    """Every text mark of this role under an axis or legend node."""
    found = []
    if isinstance(node, dict):
        if node.get("role") == role:
            found.append(node)
        for value in node.values():
            found += _parts(value, role)
    elif isinstance(node, list):
        for value in node:
            found += _parts(value, role)
    return found


def _axis(node: dict, texts: set[str]) -> tuple[str, list[str]]:
    titles = [text for part in _parts(node, "axis-title") for text in _texts_of(part)]
    labels = [text for part in _parts(node, "axis-label") for text in _texts_of(part) if text]
    texts.update(titles + labels)
    return (titles[0] if titles else ""), labels


def _legend(node: dict) -> Legend:
    titles = [text for part in _parts(node, "legend-title") for text in _texts_of(part)]
    fills = [item.get("fill") for part in _parts(node, "legend-symbol") for item in part.get("items", [])]
    labels = [text for part in _parts(node, "legend-label") for text in _texts_of(part)]
    return Legend(titles[0] if titles else "", list(zip(labels, fills)))


@lru_cache(maxsize=None)
def _drawn(spec_text: str) -> Drawn:
    spec = json.loads(spec_text)
    svg = vl_convert.vegalite_to_svg(spec, vl_version=VEGA_LITE)
    scene = vl_convert.vegalite_to_scenegraph(spec, vl_version=VEGA_LITE)
    panels: list[Panel] = []
    texts: set[str] = set()
    mark_texts: set[str] = set()
    legends: list[Legend] = []
    _walk(scene["scenegraph"], panels, texts, mark_texts, legends)
    svg_texts = [html.unescape(re.sub(r"<[^>]+>", "", text)) for text in re.findall(r"<text[^>]*>(.*?)</text>", svg)]
    return Drawn(float(re.search(r'<svg[^>]*\bwidth="([\d.]+)"', svg).group(1)), texts, mark_texts, svg_texts,
                 [panel for panel in panels if panel.marks or panel.axes], legends)


def drawn(spec: dict) -> Drawn:
    return _drawn(json.dumps(spec, sort_keys=True))


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", "").replace("\u2212", "-"))
    except (TypeError, ValueError):
        return None


def _title(spec: dict) -> str:
    title = spec.get("title")
    return str(title.get("text") if isinstance(title, dict) else title)


def cut_texts(chart: Drawn) -> list[str]:
    """Titles, names and labels Vega shortened with an ellipsis because they did not fit their limit. (Text marks
    are left out: the lists of quotes and events shorten their long lines on purpose, whole in the tooltip.)"""
    return [text for text in chart.svg_texts if text.endswith("…") and text not in chart.texts | chart.mark_texts
            and not any(whole.startswith(text[:-1]) for whole in chart.mark_texts)]


def fractional_count_axes(chart: Drawn) -> list[str]:
    """Axes whose marks all show whole numbers (counts) but whose labels print fractions."""
    found = []
    for panel in chart.panels:
        for title, labels in panel.axes:
            shown = [_number(values[title]) for _, _, values in panel.marks if title in values]
            numbers = [_number(label) for label in labels]
            if (shown and None not in shown and all(value.is_integer() for value in shown)
                    and None not in numbers and not all(number.is_integer() for number in numbers)):
                found.append(f"{title!r} prints {labels}")
    return found


# JupyterLab 4.6's chart renderer (Vega-Lite 5.6) prints axis numbers from 100,000 up as 1e+5, whatever their
# format; vl-convert prints them whole, so the check is on the size of the number.
LARGEST_AXIS_NUMBER = 99_999


def axes_with_long_numbers(chart: Drawn) -> list[str]:
    return [f"{title!r} prints {labels}" for panel in chart.panels for title, labels in panel.axes
            if any((number := _number(label)) is not None and abs(number) > LARGEST_AXIS_NUMBER for label in labels)]


_NOT_FOR_PEOPLE = re.compile(r"\d[eE][+-]?\d|\bNaN\b|\bnull\b|\bundefined\b|(?<![\w.,/-])\d{5,}(?![\w,])")


def drawn_tooltip_problems(chart: Drawn) -> list[str]:
    """Values that a tooltip prints for machines: scientific notation, NaN, null, or a long number without
    thousands separators. It reads what is drawn before any click, fields made by transforms included;
    notebook_checks.tooltip_problems reads the data rows behind a chart, which a click may bring out."""
    return sorted({f"{title}: {value}" for panel in chart.panels for _, _, values in panel.marks
                   for title, value in values.items() if _NOT_FOR_PEOPLE.search(value)})


@lru_cache(maxsize=1)
def _colour_science():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # it warns that its optional plotting packages are not installed
        import colour
    return colour


def _lab(colours: list[str], vision: str | None) -> np.ndarray:
    colour = _colour_science()
    rgb = colour.models.eotf_sRGB(np.array([colour.notation.HEX_to_RGB(value) for value in colours]))
    if vision is not None:
        rgb = np.clip(rgb @ colour.blindness.matrix_cvd_Machado2009(vision, 1.0).T, 0, 1)
    xyz = colour.RGB_to_XYZ(rgb, colour.RGB_COLOURSPACES["sRGB"], apply_cctf_decoding=False)
    return colour.XYZ_to_Lab(xyz)


def colour_difference(first: str, second: str) -> float:
    """The smallest CIEDE2000 difference between two colours under normal vision, deuteranopia and protanopia."""
    return min(float(_colour_science().delta_E(*_lab([first, second], vision), method="CIE 2000"))
               for vision in VISIONS)


def _hex(fill) -> str | None:
    """A fill as #RRGGBB: Vega writes a palette colour as given and a colour it computes as rgb(r, g, b)."""
    if isinstance(fill, str) and re.fullmatch(r"#[0-9a-fA-F]{6}", fill):
        return fill.upper()
    if isinstance(fill, str) and (channels := re.fullmatch(r"rgb\((\d+), ?(\d+), ?(\d+)\)", fill)):
        return "#" + "".join(f"{int(value):02X}" for value in channels.groups())
    return None


def colour_problems(chart: Drawn) -> list[str]:
    """Categories of a colour legend whose colours read as one, and neighbouring small counts (1 to 4) of a
    colour gradient that look the same."""
    problems = []
    for legend in chart.legends:
        if legend.entries:
            colours = [(label, _hex(fill)) for label, fill in legend.entries if _hex(fill)]
            if len({colour for _, colour in colours}) < 2:
                continue  # a legend of shapes or sizes, all drawn in one colour
            pairs, floor = list(itertools.combinations(colours, 2)), MIN_CATEGORY_DIFFERENCE
        else:
            shown = {_number(values[legend.title]): _hex(fill) for panel in chart.panels
                     for _, fill, values in panel.marks if legend.title in values and _hex(fill)}
            pairs = [((count, shown[count]), (count + 1, shown[count + 1])) for count in (1, 2, 3)
                     if count in shown and count + 1 in shown]
            floor = MIN_STEP_DIFFERENCE
        for (first, first_colour), (second, second_colour) in pairs:
            difference = 0.0 if first_colour == second_colour else colour_difference(first_colour, second_colour)
            if difference < floor:
                problems.append(f"{legend.title}: {first!r} {first_colour} and {second!r} {second_colour} differ by "
                                f"{difference:.1f} < {floor}")
    return problems


def _each_chart(run: NotebookRun, problems_of) -> None:
    found = {_title(spec): problems for spec in run.chart_specs if (problems := problems_of(drawn(spec)))}
    assert found == {}, found


@reads_runs_of("notebooks", "solutions")
def every_chart_fits_the_width_budget(run: NotebookRun):
    """At most WIDTH_BUDGET pixels wide, legends and titles included: what JupyterLab shows beside the file
    browser on a 1280-pixel screen."""
    _each_chart(run, lambda chart: [f"{chart.width:.0f} px wide"] if chart.width > WIDTH_BUDGET else [])


@reads_runs_of("notebooks", "solutions")
def no_title_label_or_text_is_cut(run: NotebookRun):
    _each_chart(run, cut_texts)


@reads_runs_of("notebooks", "solutions")
def count_axes_print_whole_numbers(run: NotebookRun):
    _each_chart(run, fractional_count_axes)


@reads_runs_of("notebooks", "solutions")
def axes_print_no_number_jupyterlab_writes_as_1e5(run: NotebookRun):
    _each_chart(run, axes_with_long_numbers)


@reads_runs_of("notebooks", "solutions")
def tooltips_print_numbers_for_people(run: NotebookRun):
    _each_chart(run, drawn_tooltip_problems)


@reads_runs_of("notebooks", "solutions")
def categories_keep_their_colours_apart_under_colour_blindness(run: NotebookRun):
    _each_chart(run, colour_problems)
