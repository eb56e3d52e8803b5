"""Notebooks are committed clean and their generated parts are current (tests/test_links.py follows links)."""

import re

import nbformat
import pytest

from russia_venezuela import paths
from russia_venezuela.lessons import read_lessons
from russia_venezuela.maintainer import build

NOTEBOOKS = sorted(path for folder in [paths.LESSONS_DIR, paths.EXERCISES_DIR, paths.SOLUTIONS_DIR]
                   for path in folder.glob("*.ipynb"))
NOTEBOOK_IDS = [f"{path.parent.name}/{path.name}" for path in NOTEBOOKS]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NOTEBOOK_IDS)
def test_notebook_is_committed_without_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    dirty = [index for index, cell in enumerate(notebook.cells)
             if cell.cell_type == "code" and (cell.outputs or cell.execution_count)]
    assert dirty == [], f"{path.name}: cells {dirty} keep outputs; clear them (Edit > Clear Outputs of All Cells)"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NOTEBOOK_IDS)
def test_notebook_runs_on_the_course_kernel(path):
    assert nbformat.read(path, as_version=4).metadata.get("kernelspec", {}).get("name") == "python3"


def test_generated_front_matter_navigation_and_skills_map_are_current():
    stale = [path.name for path, text in build.built_files().items()
             if not path.exists() or path.read_text(encoding="utf-8") != text]
    assert stale == [], f"run `russia-venezuela build` to refresh: {stale}"


def test_navigation_follows_the_course_order(tmp_path):
    for name, title in [("00_start.ipynb", "Start"), ("01_first.ipynb", "First"), ("02_second.ipynb", "Second")]:
        notebook = nbformat.v4.new_notebook(metadata={"course": {
            "title": title, "questions": ["q"], "objectives": ["o"], "prerequisites": [],
            "teaching_minutes": 5, "exercise_minutes": 0, "key_points": ["k"],
            "pandas_skills": ["merge"], "altair_skills": []}})
        nbformat.write(notebook, tmp_path / name)
    footers = {path.name: notebook.cells[-1].source for path, notebook in build.built_lessons(tmp_path).items()}
    assert "[02. Second](02_second.ipynb) →" in footers["01_first.ipynb"]
    assert "← [00. Start](00_start.ipynb)" in footers["01_first.ipynb"]
    assert "→" not in footers["02_second.ipynb"]
    assert "←" not in footers["00_start.ipynb"]


def test_a_lesson_without_its_metadata_is_named(tmp_path):
    nbformat.write(nbformat.v4.new_notebook(), tmp_path / "03_bare.ipynb")
    with pytest.raises(ValueError, match="03_bare.ipynb.*lacks title"):
        read_lessons(tmp_path)


def test_skills_map_lists_every_lesson_with_its_skills_and_total_time(tmp_path):
    for name, title, minutes in [("00_start.ipynb", "Start", 10), ("01_first.ipynb", "First", 55)]:
        nbformat.write(nbformat.v4.new_notebook(metadata={"course": {
            "title": title, "questions": ["q"], "objectives": ["o"], "prerequisites": [],
            "teaching_minutes": minutes, "exercise_minutes": 0, "key_points": ["k"],
            "pandas_skills": ["merge", "groupby"], "altair_skills": ["mark_bar", "a | b"]}}), tmp_path / name)
    readme = f"intro\n{build.SKILLS_MAP_START}\nold table\n{build.SKILLS_MAP_END}\nrest\n"
    rebuilt = build.built_readme(readme, read_lessons(tmp_path))
    assert "old table" not in rebuilt and rebuilt.startswith("intro\n") and rebuilt.endswith("rest\n")
    assert "| [01. First](notebooks/01_first.ipynb) | merge, groupby | mark_bar, a \\| b | – | 55 min |" in rebuilt
    assert "**1 h 05 min**" in rebuilt


def test_the_instructor_guides_course_map_adds_up():
    from russia_venezuela.questions import points_table

    guide = paths.INSTRUCTOR_GUIDE.read_text(encoding="utf-8")
    total = re.search(r"^\| \*\*total\*\* .*\| \*\*(\d+)\*\* \| \*\*(\d+)\*\* \|$", guide, re.MULTILINE)
    table = points_table()
    assert (int(total[1]), int(total[2])) == (len(table), table["points"].sum())
