"""Every relative link of every notebook and Markdown file leads to a file inside the course folder (the root
that `make lab` gives JupyterLab), and every #anchor to a heading that is there."""

import re
from pathlib import Path

import nbformat
import pytest

from russia_venezuela.paths import COURSE_ROOT

SKIPPED_FOLDERS = {".git", ".venv", "test-artifacts", "node_modules", "__pycache__", ".ipynb_checkpoints"}
DOCUMENTS = sorted(path for pattern in ["*.md", "*.ipynb"] for path in COURSE_ROOT.rglob(pattern)
                   if not SKIPPED_FOLDERS & set(path.relative_to(COURSE_ROOT).parts))
# [text](target) or [text](target "title"), and <a href="target">
LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)|<a\s[^>]*href=\"([^\"]+)\"")
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)


def markdown_of(path: Path) -> str:
    """The Markdown a reader sees: a notebook's Markdown cells, or a file's text, without fenced code."""
    if path.suffix == ".ipynb":
        text = "\n\n".join(cell.source for cell in nbformat.read(path, as_version=4).cells
                           if cell.cell_type == "markdown")
    else:
        text = path.read_text(encoding="utf-8")
    return FENCE.sub("", text)


def anchors_of(path: Path) -> set[str]:
    """The anchors JupyterLab and GitHub give the headings: lower case, spaces as dashes, punctuation dropped
    (JupyterLab keeps case and punctuation, so both spellings are accepted)."""
    anchors = set()
    for heading in HEADING.findall(markdown_of(path)):
        text = re.sub(r"[`*_]", "", heading).strip()
        anchors.add(re.sub(r"[^\w\- ]", "", text.lower()).replace(" ", "-"))
        anchors.add(text.replace(" ", "-"))
    return anchors


def relative_links(path: Path) -> list[str]:
    targets = [match[0] or match[1] for match in LINK.findall(markdown_of(path))]
    return [target for target in targets if not re.match(r"^[a-z][a-z0-9+.-]*:", target)]  # http:, mailto: ...


def link_problem(path: Path, target: str) -> str | None:
    file_part, _, anchor = target.partition("#")
    resolved = (path.parent / file_part).resolve() if file_part else path
    if COURSE_ROOT.resolve() not in [resolved, *resolved.parents]:
        return f"{target} leads outside the course folder"
    if not resolved.exists():
        return f"{target} does not exist"
    if anchor and resolved.is_file() and resolved.suffix in {".md", ".ipynb"} and anchor not in anchors_of(resolved):
        return f"{target}: {resolved.name} has no heading for #{anchor}"
    return None


def test_the_documents_are_all_found():
    names = {path.relative_to(COURSE_ROOT).as_posix() for path in DOCUMENTS}
    assert {"README.md", "docs/instructors.md", "data/README.md", "exercises/README.md",
            "notebooks/00_start_here.ipynb"} <= names
    assert len([name for name in names if name.endswith(".ipynb")]) == 25


@pytest.mark.parametrize("path", DOCUMENTS, ids=[path.relative_to(COURSE_ROOT).as_posix() for path in DOCUMENTS])
def test_every_relative_link_resolves_inside_the_course(path):
    problems = [problem for target in relative_links(path) if (problem := link_problem(path, target))]
    assert problems == [], f"{path.relative_to(COURSE_ROOT)}: {problems}"


def test_a_dead_link_an_escaping_link_and_a_missing_anchor_are_caught(tmp_path):
    page = COURSE_ROOT / "notebooks" / "00_start_here.ipynb"
    assert link_problem(page, "../exercises/99_missing.ipynb") == "../exercises/99_missing.ipynb does not exist"
    assert "outside the course folder" in link_problem(page, "../../shared/STYLE.md")
    assert "no heading for #nowhere" in link_problem(page, "../README.md#nowhere")
    assert link_problem(page, "../README.md#quick-start") is None
    assert relative_links(COURSE_ROOT / "README.md"), "the README's links were not read"
