"""What every lesson promises: its parts, honest quotes and numbers that come from code (what its run must show,
accessible charts among it, is in notebook_checks.py)."""

import ast
import re

import nbformat
import pytest
from notebook_checks import teaches_selections, tooltip_problems

from russia_venezuela import raw_text
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


def test_the_tooltip_check_catches_null_and_scientific_notation():
    spec = {"data": {"name": "d"}, "datasets": {"d": [{"a": None, "b": 2e12}, {"a": "x", "b": 1}]},
            "layer": [{"encoding": {"tooltip": [{"field": "a", "type": "nominal"},
                                                {"field": "b", "type": "quantitative"}]}}]}
    assert tooltip_problems(spec) == ["'a' shows null for a missing value",
                                      "'b' shows a number in scientific notation; give it a format"]
    spec["layer"][0]["encoding"]["tooltip"][1]["format"] = ","
    spec["datasets"]["d"][0]["a"] = "(none)"
    assert tooltip_problems(spec) == []


def test_at_least_three_lessons_teach_interactive_charts():
    """Each lesson's charts are interactive exactly when its skills say so (notebook_checks.py)."""
    teaching = [lesson.path.name for lesson in LESSONS if teaches_selections(lesson.meta)]
    assert len(teaching) >= 3, f"selections are taught only in {teaching}"


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
