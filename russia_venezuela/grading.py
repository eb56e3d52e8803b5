"""Grade a class's exercise notebooks: `russia-venezuela grade SUBMISSIONS --out RESULTS`.

Each submission runs in a fresh kernel of its own, inside an operating-system sandbox (sandbox.py), with time
limits; several run at once, each driven from a thread of the grader. The grader loads each exercise's
questions and computes their expected answers once per run, in its own process, where no learner's code runs,
while the first kernels start; it judges every answer itself. The learner's answers leave the kernel as data
only (typed JSON, see answer_data.py: numbers, text, collections, tables, chart specs), never as objects or
code, so a learner who redefines `check`, deletes the check cells or patches pandas in the kernel gets the same
judgement as one who did not (in the kernel, `check` does nothing).

Nothing is lost: submissions are only read, once, at the start (the tests compare checksums before and
after), and graded from that copy, so a file deleted or planted during the run changes nothing; every file gets
a row that says what happened to it; results are written atomically, one file per submission keyed by a hash of
its path, so a run that is interrupted (Ctrl-C) resumes where it stopped and skips submissions already graded
unchanged. Kernels die with the grader, however it dies.
"""

from __future__ import annotations

import argparse
import asyncio
import atexit
import concurrent.futures
import contextlib
import csv
import fcntl
import functools
import hashlib
import io
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from russia_venezuela import paths, sandbox
from russia_venezuela.answer_data import EXPORT_CODE as _EXPORT_CODE  # run in the learner's kernel
from russia_venezuela.answer_data import decode  # and its answers read back in the grader

GRADEBOOK_COLUMNS = ["learner", "exercise", "question", "points", "max_points", "status", "diagnosis", "submission"]
NOT_GRADED = "not graded"
DUPLICATE = "duplicate"
CHECKPOINTS = ".ipynb_checkpoints"
SCRATCH_PREFIX, LOCK_NAME = "rv-grade-", ".grader.lock"
_UMASK = os.umask(0o022)
os.umask(_UMASK)
INTERRUPTED = "Not graded yet: the run was interrupted. Run the same command again to grade it."
MAX_SUBMISSION_BYTES = 100 * 2**20
_MAX_ERROR_CHARS = 2_000
_SEPARATORS = " \t_-."


@dataclass(frozen=True)
class Submission:
    path: Path
    learner: str
    exercise: str | None  # None when the file name names no exercise of the course
    relative: str

    @property
    def key(self) -> str:
        """The name of its stored result: two paths never share one, however alike their learners' names."""
        return hashlib.sha256(self.relative.encode("utf-8", "surrogateescape")).hexdigest()[:32]


@dataclass
class Outcome:
    """What grading one submission gave: one row per question, or one row saying why it was not graded."""

    sha256: str
    course: str
    rows: list[dict] = field(default_factory=list)

    @property
    def graded(self) -> bool:
        return all(row["status"] != NOT_GRADED for row in self.rows)


def course_version(package: Path = paths.PACKAGE_DIR, data: Path | None = None) -> str:
    """The key of everything a verdict depends on: every .py file of the course's package and every data file.
    A stored result is reused only while this is the same."""
    digest = hashlib.sha256()
    for folder, pattern in [(package, "*.py"), (data or paths.DATA_DIR, "*")]:
        for path in sorted(path for path in folder.rglob(pattern) if path.is_file()):
            content = path.read_bytes()
            digest.update(f"{folder.name}/{path.relative_to(folder).as_posix()}\0{len(content)}\0".encode())
            digest.update(content)
    return digest.hexdigest()[:16]


# Finding the submissions

