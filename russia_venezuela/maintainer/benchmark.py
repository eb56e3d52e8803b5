"""Measurements (not tests): the test suite against its floor, and grading a class.

The floor is what the suite would cost if every notebook did nothing but import the course's packages:
the part of the time no lesson can win back. The ratio says how much the notebooks' own work adds.
The grading benchmark grades one synthetic class with `russia-venezuela grade`, at one worker and at several,
and with `nbgrader autograde`, side by side on the same submissions.
"""

import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ElementTree
from collections import defaultdict
from pathlib import Path

import nbformat

from russia_venezuela import paths

FLOOR_CELL = "import russia_venezuela\nimport pandas\nimport altair"


def course_notebooks() -> list[Path]:
    return sorted(path for folder in [paths.LESSONS_DIR, paths.EXERCISES_DIR, paths.SOLUTIONS_DIR]
                  for path in folder.glob("*.ipynb"))


def _run_pytest(arguments: list[str], report: Path) -> float:
    """Run pytest with the project's settings; return its wall time in seconds."""
    command = [sys.executable, "-m", "pytest", "-c", str(paths.COURSE_ROOT / "pyproject.toml"),
               "--rootdir", str(paths.COURSE_ROOT), "-q", f"--junitxml={report}", *arguments]
    started = time.perf_counter()
    subprocess.run(command, cwd=paths.COURSE_ROOT, check=False, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def _notebook_timings(report: Path) -> tuple[dict[str, float], tuple[str, float]]:
    """Seconds per notebook (its cells added up) and the slowest cell, from a JUnit XML report."""
    per_notebook: dict[str, float] = defaultdict(float)
    slowest_cell = ("", 0.0)
    for case in ElementTree.parse(report).iter("testcase"):
        notebook = case.get("classname", "")
        if ".ipynb" not in notebook:
            continue
        seconds = float(case.get("time", 0))
        per_notebook[notebook] += seconds
        if seconds > slowest_cell[1]:
            slowest_cell = (f"{notebook}::{case.get('name')}", seconds)
    return dict(per_notebook), slowest_cell


def run() -> None:
    notebooks = course_notebooks()
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        suite_seconds = _run_pytest([], scratch / "suite.xml")

        floor_folder = scratch / "floor"
        floor_folder.mkdir()
        for number in range(len(notebooks)):
            notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR_CELL)])
            nbformat.write(notebook, floor_folder / f"floor_{number:02d}.ipynb")
        floor_seconds = _run_pytest([str(floor_folder)], scratch / "floor.xml")

        per_notebook, (slowest_cell, slowest_cell_seconds) = _notebook_timings(scratch / "suite.xml")

    print(f"full test suite:         {suite_seconds:6.1f} s")
    print(f"floor ({len(notebooks)} import-only notebooks): {floor_seconds:6.1f} s")
    print(f"ratio suite / floor:     {suite_seconds / floor_seconds:6.2f}")
    if per_notebook:
        slowest = max(per_notebook, key=per_notebook.get)
        print(f"slowest notebook:        {slowest} ({per_notebook[slowest]:.1f} s of cells)")
        print(f"slowest cell:            {slowest_cell} ({slowest_cell_seconds:.1f} s)")


def synthetic_class(folder: Path, size: int) -> None:
    """`size` submissions, one folder per learner: the course's solutions (all right) and untouched exercises
    (nothing answered), taking the exercise sets in turn."""
    sources = [path for folder in [paths.SOLUTIONS_DIR, paths.EXERCISES_DIR] for path in sorted(folder.glob("*.ipynb"))]
    for number in range(size):
        source = sources[number % len(sources)]
        target = folder / f"learner_{number:03d}" / source.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(source.read_bytes())


NBGRADER = "nbgrader==0.9.6"


