"""`make update`, as the README tells a learner to run it, on a real clone of the course: the learner's
edited and executed exercise survives a real upstream change to the same notebook, and the course's other
changes arrive."""

import re
import subprocess
from pathlib import Path

import nbformat
import pytest
from course_copy import copy_course, course_files, learners_shell
from nbclient import NotebookClient

EXERCISE = Path("exercises/01_the_sources.ipynb")
ANSWER = 'forum_words = articles.loc[articles["article_id"] == "art_004", "word_count"].item()'
GIT_USER = ["-c", "user.email=maintainer@example.org", "-c", "user.name=Maintainer"]


def git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", *GIT_USER, *args], cwd=folder, check=True, capture_output=True,
                          text=True).stdout


def edit_cell(path: Path, marker: str, new_source) -> None:
    notebook = nbformat.read(path, as_version=4)
    cell = next(cell for cell in notebook.cells if marker in cell.source)
    cell.source = new_source(cell.source)
    nbformat.write(notebook, path)


@pytest.fixture(scope="module")
def updated_course(tmp_path_factory):
    root = tmp_path_factory.mktemp("update")
    maintainer, upstream, learner = root / "maintainer", root / "upstream.git", root / "learner"
    copy_course(maintainer)
    git(maintainer, "init", "--quiet", "--initial-branch=main")
    git(maintainer, "add", "--all")
    git(maintainer, "commit", "--quiet", "-m", "The course as released")
    subprocess.run(["git", "clone", "--quiet", "--bare", str(maintainer), str(upstream)], check=True)
    subprocess.run(["git", "clone", "--quiet", str(upstream), str(learner)], check=True)

    # The learner answers q1, runs the whole exercise in a kernel started in its folder, and saves it with its
    # outputs; deletes a lesson by mistake; and keeps notes of their own.
    edit_cell(learner / EXERCISE, "forum_words = ____", lambda source: source.replace("forum_words = ____", ANSWER))
    notebook = nbformat.read(learner / EXERCISE, as_version=4)
    NotebookClient(notebook, timeout=120, allow_errors=True,
                   resources={"metadata": {"path": str(learner / EXERCISE.parent)}}).execute()
    nbformat.write(notebook, learner / EXERCISE)
    learner_version = (learner / EXERCISE).read_text(encoding="utf-8")
    (learner / "notebooks" / "03_who_is_who.ipynb").unlink()
    (learner / "my_notes.md").write_text("What I want to ask in class.\n", encoding="utf-8")

    # The maintainer improves the same exercise's last cell, fixes a lesson and adds a page.
    edit_cell(maintainer / EXERCISE, "## Done?", lambda source: source + "\n\nUpdated by the maintainer.")
    # ...and rewords the very line above the learner's answer: the two changes collide, and the learner's wins.
    edit_cell(maintainer / EXERCISE, "forum_words = ____",
              lambda source: source.replace("forum_words = ____", "forum_words = ____  # a number"))
    edit_cell(maintainer / "notebooks" / "02_meetings_timeline.ipynb", "## Key points",
              lambda source: source + "\n\nA correction from the maintainer.")
    (maintainer / "docs" / "whats_new.md").write_text("# What is new\n", encoding="utf-8")
    git(maintainer, "add", "--all")
    git(maintainer, "commit", "--quiet", "-m", "Course update")
    git(maintainer, "push", "--quiet", str(upstream), "main")

    done = subprocess.run(["make", "update"], cwd=learner, capture_output=True, text=True, timeout=600,
                          stdin=subprocess.DEVNULL, env=learners_shell())
    return {"maintainer": maintainer, "learner": learner, "run": done, "learner_version": learner_version}


def test_the_first_run_in_a_fresh_clone_sets_up_with_uv_and_says_so(updated_course):
    run = updated_course["run"]
    assert "Setting up the course's Python environment in .venv" in run.stdout
    assert re.search(r"Installing the pinned packages with uv==[\d.]+", run.stdout)
    assert re.search(r"Ready in \d+ s\.", run.stdout)


def test_a_second_run_reinstalls_nothing(updated_course):
    again = subprocess.run(["make", "update"], cwd=updated_course["learner"], capture_output=True, text=True,
                           timeout=300, stdin=subprocess.DEVNULL, env=learners_shell())
    assert again.returncode == 0, again.stdout + again.stderr
    assert "Setting up" not in again.stdout and "Installing" not in again.stdout
    assert "Done: 0 file(s) of the course changed." in again.stdout


