"""What every course notebook's one run must show (see notebook_runs.py): no warning or error, charts that are
displayed, titled, described and readable, and checks that say Correct in the solutions and Not answered yet
in the untouched exercises."""

import pytest
from notebook_runs import NotebookRun, reads_runs_of

from russia_venezuela import progress
from russia_venezuela.checking.question import CORRECT, NOT_ANSWERED
from russia_venezuela.lessons import read_lessons
from russia_venezuela.questions import questions_of

LESSON_META = {lesson.path.name: lesson.meta for lesson in read_lessons()}


@reads_runs_of("notebooks", "exercises", "solutions")
def no_output_is_a_warning_or_an_error(run: NotebookRun):
    """What a learner would see in red: a warning printed on stderr, or an error."""
    shown = [output.get("text") or f"{output.get('ename')}: {output.get('evalue')}" for output in run.outputs
             if output.get("name") == "stderr" or output.get("output_type") == "error"]
    assert shown == [], f"cells show warnings or errors: {shown}"


@reads_runs_of("notebooks", "solutions")
def every_chart_it_builds_is_displayed(run: NotebookRun):
    """A notebook whose code builds a chart displays one, so no check below passes on an empty list."""
    assert run.chart_specs or "alt.Chart(" not in run.code(), "the code builds charts but none was displayed"


def walk(spec):
    """The spec and every sub-spec of a layer, concat or facet."""
    yield spec
    for key in ["layer", "hconcat", "vconcat", "concat"]:
        for part in spec.get(key, []):
            yield from walk(part)
    if "spec" in spec:
        yield from walk(spec["spec"])


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


@reads_runs_of("notebooks", "solutions")
def no_tooltip_shows_null_or_scientific_notation(run: NotebookRun):
    problems = [problem for spec in run.chart_specs for problem in tooltip_problems(spec)]
    assert problems == [], problems


@reads_runs_of("notebooks")
def every_chart_is_titled_described_and_has_tooltips(run: NotebookRun):
    for spec in run.chart_specs:
        assert spec.get("title"), "a chart without a title"
        assert spec.get("description"), "a chart without a description for screen readers"
        encodings = [part.get("encoding", {}) for part in walk(spec)]
        assert any("tooltip" in encoding for encoding in encodings), "a chart without tooltips"
        for encoding in encodings:
            for channel in ["x", "y"]:
                field = encoding.get(channel, {})
                if "field" in field:
                    assert "title" in field, f"{channel} of {field['field']} has no axis title"


def teaches_selections(meta: dict) -> bool:
    return any("selection" in skill for skill in meta["altair_skills"])


@reads_runs_of("notebooks")
def its_charts_are_interactive_exactly_when_its_skills_name_a_selection(run: NotebookRun):
    """The skills map tells the truth about selections (tests/test_lessons.py counts the lessons that teach one)."""
    interactive = any("select" in param for spec in run.chart_specs for part in walk(spec)
                      for param in part.get("params", []))
    taught = teaches_selections(LESSON_META[run.path.name])
    assert interactive == taught, (f"its altair_skills {'name' if taught else 'do not name'} a selection, but "
                                   f"{'no' if taught else 'a'} chart has one")


def _verdicts(run: NotebookRun, event: str) -> dict[str, str]:
    """Each question's last recorded status, from the run's records of this kind of event."""
    return {record["question"]: record["status"] for record in run.events()
            if record["event"] == event and record["exercise"] == run.path.stem}


@reads_runs_of("solutions")
def every_check_says_correct_and_counts_as_reading_the_solution(run: NotebookRun):
    questions = questions_of(run.path.stem)
    assert _verdicts(run, "solution") == {question.name: CORRECT for question in questions}
    assert [record for record in run.events() if record["event"] == "check"] == []
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(progress.PROGRESS_ENV_VAR, str(run.progress_file))
        mine = progress.question_table(questions)
    assert set(mine["status"]) == {"not tried"} and mine["solution_seen"].all()


@reads_runs_of("exercises")
def every_check_in_the_untouched_exercise_says_not_answered(run: NotebookRun):
    assert _verdicts(run, "check") == {question.name: NOT_ANSWERED for question in questions_of(run.path.stem)}
