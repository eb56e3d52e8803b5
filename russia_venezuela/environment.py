"""The course's environment: the pins in environment.yml, the lock made from them, and a learner's check.

environment.yml is the one list of what the course installs; requirements-lock.txt is generated from it
(`russia-venezuela lock`, russia_venezuela.maintainer.lock) for machines without conda.
"""

import re
import sys
from importlib import metadata

from russia_venezuela import paths

# `- pandas=3.1.1` (conda) or `- playwright==1.65.2` (pip section)
_ENV_PIN = re.compile(r"^\s*-\s*([A-Za-z0-9_.\-]+)\s*==?\s*([^\s#]+)")
# `pandas==3.1.1` or `numpy==2.4.6 ; python_full_version < '3.12'`
_LOCK_PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)\s*(?:;\s*(.*))?$")


def normalise(name: str) -> str:
    """A package name as PyPI compares it (PEP 503): lower case, runs of -_. as one dash."""
    return re.sub(r"[-_.]+", "-", name).lower()


def environment_pins(text: str | None = None) -> dict[str, str]:
    """Package -> version pinned in environment.yml, leaving out python and pip themselves."""
    text = paths.ENVIRONMENT_FILE.read_text(encoding="utf-8") if text is None else text
    pins = {}
    for line in text.splitlines():
        match = _ENV_PIN.match(line)
        if match and normalise(match[1]) not in {"python", "pip"}:
            pins[normalise(match[1])] = match[2]
    return pins


def lock_pins(text: str | None = None) -> dict[str, set[str]]:
    """Package -> versions in the lock (a package may have one version per Python range)."""
    text = paths.LOCK_FILE.read_text(encoding="utf-8") if text is None else text
    pins: dict[str, set[str]] = {}
    for line in text.splitlines():
        match = _LOCK_PIN.match(line.strip())
        if match:
            pins.setdefault(normalise(match[1]), set()).add(match[2])
    return pins


def lock_disagreements(environment_text: str | None = None, lock_text: str | None = None) -> list[str]:
    """Each way the lock fails to install exactly what environment.yml pins, in a sentence."""
    locked = lock_pins(lock_text)
    problems = []
    for name, version in environment_pins(environment_text).items():
        if name not in locked:
            problems.append(f"{name} is pinned to {version} in environment.yml but missing from the lock.")
        elif locked[name] != {version}:
            found = ", ".join(sorted(locked[name]))
            problems.append(f"{name} is pinned to {version} in environment.yml but locked at {found}.")
    return problems


def installed_version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def check_environment() -> bool:
    """Print the versions that matter to the course and what to do about any that are off.

    Returns True when everything matches environment.yml, so a notebook cell can show a clear verdict.
    """
    import altair as alt

    pins = environment_pins()
    rows = [("python", f"{sys.version_info.major}.{sys.version_info.minor}", "3.11 or newer",
             sys.version_info >= (3, 11))]
    for package in ["jupyterlab", "pandas", "altair", "nbval"]:
        found = installed_version(package)
        rows.append((package, found or "not installed", pins[package], found == pins[package]))
    rows.append(("chart renderer", alt.renderers.active, "mimetype", alt.renderers.active == "mimetype"))

    width = max(len(row[0]) for row in rows)
    print(f"{'':{width}}  {'found':<16}{'expected':<16}")
    for name, found, expected, ok in rows:
        print(f"{name:<{width}}  {found:<16}{expected:<16}{'ok' if ok else 'OFF'}")
    if all(row[3] for row in rows):
        print("\nAll set: your environment matches the course.")
        return True
    print(
        "\nSomething is off. Close JupyterLab, then from the course folder run `make lab` again:\n"
        "it reinstalls the course's packages and reopens this notebook. If you use conda instead, run\n"
        "`conda env update --file environment.yml --prune` and pick the 'russia-venezuela' kernel."
    )
    return False
