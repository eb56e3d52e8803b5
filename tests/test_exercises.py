"""Exercise notebooks are generated from the solutions: answers blanked, points and nbgrader metadata in place;
what their one run must show (every solution check says Correct, every untouched exercise check says Not
answered yet) is in notebook_checks.py."""

import re

import nbformat
import pytest

from russia_venezuela import paths
from russia_venezuela.lessons import read_lessons
from russia_venezuela.maintainer import build
from russia_venezuela.questions import exercises, questions_of
from russia_venezuela.solution_regions import BEGIN_SOLUTION, solution_code

SOLUTIONS = sorted(paths.SOLUTIONS_DIR.glob("*.ipynb"))
EXERCISES = [paths.EXERCISES_DIR / path.name for path in SOLUTIONS]


def test_lessons_exercises_and_solutions_mirror_each_other_by_number_and_name():
    lessons = {lesson.path.name for lesson in read_lessons() if lesson.number != "00"}
    assert {path.name for path in SOLUTIONS} == lessons
    assert {path.name for path in paths.EXERCISES_DIR.glob("*.ipynb")} == lessons
    assert [f"{name}.ipynb" for name in exercises()] == sorted(lessons)


@pytest.mark.parametrize("path", SOLUTIONS, ids=[path.stem for path in SOLUTIONS])
def test_the_exercise_keeps_no_model_answer_and_blanks_every_question(path):
    solution = nbformat.read(path, as_version=4)
    exercise = nbformat.read(paths.EXERCISES_DIR / path.name, as_version=4)
    exercise_code = "\n".join(cell.source for cell in exercise.cells if cell.cell_type == "code")
    assert BEGIN_SOLUTION not in exercise_code
    regions = [solution_code(cell.source) for cell in solution.cells if cell.cell_type == "code"]
    answer_lines = {line for code in regions if code for line in code.splitlines()
                    if line.strip() and not line.strip().startswith("#")}
    # A line of a model answer may stand in the exercise only where the solution also gives it as scaffolding.
    scaffold = {line for cell in solution.cells if cell.cell_type == "code" for line in
                (cell.source.replace(solution_code(cell.source) or "\0", "") if solution_code(cell.source) is not None
                 else cell.source).splitlines()}
    shown = [line for line in exercise_code.splitlines() if line in answer_lines - scaffold]
    assert shown == [], f"{path.name}: the exercise shows model-answer lines {shown}"
    for question in questions_of(path.stem):
        assert f"{question.variable} = ____" in exercise_code
        assert f"{question.name}.check()" in exercise_code


@pytest.mark.parametrize("path", SOLUTIONS, ids=[path.stem for path in SOLUTIONS])
def test_points_in_headings_and_nbgrader_metadata_come_from_the_questions(path):
    notebook = nbformat.read(path, as_version=4)
    questions = {question.name: question for question in questions_of(path.stem)}
    graded = {cell.metadata["nbgrader"]["grade_id"]: cell.metadata["nbgrader"] for cell in notebook.cells
              if cell.metadata.get("nbgrader", {}).get("grade")}
    assert {grade_id: meta["points"] for grade_id, meta in graded.items()} == {
        f"{name}_check": question.points for name, question in questions.items()}
    headings = re.findall(r"^### Question (\d+) · (\d+) points?\b",
                          "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown"),
                          flags=re.MULTILINE)
    assert {f"q{number}": int(points) for number, points in headings} == {
        name: question.points for name, question in questions.items()}


def test_a_solution_region_that_answers_no_question_is_refused(tmp_path, monkeypatch):
    source = paths.SOLUTIONS_DIR / "01_the_sources.ipynb"
    notebook = nbformat.read(source, as_version=4)
    for cell in notebook.cells:
        if "forum_words =" in cell.source and BEGIN_SOLUTION in cell.source:
            cell.source = cell.source.replace("forum_words =", "words =")
    nbformat.write(notebook, tmp_path / source.name)
    monkeypatch.setattr(paths, "SOLUTIONS_DIR", tmp_path)
    with pytest.raises(ValueError, match="must assign exactly one question's variable"):
        build.built_exercises("01_the_sources")


def test_cells_tagged_solution_only_stay_out_of_the_exercise(tmp_path, monkeypatch):
    source = paths.SOLUTIONS_DIR / "01_the_sources.ipynb"
    notebook = nbformat.read(source, as_version=4)
    notebook.cells.insert(3, nbformat.v4.new_markdown_cell("Why the model answer works.",
                                                           metadata={"tags": [build.SOLUTION_ONLY_TAG]}))
    nbformat.write(notebook, tmp_path / source.name)
    monkeypatch.setattr(paths, "SOLUTIONS_DIR", tmp_path)
    built = build.built_exercises("01_the_sources")
    texts = {path.parent.name: "\n".join(cell.source for cell in nb.cells) for path, nb in built.items()}
    assert "Why the model answer works." in texts[tmp_path.name]
    assert "Why the model answer works." not in texts["exercises"]


EXERCISE_PROSE = [(path, cell.source) for path in SOLUTIONS for cell in nbformat.read(path, as_version=4).cells
                  if cell.cell_type == "markdown" and not {build.HEADER_TAG, build.FOOTER_TAG}
                  & set(cell.metadata.get("tags", []))]


def test_exercise_prose_states_no_number_that_code_did_not_compute():
    """As in the lessons: digits only in code, quotes, links, years and the generated question headings."""
    for path, source in EXERCISE_PROSE:
        text = re.sub(r"`[^`]*`|\[[^\]]*\]\([^)]*\)|^>.*$|^### Question \d+ · \d+ points?", "", source,
                      flags=re.MULTILINE)
        text = re.sub(r"\b(19|20)\d\d\b", "", text)
        assert not re.search(r"\d", text), f"{path.name}: a number in prose:\n{source}"
