"""The learner's progress: every check, hint and solution view, kept on this computer only (no telemetry).

Records are appended, one JSON object a line, to a file outside the course folder, so that re-running a
notebook, pulling a new version of the course or cloning it again loses nothing:
`$XDG_DATA_HOME/russia-venezuela/progress.jsonl` on Linux (by platformdirs, the usual place on every
system), or the file named by the environment variable `RUSSIA_VENEZUELA_PROGRESS`.

An append-only log never rewrites what it holds, so two notebooks checking at once cannot erase each
other's records. A line that cannot be read (a file damaged by hand or by a crash) makes the reader keep the
damaged file aside, next to it, and carry on with the lines it could read, with a warning that says where.
"""

from __future__ import annotations

import json
import os
import time
import warnings
from pathlib import Path

import pandas as pd
import platformdirs

from russia_venezuela.display import FullTable

PROGRESS_ENV_VAR = "RUSSIA_VENEZUELA_PROGRESS"
FORMAT_VERSION = 1
EVENTS = {"check", "hint", "solution"}


def progress_file() -> Path:
    override = os.environ.get(PROGRESS_ENV_VAR)
    if override:
        return Path(override).expanduser()
    return platformdirs.user_data_path("russia-venezuela") / "progress.jsonl"


def in_solution_notebook() -> bool:
    """Whether this kernel runs a notebook of the course's `solutions/` folder (JupyterLab names the notebook in
    JPY_SESSION_NAME; nbval and nbclient start the kernel in the notebook's folder)."""
    notebook = os.environ.get("JPY_SESSION_NAME")
    folder = Path(notebook).parent if notebook else Path.cwd()
    return folder.name == "solutions"


def record(exercise: str, question: str, event: str, *, status: str | None = None, level: int | None = None) -> None:
    """Append one event. A progress file that cannot be written costs a warning, never the learner's check.

    Nothing is recorded under nbgrader: its checks run in the instructor's account, not the learner's.
    """
    if os.environ.get("NBGRADER_EXECUTION"):
        return
    entry = {"v": FORMAT_VERSION, "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "exercise": exercise,
             "question": question, "event": event}
    if status is not None:
        entry["status"] = status
    if level is not None:
        entry["level"] = level
    path = progress_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as log:
            log.write(json.dumps(entry, ensure_ascii=False) + "\n")
    except OSError as error:
        warnings.warn(f"Your progress could not be saved to {path} ({error.strerror}). Checks still work; "
                      f"set {PROGRESS_ENV_VAR} to a file you can write to keep a record.", stacklevel=3)


def _is_entry(entry) -> bool:
    return (isinstance(entry, dict) and entry.get("event") in EVENTS
            and isinstance(entry.get("exercise"), str) and isinstance(entry.get("question"), str))


def read_events() -> list[dict]:
    """Every readable record. A damaged file is moved aside (renamed, never deleted) and its good lines kept."""
    path = progress_file()
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return []
    except OSError as error:
        warnings.warn(f"Your progress file {path} could not be read ({error.strerror}).", stacklevel=2)
        return []
    events, damaged = [], 0
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except ValueError:
            entry = None
        if _is_entry(entry):
            events.append(entry)
        else:
            damaged += 1
    if damaged:
        _set_aside(path, events, damaged)
    return events


def _set_aside(path: Path, events: list[dict], damaged: int) -> None:
    kept = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
    fresh = path.with_name(f"{path.name}.tmp")
    try:
        fresh.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in events), encoding="utf-8")
        os.replace(path, kept)
        os.replace(fresh, path)
    except OSError as error:
        warnings.warn(f"{damaged} line(s) of your progress file {path} could not be read, and it could not be "
                      f"repaired ({error.strerror}). Your checks still work.", stacklevel=3)
        return
    warnings.warn(f"{damaged} line(s) of your progress file could not be read. The original is kept as {kept}; "
                  f"the {len(events)} readable record(s) carry on in {path}.", stacklevel=3)


def hints_used(exercise: str, question: str) -> int:
    """The highest hint level this learner has seen for a question (0 if none)."""
    return max((e.get("level", 0) for e in read_events() if e["exercise"] == exercise
                and e["question"] == question and e["event"] == "hint" and isinstance(e.get("level"), int)),
               default=0)


def _status(checks: list[dict], attempts: list[dict]) -> str:
    if any(check.get("status") == "correct" for check in checks):
        return "correct"
    if attempts:
        return attempts[-1].get("status", "not tried")
    return "not answered" if checks else "not tried"


def question_table(questions) -> pd.DataFrame:
    """One row per question of the course: exercise, question, points, status, points earned, attempts, hints
    and whether the model answer was read.

    `attempts` counts the checks of an answer (a check of the untouched `____` is not an attempt).

    `status` is "correct" once any check said so (progress is not lost by trying something else afterwards),
    otherwise the verdict of the latest check of an answer, "not answered" if only the blank was checked,
    and "not tried" before the first check. Checks run in the solution notebook count as reading the solution,
    never as solving. Records of questions the course no longer has are kept in the file but not shown.
    """
    events = read_events()
    rows = []
    for question in questions:
        mine = [e for e in events if e["exercise"] == question.exercise and e["question"] == question.name]
        checks = [e for e in mine if e["event"] == "check"]
        attempts = [e for e in checks if e.get("status") != "not answered"]
        status = _status(checks, attempts)
        rows.append({
            "exercise": question.exercise,
            "question": question.name,
            "points": question.points,
            "status": status,
            "points_earned": question.points if status == "correct" else 0,
            "attempts": len(attempts),
            "hints_used": max((e.get("level", 0) for e in mine if e["event"] == "hint"), default=0),
            "solution_seen": any(e["event"] == "solution" for e in mine),
        })
    return pd.DataFrame(rows)


def set_table(detail: pd.DataFrame) -> pd.DataFrame:
    """One row per exercise set, and a total: questions solved of all, points earned of points available."""
    per_set = detail.assign(solved=detail["status"].eq("correct")).groupby("exercise", sort=False).agg(
        solved=("solved", "sum"),
        questions=("question", "size"),
        points_earned=("points_earned", "sum"),
        points_available=("points", "sum"),
        solutions_seen=("solution_seen", "sum"),
    ).reset_index()
    total = pd.DataFrame([{"exercise": "all sets", **per_set.drop(columns="exercise").sum()}])
    return pd.concat([per_set, total], ignore_index=True)


def progress_view(detail: pd.DataFrame, per_question: bool = False) -> FullTable:
    """What `rv.progress_table()` shows: a headline and one row per set and the total, or with `per_question`
    one row per question; always whole."""
    if per_question:
        return FullTable(detail)
    summary = set_table(detail)
    total = summary.iloc[-1]
    return FullTable(summary,
                     before=f"Your progress: {total['solved']} of {total['questions']} questions solved, "
                            f"{total['points_earned']} of {total['points_available']} points.",
                     after="One row per question: rv.progress_table(detail=True)")
