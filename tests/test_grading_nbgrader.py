"""The course's grader and nbgrader agree, question by question, on the same submissions.

The solution notebooks are nbgrader source notebooks, and instructors may grade with either tool. For every
exercise set, two submissions are graded by `russia-venezuela grade` and by `nbgrader autograde` (installed
apart, as the benchmark does): one gives the model answers to the odd-numbered questions and leaves the others
blank, as the exercise hands them out, the other the reverse. So every question is graded once answered and
once blank, by both graders, and must earn the same points from both.
"""

import csv
import json
import subprocess

import nbformat
import pytest
from course_copy import PROXY_VARIABLES

from russia_venezuela import grading, paths
from russia_venezuela.maintainer import benchmark
from russia_venezuela.questions import exercises, questions_of

NBGRADER_SCORES = """
import json
from nbgrader.api import Gradebook
with Gradebook("sqlite:///gradebook.db") as gradebook:
    for assignment in gradebook.assignments:
        for submission in assignment.submissions:
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    print(json.dumps([submission.student_id, assignment.name, grade.name, grade.score]))
"""


def half_done(exercise: str, answered: int) -> nbformat.NotebookNode:
    """The model answers to the questions whose number leaves `answered` when divided by two; the other answer
    cells as the exercise hands them out (blank)."""
    solution = nbformat.read(paths.SOLUTIONS_DIR / f"{exercise}.ipynb", as_version=4)
    blank = {cell.metadata["nbgrader"]["grade_id"]: cell.source
             for cell in nbformat.read(paths.EXERCISES_DIR / f"{exercise}.ipynb", as_version=4).cells
             if cell.metadata.get("nbgrader", {}).get("solution")}
    for cell in solution.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        if cell.metadata.get("nbgrader", {}).get("solution") and int(grade_id.removeprefix("q")) % 2 != answered:
            cell.source = blank[grade_id]
    return solution


LEARNERS = {"odd": 1, "even": 0}


@pytest.fixture(scope="module")
def both_gradebooks(tmp_path_factory):
    root = tmp_path_factory.mktemp("two-graders")
    submissions = root / "class"
    for exercise_path in sorted(paths.EXERCISES_DIR.glob("*.ipynb")):
        exercise = exercise_path.stem
        for learner, answered in LEARNERS.items():
            (submissions / learner).mkdir(parents=True, exist_ok=True)
            nbformat.write(half_done(exercise, answered), submissions / learner / exercise_path.name)
    grading.grade(submissions, root / "ours", workers=2, report=lambda message: None)
    with (root / "ours" / "gradebook.csv").open(encoding="utf-8") as file:
        ours = {(row["learner"], row["exercise"], row["question"]): int(row["points"]) for row in csv.DictReader(file)}
    # nbgrader comes from PyPI (once, into a cache), past the proxy that keeps the suite's kernels offline.
    with pytest.MonkeyPatch.context() as online:
        for variable in PROXY_VARIABLES:
            online.delenv(variable, raising=False)
        python = benchmark._nbgrader_python()
    course = root / "nbgrader"
    benchmark._nbgrader_course(course, submissions, python)
    # nbgrader reads the assignment as a glob: one process grades them all.
    subprocess.run([str(python), "-m", "nbgrader", "autograde", "*"], cwd=course, check=True, capture_output=True,
                   env=benchmark._in_path(python))
    printed = subprocess.run([str(python), "-c", NBGRADER_SCORES], cwd=course, check=True, capture_output=True,
                             text=True).stdout
    theirs = {(learner, assignment, grade.removesuffix("_check")): int(score)
              for learner, assignment, grade, score in map(json.loads, printed.splitlines())}
    return ours, theirs


def test_both_graders_score_the_same_questions(both_gradebooks):
    ours, theirs = both_gradebooks
    assert set(ours) == set(theirs)
    assert len(ours) == len(LEARNERS) * sum(len(questions_of(exercise)) for exercise in exercises())


def test_both_graders_give_every_question_the_same_points(both_gradebooks):
    ours, theirs = both_gradebooks
    differ = {key: (ours[key], theirs[key]) for key in ours if ours[key] != theirs.get(key)}
    assert not differ, f"(ours, nbgrader's) points differ: {differ}"


def test_the_comparison_can_tell_right_from_blank(both_gradebooks):
    """Every question earns its points where it is answered and none where it is blank, so agreement is not
    the agreement of two graders that give nothing."""
    ours, _ = both_gradebooks
    for exercise in exercises():
        for question in questions_of(exercise):
            answered = "odd" if question.number % 2 else "even"
            blank = "even" if answered == "odd" else "odd"
            assert (ours[(answered, exercise, question.name)], ours[(blank, exercise, question.name)]) == (
                question.points, 0), f"{exercise} {question.name}"
