"""The README's worked example of adding questions works as written: run as a question module, its questions
are numbered, each is solvable (its expected answer, or its model chart, is judged Correct) and each of its
mistakes gets the diagnosis written for it."""

import re
import types

import pytest

from russia_venezuela import paths
from russia_venezuela.checking import ChartAnswer, Question
from russia_venezuela.checking.question import CORRECT, INCORRECT


def _example_questions() -> list[Question]:
    readme = paths.README.read_text(encoding="utf-8")
    code = re.search(r"\*Adding a question: a worked example\.\*.*?```python\n(.*?)```", readme, re.S)[1]
    module = types.ModuleType("russia_venezuela.questions.ex02_meetings_timeline")
    exec(compile(code, "README.md", "exec"), module.__dict__)
    return [value for name, value in vars(module).items() if isinstance(value, Question)]


QUESTIONS = _example_questions()


def test_the_example_holds_a_number_a_table_and_a_chart_question_numbered_from_its_module():
    assert [(question.exercise, question.number) for question in QUESTIONS] == [
        ("02_meetings_timeline", 1), ("02_meetings_timeline", 2), ("02_meetings_timeline", 3)]
    assert [type(question.kind).__name__ for question in QUESTIONS] == ["NumberAnswer", "TableAnswer", "ChartAnswer"]


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda question: question.name)
def test_each_example_question_is_solvable_and_diagnoses_its_mistakes(question):
    expected = question._expected_answer()
    answer = expected.model if isinstance(question.kind, ChartAnswer) else expected
    assert question.judge(answer).status == CORRECT, question.judge(answer).message
    for mistake in question.mistakes:
        result = question.judge(mistake.wrong_answer())
        assert result.status == INCORRECT and result.message.startswith(mistake.diagnosis), result.message
