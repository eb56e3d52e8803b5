"""Running a notebook headlessly, for the tests that inspect what a notebook outputs."""

from functools import cache
from pathlib import Path

import nbformat
from nbclient import NotebookClient

VEGALITE_MIME = "application/vnd.vegalite.v5+json"


@cache
def code_outputs(path: Path) -> list[dict]:
    """Every output of the notebook's code cells, from one run in a fresh kernel (cached per test process)."""
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=120, resources={"metadata": {"path": str(path.parent)}}).execute()
    return [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]