def _nbgrader_python() -> Path:
    """A Python environment of its own with nbgrader beside the course's pinned packages, made once (with the
    course's uv) in the user's cache: nbgrader is needed for this comparison only. It holds this checkout's
    package, installed editable, so each checkout has its own."""
    key = hashlib.sha256((paths.LOCK_FILE.read_text() + NBGRADER + str(paths.COURSE_ROOT)).encode()).hexdigest()[:12]
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "russia-venezuela"
    venv = cache / f"nbgrader-{key}"
    python = venv / "bin" / "python"
    if not (venv / ".ready").exists():
        print(f"Installing {NBGRADER} with the course's packages into {venv} (once)...", flush=True)
        shutil.rmtree(venv, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
        uv = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")
        if uv is None:
            raise SystemExit("The nbgrader comparison installs nbgrader with uv, which is not here: run it from the "
                             "course's environment (`make bench-grading`), or `pip install uv`.")
        subprocess.run([uv, "pip", "install", "--quiet", "--python", str(python), "--compile-bytecode",
                        "--requirement", str(paths.LOCK_FILE), "--editable", str(paths.COURSE_ROOT), NBGRADER],
                       check=True)
        (venv / ".ready").touch()
    return python


class TreeUsage:
    """What a process and everything below it use, sampled ten times a second from /proc: the largest total
    resident memory at any moment, and the CPU time of every process seen (up to its last sample: a process
    that lives 2 s is undercounted by at most a twentieth, for either grader alike)."""

    def __init__(self, process: subprocess.Popen):
        self.process, self.peak, self._ticks = process, 0, {}  # (pid, start time): CPU ticks
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()

    @property
    def cpu_seconds(self) -> float:
        return sum(self._ticks.values()) / os.sysconf("SC_CLK_TCK")

    def _sample(self) -> None:
        while self.process.poll() is None:
            resident = 0
            for pid in process_tree(self.process.pid):
                try:
                    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                    resident += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
                except (OSError, IndexError, ValueError):
                    continue
                # after the name: state is field 3, utime 14, stime 15, starttime 22 (proc(5))
                self._ticks[(pid, fields[19])] = int(fields[11]) + int(fields[12])
            self.peak = max(self.peak, resident)
            time.sleep(0.1)


def process_tree(pid: int) -> set[int]:
    """`pid` and every process below it, children of any of its threads included (Linux's /proc)."""
    found, todo = {pid}, [pid]
    while todo:
        try:
            tasks = list(Path(f"/proc/{todo.pop()}/task").iterdir())
        except OSError:  # it ended meanwhile
            continue
        for task in tasks:
            try:
                children = {int(child) for child in (task / "children").read_text().split()} - found
            except OSError:
                continue
            found |= children
            todo += children
    return found


def _in_path(python: Path) -> dict:
    """The environment that runs `python`'s own commands first (nbgrader calls its `alembic` by name)."""
    return {**os.environ, "PATH": f"{python.parent}{os.pathsep}{os.environ.get('PATH', '')}"}


def _timed(command: list[str], cwd: Path) -> tuple[float, TreeUsage]:
    """Run a command to its end; its wall time and what its process tree used."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               stdin=subprocess.DEVNULL, env=_in_path(Path(command[0])))
    usage = TreeUsage(process)
    process.wait()
    usage.thread.join()
    return time.perf_counter() - started, usage


def _nbgrader_course(root: Path, submissions: Path, python: Path) -> list[str]:
    """An nbgrader course made from the solution notebooks (nbgrader source notebooks, one assignment per
    exercise set), with the class's submissions in nbgrader's `submitted/` layout; its assignments' names."""
    root.mkdir()
    (root / "nbgrader_config.py").write_text(f"c = get_config()\nc.CourseDirectory.root = {str(root)!r}\n"
                                             "c.CourseDirectory.course_id = 'russia-venezuela'\n"
                                             "c.Execute.timeout = 300\n")
    assignments = sorted({path.stem for path in submissions.rglob("*.ipynb")})
    for assignment in assignments:
        source = root / "source" / assignment / f"{assignment}.ipynb"
        source.parent.mkdir(parents=True)
        source.write_bytes((paths.SOLUTIONS_DIR / f"{assignment}.ipynb").read_bytes())
    # nbgrader reads the assignment as a glob: one process generates them all.
    subprocess.run([str(python), "-m", "nbgrader", "generate_assignment", "*"], cwd=root, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_in_path(python))
    for notebook in submissions.rglob("*.ipynb"):
        target = root / "submitted" / notebook.parent.name / notebook.stem / notebook.name
        target.parent.mkdir(parents=True)
        target.write_bytes(notebook.read_bytes())
    return assignments


def run_grading(size: int, workers: int, repeat: int = 1) -> None:
    """Grade one synthetic class with `russia-venezuela grade` (in its sandbox) at one worker and at `workers`,
    and with `nbgrader autograde`, on the same submissions, `repeat` times in turn; print the median throughput
    per core, per CPU-minute, and memory.

    Per core divides by the cores a run was given (its workers, at most the machine's cores; nbgrader grades one
    notebook at a time). Per CPU-minute divides by the CPU time every process of the run used, however many
    cores it spread over: the measure no overlap of waiting and working can flatter."""
    python = _nbgrader_python()
    command = str(Path(sys.executable).parent / "russia-venezuela")
    cores = os.cpu_count() or 1
    runs = {}  # name: [(seconds, cores given, CPU seconds, MB per worker) of each round]
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        synthetic_class(scratch / "class", size)
        assignments = _nbgrader_course(scratch / "nbgrader", scratch / "class", python)
        for round_number in range(repeat):
            for count in sorted({1, workers}):
                out = scratch / f"out_{round_number}_{count}"
                seconds, usage = _timed([command, "grade", str(scratch / "class"), "--out", str(out), "--workers",
                                         str(count)], scratch)
                runs.setdefault(f"russia-venezuela grade --workers {count}", []).append(
                    (seconds, min(count, cores), usage.cpu_seconds, usage.peak / count / 2**20))
            shutil.rmtree(scratch / "nbgrader" / "autograded", ignore_errors=True)  # else nbgrader skips them
            seconds, cpu_seconds, peak = 0.0, 0.0, 0
            for assignment in assignments:  # nbgrader grades one assignment at a time, one notebook at a time
                taken, usage = _timed([str(python), "-m", "nbgrader", "autograde", "--force", assignment],
                                      scratch / "nbgrader")
                seconds, cpu_seconds, peak = seconds + taken, cpu_seconds + usage.cpu_seconds, max(peak, usage.peak)
            runs.setdefault("nbgrader autograde", []).append((seconds, 1, cpu_seconds, peak / 2**20))
    print(f"{size} submissions, {cores} cores" + (f", median of {repeat} rounds" if repeat > 1 else ""))
    print(f"{'':38} {'seconds':>8} {'per minute':>11} {'per min per core':>17} {'CPU s each':>11} "
          f"{'per CPU-minute':>15} {'MB per worker':>14}")
    per_core, per_cpu_minute = {}, {}
    for name, rounds in runs.items():
        seconds, given, cpu_seconds, megabytes = (statistics.median(values) for values in zip(*rounds))
        per_minute = size / seconds * 60
        per_core[name], per_cpu_minute[name] = per_minute / given, size / cpu_seconds * 60
        print(f"{name:38} {seconds:8.1f} {per_minute:11.1f} {per_core[name]:17.1f} {cpu_seconds / size:11.2f} "
              f"{per_cpu_minute[name]:15.1f} {megabytes:14.0f}")
    ours = [name for name in runs if name.startswith("russia")]
    theirs = "nbgrader autograde"
    for measure, values in [("submissions per minute per core", per_core),
                            ("submissions per CPU-minute", per_cpu_minute)]:
        print(f"ratio, {measure}, russia-venezuela grade / nbgrader autograde: "
              f"{max(values[name] for name in ours) / values[theirs]:.2f}")
