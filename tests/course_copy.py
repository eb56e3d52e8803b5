"""A learner's copy of the course, for tests that run the README's commands in it as a learner would."""

import os
import shutil
import subprocess
from pathlib import Path

from russia_venezuela.paths import COURSE_ROOT

# The suite sets these for the kernels it starts (warnings as errors, web access blocked); a learner's
# terminal has none of them, and pip and uv would stop on them.
PROXY_VARIABLES = ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY")
SUITE_ONLY = {"PYTHONWARNINGS", *PROXY_VARIABLES, "RUSSIA_VENEZUELA_STRICT"}


def course_files() -> list[str]:
    """The course as a clone has it: tracked files, and new ones not yet committed, never ignored ones."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=COURSE_ROOT, check=True,
                            capture_output=True, text=True).stdout.splitlines()
    return [name for name in listed if (COURSE_ROOT / name).is_file()]


def copy_course(destination: Path) -> Path:
    for name in course_files():
        (destination / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(COURSE_ROOT / name, destination / name)
    return destination


def learners_shell(**extra: str) -> dict[str, str]:
    """The environment of a learner's terminal, with `extra` variables set."""
    shell = {name: value for name, value in os.environ.items()
             if name not in SUITE_ONLY and not name.startswith("GIT_")}
    return {**shell, **extra}
