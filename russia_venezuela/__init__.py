"""Helpers for the Russia–Venezuela ties course: loading data, checking answers, building and grading.

In a notebook: `import russia_venezuela as rv`, then `rv.load("events")`. Importing the package also sets
Altair up for the course (offline rendering, the course's look); see `russia_venezuela.charts`, which also
gives `colour_scale` and `count_axis`. It imports no more than a lesson needs: the questions, grading and the
maintainers' code (`maintainer/`) are imported where they are used.
"""

from russia_venezuela.charts import colour_scale, count_axis, use_course_charts
from russia_venezuela.data import DataError, describe, load, raw_text, tables
from russia_venezuela.environment import check_environment
from russia_venezuela.lessons import course_map


def progress_table(detail: bool = False):
    """Your progress: per exercise set, questions solved and points earned, and the total; with
    `detail=True`, one row per question (status, attempts, hints used, solution seen). Shown whole; the
    DataFrame behind it is its `.table`."""
    from russia_venezuela import progress
    from russia_venezuela.questions import all_questions

    return progress.progress_view(progress.question_table(all_questions()), per_question=detail)


__all__ = ["DataError", "check_environment", "colour_scale", "count_axis", "course_map", "describe", "load",
           "progress_table", "raw_text", "tables"]

use_course_charts()