def test_where_uv_cannot_be_installed_pip_sets_up_instead_and_says_so(tmp_path):
    """A uv that cannot be had (here: a version that does not exist) falls back to pip with a message. The lock
    is cut to one small package, so that pip's minute goes on nothing but the route itself."""
    course = copy_course(tmp_path / "course")
    small_lock = tmp_path / "course" / "small-lock.txt"
    small_lock.write_text("six==1.17.0\n", encoding="utf-8")
    run = subprocess.run(["make", ".venv/.ready", "LOCK=small-lock.txt", "UV=uv==0.0.0"], cwd=course,
                         capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL, env=learners_shell())
    assert run.returncode == 0, run.stdout + run.stderr
    assert "uv could not be installed here, so pip installs the packages instead" in run.stdout
    assert (course / ".venv" / ".ready").exists()
    installed = subprocess.run(  # run from elsewhere, so that nothing is imported from the folder itself
        [str(course / ".venv" / "bin" / "python"), "-c",
         "import six; from importlib.metadata import version; print(version('russia-venezuela'))"],
        cwd=tmp_path, capture_output=True, text=True)
    assert installed.returncode == 0 and installed.stdout.strip(), installed.stderr


def test_make_update_succeeds_and_says_what_it_kept(updated_course):
    run = updated_course["run"]
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Your changes are committed first, so none is lost" in run.stdout
    assert "changed file(s) were kept" in run.stdout
    # The maintainer changed three files; the learner's own changes are not counted as the course's.
    assert "Done: 3 file(s) of the course changed." in run.stdout
    assert "Merge made by" not in run.stdout and "Unstaged changes" not in run.stdout


def test_the_learners_answer_and_outputs_survive_beside_the_courses_change_to_the_same_notebook(updated_course):
    notebook = nbformat.read(updated_course["learner"] / EXERCISE, as_version=4)
    nbformat.validate(notebook)
    sources = "\n".join(cell.source for cell in notebook.cells)
    assert ANSWER in sources
    assert "Updated by the maintainer." in sources
    check = next(cell for cell in notebook.cells if cell.source.startswith("q1.check()"))
    assert "Correct" in str(check.outputs)


def test_the_courses_other_changes_arrive_and_a_deleted_lesson_comes_back(updated_course):
    learner, maintainer = updated_course["learner"], updated_course["maintainer"]
    for name in ["notebooks/02_meetings_timeline.ipynb", "docs/whats_new.md", "notebooks/03_who_is_who.ipynb"]:
        assert (learner / name).read_bytes() == (maintainer / name).read_bytes(), name


def test_the_learners_own_files_are_kept_and_nothing_is_left_half_merged(updated_course):
    learner = updated_course["learner"]
    assert (learner / "my_notes.md").read_text(encoding="utf-8") == "What I want to ask in class.\n"
    conflict_marker = re.compile(r"^(<{7}|>{7}) ", re.MULTILINE)
    for name in course_files():
        path = learner / name
        if path.is_file():
            assert not conflict_marker.search(path.read_text(encoding="utf-8", errors="replace")), name
    assert git(learner, "status", "--porcelain", "--untracked-files=no") == ""


def test_an_unreachable_course_repository_changes_nothing_and_says_so(tmp_path, capsys):
    from russia_venezuela.maintainer import update

    course = tmp_path / "course"
    subprocess.run(["git", "init", "--quiet", "--initial-branch=main", str(course)], check=True)
    (course / "mine.txt").write_text("my notes\n", encoding="utf-8")
    git(course, "add", "mine.txt")
    git(course, "commit", "--quiet", "-m", "start")
    git(course, "remote", "add", "origin", str(tmp_path / "gone.git"))
    (course / "mine.txt").write_text("my notes, edited\n", encoding="utf-8")
    with pytest.raises(update.UpdateError, match="could not be reached.*nothing was changed"):
        update.update(course)
    assert (course / "mine.txt").read_text(encoding="utf-8") == "my notes, edited\n"
    assert git(course, "log", "--format=%s") == "start\n"


def test_a_folder_that_is_not_a_clone_is_told_what_to_do(tmp_path):
    from russia_venezuela.maintainer import update

    with pytest.raises(update.UpdateError, match="not a git clone.*Download the new version"):
        update.update(tmp_path)
