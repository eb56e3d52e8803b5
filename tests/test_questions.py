"""Every question of the course: well formed, its typical mistakes diagnosed, and unbreakable by any input."""

import numbers
import re

import altair as alt
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.pandas import column, data_frames, range_indexes, series

from russia_venezuela.checking import ChartAnswer, ListAnswer, NumberAnswer, SeriesAnswer, TableAnswer, TextAnswer
from russia_venezuela.checking.question import CORRECT, INCORRECT
from russia_venezuela.questions import all_questions, exercises, points_table, questions_of

QUESTIONS = all_questions()
IDS = [f"{question.exercise}-{question.name}" for question in QUESTIONS]


def test_every_lesson_after_the_first_has_five_to_eight_questions():
    from russia_venezuela.lessons import read_lessons

    lessons = [lesson.path.stem for lesson in read_lessons() if lesson.number != "00"]
    assert exercises() == lessons
    for exercise in exercises():
        assert 5 <= len(questions_of(exercise)) <= 8, exercise


def test_every_set_asks_at_least_one_source_criticism_question():
    for exercise in exercises():
        assert any(question.source_check for question in questions_of(exercise)), exercise


def test_every_set_mixes_numbers_lists_tables_and_charts():
    for exercise in exercises():
        kinds = [question.kind for question in questions_of(exercise)]

        def has(*classes):
            return any(isinstance(kind, classes) for kind in kinds)

        assert has(ChartAnswer) and has(TableAnswer, SeriesAnswer), exercise
        assert has(NumberAnswer, ListAnswer, TextAnswer), exercise


@pytest.mark.parametrize("question", QUESTIONS, ids=IDS)
def test_a_question_is_well_formed(question):
    assert question.variable.isidentifier()
    assert isinstance(question.points, int) and question.points > 0
    assert len(question.hints) >= 2 and all(isinstance(hint, str) and hint.strip() for hint in question.hints)
    assert question.mistakes, f"{question.exercise} {question.name} has no typical mistake with its diagnosis"


NOT_CHARTS = [(question, id_) for question, id_ in zip(QUESTIONS, IDS) if not isinstance(question.kind, ChartAnswer)]


def _model_answer(question):
    """The answer that must be judged right: the expected value, or for a chart question its model chart."""
    expected = question._expected_answer()
    return expected.model if isinstance(question.kind, ChartAnswer) else expected


@pytest.mark.parametrize("question", QUESTIONS, ids=IDS)
def test_every_question_is_solvable_its_model_answer_judged_correct(question):
    """Without a notebook: a chart question's model chart meets its own ChartSpec, every requirement included."""
    if isinstance(question.kind, ChartAnswer):
        assert isinstance(question._expected_answer().model, alt.TopLevelMixin), f"{question.name} has no model chart"
    result = question.judge(_model_answer(question))
    assert result.status == CORRECT, result.message


@pytest.mark.parametrize("question", QUESTIONS, ids=IDS)
def test_each_typical_mistake_gets_the_diagnosis_written_for_it(question):
    for mistake in question.mistakes:
        result = question.judge(mistake.wrong_answer())
        assert result.status == INCORRECT, f"{question.name}: the mistake is judged correct: {mistake.diagnosis}"
        assert result.message.startswith(mistake.diagnosis), (question.name, result.message)


def _hidden_values(values, hints: str) -> list[str]:
    """The values of an answer a message could give away, as a message would print them: text of three
    characters or more and numbers of two digits or more (fractions also as 0.33 and 33%), unless a hint
    states them; a one-digit count would match too much prose to be told apart."""
    shown = []
    for value in values:
        if isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_)):
            if value != int(value):
                shown += [f"{value:g}", f"{value:.2f}", f"{value:.0%}"]
            elif abs(value) >= 10:
                shown.append(f"{value:g}")
        elif len(str(value)) >= 3:
            shown.append(str(value))
    return sorted({text for text in shown if text not in hints})


def _secrets(question) -> list[str]:
    """Pieces of the expected answer that a message must not print (unless the learner wrote them)."""
    expected = question._expected_answer()
    if isinstance(question.kind, ChartAnswer):
        return []  # a chart's expected answer is its design, which the question itself describes
    if isinstance(expected, (pd.DataFrame, pd.Series)):
        frame = expected.to_frame() if isinstance(expected, pd.Series) else expected
        values = [value for name in frame.columns for value in frame[name].dropna().unique()]
    else:
        values = expected if isinstance(question.kind, ListAnswer) else [expected]
    return _hidden_values(values, " ".join(question.hints))


