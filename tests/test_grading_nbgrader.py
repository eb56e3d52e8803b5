"""The course's grader and nbgrader agree, question by question, on the same submissions.

The solution notebooks are nbgrader source notebooks, and instructors may grade with either tool. For every
exercise set, three submissions (the model answers, the untouched exercise, and the model answers with every
other answer left blank) are graded by `russia-venezuela grade` and by `nbgrader autograde` (installed apart,
as the benchmark does), and every question must earn the same points from both.
"""

import csv
import json
import subprocess

import nbformat
import pytest

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


def half_done(exercise: str) -> nbformat.NotebookNode:
    """The model answers, with the answer cells of q2, q4, ... as the exercise hands them out (blank)."""
    solution = nbformat.read(paths.SOLUTIONS_DIR / f"{exercise}.ipynb", as_version=4)
    blank = {cell.metadata["nbgrader"]["grade_id"]: cell.source
             for cell in nbformat.read(paths.EXERCISES_DIR / f"{exercise}.ipynb", as_version=4).cells
             if cell.metadata.get("nbgrader", {}).get("solution")}
    for cell in solution.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        if cell.metadata.get("nbgrader", {}).get("solution") and int(grade_id.removeprefix("q")) % 2 == 0:
            cell.source = blank[grade_id]
    return solution


@pytest.fixture(scope="module")
def both_gradebooks(tmp_path_factory):
    root = tmp_path_factory.mktemp("two-graders")
    submissions = root / "class"
    for exercise_path in sorted(paths.EXERCISES_DIR.glob("*.ipynb")):
        exercise = exercise_path.stem
        for learner, notebook in [("model", nbformat.read(paths.SOLUTIONS_DIR / exercise_path.name, as_version=4)),
                                  ("blank", nbformat.read(exercise_path, as_version=4)),
                                  ("half", half_done(exercise))]:
            (submissions / learner).mkdir(parents=True, exist_ok=True)
            nbformat.write(notebook, submissions / learner / exercise_path.name)
    grading.grade(submissions, root / "ours", workers=2, report=lambda message: None)
    with (root / "ours" / "gradebook.csv").open(encoding="utf-8") as file:
        ours = {(row["learner"], row["exercise"], row["question"]): int(row["points"]) for row in csv.DictReader(file)}
    python = benchmark._nbgrader_python()
    course = root / "nbgrader"
    for assignment in benchmark._nbgrader_course(course, submissions, python):
        subprocess.run([str(python), "-m", "nbgrader", "autograde", assignment], cwd=course, check=True,
                       capture_output=True, env=benchmark._in_path(python))
    printed = subprocess.run([str(python), "-c", NBGRADER_SCORES], cwd=course, check=True, capture_output=True,
                             text=True).stdout
    theirs = {(learner, assignment, grade.removesuffix("_check")): int(score)
              for learner, assignment, grade, score in map(json.loads, printed.splitlines())}
    return ours, theirs


def test_both_graders_score_the_same_questions(both_gradebooks):
    ours, theirs = both_gradebooks
    assert set(ours) == set(theirs)
    assert len(ours) == 3 * sum(len(questions_of(exercise)) for exercise in exercises())


def test_both_graders_give_every_question_the_same_points(both_gradebooks):
    ours, theirs = both_gradebooks
    differ = {key: (ours[key], theirs[key]) for key in ours if ours[key] != theirs.get(key)}
    assert not differ, f"(ours, nbgrader's) points differ: {differ}"


def test_the_comparison_can_tell_right_from_blank(both_gradebooks):
    """Model answers earn points, blanks none, and the half-done notebooks some of each, so agreement is not
    the agreement of two graders that give nothing."""
    ours, _ = both_gradebooks
    by_learner = {learner: sum(points for (who, _, _), points in ours.items() if who == learner)
                  for learner in ["model", "blank", "half"]}
    assert by_learner["model"] > by_learner["half"] > by_learner["blank"] == 0
