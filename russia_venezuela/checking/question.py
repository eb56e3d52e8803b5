"""A question and its verdicts: `q1.check()`, `q1.hint()`, `q1.solution()`.

Every answer is judged inside a guard: whatever a learner hands in (None, a huge list, an object whose
`__eq__` raises), the check says something useful and never raises, never shows the expected answer and
never changes the learner's objects (pandas objects are judged on a copy; nothing else is written to).

Two switches make a check raise on a wrong answer, for automatic runs: `RUSSIA_VENEZUELA_STRICT=1` (the test
suite sets it, so a solution notebook whose answer is judged incorrect fails under nbval) raises on Incorrect;
nbgrader's autograder (which sets `NBGRADER_EXECUTION=autograde`) also raises on Not answered, so that an
unanswered question scores no points there. In the kernels of `russia-venezuela grade`, which set
`RUSSIA_VENEZUELA_GRADING=1`, a check does nothing: the grader judges the answers itself, outside the kernel.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from dataclasses import InitVar, dataclass, field
from typing import TYPE_CHECKING, Any

from russia_venezuela import progress
from russia_venezuela.solution_regions import assigns, solution_text

if TYPE_CHECKING:
    from russia_venezuela.checking.answers import AnswerKind

CORRECT = "correct"
INCORRECT = "incorrect"
NOT_ANSWERED = "not answered"
STRICT_ENV_VAR = "RUSSIA_VENEZUELA_STRICT"
GRADING_ENV_VAR = "RUSSIA_VENEZUELA_GRADING"


class _Blank:
    """The placeholder `____` that an exercise cell holds until the learner replaces it."""

    def __repr__(self) -> str:
        return "____"


____ = _Blank()


class AnswerNotCorrect(AssertionError):
    """Raised by `check()` in strict mode or under nbgrader's autograder, so the run marks the cell failed."""


@dataclass(frozen=True)
class Result:
    """What a check found: a status (correct, incorrect, not answered) and a message for the learner."""

    status: str
    message: str
    # What the learner reads first, where the status's own words would mislead (an answer that raised an
    # error has been written, but is not judged).
    headline: str = ""

    def __str__(self) -> str:
        return f"{self.headline or self.status.capitalize()}: {self.message}"

    def _repr_markdown_(self) -> str:
        mark = {CORRECT: "✅ **Correct.**", INCORRECT: "❌ **Not yet.**", NOT_ANSWERED: "✏️ **Not answered yet.**"}
        return f"{f'⚠️ **{self.headline}**' if self.headline else mark[self.status]} {self.message}"


def _show(text_object) -> None:
    """Display Markdown in a notebook, or print plain text anywhere else."""
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:
        get_ipython = None
    if get_ipython is not None and get_ipython() is not None:
        display(text_object)
    else:
        print(str(text_object))


class _Markdown:
    def __init__(self, markdown: str):
        self.markdown = markdown

    def __str__(self) -> str:
        return self.markdown

    def _repr_markdown_(self) -> str:
        return self.markdown


class OpaqueAnswer:
    """An answer known only by a description of its type: the grader's stand-in for an object it cannot read.
    With a `verdict`, the grader's own reason for not judging it (an answer too large to read)."""

    def __init__(self, description: str, verdict: str | None = None):
        self.description = description
        self.verdict = verdict


def type_name(value: Any) -> str:
    """A readable name for the type of any value, even one whose attributes raise."""
    if isinstance(value, OpaqueAnswer):
        return value.description
    try:
        cls = type(value)
        module = getattr(cls, "__module__", "") or ""
        name = cls.__qualname__
    except Exception:  # a hostile metaclass: say something rather than fail
        return "an unusual object"
    return describe_type(module, name)


def describe_type(module: str, name: str) -> str:
    """A readable name for the type called `name` in `module` (the grader knows some answers by these only)."""
    if name.endswith("Array") or name == "ndarray":
        return "an array of values (such as `.unique()` gives)"
    if module.startswith("pandas"):
        return f"a pandas {name}"
    if module.startswith("altair"):
        return f"an Altair {name}"
    if module.startswith("numpy"):
        return f"a NumPy {name}"
    return {"NoneType": "None", "str": "a text (str)", "int": "a whole number (int)", "float": "a number (float)",
            "bool": "True or False (bool)", "list": "a list", "tuple": "a tuple", "dict": "a dictionary (dict)",
            "set": "a set"}.get(name, f"an object of type {name}")


def none_message() -> str:
    return ("Your variable holds `None`. A method called with `inplace=True`, or a function with no `return`, "
            "gives back `None`: assign the result of the method instead, e.g. `result = table.sort_values(...)`.")


