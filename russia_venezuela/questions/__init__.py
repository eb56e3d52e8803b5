"""The questions of every exercise set, one module per exercise notebook, named after it.

`exercises/01_the_sources.ipynb` imports its questions from `russia_venezuela.questions.ex01_the_sources`.
A module defines `q1`, `q2`, ... as `Question` objects (russia_venezuela.checking), numbered from 1 without gaps.
"""

import importlib
import pkgutil

from russia_venezuela.checking import Question


def module_name(exercise: str) -> str:
    """The module holding an exercise's questions: "01_the_sources" -> "ex01_the_sources"."""
    return f"ex{exercise}"


def exercises() -> list[str]:
    """Every exercise that has questions, in course order."""
    return sorted(info.name.removeprefix("ex") for info in pkgutil.iter_modules(__path__)
                  if info.name.startswith("ex"))


def questions_of(exercise: str) -> list[Question]:
    """The questions of one exercise, in order, checked to be numbered 1, 2, 3, ... and to name this exercise."""
    try:
        module = importlib.import_module(f"{__name__}.{module_name(exercise)}")
    except ModuleNotFoundError as error:
        known = ", ".join(exercises())
        raise ValueError(f"No exercise called {exercise!r}. The exercises are: {known}.") from error
    found = sorted((value for value in vars(module).values() if isinstance(value, Question)),
                   key=lambda question: question.number)
    numbers = [question.number for question in found]
    if numbers != list(range(1, len(found) + 1)):
        raise ValueError(f"{module.__name__}: questions are numbered {numbers}; number them 1, 2, 3, ...")
    for question in found:
        if question.exercise != exercise or getattr(module, question.name, None) is not question:
            raise ValueError(f"{module.__name__}: {question.name} must be named q{question.number} and belong to "
                             f"exercise {exercise!r}.")
    return found


def all_questions() -> list[Question]:
    return [question for exercise in exercises() for question in questions_of(exercise)]


def points_table():
    """Every question with its points, one row each, for instructors (`russia-venezuela points`)."""
    import pandas as pd

    return pd.DataFrame([{"exercise": q.exercise, "question": q.name, "answer_variable": q.variable,
                          "answer_kind": type(q.kind).__name__.removesuffix("Answer").lower(),
                          "source_check": q.source_check, "points": q.points}
                         for q in all_questions()])
