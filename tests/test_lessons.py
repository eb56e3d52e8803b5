"""What every lesson promises: its parts, honest quotes, numbers that come from code, and accessible charts."""

import ast
import re

import nbformat
import pytest
from executed_notebooks import VEGALITE_MIME, code_outputs

from russia_venezuela import paths, raw_text
from russia_venezuela.lessons import read_lessons
from russia_venezuela.maintainer import build

LESSONS = read_lessons()
LESSON_IDS = [lesson.path.stem for lesson in LESSONS]
GENERATED_TAGS = {build.HEADER_TAG, build.FOOTER_TAG}
# A quotation from a source: > “words copied exactly” (art_004)
SOURCE_QUOTE = re.compile(r"^>\s*“(?P<words>[^”]+)”\s*\((?P<article>art_\d{3})\)", re.MULTILINE)


def prose_cells(lesson):
    notebook = nbformat.read(lesson.path, as_version=4)
    return [cell.source for cell in notebook.cells
            if cell.cell_type == "markdown" and not GENERATED_TAGS & set(cell.metadata.get("tags", []))]


def executed_specs(path) -> list[dict]:
    """The charts a notebook displays. One whose code builds a chart must display one: no test over them may
    pass on an empty list."""
    specs = [output["data"][VEGALITE_MIME] for output in code_outputs(path) if VEGALITE_MIME in output.get("data", {})]
    code = "\n".join(cell.source for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code")
    assert specs or "alt.Chart(" not in code, f"{path.name} builds charts but displayed none"
    return specs


def walk(spec):
    """The spec and every sub-spec of a layer, concat or facet."""
    yield spec
    for key in ["layer", "hconcat", "vconcat", "concat"]:
        for part in spec.get(key, []):
            yield from walk(part)
    if "spec" in spec:
        yield from walk(spec["spec"])


@pytest.mark.parametrize("lesson", LESSONS, ids=LESSON_IDS)
def test_lesson_has_every_part(lesson):
    meta = lesson.meta
    for key in ["questions", "objectives", "key_points"]:
        assert meta[key], f"{lesson.path.name}: 'course.{key}' is empty"
    assert meta["teaching_minutes"] > 0
    if lesson.number != "00":
        prose = "\n".join(prose_cells(lesson))
        assert "**Try it" in prose, f"{lesson.path.name} has no 'Try it' prompt"


@pytest.mark.parametrize("lesson", LESSONS, ids=LESSON_IDS)
def test_stated_minutes_are_what_a_newcomer_needs(lesson):
    """Within a tenth below and a quarter above the calibrated estimate: a lesson that grows must say so."""
    for stated, estimate, what in zip([lesson.meta["teaching_minutes"], lesson.meta["exercise_minutes"]],
                                      build.estimated_minutes(lesson), ["lesson", "exercises"]):
        assert 0.9 * estimate <= stated <= 1.25 * estimate + 5, (
            f"{lesson.path.name}: the {what} are said to take {stated} min; a newcomer needs about "
            f"{estimate:.0f} min (build.estimated_minutes)")


@pytest.mark.parametrize("lesson", LESSONS, ids=LESSON_IDS)
def test_source_quotes_are_verbatim(lesson):
    for source in prose_cells(lesson):
        for quote in SOURCE_QUOTE.finditer(source):
            assert quote["words"] in raw_text(quote["article"]), (
                f"{lesson.path.name}: “{quote['words']}” is not in {quote['article']} word for word")


@pytest.mark.parametrize("lesson", LESSONS, ids=LESSON_IDS)
def test_prose_states_no_number_that_code_did_not_compute(lesson):
    """Digits in prose are allowed in code, quotes, links, list numbers and years only; other numbers come
    from cells."""
    for source in prose_cells(lesson):
        text = re.sub(r"`[^`]*`|\[[^\]]*\]\([^)]*\)|^>.*$|^\s*\d+\.\s", "", source, flags=re.MULTILINE)
        text = re.sub(r"\b(19|20)\d\d\b", "", text)
        assert not re.search(r"\d", text), f"{lesson.path.name}: a number in prose, compute it instead:\n{source}"


def views_with_data(spec, rows=None, datasets=None):
    """(view, the rows it draws from) for the spec and every sub-view, which inherits its parent's data."""
    datasets = spec.get("datasets", {}) if datasets is None else datasets
    data = spec.get("data", {})
    rows = datasets.get(data["name"], []) if "name" in data else data.get("values", rows)
    yield spec, rows or []
    for key in ["layer", "hconcat", "vconcat", "concat"]:
        for part in spec.get(key, []):
            yield from views_with_data(part, rows, datasets)
    if "spec" in spec:
        yield from views_with_data(spec["spec"], rows, datasets)


def tooltip_problems(spec) -> list[str]:
    """What a reader would see in a tooltip that is not for people: `null` for a missing value, or a number
    that Vega's default format turns into scientific notation (from 10^12, or below 10^-6)."""
    problems = []
    for view, rows in views_with_data(spec):
        tooltip = view.get("encoding", {}).get("tooltip", [])
        for item in tooltip if isinstance(tooltip, list) else [tooltip]:
            field = item.get("field") if isinstance(item, dict) else None
            if not isinstance(field, str) or not rows or field not in rows[0]:
                continue  # made by a transform, so not in the data as given
            values = [row.get(field) for row in rows]
            if any(value is None for value in values):
                problems.append(f"{field!r} shows null for a missing value")
            if item.get("type") == "quantitative" and "format" not in item and any(
                    isinstance(value, (int, float)) and (abs(value) >= 1e12 or 0 < abs(value) < 1e-6)
                    for value in values):
                problems.append(f"{field!r} shows a number in scientific notation; give it a format")
    return problems


def test_the_tooltip_check_catches_null_and_scientific_notation():
    spec = {"data": {"name": "d"}, "datasets": {"d": [{"a": None, "b": 2e12}, {"a": "x", "b": 1}]},
            "layer": [{"encoding": {"tooltip": [{"field": "a", "type": "nominal"},
                                                {"field": "b", "type": "quantitative"}]}}]}
    assert tooltip_problems(spec) == ["'a' shows null for a missing value",
                                      "'b' shows a number in scientific notation; give it a format"]
    spec["layer"][0]["encoding"]["tooltip"][1]["format"] = ","
    spec["datasets"]["d"][0]["a"] = "(none)"
    assert tooltip_problems(spec) == []


CHARTED = [*[lesson.path for lesson in LESSONS], *sorted(paths.SOLUTIONS_DIR.glob("*.ipynb"))]


@pytest.mark.parametrize("path", CHARTED, ids=[f"{path.parent.name}/{path.stem}" for path in CHARTED])
def test_no_tooltip_shows_null_or_scientific_notation(path):
    problems = [problem for spec in executed_specs(path) for problem in tooltip_problems(spec)]
    assert problems == [], f"{path.parent.name}/{path.name}: {problems}"


@pytest.mark.parametrize("lesson", LESSONS, ids=LESSON_IDS)
def test_every_chart_is_titled_described_and_has_tooltips(lesson):
    for spec in executed_specs(lesson.path):
        assert spec.get("title"), f"{lesson.path.name}: a chart without a title"
        assert spec.get("description"), f"{lesson.path.name}: a chart without a description for screen readers"
        encodings = [part.get("encoding", {}) for part in walk(spec)]
        assert any("tooltip" in encoding for encoding in encodings), f"{lesson.path.name}: a chart without tooltips"
        for encoding in encodings:
            for channel in ["x", "y"]:
                field = encoding.get(channel, {})
                if "field" in field:
                    assert "title" in field, f"{lesson.path.name}: {channel} of {field['field']} has no axis title"


def test_at_least_three_lessons_have_interactive_charts():
    interactive = [lesson.path.name for lesson in LESSONS
                   if any("select" in param for spec in executed_specs(lesson.path)
                          for part in walk(spec) for param in part.get("params", []))]
    assert len(interactive) >= 3, f"interactive charts only in {interactive}"


ASIDE_TAGS = {"python-aside", "altair-aside"}
# A construct beyond "a little Python", and the words its aside's title uses.
CONSTRUCTS = {
    "list comprehension": lambda node: isinstance(node, ast.ListComp),
    "generator expression": lambda node: isinstance(node, ast.GeneratorExp),
    "dictionary comprehension": lambda node: isinstance(node, ast.DictComp),
    "lambda": lambda node: isinstance(node, ast.Lambda),
    "f-string": lambda node: isinstance(node, ast.JoinedStr),
    "format specification": lambda node: isinstance(node, ast.FormattedValue) and node.format_spec is not None,
    "na=false": lambda node: isinstance(node, ast.keyword) and node.arg == "na",
    "alt.datum": lambda node: (isinstance(node, ast.Attribute) and node.attr == "datum"
                               and isinstance(node.value, ast.Name) and node.value.id == "alt"),
    "try": lambda node: isinstance(node, ast.Try),
    "def": lambda node: isinstance(node, ast.FunctionDef),
}


def course_cells():
    """(lesson, position, cell) for every cell of every lesson, in the order a learner meets them."""
    for lesson in LESSONS:
        for position, cell in enumerate(nbformat.read(lesson.path, as_version=4).cells):
            yield lesson, position, cell


def test_each_construct_beyond_a_little_python_is_explained_where_it_first_appears():
    """A Python (or Altair) aside names the construct at or before the cell that first uses it."""
    explained, missing = set(), []
    for lesson, position, cell in course_cells():
        if ASIDE_TAGS & set(cell.metadata.get("tags", [])):
            title = cell.source.split(".**")[0].lower()
            explained |= {name for name in CONSTRUCTS if name in title.replace("`", "")}
        elif cell.cell_type == "code":
            nodes = list(ast.walk(ast.parse(cell.source)))
            for name, found in CONSTRUCTS.items():
                if name not in explained and any(found(node) for node in nodes):
                    missing.append(f"{name} in {lesson.path.name}, cell {position}")
                    explained.add(name)  # report each construct once, where it first appears
    assert missing == [], f"no aside before the first use of: {missing}"
