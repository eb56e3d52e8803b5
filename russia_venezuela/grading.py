"""Grade a class's exercise notebooks: `russia-venezuela grade SUBMISSIONS --out RESULTS`.

Each submission runs in a fresh kernel of its own, with a time limit, in a worker process of its own; then
the worker judges every question of the exercise with the course's own questions, which it imported (and
whose expected answers it computed) *before* any learner code ran. The learner's answers reach the worker as
data only (JSON: numbers, text, lists, tables in pandas' table format, chart specs), never as objects or
code, so a learner who redefines `check`, deletes the check cells or patches pandas in the kernel gets the
same judgement as one who did not.

Nothing is lost: submissions are only read (the tests compare checksums before and after); every file gets
a row that says what happened to it; results are written atomically, one file per submission, so a run that
is interrupted resumes where it stopped and skips submissions already graded unchanged.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import csv
import hashlib
import io
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from russia_venezuela.environment import REPO_ROOT

GRADEBOOK_COLUMNS = ["learner", "exercise", "question", "points", "max_points", "status", "diagnosis", "submission"]
NOT_GRADED = "not graded"
# A submission's result is reused only while the course's questions and checks are the same.
COURSE_CODE = [REPO_ROOT / "russia_venezuela" / "checking.py", *sorted((REPO_ROOT / "russia_venezuela" /
                                                                         "questions").glob("ex*.py"))]
_MAX_ERROR_CHARS = 2_000


@dataclass(frozen=True)
class Submission:
    path: Path
    learner: str
    exercise: str | None  # None when the file name names no exercise of the course
    relative: str


@dataclass
class Outcome:
    """What grading one submission gave: one row per question, or one row saying why it was not graded."""

    sha256: str
    course: str
    rows: list[dict] = field(default_factory=list)

    @property
    def graded(self) -> bool:
        return all(row["status"] != NOT_GRADED for row in self.rows)


def course_version() -> str:
    digest = hashlib.sha256()
    for path in COURSE_CODE:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# Finding the submissions

def find_submissions(root: Path, exercise_names: list[str]) -> list[Submission]:
    """Every file below `root`: `root/<learner>/.../<exercise>.ipynb`, or `root/<learner>_<exercise>.ipynb`.

    The exercise is the course exercise whose name the file name contains; the learner is the first folder
    below `root`, or, for a file directly in `root`, the rest of its name.
    """
    found = []
    for path in sorted(root.rglob("*")):
        parts = path.relative_to(root).parts
        if not path.is_file() or any(part.startswith(".") for part in parts):
            continue  # hidden files and folders, such as .ipynb_checkpoints
        exercise = next((name for name in sorted(exercise_names, key=len, reverse=True) if name in path.stem), None)
        if len(parts) > 1:
            learner = parts[0]
        else:
            rest = path.stem.replace(exercise, " ") if exercise else path.stem
            learner = re.sub(r"[\s_\-.]+", " ", rest).strip().replace(" ", "_") or path.stem
        found.append(Submission(path, learner, exercise, "/".join(parts)))
    return found


# In the learner's kernel: export the answers as data

_EXPORT_CODE = r'''
def __rv_export(names, target):
    import json, math
    def encode(value, depth=0):
        kind = type(value).__module__ + "." + type(value).__qualname__
        if kind == "russia_venezuela.checking._Blank":
            return {"kind": "blank"}
        if value is None or isinstance(value, (bool, str)):
            return {"kind": "json", "value": value}
        if isinstance(value, int):
            return {"kind": "json", "value": value} if abs(value) < 2**53 else {"kind": "float", "value": str(value)}
        if isinstance(value, float):
            return {"kind": "json", "value": value} if math.isfinite(value) else {"kind": "float", "value": str(value)}
        if kind.startswith("numpy.") and hasattr(value, "item") and getattr(value, "ndim", 1) == 0:
            return encode(value.item(), depth)
        if kind in ("pandas.DataFrame", "pandas.core.frame.DataFrame"):
            return {"kind": "frame", "table": value.to_json(orient="table", date_format="iso")}
        if kind in ("pandas.Series", "pandas.core.series.Series"):
            return {"kind": "series", "name": encode(value.name, depth + 1),
                    "table": value.rename("__values__").to_frame().to_json(orient="table", date_format="iso")}
        if isinstance(value, (list, tuple, set)) and depth < 3 and len(value) <= 100000:
            return {"kind": type(value).__name__, "items": [encode(item, depth + 1) for item in value]}
        if kind.startswith("altair."):
            try:
                return {"kind": "chart", "spec": value.to_dict()}
            except Exception as error:
                return {"kind": "chart_error", "error": str(error)[:500]}
        return {"kind": "other", "type": type(value).__qualname__}
    answers = {}
    for name in names:
        if name in globals():
            try:
                answers[name] = encode(globals()[name])
            except Exception as error:
                answers[name] = {"kind": "unreadable", "type": type(error).__name__}
    with open(target, "w", encoding="utf-8") as file:
        json.dump(answers, file)
'''


def decode(encoded: dict):
    """The learner's answer rebuilt from its exported data, with nothing of the learner's code in it."""
    import pandas as pd

    from russia_venezuela.checking import ExportedChart, OpaqueAnswer, ____

    kind = encoded.get("kind")
    if kind == "blank":
        return ____
    if kind == "json":
        return encoded["value"]
    if kind == "float":
        return float(encoded["value"])
    if kind in ("list", "tuple", "set"):
        items = [decode(item) for item in encoded["items"]]
        return {"list": list, "tuple": tuple, "set": lambda xs: set(xs) if all(
            isinstance(x, (int, float, str, bool, type(None))) for x in xs) else list(xs)}[kind](items)
    if kind == "frame":
        return pd.read_json(io.StringIO(encoded["table"]), orient="table")
    if kind == "series":
        frame = pd.read_json(io.StringIO(encoded["table"]), orient="table")
        return frame["__values__"].rename(decode(encoded["name"]))
    if kind == "chart":
        return ExportedChart(encoded["spec"])
    if kind == "chart_error":
        return OpaqueAnswer("an Altair chart that Altair itself cannot build (" + encoded["error"][:200] + ")")
    return OpaqueAnswer(f"an object of type {encoded.get('type', 'unknown')}")


# One submission, in a worker process

def _notebook_exercise(notebook) -> str | None:
    """The exercise whose questions the notebook imports, if its set-up cell is still there."""
    for cell in notebook.cells:
        match = re.search(r"russia_venezuela\.questions\.ex(\w+)", cell.source if cell.cell_type == "code" else "")
        if match:
            return match[1]
    return None


def _unreadable(raw: bytes) -> str | None:
    """Why these bytes are not a notebook the grader can run, or None. Schema details (an extra key written by
    another editor) are forgiven: only cells with a type and a source are needed."""
    import nbformat

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return "This file is not text, so not a notebook."
    try:
        json.loads(text)
    except ValueError:
        return "This file is not JSON, so not a notebook (it may be cut short, or saved in another format)."
    try:
        notebook = nbformat.reads(text, as_version=4)
    except Exception as error:
        return f"This file is JSON but not a Jupyter notebook ({type(error).__name__})."
    cells = notebook.get("cells")
    if not isinstance(cells, list) or not all(isinstance(cell, dict) and "cell_type" in cell and "source" in cell
                                              for cell in cells):
        return "This file is JSON but not a Jupyter notebook: it has no list of cells."
    return None


def _row(submission: Submission, question: str, points, max_points, status: str, diagnosis: str) -> dict:
    return {"learner": submission.learner, "exercise": submission.exercise or "", "question": question,
            "points": points, "max_points": max_points, "status": status, "diagnosis": diagnosis,
            "submission": submission.relative}


def not_graded(submission: Submission, why: str, max_points="") -> dict:
    return _row(submission, "", 0, max_points, NOT_GRADED, why)


def grade_one(submission: Submission, cell_timeout: float, notebook_timeout: float) -> Outcome:
    """Run one submission in a fresh kernel and judge its answers. Never raises for the learner's sake."""
    import nbformat

    from russia_venezuela.checking import CORRECT, NOT_ANSWERED, CellRuns, failed_cell_message
    from russia_venezuela.questions import questions_of

    raw = submission.path.read_bytes()
    outcome = Outcome(hashlib.sha256(raw).hexdigest(), course_version())
    if submission.exercise is None:
        outcome.rows.append(not_graded(submission, "The file name names no exercise of the course, so it cannot be "
                                                   "graded. Name it as the exercise, e.g. `01_the_sources.ipynb`."))
        return outcome
    questions = questions_of(submission.exercise)
    total = sum(question.points for question in questions)
    for question in questions:
        question.precompute()  # before any learner code runs and could touch the data
    why = _unreadable(raw)
    if why:
        outcome.rows.append(not_graded(submission, why + " Download your notebook again from JupyterLab "
                                                         "(File > Download) and hand in that file.", total))
        return outcome
    notebook = nbformat.reads(raw.decode("utf-8"), as_version=4)
    inside = _notebook_exercise(notebook)
    if inside is not None and inside != submission.exercise:
        outcome.rows.append(not_graded(submission, f"The file is named for exercise {submission.exercise}, but it "
                                                   f"holds exercise {inside}. Hand in the right notebook, or rename "
                                                   "it.", total))
        return outcome
    answers, ran_cells, failure = _run_and_export(notebook, [q.variable for q in questions], cell_timeout,
                                                     notebook_timeout)
    if failure:
        outcome.rows.append(not_graded(submission, failure, total))
        return outcome
    for question in questions:
        failed = CellRuns(ran_cells).failure_setting(question.variable)
        if failed is not None:  # as check() says in the notebook: the value left behind is not judged
            status, message = NOT_ANSWERED, failed_cell_message(question.variable, failed)
        elif question.variable not in answers:
            status, message = "not answered", (f"No variable `{question.variable}`: the cell that sets it was "
                                               "deleted, or it failed before setting it.")
        else:
            result = question.judge(decode(answers[question.variable]))
            status, message = result.status, result.message
            if status == NOT_ANSWERED:  # the blank: the notebook's advice on checking it does not apply here
                message = f"`{question.variable}` still holds the blank `____`."
        outcome.rows.append(_row(submission, question.name, question.points if status == CORRECT else 0,
                                 question.points, status, message))
    return outcome