def find_submissions(root: Path, exercise_names: list[str]) -> tuple[list[Submission], list[str]]:
    """Every file below `root`, `root/<learner>/.../<exercise>.ipynb` or `root/<learner>_<exercise>.ipynb`, and
    apart, the files in JupyterLab's autosave folders (.ipynb_checkpoints), which are not submissions.

    The exercise is the course exercise whose name the file name contains; the learner is the first folder
    below `root` as it is named, or, for a file directly in `root`, the rest of its name (and a browser's
    " (1)" taken off). Hidden files and folders are submissions like any other.
    """
    found, skipped = [], []
    for path in sorted(root.rglob("*")):
        parts = path.relative_to(root).parts
        if path.is_dir() and not path.is_symlink():
            continue
        if CHECKPOINTS in parts[:-1]:
            skipped.append("/".join(parts))
            continue
        exercise = next((name for name in sorted(exercise_names, key=len, reverse=True) if name in path.stem), None)
        if len(parts) > 1:
            learner = parts[0]
        else:
            before, _, after = path.stem.partition(exercise) if exercise else (path.stem, "", "")
            after = re.sub(r"\s*\(\d+\)\s*$", "", after)  # "ana_01_the_sources (1)" is ana's too
            learner = " ".join(part.strip(_SEPARATORS) for part in [before, after] if part.strip(_SEPARATORS))
            learner = learner or path.stem
        found.append(Submission(path, learner, exercise, "/".join(parts)))
    return found, skipped


# One submission

def _notebook_exercise(notebook) -> str | None:
    """The exercise whose questions the notebook imports, if its set-up cell is still there."""
    for cell in notebook.cells:
        match = re.search(r"russia_venezuela\.questions\.ex(\w+)", cell.source if cell.cell_type == "code" else "")
        if match:
            return match[1]
    return None


def _notebook_of(raw: bytes) -> tuple[object, str | None]:
    """The notebook these bytes hold, or why they are not one the grader can run. Schema details (an extra key
    written by another editor) are forgiven: only cells with a type and a source are needed."""
    import nbformat

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None, "This file is not text, so not a notebook."
    try:
        json.loads(text)
    except ValueError:
        return None, "This file is not JSON, so not a notebook (it may be cut short, or saved in another format)."
    try:
        notebook = nbformat.reads(text, as_version=4)
    except Exception as error:
        return None, f"This file is JSON but not a Jupyter notebook ({type(error).__name__})."
    cells = notebook.get("cells")
    if not isinstance(cells, list) or not all(isinstance(cell, dict) and "cell_type" in cell and "source" in cell
                                              for cell in cells):
        return None, "This file is JSON but not a Jupyter notebook: it has no list of cells."
    return notebook, None


def _row(submission: Submission, question: str, points, max_points, status: str, diagnosis: str) -> dict:
    return {"learner": submission.learner, "exercise": submission.exercise or "", "question": question,
            "points": points, "max_points": max_points, "status": status, "diagnosis": diagnosis,
            "submission": submission.relative}


def _max_points(questions: list | None):
    """What an exercise is worth: its questions' points added up; blank where its questions are not known."""
    return sum(question.points for question in questions) if questions else ""


def not_graded(submission: Submission, why: str, max_points="") -> dict:
    return _row(submission, "", 0, max_points, NOT_GRADED, why)


def _precheck(submission: Submission, raw: bytes) -> tuple[object, str | None]:
    """The submission's notebook, read once; or why it cannot be run, decided before any of its code runs."""
    if submission.exercise is None:
        return None, ("The file name names no exercise of the course, so it cannot be graded. Name it as the "
                      "exercise, e.g. `01_the_sources.ipynb`.")
    notebook, why = _notebook_of(raw)
    if why:
        return None, why + " Download your notebook again from JupyterLab (File > Download) and hand in that file."
    inside = _notebook_exercise(notebook)
    if inside is not None and inside != submission.exercise:
        return None, (f"The file is named for exercise {submission.exercise}, but it holds exercise {inside}. Hand "
                      "in the right notebook, or rename it.")
    return notebook, None


def judge_run(submission: Submission, questions: list, run: dict) -> list[dict]:
    """The gradebook rows of one submission, from what came out of the kernel (`run`: the answers as
    data, each code cell's source with the error it stopped with, and why nothing could be read), judged by
    questions the grader loaded and whose expected answers it computed, where no learner code can reach."""
    from russia_venezuela.checking.question import CORRECT, NOT_ANSWERED, CellRuns, failed_cell_message

    if run["failure"]:
        return [not_graded(submission, run["failure"], _max_points(questions))]
    answers, cell_runs, rows = run["answers"], CellRuns(run["ran"]), []
    for question in questions:
        failed = cell_runs.failure_setting(question.variable)
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
        rows.append(_row(submission, question.name, question.points if status == CORRECT else 0,
                         question.points, status, message))
    return rows