def short_repr(value: Any, limit: int = 60) -> str:
    """A short, safe text form of one of the learner's own values, for quoting it back to them."""
    try:
        text = repr(value)
    except Exception:
        return type_name(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Mistake:
    """A typical wrong answer, computed from the data, and the diagnosis written for it."""

    wrong_answer: Callable[[], Any]
    diagnosis: str


@dataclass
class Question:
    """One exercise question: the learner stores an answer in `variable`, then calls `check()`. Its exercise
    and number are set by `number_questions`, from its module's name and its own."""

    variable: str
    points: int
    kind: AnswerKind
    expected: InitVar[Callable[[], Any]]  # kept private: no public attribute hands out the answer
    hints: list[str]
    mistakes: list[Mistake] = field(default_factory=list)
    on_correct: str = ""
    # True for a question that asks the learner to read the sources critically (every set has one at least).
    source_check: bool = False
    # A check of the question's own, returning a sentence or None: a slip that the answer kind would misread.
    before: Callable[[Any], str | None] | None = None
    exercise: str = field(default="", init=False)
    number: int = field(default=0, init=False)
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self, expected: Callable[[], Any]) -> None:
        self._compute_expected = expected

    @property
    def name(self) -> str:
        return f"q{self.number}"

    def __repr__(self) -> str:
        return f"<Question {self.number} of exercise {self.exercise}: store your answer in `{self.variable}`>"

    def _computed(self, key, compute):
        # The expected answer and the mistakes are computed once; the learner never receives them.
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    def _expected_answer(self):
        return self._computed("expected", self._compute_expected)

    def _mistake_answer(self, index: int):
        return self._computed(("mistake", index), lambda: self.kind.comparable(self.mistakes[index].wrong_answer()))

    def precompute(self) -> None:
        """Compute the expected answer and every mistake's wrong answer now (the grader does so before it runs
        any learner code)."""
        self._expected_answer()
        for index in range(len(self.mistakes)):
            self._mistake_answer(index)

    def judge(self, answer: Any) -> Result:
        """Judge an answer without raising, without revealing the expected one, without changing it."""
        if answer is ____ or isinstance(answer, _Blank):
            return Result(NOT_ANSWERED, f"Replace `____` with your code so that `{self.variable}` holds "
                                        f"your answer, run that cell, then run `{self.name}.check()` again.")
        if isinstance(answer, OpaqueAnswer) and answer.verdict:
            return Result(INCORRECT, f"{answer.verdict} {self._next_step()}")
        try:
            prepared = self.kind.prepare(answer)
            problem = _own_check(self.before, prepared) or self.kind.diagnose(prepared, self._expected_answer())
            if problem is None:
                return Result(CORRECT, self.on_correct or "Well done.")
            for index, mistake in enumerate(self.mistakes):
                if self._makes_mistake(prepared, index):
                    return Result(INCORRECT, f"{mistake.diagnosis} {self._next_step()}")
            return Result(INCORRECT, f"{problem} {self._next_step()}")
        except RecursionError:
            return Result(INCORRECT, "Your answer nests too deeply to compare. Give a plain value, list or table. "
                                     + self._next_step())
        except Exception as error:  # a learner's object may raise anything; the check must not
            return Result(INCORRECT, f"Your answer ({type_name(answer)}) could not be compared: it raised "
                                     f"{type(error).__name__} while being read. Give a plain value, list, table or "
                                     f"chart. {self._next_step()}")

    def _makes_mistake(self, answer, index: int) -> bool:
        try:
            return self.kind.diagnose(answer, self._mistake_answer(index)) is None
        except Exception:  # an answer that cannot be compared with this mistake does not make it
            return False

    def _next_step(self) -> str:
        return f"Try again, or ask for a hint: `{self.name}.hint()`."

    def check(self) -> None:
        """Judge the learner's variable, show the verdict and record it in the learner's progress.

        A check run in the solution notebook is recorded as reading the model answer, not as solving it.
        """
        if os.environ.get(GRADING_ENV_VAR):
            return
        namespace = sys._getframe(1).f_globals
        failed = CELL_RUNS.failure_setting(self.variable)
        if failed is not None:
            result = Result(NOT_ANSWERED, failed_cell_message(self.variable, failed),
                            headline="Your answer's cell stopped with an error.")
        elif self.variable not in namespace:
            result = Result(NOT_ANSWERED, f"There is no variable `{self.variable}` yet. Run the cell that sets "
                                          f"`{self.variable} = ...` first, then run this check again.")
        else:
            result = self.judge(namespace[self.variable])
        event = "solution" if progress.in_solution_notebook() else "check"
        progress.record(self.exercise, self.name, event, status=result.status)
        _show(result)
        self._raise_for_automatic_runs(result)

    def _raise_for_automatic_runs(self, result: Result) -> None:
        if result.status == INCORRECT and os.environ.get(STRICT_ENV_VAR):
            raise AnswerNotCorrect(f"{self.exercise} {self.name}: {result.message}")
        if result.status != CORRECT and os.environ.get("NBGRADER_EXECUTION") == "autograde":
            raise AnswerNotCorrect(f"{self.name}: {result.message}")

    def hint(self, level: int | None = None) -> None:
        """Show the next hint (or hint number `level`); each one says a little more."""
        used = progress.hints_used(self.exercise, self.name)
        if level is None:
            level = min(used + 1, len(self.hints))
        if not isinstance(level, int) or not 1 <= level <= len(self.hints):
            _show(_Markdown(f"This question has hints 1 to {len(self.hints)}: try `{self.name}.hint()`."))
            return
        progress.record(self.exercise, self.name, "hint", level=level)
        after = (f"Run `{self.name}.hint()` again for the next hint." if level < len(self.hints) else
                 f"That was the last hint. `{self.name}.solution()` shows a model answer.")
        if level > 1:
            after += f" (Earlier hints: `{self.name}.hint(1)`" + (f" to `{self.name}.hint({level - 1})`)."
                                                                  if level > 2 else ").")
        _show(_Markdown(f"💡 **Hint {level} of {len(self.hints)}:** {self.hints[level - 1]}\n\n{after}"))

    def solution(self) -> None:
        """Show the model answer from the solution notebook, and record that it was seen."""
        progress.record(self.exercise, self.name, "solution")
        _show(_Markdown(solution_text(self.exercise, self.variable)))


