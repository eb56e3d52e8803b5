"""`russia-venezuela lock`: requirements-lock.txt resolved from environment.yml's pins, for every platform."""

import shutil
import subprocess

from russia_venezuela import paths
from russia_venezuela.environment import environment_pins

LOCK_PYTHON = "3.11"


def write_lock() -> None:
    """Resolve environment.yml's pins for every platform and write requirements-lock.txt (needs uv)."""
    uv = shutil.which("uv")
    if uv is None:
        raise SystemExit("The lock is resolved with uv, which is not installed. Run: python -m pip install uv")
    requirements = "".join(f"{name}=={version}\n" for name, version in environment_pins().items())
    resolved = subprocess.run(
        [uv, "pip", "compile", "--universal", "--python-version", LOCK_PYTHON, "--no-header", "-"],
        input=requirements, capture_output=True, text=True, check=True,
    ).stdout
    header = (
        "# Exact versions of everything the course installs with pip, for Python 3.11 and newer.\n"
        "# Generated from environment.yml by `russia-venezuela lock`: edit environment.yml, not this file.\n"
    )
    paths.LOCK_FILE.write_text(header + resolved, encoding="utf-8")