def _run_and_export(notebook, variables: list[str], cell_timeout: float, notebook_timeout: float
                    ) -> tuple[dict, list[tuple[str, str | None]], str | None]:
    """Execute the notebook in a fresh kernel, then export the answer variables as JSON data. Also returns each
    code cell's source with the name of the error it stopped with (or None), and why nothing could be read."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    deadline = time.monotonic() + notebook_timeout

    class GradingClient(NotebookClient):
        """Keeps errors only: a cell that prints megabytes costs no memory here."""

        def output(self, outs, msg, display_id, cell_index):
            if msg["msg_type"] == "error":
                return super().output(outs, msg, display_id, cell_index)
            return None

    with tempfile.TemporaryDirectory(prefix="rv-grade-") as workdir:
        target = Path(workdir) / "answers.json"
        cells = [nbformat.v4.new_code_cell(cell.source) for cell in notebook.cells if cell.cell_type == "code"]
        cells.append(nbformat.v4.new_code_cell(_EXPORT_CODE + f"\n__rv_export({variables!r}, {str(target)!r})"))
        runnable = nbformat.v4.new_notebook(cells=cells)
        client = GradingClient(
            runnable, kernel_name="python3", allow_errors=True, interrupt_on_timeout=True,
            error_on_timeout={"ename": "Timeout", "evalue": f"the cell ran longer than {cell_timeout:g} s"},
            timeout_func=lambda cell: max(1, int(min(cell_timeout, deadline - time.monotonic()))),
            resources={"metadata": {"path": workdir}}, shutdown_kernel="immediate", startup_timeout=60,
        )
        try:
            client.execute()
        except DeadKernelError:
            return {}, [], ("The kernel stopped while running this notebook (it may have run out of memory, or "
                            "the code ended Python). Run it top to bottom in a fresh kernel to find the cell.")
        except CellTimeoutError:
            return {}, [], f"The notebook did not finish within {notebook_timeout:g} s: look for an endless loop."
        except Exception as error:
            return {}, [], f"The notebook could not be run: {type(error).__name__}: {str(error)[:300]}"
        if time.monotonic() > deadline:
            return {}, [], f"The notebook did not finish within {notebook_timeout:g} s: look for an endless loop."
        ran = [(cell.source, next((output.get("ename", "an error") for output in cell.get("outputs", [])
                                   if output.get("output_type") == "error"), None)) for cell in runnable.cells[:-1]]
        try:
            return json.loads(target.read_text(encoding="utf-8")), ran, None
        except (OSError, ValueError):
            return {}, [], ("The answers could not be read after the notebook ran: its last cells did not "
                            "finish. Run it top to bottom in a fresh kernel to see what stops it.")


def _worker_main(argv: list[str]) -> None:
    """`python -m russia_venezuela.grading WORKER submission.json result.json`: grade one, write its result."""
    job = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    submission = Submission(Path(job["path"]), job["learner"], job["exercise"], job["relative"])
    # The learner's kernel inherits this environment: checks never raise or write to anybody's progress, and
    # web requests fail at once.
    os.environ.pop("RUSSIA_VENEZUELA_STRICT", None)
    os.environ.pop("NBGRADER_EXECUTION", None)
    os.environ["RUSSIA_VENEZUELA_PROGRESS"] = os.path.join(tempfile.mkdtemp(prefix="rv-grade-"), "progress.jsonl")
    for variable in ["http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"]:
        os.environ[variable] = "http://127.0.0.1:9"
    outcome = grade_one(submission, job["cell_timeout"], job["notebook_timeout"])
    _write_atomically(Path(argv[1]), json.dumps(asdict(outcome), ensure_ascii=False, indent=1))


# The whole class

def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False,
                                     prefix=f".{path.name}.", suffix=".tmp") as file:
        file.write(text)
        temporary = Path(file.name)
    os.replace(temporary, path)


def _result_path(out: Path, submission: Submission) -> Path:
    safe = re.sub(r"[^\w.\-]+", "_", submission.relative)
    return out / "results" / f"{safe}.json"


def start_worker(submission: Submission, result: Path, cell_timeout: float, notebook_timeout: float,
                 jobdir: Path) -> subprocess.Popen:
    """The worker process that grades one submission into `result`, in a process group of its own. Its kernel
    runs in another session, but exits by itself within a second when the worker dies (ipykernel watches the
    process that started it), so killing the worker's group stops everything."""
    job = jobdir / "job.json"
    job.write_text(json.dumps({"path": str(submission.path), "learner": submission.learner,
                               "exercise": submission.exercise, "relative": submission.relative,
                               "cell_timeout": cell_timeout, "notebook_timeout": notebook_timeout}),
                   encoding="utf-8")
    return subprocess.Popen([sys.executable, "-m", "russia_venezuela.grading", "WORKER", str(job), str(result)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True, cwd=jobdir)


def stop_worker(process: subprocess.Popen) -> None:
    """Kill a worker and everything in its process group, and reap it."""
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()  # not communicate(): a kernel outliving its worker would keep the pipe open
    process.stderr.close()


def _grade_in_worker(submission: Submission, out: Path, cell_timeout: float, notebook_timeout: float) -> Outcome:
    """Grade one submission in a process of its own, killed (with its kernel) if it overruns."""
    result = _result_path(out, submission)
    with tempfile.TemporaryDirectory(prefix="rv-job-") as jobdir:
        process = start_worker(submission, result, cell_timeout, notebook_timeout, Path(jobdir))
        try:
            _, stderr = process.communicate(timeout=notebook_timeout + 90)
        except subprocess.TimeoutExpired:
            stop_worker(process)
            stderr = b""
    if process.returncode == 0 and result.exists():
        return Outcome(**json.loads(result.read_text(encoding="utf-8")))
    why = (f"Grading stopped after {notebook_timeout + 90:g} s." if process.returncode in (None, -signal.SIGKILL)
           else "The grader failed on this file: " + stderr.decode("utf-8", "replace").strip()[-_MAX_ERROR_CHARS:])
    return Outcome(sha256_of(submission.path), course_version(), [not_graded(submission, why)])


def _previous(out: Path, submission: Submission, course: str) -> Outcome | None:
    """The stored result of an earlier run, if the submission and the course are both unchanged."""
    try:
        stored = Outcome(**json.loads(_result_path(out, submission).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None
    if stored.course == course and stored.sha256 == sha256_of(submission.path):
        return stored
    return None


def feedback_text(learner: str, exercise: str, rows: list[dict]) -> str:
    """One learner's feedback on one exercise, in plain language."""
    earned = sum(int(row["points"] or 0) for row in rows)
    possible = sum(int(row["max_points"] or 0) for row in rows if row["question"]) or (
        int(rows[0]["max_points"]) if rows and str(rows[0]["max_points"]).isdigit() else 0)
    lines = [f"# Feedback for {learner}: exercise {exercise or '(unknown)'}", ""]
    if any(row["status"] == NOT_GRADED for row in rows):
        lines += ["This notebook could not be graded:", "", rows[0]["diagnosis"], ""]
    else:
        lines += [f"**{earned} of {possible} points.**", ""]
        if any(row["status"] == "not answered" for row in rows):
            lines += ["✏️ marks a question not answered yet: replace `____` in its cell with your code, run the "
                      "cell, and check it with its `.check()` cell.", ""]
        for row in rows:
            mark = {"correct": "✅", "incorrect": "❌"}.get(row["status"], "✏️")
            lines.append(f"- {mark} **{row['question']}** ({row['points']}/{row['max_points']}): "
                         f"{row['status']}. {row['diagnosis']}")
        lines.append("")
    return "\n".join(lines)


def grade(submissions_dir: Path, out: Path, workers: int = os.cpu_count() or 1, cell_timeout: float = 30,
          notebook_timeout: float = 300, report=print) -> bool:
    """Grade every submission below `submissions_dir` into `out`; True if every one was graded."""
    from russia_venezuela.questions import exercises

    submissions_dir, out = submissions_dir.resolve(), out.resolve()
    if not submissions_dir.is_dir():
        raise SystemExit(f"No folder {submissions_dir}: give the folder that holds the learners' notebooks.")
    if out == submissions_dir or submissions_dir in out.parents:
        raise SystemExit("Write the results outside the submissions folder (--out), so that nothing is added to "
                         "or changed among the learners' files.")
    submissions = find_submissions(submissions_dir, exercises())
    if not submissions:
        raise SystemExit(f"{submissions_dir} holds no files to grade.")
    course = course_version()
    outcomes: dict[Submission, Outcome] = {}
    pending = []
    for submission in submissions:
        previous = _previous(out, submission, course)
        if previous is not None:
            outcomes[submission] = previous
        else:
            pending.append(submission)
    report(f"{len(submissions)} submissions: {len(outcomes)} already graded and unchanged, "
           f"{len(pending)} to grade with {workers} worker(s).")
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = {pool.submit(_grade_in_worker, s, out, cell_timeout, notebook_timeout): s for s in pending}
        for done, future in enumerate(concurrent.futures.as_completed(futures), start=1):
            submission = futures[future]
            outcomes[submission] = future.result()
            state = "graded" if outcomes[submission].graded else "NOT graded"
            report(f"[{done}/{len(pending)}] {submission.relative}: {state}")
    rows = [row for submission in submissions for row in outcomes[submission].rows]
    _write_gradebook(out / "gradebook.csv", rows)
    for submission in submissions:
        path = out / "feedback" / submission.learner / f"{submission.exercise or Path(submission.relative).stem}.md"
        _write_atomically(path, feedback_text(submission.learner, submission.exercise or "", outcomes[submission].rows))
    ungraded = [s.relative for s in submissions if not outcomes[s].graded]
    minutes = (time.monotonic() - started) / 60
    report(f"Gradebook: {out / 'gradebook.csv'}; feedback in {out / 'feedback'}. "
           f"{len(pending)} graded in {minutes:.1f} min."
           + (f" Not graded: {', '.join(ungraded)}." if ungraded else ""))
    return not ungraded


def _write_gradebook(path: Path, rows: list[dict]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=GRADEBOOK_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    _write_atomically(path, buffer.getvalue())


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("submissions", type=Path, help="folder of submissions: one folder per learner, or files "
                                                       "whose name holds the exercise's and the learner's "
                                                       "(ana_01_the_sources.ipynb, 01_the_sources-ana.ipynb); "
                                                       "both ways may be mixed")
    parser.add_argument("--out", type=Path, required=True, help="folder for gradebook.csv and feedback/")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="notebooks graded at once "
                                                                                 "(default: one per core)")
    parser.add_argument("--cell-timeout", type=float, default=30, help="seconds one cell may run (default 30)")
    parser.add_argument("--timeout", type=float, default=300, help="seconds one notebook may run (default 300)")


if __name__ == "__main__" and sys.argv[1:2] == ["WORKER"]:
    _worker_main(sys.argv[2:])
