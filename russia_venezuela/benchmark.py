"""How long the test suite takes, against the floor of starting the same number of kernels.

The floor is what the suite would cost if every notebook did nothing but import the course's packages:
the part of the time no lesson can win back. The ratio says how much the notebooks' own work adds.
"""

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
