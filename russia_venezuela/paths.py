"""Where the course's parts live: the one home of every path the package uses. The course is a folder (a
clone), with the package inside it; these are its parts."""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DIR = REPO_ROOT / "russia_venezuela"
DATA_DIR = REPO_ROOT / "data"
LESSONS_DIR = REPO_ROOT / "notebooks"
EXERCISES_DIR = REPO_ROOT / "exercises"
SOLUTIONS_DIR = REPO_ROOT / "solutions"
README = REPO_ROOT / "README.md"
INSTRUCTOR_GUIDE = REPO_ROOT / "docs" / "instructors.md"
ENVIRONMENT_FILE = REPO_ROOT / "environment.yml"
LOCK_FILE = REPO_ROOT / "requirements-lock.txt"
