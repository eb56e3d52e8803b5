"""The model answers in the solution notebooks, marked as nbgrader marks them: the code between
`### BEGIN SOLUTION` and `### END SOLUTION` in a cell. The build blanks these regions out of the exercises,
`q1.solution()` shows one, and a check (or the grader) asks whether a cell assigns a question's variable.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

from russia_venezuela import paths

BEGIN_SOLUTION = "### BEGIN SOLUTION"
END_SOLUTION = "### END SOLUTION"


def solution_region(lines: list[str]) -> tuple[int, int] | None:
    """The indexes of the BEGIN and END marker lines (END missing: the number of lines), or None if no region."""
    markers = [line.strip() for line in lines]
    if BEGIN_SOLUTION not in markers:
        return None
    return markers.index(BEGIN_SOLUTION), markers.index(END_SOLUTION) if END_SOLUTION in markers else len(lines)


def solution_code(source: str) -> str | None:
    """The code between nbgrader's solution markers in a cell's source, or None if it has none."""
    lines = source.splitlines()
    region = solution_region(lines)
    return None if region is None else "\n".join(lines[region[0] + 1:region[1]])


def solution_text(exercise: str, variable: str, solutions_dir: Path | None = None) -> str:
    """The model answer for the question whose answer goes in `variable`, as Markdown."""
    path = (solutions_dir or paths.SOLUTIONS_DIR) / f"{exercise}.ipynb"
    if not path.exists():
        return (f"The solutions are not in this copy of the course (`solutions/{path.name}` is missing). "
                "Your instructor may have left them out on purpose: ask them.")
    for cell in nbformat.read(path, as_version=4).cells:
        code = solution_code(cell.source) if cell.cell_type == "code" else None
        if code is not None and assigns(code, variable):
            return f"**A model answer** (others can be right too):\n\n```python\n{code}\n```"
    return f"No model answer for `{variable}` was found in `solutions/{path.name}`. Please report this."


def assigns(code: str, variable: str) -> bool:
    """Whether a line of `code` assigns `variable` at the top level (`name = ...`)."""
    return re.search(rf"^{re.escape(variable)}\s*=(?!=)", code, flags=re.MULTILINE) is not None