class _Kernels:
    """The kernels running now, so that Ctrl-C can stop every one of them at once, and no more start."""

    def __init__(self):
        self.lock, self.running, self.stopping = threading.Lock(), set(), False

    def add(self, kernel_manager) -> bool:
        with self.lock:
            if not self.stopping:
                self.running.add(kernel_manager)
            return not self.stopping

    def discard(self, kernel_manager) -> None:
        with self.lock:
            self.running.discard(kernel_manager)

    def stop_all(self) -> None:
        with self.lock:
            self.stopping = True
            for kernel_manager in self.running:
                kill(kernel_manager)


def kill(kernel_manager) -> None:
    """Kill a kernel and everything in its process group at once (its sandbox, and all the sandbox holds, die
    with it); the notebook running in it then stops with a dead kernel."""
    process = getattr(getattr(kernel_manager, "provisioner", None), "process", None)
    if process is not None and process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGKILL)  # jupyter_client starts each kernel in a session of its own
        except OSError:
            process.kill()


@functools.cache
def _kernel_manager_class():
    """The kernel manager the grader starts each kernel with: jupyter_client's, less the waits that cost a
    grader nothing to skip (about 0.3 s a submission, a fifth of the time a solved exercise takes)."""
    from jupyter_client.asynchronous import AsyncKernelClient
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import default

    class ReadyClient(AsyncKernelClient):
        async def wait_for_ready(self, timeout: float | None = None) -> None:
            """Ready once the kernel answers `kernel_info` and IOPub is seen to deliver (ZeroMQ may drop what is
            published before a subscription arrives). jupyter_client then also waits for IOPub to stay quiet
            for 0.2 s, for clients that read every output; the grader matches outputs to its own requests."""
            limit = timeout or 60
            deadline = time.monotonic() + limit
            while time.monotonic() < deadline:
                self.kernel_info()
                try:
                    reply = await self.shell_channel.get_msg(timeout=1)
                    if reply["msg_type"] == "kernel_info_reply":
                        await self.iopub_channel.get_msg(timeout=0.2)
                        self._handle_kernel_info_reply(reply)
                        return
                except queue.Empty:
                    pass
                if not await self.is_alive():
                    raise RuntimeError("Kernel died before replying to kernel_info")
            raise RuntimeError(f"Kernel didn't respond in {limit:g} s")

    class GradingKernelManager(AsyncKernelManager):
        @default("client_factory")
        def _client_factory_default(self):
            return ReadyClient

        async def shutdown_kernel(self, now: bool = False, restart: bool = False) -> None:
            """Killed at once and reaped: nothing in a graded kernel is worth a clean exit, and jupyter_client
            would otherwise look again 0.1 s after its kill whether the kernel has gone."""
            kill(self)
            process = getattr(self.provisioner, "process", None)
            if process is not None:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    process.wait(timeout=5)
            await super().shutdown_kernel(now=True, restart=restart)

    return GradingKernelManager


def _kernel_environment(jobdir: Path) -> dict:
    """What a kernel started without the sandbox inherits: checks do nothing (so never raise, nor write to
    anybody's progress), web requests through the usual clients fail at once, temporary files go to the job's
    folder. (The sandbox starts its kernel with an environment of its own.)"""
    from russia_venezuela.checking.question import GRADING_ENV_VAR, STRICT_ENV_VAR
    from russia_venezuela.progress import PROGRESS_ENV_VAR

    environment = {name: value for name, value in os.environ.items()
                   if name not in {STRICT_ENV_VAR, "NBGRADER_EXECUTION"}}
    environment.update({"TMPDIR": str(jobdir), PROGRESS_ENV_VAR: str(jobdir / "progress.jsonl"),
                        GRADING_ENV_VAR: "1"})
    environment.update(dict.fromkeys(["http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"], "http://127.0.0.1:9"))
    return environment


