"""Where the course's parts live: the one home of every path the package uses.

The course is a folder (a clone) holding `data/datapackage.json`, the lessons, exercises and solutions. The
package may sit inside it (a checkout, installed editable) or be installed as a wheel anywhere; its course
folder is then found as `course_root` says. Each part (`paths.DATA_DIR`, `paths.LESSONS_DIR`, ...) is looked
up when it is used, so that importing the package works anywhere and only a use outside a course says what
to do.
"""

import os
from pathlib import Path

COURSE_ENV_VAR = "RUSSIA_VENEZUELA_COURSE"
COURSE_MARKER = Path("data") / "datapackage.json"
PACKAGE_DIR = Path(__file__).resolve().parent

_PARTS = {
    "COURSE_ROOT": ".",
    "DATA_DIR": "data",
    "LESSONS_DIR": "notebooks",
    "EXERCISES_DIR": "exercises",
    "SOLUTIONS_DIR": "solutions",
    "README": "README.md",
    "INSTRUCTOR_GUIDE": "docs/instructors.md",
    "ENVIRONMENT_FILE": "environment.yml",
    "LOCK_FILE": "requirements-lock.txt",
}


class CourseNotFound(FileNotFoundError):
    """No course folder could be found for the package; the message says how to name one."""


def course_root() -> Path:
    """The course folder: the checkout holding the package, if it is one; else the folder named by the
    environment variable RUSSIA_VENEZUELA_COURSE; else the current folder or its nearest parent that is one
    (a learner runs notebooks inside the course folder)."""
    if (PACKAGE_DIR.parent / COURSE_MARKER).is_file():
        return PACKAGE_DIR.parent
    named = os.environ.get(COURSE_ENV_VAR)
    if named:
        folder = Path(named).expanduser().resolve()
        if not (folder / COURSE_MARKER).is_file():
            raise CourseNotFound(f"{COURSE_ENV_VAR} names {folder}, which holds no {COURSE_MARKER}, so it is not "
                                 "the course folder. Set it to the folder you cloned or unpacked the course into.")
        return folder
    here = Path.cwd().resolve()
    for folder in [here, *here.parents]:
        if (folder / COURSE_MARKER).is_file():
            return folder
    raise CourseNotFound(f"The course folder was not found: neither {here} nor any folder above it holds "
                         f"{COURSE_MARKER}. Start Jupyter (or Python) inside the course folder, or set the "
                         f"environment variable {COURSE_ENV_VAR} to it.")


def __getattr__(name: str) -> Path:
    if name in _PARTS:
        return course_root() / _PARTS[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
