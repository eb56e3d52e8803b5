"""Bring a learner's copy of the course up to date without losing their work: `make update`.

The merge is nbgitpuller's, the tool JupyterHubs use to hand out course material: it commits the learner's
changes, restores files they deleted, renames their own files that the course now also has, and merges the
course's new version so that wherever the learner and the course changed the same lines, the learner's
lines win. This module adds what a learner needs around it: plain messages, a list of what was kept, and a
guard that a merged notebook is still a notebook (if not, the learner's own version is put back).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import nbformat

from russia_venezuela import paths


class UpdateError(Exception):
    """The course could not be updated; the message says why and what to do."""


def _git(course: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=course, capture_output=True, text=True)
    if done.returncode != 0:
        raise UpdateError(done.stderr.strip() or f"git {' '.join(args)} failed")
    return done.stdout.strip()


def _changed_files(course: Path, *revisions: str) -> list[str]:
    return [line for line in _git(course, "diff", "--name-only", *revisions).splitlines() if line]


def _locally_changed(course: Path) -> list[str]:
    """Files the learner changed or added (ignored files, such as .venv, and deleted files are not counted)."""
    status = _git(course, "status", "--porcelain", "--untracked-files=all")
    return sorted(line[3:].strip('"') for line in status.splitlines() if line and "D" not in line[:2])


def _broken_notebooks(course: Path, paths: list[str]) -> list[str]:
    broken = []
    for path in paths:
        if path.endswith(".ipynb") and (course / path).exists():
            try:
                nbformat.validate(nbformat.read(course / path, as_version=4))
            except Exception:  # any unreadable or invalid notebook counts, whatever the reason
                broken.append(path)
    return broken


def update(course: Path | None = None) -> list[str]:
    """Merge the course's latest version into `course` (this course, if None); return the learner's files that
    were kept."""
    from nbgitpuller.pull import GitPuller

    course = course or paths.COURSE_ROOT

    if not (course / ".git").exists():
        raise UpdateError(f"{course} is not a git clone, so it cannot be updated in place. Download the new "
                          "version into another folder and copy your notebooks across.")
    origin = _git(course, "remote", "get-url", "origin")
    branch = _git(course, "rev-parse", "--abbrev-ref", "HEAD")
    if branch == "HEAD":
        raise UpdateError("This copy is not on a branch (a detached HEAD). Run `git switch main`, then again.")
    mine = _locally_changed(course)
    before = _git(course, "rev-parse", "HEAD")
    print(f"Updating the course from {origin} ({branch}). Your changes are committed first, so none is lost.")
    try:
        for line in GitPuller(origin, str(course), branch=branch, depth=0).pull():
            if line.startswith(("Renamed", "CONFLICT", "Caught")):  # what a learner needs; git's chatter is not
                print("  " + line.rstrip())
    except subprocess.CalledProcessError as error:
        if {"fetch", "ls-remote"} & set(error.cmd):
            raise UpdateError(f"The course's repository ({origin}) could not be reached. Check your connection "
                              "and try again; nothing was changed.") from error
        subprocess.run(["git", "merge", "--abort"], cwd=course, capture_output=True)
        raise UpdateError(f"git could not merge the course's new version ({' '.join(error.cmd[-2:])}). Your "
                          "work is safe: it is committed in your copy. Ask your instructor, or run "
                          "`git status` to see where it stopped.") from error
    except Exception as error:  # nbgitpuller raises plain exceptions for a locked or unreachable repository
        raise UpdateError(f"The update stopped: {error}. Nothing was changed; try again in a minute.") from error
    updated = _changed_files(course, before, "HEAD")
    from_course = _changed_files(course, f"{before}...origin/{branch}")
    for path in _broken_notebooks(course, updated):
        # The learner's last committed version is the one their work is in; the course's is in `origin`.
        subprocess.run(["git", "checkout", "HEAD^1", "--", path], cwd=course, check=True, capture_output=True)
        print(f"  {path}: the merged version was not a valid notebook, so your own version was put back. "
              f"The course's new version is in git: `git show origin/{branch}:{path}`.")
    print(f"Done: {len(from_course)} file(s) of the course changed."
          + (f" Your {len(mine)} changed file(s) were kept; where the course changed the same lines, your "
             "lines won." if mine else ""))
    return mine
