"""The grader's verdict is check()'s verdict. For every question: its model answer, each anticipated mistake,
and the forms a learner may give them in go through the real exporter (the code the grader runs in the
learner's kernel, run here in-process) and the grader's `decode`, and are judged the same as the original."""

import csv
import datetime
import decimal
import fractions
import json
import shutil

import altair as alt
import numpy as np
import pandas as pd
import pytest

from russia_venezuela import grading, paths
from russia_venezuela.checking import ChartAnswer, ____
from russia_venezuela.checking.question import CORRECT, INCORRECT, NOT_ANSWERED, OpaqueAnswer
from russia_venezuela.questions import all_questions, exercises

QUESTIONS = all_questions()
IDS = [f"{question.exercise}-{question.name}" for question in QUESTIONS]


class Subframe(pd.DataFrame):
    """A learner's own kind of table."""


def exported(values: dict, tmp_path, export_code=grading._EXPORT_CODE, decode=grading.decode) -> dict:
    """The values as the grader receives them: exported as in the kernel, then decoded."""
    namespace = dict(values)
    exec(export_code, namespace)
    target = tmp_path / "answers.json"
    namespace["__rv_export"](list(values), str(target))
    return {name: decode(data) for name, data in json.loads(target.read_text(encoding="utf-8")).items()}


def _numbers(value):
    return [np.asarray(value)[()], decimal.Decimal(str(value)), fractions.Fraction(value), float(value)]


def _collections(values: list):
    forms = [tuple(values), pd.Index(values), pd.Series(values), pd.Series(values).to_numpy(), pd.array(values)]
    if all(isinstance(item, (str, int, float)) for item in values):
        forms += [np.array(values), frozenset(values), set(values)]
    return forms


def _series(series: pd.Series):
    text_index = series.index.astype(object)
    return [series.set_axis([series.index[0]] * len(series)), series.set_axis(text_index.astype("category")),
            series.rename_axis("label"), series.astype("category"), series.to_frame(), series.reset_index(),
            series.tolist(), series.index.tolist(), series.to_numpy(), series.convert_dtypes(),
            series.iloc[::-1], series.astype(object), series.astype(float) if series.dtype == int else series]


def _frame(frame: pd.DataFrame):
    first = frame.columns[0]
    texts = [name for name in frame.columns if frame[name].dtype == "str"]
    return [Subframe(frame), frame.set_axis([0] * len(frame)), frame.rename(columns={first: 0}),
            frame.astype({name: "category" for name in texts}), frame.astype({name: object for name in texts}),
            frame.set_index(first), frame.iloc[::-1], frame.reset_index(), frame[first], frame.to_numpy(),
            frame.assign(span=pd.to_timedelta(range(len(frame)), unit="D")), frame.rename_axis("row"),
            frame.set_axis(pd.MultiIndex.from_arrays([frame[first], range(len(frame))]), axis=0),
            frame.head(0), frame.astype({name: "string" for name in texts})]


def forms(value) -> list:
    """The value and the forms a learner may give it in (right or not, check() judges each)."""
    if isinstance(value, bool) or isinstance(value, alt.TopLevelMixin):
        return [value]
    if isinstance(value, (int, float)):
        return [value, *_numbers(value)]
    if isinstance(value, list):
        return [value, *_collections(value)]
    if isinstance(value, pd.Series):
        return [value, *_series(value)]
    if isinstance(value, pd.DataFrame):
        return [value, *_frame(value)]
    return [value]


ODD = [____, None, True, "art_004", " art_004", {"a": 1}, pd.Timedelta("3 days"), pd.Timestamp("2019-01-23"),
       pd.NaT, pd.NA, float("nan"), float("inf"), 2**70, 1 + 2j, [[1, 2], [3]], object(), [], (1,), ["one"],
       pd.Series([[1, 2], [3]]), np.datetime64("2019-01-23"), datetime.date(2019, 1, 23),
       datetime.datetime(2019, 1, 23, 12, tzinfo=datetime.timezone.utc), datetime.timedelta(days=2),
       pd.Series(pd.date_range("2019-01-01", periods=3, tz="America/Caracas")), np.array([[1, 2], [3, 4]]),
       pd.DataFrame({"a": [1, 2]}, index=pd.Index([1, 1], name="a_id")), np.str_("text"), np.bool_(True),
       pd.Series([1, None], dtype="Int64"), pd.Series(["x", None], dtype="string"), pd.Period("2019-01", "M")]


