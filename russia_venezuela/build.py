"""Writes what the notebooks must never type twice: each lesson's front matter and its navigation.

A lesson keeps its questions, objectives, timings and key points in its notebook metadata under "course".
`russia-venezuela build` turns that into the first cell (title, time, questions, objectives) and the last cell
(key points, previous / contents / next links, the exercises) of every lesson, so that renaming a lesson
cannot leave a dead link. tests/test_notebooks.py fails when a committed notebook differs from what the
build would write.
"""

import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

from russia_venezuela.environment import REPO_ROOT

LESSONS_DIR = REPO_ROOT / "notebooks"
EXERCISES_DIR = REPO_ROOT / "exercises"
SOLUTIONS_DIR = REPO_ROOT / "solutions"
HEADER_TAG = "course-header"
FOOTER_TAG = "course-footer"
REQUIRED_KEYS = ["title", "questions", "objectives", "prerequisites", "teaching_minutes", "exercise_minutes",
                 "key_points"]
_LESSON_NAME = re.compile(r"^(\d{2})_[a-z0-9_]+\.ipynb$")


@dataclass(frozen=True)
class Lesson:
    path: Path
    number: str
    meta: dict

    @property
    def title(self) -> str:
        return self.meta["title"]

    @property
    def exercise_path(self) -> Path:
        return EXERCISES_DIR / self.path.name

    @property
    def minutes(self) -> int:
        return self.meta["teaching_minutes"] + self.meta["exercise_minutes"]


def read_lessons(lessons_dir: Path = LESSONS_DIR) -> list[Lesson]:
    """Every lesson in course order, with its metadata checked for the keys the build needs."""
    lessons = []
    for path in sorted(lessons_dir.glob("*.ipynb")):
        match = _LESSON_NAME.match(path.name)
        if not match:
            raise ValueError(f"{path.name}: lessons are named NN_words_in_snake_case.ipynb; rename it.")
        meta = nbformat.read(path, as_version=4).metadata.get("course", {})
        missing = [key for key in REQUIRED_KEYS if key not in meta]
        if missing:
            raise ValueError(f"{path.name}: its notebook metadata 'course' lacks {', '.join(missing)}.")
        lessons.append(Lesson(path, match[1], meta))
    return lessons


def _bullets(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def header_source(lesson: Lesson) -> str:
    meta = lesson.meta
    time = f"{meta['teaching_minutes']} min lesson"
    if meta["exercise_minutes"]:
        time += f" + {meta['exercise_minutes']} min exercises"
    prerequisites = ", ".join(meta["prerequisites"]) or "none"
    return (
        f"# {lesson.number}. {lesson.title}\n\n"
        f"**Time:** {time} · **Prerequisites:** {prerequisites}\n\n"
        f"**Questions**\n{_bullets(meta['questions'])}\n\n"
        f"**Objectives**\n{_bullets(meta['objectives'])}"
    )


def footer_source(lessons: list[Lesson], index: int) -> str:
    lesson = lessons[index]
    links = []
    if index > 0:
        links.append(f"← [{lessons[index - 1].number}. {lessons[index - 1].title}]({lessons[index - 1].path.name})")
    if index > 0:
        links.append(f"[Contents]({lessons[0].path.name})")
    if index + 1 < len(lessons):
        links.append(f"[{lessons[index + 1].number}. {lessons[index + 1].title}]({lessons[index + 1].path.name}) →")
    text = f"## Key points\n{_bullets(lesson.meta['key_points'])}\n\n---\n" + " · ".join(links)
    if lesson.exercise_path.exists():
        text += (f"\n\n**Practise:** [exercises for this lesson](../exercises/{lesson.path.name})"
                 f" · [solutions](../solutions/{lesson.path.name})")
    return text


def _set_tagged_cell(notebook, tag: str, source: str, at_start: bool) -> None:
    """Replace the cell carrying `tag`, or add it at the start or end of the notebook."""
    for cell in notebook.cells:
        if tag in cell.metadata.get("tags", []):
            cell.source = source
            return
    cell = nbformat.v4.new_markdown_cell(source, metadata={"tags": [tag], "editable": False})
    notebook.cells.insert(0 if at_start else len(notebook.cells), cell)


def built_lessons(lessons_dir: Path = LESSONS_DIR) -> dict[Path, nbformat.NotebookNode]:
    """Each lesson as the build would write it."""
    lessons = read_lessons(lessons_dir)
    built = {}
    for index, lesson in enumerate(lessons):
        notebook = nbformat.read(lesson.path, as_version=4)
        _set_tagged_cell(notebook, HEADER_TAG, header_source(lesson), at_start=True)
        _set_tagged_cell(notebook, FOOTER_TAG, footer_source(lessons, index), at_start=False)
        built[lesson.path] = notebook
    return built


def notebook_text(notebook: nbformat.NotebookNode) -> str:
    return nbformat.writes(notebook) + "\n"


def build() -> list[Path]:
    """Rewrite every notebook whose generated parts are out of date; return those it changed."""
    changed = []
    for path, notebook in built_lessons().items():
        text = notebook_text(notebook)
        if path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


def course_map(lessons_dir: Path = LESSONS_DIR):
    """One row per lesson: number, title, minutes, objectives and its exercises, read from the notebooks."""
    import pandas as pd

    return pd.DataFrame(
        {
            "lesson": lesson.number,
            "title": lesson.title,
            "lesson_minutes": lesson.meta["teaching_minutes"],
            "exercise_minutes": lesson.meta["exercise_minutes"],
            "objectives": "; ".join(lesson.meta["objectives"]),
            "exercises": lesson.exercise_path.name if lesson.exercise_path.exists() else "",
        }
        for lesson in read_lessons(lessons_dir)
    )
