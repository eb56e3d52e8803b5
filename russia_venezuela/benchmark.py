"""Measurements (not tests): the test suite against its floor, and grading a class.

The floor is what the suite would cost if every notebook did nothing but import the course's packages:
the part of the time no lesson can win back. The ratio says how much the notebooks' own work adds.
The grading benchmark grades a synthetic class at one worker and at several, beside running the same
notebooks one by one with `jupyter nbconvert --execute` (which executes but does not grade).
"""

import os
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree
from collections import defaultdict
from pathlib import Path

import nbformat

from russia_venezuela.environment import REPO_ROOT

NOTEBOOK_FOLDERS = ["notebooks", "exercises", "solutions"]
FLOOR_CELL = "import russia_venezuela\nimport pandas\nimport altair"


def course_notebooks() -> list[Path]:
    return sorted(path for folder in NOTEBOOK_FOLDERS for path in (REPO_ROOT / folder).glob("*.ipynb"))


def _run_pytest(arguments: list[str], report: Path) -> float:
    """Run pytest with the project's settings; return its wall time in seconds."""
    command = [sys.executable, "-m", "pytest", "-c", str(REPO_ROOT / "pyproject.toml"),
               "--rootdir", str(REPO_ROOT), "-q", f"--junitxml={report}", *arguments]
    started = time.perf_counter()
    subprocess.run(command, cwd=REPO_ROOT, check=False, stdout=subprocess.DEVNULL)
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
    sources = [path for kind in ["solutions", "exercises"] for path in sorted((REPO_ROOT / kind).glob("*.ipynb"))]
    for number in range(size):
        source = sources[number % len(sources)]
        target = folder / f"learner_{number:03d}" / source.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(source.read_bytes())


def run_grading(size: int, workers: int) -> None:
    """Grade a synthetic class at one worker and at `workers`, beside `jupyter nbconvert --execute` one by one."""
    from russia_venezuela import grading

    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        synthetic_class(scratch / "class", size)
        timings = {}
        for count in sorted({1, workers}):
            started = time.perf_counter()
            grading.grade(scratch / "class", scratch / f"out_{count}", workers=count, report=lambda message: None)
            timings[f"russia-venezuela grade, {count} worker(s)"] = time.perf_counter() - started
        started = time.perf_counter()
        for notebook in sorted((scratch / "class").rglob("*.ipynb")):
            subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
                            "--output-dir", str(scratch / "nbconvert"), str(notebook)],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        timings["jupyter nbconvert --execute, one by one"] = time.perf_counter() - started
    print(f"{size} submissions on {os.cpu_count()} cores")
    for name, seconds in timings.items():
        print(f"{name:42} {seconds:7.1f} s  {size / seconds * 60:6.1f} submissions per minute")