def cases(question) -> list:
    # charts: see the notebooks
    values = [] if isinstance(question.kind, ChartAnswer) else [question._expected_answer()]
    values += [mistake.wrong_answer() for mistake in question.mistakes]
    return [form for value in values for form in forms(value)] + ODD


def mismatches(question, tmp_path, **exporter) -> tuple[int, list[str]]:
    """How many cases were compared, and those where the grader's verdict differs from check()'s."""
    answers = cases(question)
    verdicts = [question.judge(answer) for answer in answers]
    received = exported({f"case{i}": answer for i, answer in enumerate(answers)}, tmp_path, **exporter)
    different = []
    for i, (answer, verdict) in enumerate(zip(answers, verdicts)):
        graded = question.judge(received[f"case{i}"]) if f"case{i}" in received else None
        if graded != verdict:
            different.append(f"{type(answer).__name__} {str(answer)[:80]!r}: check() {verdict}; grader {graded}")
    return len(answers), different


@pytest.mark.parametrize("question", QUESTIONS, ids=IDS)
def test_the_grader_judges_every_answer_as_check_does(question, tmp_path):
    compared, different = mismatches(question, tmp_path)
    assert compared > 20
    assert not different, "\n".join(different)


def test_an_answer_too_large_to_grade_gets_a_clear_verdict(tmp_path):
    rows = pd.DataFrame({"event_id": [f"ev_{i}" for i in range(1_000_000)], "n": 1})
    exports = exported({"table": rows, "ids": rows["event_id"].tolist(), "text": "x" * 30_000_000}, tmp_path)
    assert (tmp_path / "answers.json").stat().st_size < 1_000
    question = QUESTIONS[0]
    for answer, size in [("table", "a table of 1,000,000 rows and 2 columns"), ("ids", "a list of 1,000,000 values"),
                         ("text", "a text of 30,000,000 characters")]:
        assert isinstance(exports[answer], OpaqueAnswer)
        verdict = question.judge(exports[answer])
        assert verdict.status == INCORRECT and f"Your answer is too large to grade: {size}" in verdict.message


@pytest.mark.parametrize("data", [None, [], {"kind": "frame"}, {"kind": "series", "column": {"dtype": "nonsense"}},
                                  {"kind": "list", "items": [{"kind": "int", "value": "x"}]}, {"kind": "unknown"}])
def test_decode_never_raises(data):
    assert isinstance(grading.decode(data), OpaqueAnswer)


def test_the_solutions_get_full_marks_and_the_exercises_none(tmp_path):
    submissions, out = tmp_path / "submissions", tmp_path / "results"
    for folder in ["solutions", "exercises"]:
        (submissions / folder).mkdir(parents=True)
        for exercise in exercises():
            shutil.copy(getattr(paths, f"{folder.upper()}_DIR") / f"{exercise}.ipynb", submissions / folder)
    assert grading.grade(submissions, out, workers=2, report=lambda message: None)
    with (out / "gradebook.csv").open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    solved = [row for row in rows if row["learner"] == "solutions"]
    untouched = [row for row in rows if row["learner"] == "exercises"]
    assert len(solved) == len(untouched) == len(QUESTIONS)
    assert [(row["exercise"], row["question"], row["status"]) for row in solved if row["status"] != CORRECT] == []
    assert all(row["points"] == row["max_points"] for row in solved)
    assert {row["status"] for row in untouched} == {NOT_ANSWERED} and {row["points"] for row in untouched} == {"0"}
