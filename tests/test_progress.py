"""The learner's progress: recorded by every check, summarised per question, never lost to a damaged file."""

import json
import os

import pytest

import russia_venezuela as rv
from russia_venezuela import progress
from russia_venezuela.checking import NumberAnswer, Question, ____, number_questions


def question(number=1):
    made = Question(variable="answer", points=2, kind=NumberAnswer(), expected=lambda: 3, hints=["one", "two", "three"])
    number_questions({"__name__": "russia_venezuela.questions.ex01_the_sources", f"q{number}": made})
    return made


def test_checks_hints_and_solutions_are_summarised_per_question(capsys):
    q = question()
    globals()["answer"] = 4
    try:
        q.check()
        q.hint()
        q.hint()
        globals()["answer"] = 3
        q.check()
    finally:
        del globals()["answer"]
    row = progress.question_table([q, question(2)]).set_index("question")
    assert row.loc["q1", ["status", "attempts", "hints_used", "solution_seen"]].tolist() == ["correct", 2, 2, False]
    assert row.loc["q2", "status"] == "not tried"


def test_a_solved_question_stays_solved_and_the_blank_is_no_attempt(capsys):
    solved, tried, blank = question(1), question(2), question(3)
    for q, values in [(solved, [3, 4, ____]), (tried, [4, ____, 5]), (blank, [____])]:
        for value in values:
            globals()["answer"] = value
            try:
                q.check()
            finally:
                del globals()["answer"]
    summary = progress.question_table([solved, tried, blank]).set_index("question")
    assert summary["status"].tolist() == ["correct", "incorrect", "not answered"]
    assert summary["attempts"].tolist() == [2, 2, 0]


def test_the_course_table_lists_every_question_of_every_exercise():
    from russia_venezuela.questions import all_questions

    table = rv.progress_table(detail=True).table
    assert len(table) == len(all_questions())
    assert set(table["status"]) == {"not tried"}


def test_the_progress_view_leads_with_points_per_set_and_the_total(capsys):
    from russia_venezuela.questions import questions_of

    sources, timeline = questions_of("01_the_sources"), questions_of("02_meetings_timeline")
    for q, value in [(sources[0], "right"), (sources[1], "wrong"), (timeline[2], "right")]:
        progress.record(q.exercise, q.name, "check", status="correct" if value == "right" else "incorrect")
    view = rv.progress_table()
    summary = view.table.set_index("exercise")
    assert summary.loc["01_the_sources", ["solved", "questions", "points_earned", "points_available"]].tolist() == [
        1, len(sources), sources[0].points, sum(q.points for q in sources)]
    assert summary.loc["02_meetings_timeline", "points_earned"] == timeline[2].points
    everything = summary.loc["all sets"]
    assert everything["solved"] == 2 and everything["points_earned"] == sources[0].points + timeline[2].points
    assert everything["points_available"] == summary.drop(index="all sets")["points_available"].sum()
    assert repr(view).startswith(f"Your progress: 2 of {everything['questions']} questions solved, "
                                 f"{everything['points_earned']} of {everything['points_available']} points.")


def test_the_progress_view_is_never_cut_off_by_pandas_row_or_width_limits():
    import pandas as pd

    from russia_venezuela.questions import all_questions

    with pd.option_context("display.max_rows", 5, "display.min_rows", 2, "display.max_colwidth", 10):
        detail = rv.progress_table(detail=True)
        for shown in [repr(detail), detail._repr_html_()]:
            assert all(f"{q.exercise}" in shown for q in all_questions())
            assert shown.count("not tried") == len(all_questions())
        course_map = rv.course_map()
        objective = course_map.table["objectives"].str.len().idxmax()
        assert course_map.table.loc[objective, "objectives"] in course_map._repr_html_()


def test_checks_in_the_solution_notebook_count_as_reading_the_solution(monkeypatch, tmp_path, capsys):
    q = question()
    globals()["answer"] = 3
    try:
        monkeypatch.setenv("JPY_SESSION_NAME", str(tmp_path / "solutions" / "01_the_sources.ipynb"))
        q.check()
        row = progress.question_table([q]).iloc[0]
        assert (row["status"], row["solution_seen"], row["points_earned"]) == ("not tried", True, 0)
        monkeypatch.setenv("JPY_SESSION_NAME", str(tmp_path / "exercises" / "01_the_sources.ipynb"))
        q.check()
        assert progress.question_table([q]).iloc[0]["status"] == "correct"
    finally:
        del globals()["answer"]
    assert "Correct" in capsys.readouterr().out


def test_nothing_is_recorded_under_nbgrader(monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    progress.record("01_the_sources", "q1", "check", status="correct")
    assert not progress.progress_file().exists()


def test_the_progress_file_lives_outside_the_course_folder(monkeypatch):
    monkeypatch.delenv(progress.PROGRESS_ENV_VAR)
    from russia_venezuela.paths import COURSE_ROOT

    assert COURSE_ROOT not in progress.progress_file().parents


def test_a_damaged_progress_file_is_set_aside_with_a_warning_and_its_good_lines_kept():
    progress.record("01_the_sources", "q1", "check", status="correct")
    path = progress.progress_file()
    with path.open("a", encoding="utf-8") as log:
        log.write('{"v": 1, "exercise": "01_the_so')  # a write cut short
        log.write("\n[1, 2]\n")
    damaged_text = path.read_text(encoding="utf-8")
    with pytest.warns(UserWarning, match="2 line.*could not be read.*kept as"):
        events = progress.read_events()
    assert [event["status"] for event in events] == ["correct"]
    kept = [p for p in path.parent.iterdir() if ".damaged-" in p.name]
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == damaged_text
    assert len(progress.read_events()) == 1  # repaired: no second warning (warnings are errors here)


def test_a_progress_file_that_cannot_be_written_costs_a_warning_not_the_check(tmp_path, monkeypatch, capsys):
    blocked = tmp_path / "a-file-not-a-folder"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv(progress.PROGRESS_ENV_VAR, str(blocked / "progress.jsonl"))
    q = question()
    globals()["answer"] = 3
    try:
        with pytest.warns(UserWarning, match="could not be saved"):
            q.check()
    finally:
        del globals()["answer"]
    assert "Correct" in capsys.readouterr().out


def test_records_are_appended_so_nothing_earlier_is_rewritten():
    progress.record("01_the_sources", "q1", "hint", level=1)
    first = progress.progress_file().read_text(encoding="utf-8")
    progress.record("01_the_sources", "q1", "solution")
    after = progress.progress_file().read_text(encoding="utf-8")
    assert after.startswith(first)
    assert [json.loads(line)["event"] for line in after.splitlines()] == ["hint", "solution"]
    assert os.path.getsize(progress.progress_file()) == len(after.encode("utf-8"))
