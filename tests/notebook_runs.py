"""One run of every course notebook, and the checks that read it.

nbval runs each notebook of notebooks/, exercises/ and solutions/ once, cell by cell: CI's proof that it runs.
The checks registered here with `@reads_runs_of(...)` then read what that same run produced (its outputs, the
charts it displayed, the verdicts its checks recorded) instead of running the notebook again. Each check is
an item collected after the notebook's last cell, as a child of nbval's node for the notebook, so that
pytest-xdist's `--dist loadfile` keeps it on the worker that ran the cells, and after them.
"""

import json
import os
from collections.abc import Callable
from pathlib import Path

import nbformat
import pytest
from nbval.plugin import IPyNbCell

from russia_venezuela.progress import PROGRESS_ENV_VAR

VEGALITE_MIME = "application/vnd.vegalite.v5+json"
FOLDERS = ("notebooks", "exercises", "solutions")
CHECKS: dict[str, list[Callable]] = {folder: [] for folder in FOLDERS}


def reads_runs_of(*folders: str):
    """Register a function as a check on the run of every notebook in these course folders."""
    def register(check):
        for folder in folders:
            CHECKS[folder].append(check)
        return check
    return register


class NotebookRun:
    """What nbval's run of one notebook produced: every cell's outputs and the progress records its checks made."""

    def __init__(self, path: Path, cells: list[IPyNbCell], progress_file: Path):
        self.path = path
        self.cells = cells
        self.progress_file = progress_file

    @property
    def label(self) -> str:
        return f"{self.path.parent.name}/{self.path.name}"

    @property
    def outputs(self) -> list[dict]:
        return [output for cell in self.cells for output in cell.test_outputs or []]

    @property
    def chart_specs(self) -> list[dict]:
        """The Vega-Lite spec of every chart the notebook displayed."""
        return [output["data"][VEGALITE_MIME] for output in self.outputs if VEGALITE_MIME in output.get("data", {})]

    def chart_outputs(self) -> int:
        """How many outputs are charts, whichever renderer made them (Altair's HTML one loads Vega itself)."""
        return sum(VEGALITE_MIME in output.get("data", {}) or "vegaEmbed" in output.get("data", {}).get("text/html", "")
                   for output in self.outputs)

    def code(self) -> str:
        return "\n".join(cell.cell.source for cell in self.cells)

    def executed_notebook(self) -> nbformat.NotebookNode:
        """The notebook as a learner's run leaves it: its cells with the outputs this run produced."""
        notebook = nbformat.read(self.path, as_version=4)
        code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
        for number, (cell, item) in enumerate(zip(code_cells, self.cells, strict=True), start=1):
            cell.outputs = [nbformat.from_dict(output) for output in item.test_outputs or []]
            cell.execution_count = number
            for output in cell.outputs:
                if output.output_type == "execute_result":
                    output.execution_count = number
        return notebook

    def events(self) -> list[dict]:
        try:
            lines = self.progress_file.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return []
        return [json.loads(line) for line in lines if line.strip()]


class NotebookCheck(pytest.Item):
    """One check of a notebook's run, reported under the notebook: `notebooks/01_x.ipynb::check_name`."""

    def __init__(self, *, run: NotebookRun, check: Callable[[NotebookRun], None], **kwargs):
        super().__init__(**kwargs)
        self.run = run
        self.check = check

    def runtest(self) -> None:
        failed = [item.name for item in self.run.cells if item.test_outputs is None]
        if failed:
            pytest.fail(f"{self.run.label}: {', '.join(failed)} did not run, so its outputs cannot be read")
        self.check(self.run)

    def reportinfo(self):
        return self.path, None, f"{self.run.label}: {self.name}"

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, AssertionError):
            return f"{self.run.label}: {excinfo.value}"
        return super().repr_failure(excinfo, style=style)


def _own_progress_file(notebook_file, progress_file: Path) -> None:
    """Make the kernel nbval starts for this notebook record its checks in a file of its own. nbval starts the
    kernel in the notebook node's setup, which hands the kernel this process's environment."""
    start_kernel = notebook_file.setup

    def setup():
        os.environ[PROGRESS_ENV_VAR] = str(progress_file)
        start_kernel()

    notebook_file.setup = setup


def add_run_checks(items: list[pytest.Item], scratch: Path) -> None:
    """After the last cell of each course notebook, insert the checks registered for its folder."""
    cells_of: dict[pytest.Collector, list[IPyNbCell]] = {}
    for item in items:
        if isinstance(item, IPyNbCell):
            cells_of.setdefault(item.parent, []).append(item)
    with_checks = []
    for item in items:
        with_checks.append(item)
        cells = cells_of.get(item.parent) if isinstance(item, IPyNbCell) else None
        if not cells or item is not cells[-1] or item.path.parent.name not in CHECKS:
            continue
        notebook_file = item.parent
        progress_file = scratch / "progress" / f"{item.path.parent.name}__{item.path.stem}.jsonl"
        _own_progress_file(notebook_file, progress_file)
        run = NotebookRun(item.path, cells, progress_file)
        with_checks += [NotebookCheck.from_parent(notebook_file, name=check.__name__, run=run, check=check)
                        for check in CHECKS[item.path.parent.name]]
    items[:] = with_checks
