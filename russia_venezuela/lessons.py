"""The course's lessons, as their notebooks describe themselves, and the course map a learner opens first.

A lesson keeps its questions, objectives, timings and key points in its notebook metadata under "course";
`russia-venezuela build` (russia_venezuela.maintainer.build) writes the notebooks' generated parts from it.
Only the metadata is read here, as plain JSON, so that `rv.course_map()` needs nothing of the build.
"""

import json
import re
from dataclasses import dataclass
from pathlib import Path

from russia_venezuela import paths

REQUIRED_KEYS = ["title", "questions", "objectives", "prerequisites", "teaching_minutes", "exercise_minutes",
                 "key_points", "pandas_skills", "altair_skills"]
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
        return paths.EXERCISES_DIR / self.path.name

    @property
    def minutes(self) -> int:
        return self.meta["teaching_minutes"] + self.meta["exercise_minutes"]


def read_lessons(lessons_dir: Path | None = None) -> list[Lesson]:
    """Every lesson in course order, with its metadata checked for the keys the build needs."""
    lessons = []
    for path in sorted((lessons_dir or paths.LESSONS_DIR).glob("*.ipynb")):
        match = _LESSON_NAME.match(path.name)
        if not match:
            raise ValueError(f"{path.name}: lessons are named NN_words_in_snake_case.ipynb; rename it.")
        meta = json.loads(path.read_text(encoding="utf-8")).get("metadata", {}).get("course", {})
        missing = [key for key in REQUIRED_KEYS if key not in meta]
        if missing:
            raise ValueError(f"{path.name}: its notebook metadata 'course' lacks {', '.join(missing)}.")
        lessons.append(Lesson(path, match[1], meta))
    return lessons


def course_map(lessons_dir: Path | None = None):
    """One row per lesson: number, title, minutes, objectives and its exercises, read from the notebooks and
    shown whole (the DataFrame is its `.table`)."""
    import pandas as pd

    from russia_venezuela.display import FullTable

    return FullTable(pd.DataFrame(
        {
            "lesson": lesson.number,
            "title": lesson.title,
            "lesson_minutes": lesson.meta["teaching_minutes"],
            "exercise_minutes": lesson.meta["exercise_minutes"],
            "objectives": "; ".join(lesson.meta["objectives"]),
            "exercises": lesson.exercise_path.name if lesson.exercise_path.exists() else "",
        }
        for lesson in read_lessons(lessons_dir)
    ))