def _written(answer) -> str:
    if isinstance(answer, (pd.DataFrame, pd.Series)):
        return answer.to_csv()
    return str(answer.tolist() if hasattr(answer, "tolist") else answer)


@pytest.mark.parametrize("question", [q for q, _ in NOT_CHARTS], ids=[i for _, i in NOT_CHARTS])
def test_every_answer_but_small_counts_has_secrets_to_keep(question):
    """The test below can only fail where there is something to reveal: everywhere but one-digit counts."""
    expected = question._expected_answer()
    values = expected.to_numpy().ravel() if isinstance(expected, (pd.DataFrame, pd.Series)) else [expected]
    small_counts = all(isinstance(value, numbers.Integral) and abs(value) < 10 for value in values)
    assert _secrets(question) or small_counts, question.name


@pytest.mark.parametrize("question", QUESTIONS, ids=IDS)
def test_a_verdict_never_reveals_the_expected_answer(question):
    secrets = _secrets(question)
    wrong_answers = [mistake.wrong_answer() for mistake in question.mistakes] + [None, 0, "x", ["x"]]
    for wrong in wrong_answers:
        shown = question.judge(wrong).message
        written = _written(wrong)
        leaked = [s for s in secrets if re.search(rf"(?<![\w.]){re.escape(s)}(?!\w)", shown) and s not in written]
        assert leaked == [], f"{question.name} shows {leaked} for {written[:80]}: {shown}"


class Hostile:
    """A learner's object that breaks every way Python could read it."""

    def __eq__(self, other):
        raise RuntimeError("eq")

    def __repr__(self):
        raise RuntimeError("repr")

    def __len__(self):
        raise RuntimeError("len")

    def __iter__(self):
        raise RuntimeError("iter")

    def __bool__(self):
        raise RuntimeError("bool")

    def __float__(self):
        raise RuntimeError("float")

    __hash__ = object.__hash__


scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
                    st.text(max_size=20), st.dates(), st.just(Hostile()))
frames = data_frames(columns=[column("kind", dtype=str), column("count", dtype=int), column("value", dtype=float)],
                     index=range_indexes(max_size=8))


def _chart(mark: str, x: str, y: str, title: str | None) -> alt.Chart:
    chart = alt.Chart(pd.DataFrame({"kind": ["a"], "count": [1]}), title=title)
    return getattr(chart, f"mark_{mark}")().encode(x=x, y=y)


charts = st.builds(
    _chart,
    st.sampled_from(["bar", "line", "point", "rule", "text"]),
    st.sampled_from(["count:Q", "kind:N", "count()", "kind:O"]),
    st.sampled_from(["count:Q", "kind:N", "kind:T"]),
    st.one_of(st.none(), st.text(max_size=5)),
)
learner_input = st.one_of(
    scalars,
    st.lists(scalars, max_size=10),
    st.tuples(scalars, scalars),
    st.dictionaries(st.text(max_size=5), scalars, max_size=5),
    st.sets(st.integers(), max_size=5),
    frames,
    series(dtype=float, index=range_indexes(max_size=8)),
    charts,
)


@pytest.mark.parametrize("question", QUESTIONS, ids=IDS)
@settings(max_examples=30, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(answer=learner_input)
def test_no_input_escapes_the_checker_or_is_judged_correct(question, answer):
    before = answer.copy(deep=True) if isinstance(answer, (pd.DataFrame, pd.Series)) else None
    result = question.judge(answer)
    assert result.status == INCORRECT and result.message
    if before is not None:
        assert answer.equals(before), "judging changed the learner's object"


def test_points_list_every_question_and_add_up():
    table = points_table()
    assert len(table) == len(QUESTIONS)
    assert table["points"].sum() == sum(question.points for question in QUESTIONS)
    assert table.columns.tolist() == ["exercise", "question", "answer_variable", "answer_kind", "source_check",
                                      "points"]


ORDERED = [(q, i) for q, i in zip(QUESTIONS, IDS) if isinstance(q.kind, ListAnswer) and q.kind.ordered]


@pytest.mark.parametrize("question", [q for q, _ in ORDERED], ids=[i for _, i in ORDERED])
def test_a_reversed_list_is_named_as_reversed_with_the_order_the_question_asks_for(question):
    """Every ordered list question diagnoses the reversed answer itself, in its own words where it has them."""
    expected = question._expected_answer()
    if len(set(expected)) < 2:
        pytest.skip("one value reads the same both ways")
    result = question.judge(list(expected)[::-1])
    assert result.status == INCORRECT
    assert result.message.startswith("You have the right values, but in reverse order."), result.message
    assert (question.kind.order or "direction of your sort") in result.message