def run_notebook(notebook, variables: list[str], cell_timeout: float, notebook_timeout: float, sandboxed: bool,
                 jobdir: Path, kernels: _Kernels) -> dict:
    """Execute a notebook's code cells in a fresh kernel (in the sandbox, unless told otherwise), then export the
    answer variables as JSON data. Returns the answers, each code cell's source with the name of the error it
    stopped with (or None), and why nothing could be read (or None): the `run` that `judge_run` reads."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    deadline = time.monotonic() + notebook_timeout
    too_long = f"The notebook did not finish within {notebook_timeout:g} s: look for an endless loop."

    def failed(why: str) -> dict:
        return {"answers": {}, "ran": [], "failure": why}

    def stop_if_interrupted(**_) -> None:
        # Ctrl-C may come between a kernel's process starting and its manager knowing it, too soon to be killed.
        if kernels.stopping:
            raise RuntimeError("interrupted")

    class GradingClient(NotebookClient):
        """Keeps errors only: a cell that prints megabytes costs no memory here."""

        def output(self, outs, msg, display_id, cell_index):
            if msg["msg_type"] == "error":
                return super().output(outs, msg, display_id, cell_index)
            return None

    with tempfile.TemporaryDirectory(prefix="k", dir=jobdir) as workdir:  # short: it holds Unix sockets
        workdir = Path(workdir)
        target = workdir / "answers.json"
        if sandboxed:
            kernel_manager = sandbox.kernel_manager(_kernel_manager_class(), workdir, notebook_timeout)
            here = workdir
        else:
            kernel_manager, here = _kernel_manager_class()(kernel_name="python3"), _course_mirror(workdir)
        cells = [nbformat.v4.new_code_cell(cell.source) for cell in notebook.cells if cell.cell_type == "code"]
        cells.append(nbformat.v4.new_code_cell(_EXPORT_CODE + f"\n__rv_export({variables!r}, {str(target)!r})"))
        runnable = nbformat.v4.new_notebook(cells=cells)
        client = GradingClient(
            runnable, km=kernel_manager, allow_errors=True, interrupt_on_timeout=True,
            error_on_timeout={"ename": "Timeout", "evalue": f"the cell ran longer than {cell_timeout:g} s"},
            timeout_func=lambda cell: max(1, int(min(cell_timeout, deadline - time.monotonic()))),
            resources={"metadata": {"path": str(here)}}, shutdown_kernel="immediate", startup_timeout=60,
            on_cell_start=stop_if_interrupted,
        )
        if not kernels.add(kernel_manager):
            return failed(INTERRUPTED)
        # The last resort, for a kernel that ignores interrupts: kill it, and the notebook stops.
        watchdog = threading.Timer(notebook_timeout + 30, kill, [kernel_manager])
        watchdog.start()
        try:
            # The kernel is shut down at the end (cleanup_kc: nbclient leaves alone a kernel manager it was given);
            # what the kernel process itself writes to its terminal is not kept either.
            # An event loop of its own, closed after, for each notebook run in this thread.
            execution = client.async_execute(cleanup_kc=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                             env=_kernel_environment(jobdir))
            try:
                asyncio.run(execution)
            finally:
                execution.close()  # if asyncio.run stopped before starting it, it is closed, not left unawaited
        except Exception as error:
            if kernels.stopping:  # Ctrl-C killed the kernel, whatever error that caused here: not graded yet
                return failed(INTERRUPTED)
            if isinstance(error, CellTimeoutError) or time.monotonic() > deadline:
                return failed(too_long)
            if isinstance(error, DeadKernelError):
                return failed("The kernel stopped while running this notebook (it may have run out of memory "
                              "or time, or the code ended Python). Run it top to bottom in a fresh kernel to find "
                              "the cell.")
            return failed(f"The notebook could not be run: {type(error).__name__}: {str(error)[:300]}")
        finally:
            watchdog.cancel()
            kernels.discard(kernel_manager)
            # nbclient leaves its exit-time clean-up registered when a kernel dies while it starts; it is done.
            atexit.unregister(client._cleanup_kernel)
        if time.monotonic() > deadline:
            return failed(too_long)
        ran = [(cell.source, next((output.get("ename", "an error") for output in cell.get("outputs", [])
                                   if output.get("output_type") == "error"), None)) for cell in runnable.cells[:-1]]
        try:
            return {"answers": json.loads(target.read_text(encoding="utf-8")), "ran": ran, "failure": None}
        except (OSError, ValueError):
            return failed("The answers could not be read after the notebook ran: its last cells did not finish. "
                          "Run it top to bottom in a fresh kernel to see what stops it.")


def _course_mirror(root: Path) -> Path:
    """`root/exercises`, the kernel's working folder, beside a copy of the course's data in `root/data`: a learner
    who reads `../data/events.csv` gets what their notebook got, and nothing the kernel writes reaches the course."""
    shutil.copytree(paths.DATA_DIR, root / "data")
    (root / "exercises").mkdir()
    return root / "exercises"


# The whole class

def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", newline="", dir=path.parent, delete=False,
                                     prefix=f".{path.name}.", suffix=".tmp") as file:
        file.write(text)
        temporary = Path(file.name)
    os.chmod(temporary, 0o666 & ~_UMASK)  # as any file you write: temporary files start private
    os.replace(temporary, path)


def _result_path(out: Path, submission: Submission) -> Path:
    return out / "results" / f"{submission.key}.json"


def _interrupted(submission: Submission, course: str, questions: list | None) -> Outcome:
    """Not graded yet, out of the points its exercise is worth (when its questions were loaded)."""
    return Outcome("", course, [not_graded(submission, INTERRUPTED, _max_points(questions))])


def _grade_one(submission: Submission, notebook, sha: str, course: str, questions: list, ready, jobdir: Path,
               out: Path, cell_timeout: float, notebook_timeout: float, sandboxed: bool, kernels: _Kernels) -> Outcome:
    """Run one submission in a fresh kernel, judge what came out once the questions' expected answers are ready
    (`ready`, a future: they may still be being computed while the kernel runs), and store the result for the
    next run."""
    run = run_notebook(notebook, [question.variable for question in questions], cell_timeout, notebook_timeout,
                       sandboxed, jobdir, kernels)
    if run["failure"] == INTERRUPTED:
        return _interrupted(submission, course, questions)
    ready.result()
    return _stored(out, submission, Outcome(sha, course, judge_run(submission, questions, run)))


def _stored(out: Path, submission: Submission, outcome: Outcome) -> Outcome:
    """Keep a final outcome for the next run, which then skips the submission while it and the course are
    unchanged."""
    _write_atomically(_result_path(out, submission), json.dumps(asdict(outcome), ensure_ascii=False, indent=1))
    return outcome


def _read(submission: Submission) -> tuple[bytes | None, float, str | None]:
    """The submission's bytes and modification time, read once at the start of the run; or why they cannot be."""
    again = " Hand the file in again, or put it back, and run the same command."
    try:
        if not submission.path.exists():
            return None, 0, "The file disappeared before the grader could read it (moved or deleted during the " \
                            "run, or a link to nothing)." + again
        if not submission.path.is_file():
            return None, 0, "This is not a regular file (a folder link, a pipe or a device), so not a notebook."
        stat = submission.path.stat()
        if stat.st_size > MAX_SUBMISSION_BYTES:
            return None, stat.st_mtime, (f"The file holds {stat.st_size / 2**20:.0f} MB, more than a course "
                                         f"notebook ever does ({MAX_SUBMISSION_BYTES // 2**20} MB): clear its "
                                         "outputs (Edit > Clear Outputs of All Cells), save, and hand it in again.")
        return submission.path.read_bytes(), stat.st_mtime, None
    except OSError as error:
        return None, 0, f"The file could not be read ({error.strerror or type(error).__name__})." + again