def number_questions(namespace: dict) -> None:
    """Give the questions of a question module their exercise, from the module's name, and their number, from
    their own: in `questions/ex02_meetings_timeline.py`, `q3 = Question(...)` is question 3 of exercise
    "02_meetings_timeline". The last line of every question module: `number_questions(globals())`."""
    module = namespace["__name__"]
    exercise = module.rpartition(".")[2].removeprefix("ex")
    for name, value in namespace.items():
        if isinstance(value, Question):
            number = re.fullmatch(r"q([1-9][0-9]*)", name)
            if number is None:
                raise ValueError(f"{module}: the question `{name}` must be named q1, q2, q3, ... after its number.")
            value.exercise, value.number = exercise, int(number[1])


def failed_cell_message(variable: str, error_name: str) -> str:
    """What a check says when the cell that sets the answer stopped with an error (the grader says the same)."""
    return (f"The cell that sets `{variable}` stopped with {error_name} the last time it ran, so `{variable}` may "
            "still hold an older value. Read the error under that cell, fix it, run the cell again, then check.")


class CellRuns:
    """What each cell run did (its code, and the name of the error it stopped with, or None), so that a check
    can tell a fresh answer from the stale value left by a cell that failed. In a kernel, IPython's cell hooks
    keep it; the grader builds one from the cells it ran."""

    _KEEP = 500

    def __init__(self, runs: list[tuple[str, str | None]] | None = None):
        self.current = ""
        self.runs = runs if runs is not None else []

    def before(self, info) -> None:
        self.current = info.raw_cell or ""

    def after(self, result) -> None:
        error = result.error_before_exec or result.error_in_exec
        self.runs.append((result.info.raw_cell or "", type(error).__name__ if error is not None else None))
        del self.runs[:-self._KEEP]

    def failure_setting(self, variable: str) -> str | None:
        """The error of the latest run of a cell that sets `variable`, or None if that run finished (or the
        cell now running sets it, before this check)."""
        if assigns(self.current, variable):
            return None
        return next((error for code, error in reversed(self.runs) if assigns(code, variable)), None)

    def watch(self) -> None:
        """Start recording in the running IPython kernel (once per kernel; nothing outside IPython)."""
        try:
            from IPython import get_ipython
        except ImportError:
            return
        shell = get_ipython()
        if shell is None or getattr(shell, "_russia_venezuela_cell_runs", None) is self:
            return
        shell.events.register("pre_run_cell", self.before)
        shell.events.register("post_run_cell", self.after)
        shell._russia_venezuela_cell_runs = self


CELL_RUNS = CellRuns()
CELL_RUNS.watch()


def _own_check(check, answer) -> str | None:
    """A question's own check. One that stops with an error has not found the answer right, so it fails closed:
    its verdict says so (and, being Incorrect, raises in strict mode), never a silent pass."""
    try:
        return check(answer) if check is not None else None
    except Exception as error:
        return (f"Part of this question's check could not read your answer: it stopped with "
                f"{type(error).__name__}. Build the answer the way the question describes (plain values rather "
                "than expressions, for instance) and check again; if you are sure it is right, tell your "
                "instructor, as the check may need mending.")