def _previous(out: Path, submission: Submission, course: str, sha: str) -> Outcome | None:
    """The stored result of an earlier run, if the submission and the course are both unchanged."""
    try:
        stored = Outcome(**json.loads(_result_path(out, submission).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None
    if stored.course == course and stored.sha256 == sha and all(row.get("submission") == submission.relative
                                                                  for row in stored.rows):
        return stored
    return None


def feedback_text(learner: str, exercise: str, rows: list[dict], note: str = "") -> str:
    """One learner's feedback on one exercise, in plain language."""
    earned = sum(int(row["points"] or 0) for row in rows)
    possible = sum(int(row["max_points"] or 0) for row in rows if row["question"]) or (
        int(rows[0]["max_points"]) if rows and str(rows[0]["max_points"]).isdigit() else 0)
    lines = [f"# Feedback for {learner}: exercise {exercise or '(unknown)'}", ""] + ([note, ""] if note else [])
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


def _counted(submissions: list[Submission], modified: dict[Submission, float]) -> dict[Submission, Submission]:
    """For each submission, the one counted for its learner and exercise: itself, or, among two copies or more
    (`03_who_is_who (1).ipynb` beside `03_who_is_who.ipynb`), the one modified last."""
    copies: dict[tuple, list[Submission]] = {}
    for submission in submissions:
        copies.setdefault((submission.learner, submission.exercise or submission.relative), []).append(submission)
    return {submission: max(group, key=lambda s: (modified[s], -len(s.relative)))
            for group in copies.values() for submission in group}


def _feedback_paths(out: Path, submissions: list[Submission], counted: dict) -> dict[Submission, Path]:
    """A feedback file of its own for each submission, `<learner>/<exercise>.md` for the one counted, even where
    names differ only in case (as on macOS and Windows)."""
    taken, paths = set(), {}
    for submission in sorted(submissions, key=lambda s: counted[s] != s):
        folder, stem = submission.learner if submission.learner.strip(".") else "_" + submission.learner, \
            Path(submission.relative).stem
        names = ([f"{submission.exercise or stem}.md", f"{stem}.md"] if counted[submission] == submission
                 else [f"{stem} (not counted).md"])
        for name in [*names, f"{Path(names[-1]).stem} ({submission.key[:8]}).md"]:
            if f"{folder}/{name}".casefold() not in taken:
                break
        taken.add(f"{folder}/{name}".casefold())
        paths[submission] = out / "feedback" / folder / name
    return paths


def _when(timestamp: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(timestamp))


def _hold_lock(scratch: Path) -> int:
    """Lock the run's scratch folder for as long as this grader lives: the kernel drops the lock when the process
    ends, however it ends, and a later run then knows the folder is abandoned."""
    lock = os.open(scratch / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(lock, fcntl.LOCK_EX)
    return lock


def _remove_abandoned_scratch() -> None:
    """Remove the scratch folders of graders that were killed (SIGKILL leaves no chance to clean up)."""
    for folder in Path(tempfile.gettempdir()).glob(SCRATCH_PREFIX + "*"):
        try:
            lock = os.open(folder / LOCK_NAME, os.O_RDWR)
        except OSError:
            continue  # not a grader's folder, or not ours to touch
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            pass  # a grader running now holds it
        finally:
            os.close(lock)


def _raise_interrupt(signum, frame):
    raise KeyboardInterrupt


def grade(submissions_dir: Path, out: Path, workers: int = os.cpu_count() or 1, cell_timeout: float = 30,
          notebook_timeout: float = 300, sandboxed: bool = True, report=print) -> bool:
    """Grade every submission below `submissions_dir` into `out`; True if every one was graded. Each runs in the
    sandbox (sandbox.py) unless `sandboxed` is False. Ctrl-C (or SIGTERM) stops the kernels, writes the gradebook
    of what was graded, and says how to resume."""
    # Three jobs of a few seconds each overlap on a machine's cores: trying the sandbox (a Python started in it),
    # computing the expected answers, and the first kernels. Each learner's answers are judged once their
    # exercise's expected answers are ready; no learner's code can reach them, running in the sandbox.
    background = concurrent.futures.ThreadPoolExecutor(max_workers=2)
    try:
        return _grade(submissions_dir, out, workers, cell_timeout, notebook_timeout, sandboxed, report, background,
                      background.submit(sandbox.problem) if sandboxed else None)
    finally:
        background.shutdown(wait=False, cancel_futures=True)


def _precompute(questions: list) -> None:
    for question in questions:
        question.precompute()


def _grade(submissions_dir: Path, out: Path, workers: int, cell_timeout: float, notebook_timeout: float,
           sandboxed: bool, report, background, sandbox_problem) -> bool:
    from russia_venezuela.questions import exercises, questions_of

    submissions_dir, out = submissions_dir.resolve(), out.resolve()
    if not submissions_dir.is_dir():
        raise SystemExit(f"No folder {submissions_dir}: give the folder that holds the learners' notebooks.")
    if out == submissions_dir or submissions_dir in out.parents:
        raise SystemExit("Write the results outside the submissions folder (--out), so that nothing is added to "
                         "or changed among the learners' files.")
    submissions, skipped = find_submissions(submissions_dir, exercises())
    if not submissions:
        raise SystemExit(f"{submissions_dir} holds no files to grade" + (
            f", only JupyterLab's autosaves in {CHECKPOINTS} folders." if skipped else "."))
    # Results of a run without the sandbox, where learners' code could reach them, are never reused with it.
    course = course_version() + ("" if sandboxed else "-unsandboxed")
    outcomes: dict[Submission, Outcome] = {}
    questions = {None: []}  # exercise: its questions, loaded once
    modified: dict[Submission, float] = {}
    main_thread = threading.current_thread() is threading.main_thread()
    handlers = {number: signal.signal(number, _raise_interrupt) for number in [signal.SIGINT, signal.SIGTERM]
                } if main_thread else {}
    started, graded_now, interrupted, kernels = time.monotonic(), 0, False, _Kernels()
    try:
        _remove_abandoned_scratch()
        with tempfile.TemporaryDirectory(prefix=SCRATCH_PREFIX, ignore_cleanup_errors=True) as scratch:
            lock = _hold_lock(Path(scratch))
            try:
                pending, reused, refused = {}, 0, {}
                expected = {}  # exercise: the future of its questions' expected answers
                for submission in submissions:
                    data, modified[submission], why = _read(submission)
                    if why:
                        outcomes[submission] = Outcome("", course, [not_graded(submission, why)])
                        continue
                    sha = hashlib.sha256(data).hexdigest()
                    previous = _previous(out, submission, course, sha)
                    if previous is not None:
                        outcomes[submission], reused = previous, reused + 1
                        continue
                    if submission.exercise not in questions:
                        questions[submission.exercise] = questions_of(submission.exercise)
                    notebook, why = _precheck(submission, data)
                    if why:
                        refused[submission] = Outcome(sha, course, [not_graded(
                            submission, why, _max_points(questions[submission.exercise]))])
                        continue
                    if submission.exercise not in expected:
                        expected[submission.exercise] = background.submit(_precompute, questions[submission.exercise])
                    jobdir = Path(scratch) / str(len(pending))  # short, as it holds Unix sockets
                    jobdir.mkdir()
                    pending[submission] = (notebook, sha, jobdir)
                if sandbox_problem is not None and (why := sandbox_problem.result()):
                    raise SystemExit(f"Grading runs each learner's code in a sandbox, and none can be made here: "
                                     f"{why}. Or, only on a machine you can lose (a throwaway virtual machine or "
                                     "container) or for submissions you trust, add --no-sandbox. The instructors' "
                                     "guide (docs/instructors.md) says what the sandbox stops.")
                for submission, outcome in refused.items():
                    outcomes[submission] = _stored(out, submission, outcome)
                report(f"{len(submissions)} submission{'s' * (len(submissions) != 1)}: {reused} unchanged since the "
                       "last run (results reused), "
                       f"{len(pending)} to grade with {workers} worker(s)"
                       + (f", {len(refused)} that cannot be read or run." if refused else ".")
                       + ("" if sandboxed else " WITHOUT the sandbox: learners' code can reach all your account can."))
                pool, futures = concurrent.futures.ThreadPoolExecutor(max_workers=max(1, workers)), {}
                try:
                    for submission, (notebook, sha, jobdir) in pending.items():
                        futures[pool.submit(_grade_one, submission, notebook, sha, course,
                                            questions[submission.exercise], expected[submission.exercise], jobdir,
                                            out, cell_timeout, notebook_timeout, sandboxed, kernels)] = submission
                    for graded_now, future in enumerate(concurrent.futures.as_completed(futures), start=1):
                        submission = futures[future]
                        outcomes[submission] = future.result()
                        state = "graded" if outcomes[submission].graded else "NOT graded"
                        report(f"[{graded_now}/{len(pending)}] {submission.relative}: {state}")
                finally:
                    for signum in handlers:
                        signal.signal(signum, signal.SIG_IGN)  # no second Ctrl-C may cut the stopping short
                    kernels.stop_all()  # none left, unless interrupted
                    pool.shutdown(wait=True, cancel_futures=True)
                    # What finished while the run was stopping was graded, and stored: say so in this gradebook.
                    for future, submission in futures.items():
                        if future.done() and not future.cancelled() and submission not in outcomes:
                            outcomes[submission] = future.result()
            except KeyboardInterrupt:
                interrupted = True
            finally:
                for signum in handlers:
                    signal.signal(signum, signal.SIG_IGN)  # nor the writing of the gradebook
                os.close(lock)
        for submission in submissions:
            if submission not in outcomes:
                outcomes[submission] = _interrupted(submission, course, questions.get(submission.exercise))
        _write_results(out, submissions, outcomes, modified, skipped, report)
        now = {s.relative for s in find_submissions(submissions_dir, exercises())[0]}
        removed = sorted({s.relative for s in submissions if outcomes[s].sha256} - now)
        planted = sorted(now - {s.relative for s in submissions})
        if removed:
            report(f"Removed during the run, and graded from the copy read at its start: {', '.join(removed)}.")
        if planted:
            report(f"New since the run started, so not graded in it: {', '.join(planted)}. Run the same command "
                   "again to grade them.")
    finally:
        for signum, handler in handlers.items():
            signal.signal(signum, handler)
    counted = _counted(submissions, modified)
    ungraded = [s.relative for s in submissions if counted[s] == s and not outcomes[s].graded]
    minutes = (time.monotonic() - started) / 60
    report(f"Gradebook: {out / 'gradebook.csv'}; feedback in {out / 'feedback'}. {graded_now} graded in "
           f"{minutes:.1f} min." + (f" Not graded: {', '.join(ungraded)}." if ungraded else ""))
    if interrupted:
        report("Interrupted: the gradebook holds what was graded so far. To grade the rest, run the same command "
               "again; submissions already graded are not graded again.")
    return not ungraded and not interrupted


def _write_results(out: Path, submissions: list[Submission], outcomes: dict, modified: dict, skipped: list[str],
                   report) -> None:
    """The gradebook, with one copy of each learner's exercise counted, and each submission's feedback."""
    counted = _counted(submissions, modified)
    paths = _feedback_paths(out, submissions, counted)
    rows = []
    for submission in submissions:
        rows_of, note = outcomes[submission].rows, ""
        others = [s.relative for s in submissions if counted[s] == counted[submission] and s != submission]
        if counted[submission] != submission:
            kept = counted[submission]
            note = (f"This copy, `{submission.relative}`, is not counted: you handed in another copy of this "
                    f"exercise, `{kept.relative}`, modified later ({_when(modified[kept])}), and that one counts.")
            rows_of = [_row(submission, "", 0, "", DUPLICATE, note + " Its feedback is in "
                            f"{paths[submission].relative_to(out).as_posix()}.")]
            report(f"Duplicate: {submission.learner} handed in {len(others) + 1} copies of "
                   f"{submission.exercise}; counted {kept.relative} (modified last), not {submission.relative}.")
        elif others:
            note = (f"You handed in {len(others) + 1} copies of this exercise; this one, `{submission.relative}`, "
                    f"modified last ({_when(modified[submission])}), is counted, not {', '.join(others)}.")
        rows += rows_of
        if outcomes[submission].rows[0]["diagnosis"] != INTERRUPTED:  # the learner hears nothing of that
            _write_atomically(paths[submission], feedback_text(submission.learner, submission.exercise or "",
                                                               outcomes[submission].rows, note))
    _write_gradebook(out / "gradebook.csv", rows)
    if skipped:
        report(f"Skipped {len(skipped)} file(s) in {CHECKPOINTS} folders, JupyterLab's autosaves rather than "
               f"submissions: {', '.join(skipped)}.")


def _spreadsheet_safe(value):
    """A cell a spreadsheet shows as text, never runs as a formula (OWASP's advice on CSV injection)."""
    return "'" + value if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _write_gradebook(path: Path, rows: list[dict]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=GRADEBOOK_COLUMNS, lineterminator="\r\n")  # a CR is quoted too
    writer.writeheader()
    writer.writerows({key: _spreadsheet_safe(value) for key, value in row.items()} for row in rows)
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
    parser.add_argument("--no-sandbox", dest="sandboxed", action="store_false",
                        help="run learners' code without the bubblewrap sandbox, with all the rights of your "
                             "account: only for submissions you trust, or on a machine you can lose")


