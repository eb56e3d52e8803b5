"""Grading a class: real exercise notebooks answered right, wrong, partly and maliciously, and every bad case
an instructor meets; nothing lost, nothing changed, and a second run resumes."""

import contextlib
import csv
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import nbformat
import pytest

from russia_venezuela import grading, paths
from russia_venezuela.maintainer.benchmark import process_tree
from russia_venezuela.questions import questions_of

EXERCISE = "01_the_sources"
RIGHT = {
    "forum_words": 'articles.loc[articles["article_id"] == "art_004", "word_count"].item()',
    "person_count": '(actors["kind"] == "person").sum()',
    "petro_articles": '[i for i in articles["article_id"] if "petro" in rv.raw_text(i).lower()]',
    "actors_per_country": 'actors["country"].value_counts(dropna=False)',
    "media_actors": 'actors.loc[actors["kind"] == "media", ["article_id", "name"]].sort_values("name")',
    "actors_chart": ('alt.Chart(actors, title="Actors").mark_bar().encode(x=alt.X("count():Q", title="Actors"), '
                     'y=alt.Y("article_id:O", title="Article"), tooltip=["count()"])'),
    "inferred_year_articles": 'articles.loc[articles["published_basis"] == "inferred", "article_id"].tolist()',
}
WRONG = {**RIGHT, "forum_words": 'len(rv.raw_text("art_004").split())', "person_count": "len(actors)",
         "media_actors": 'actors.loc[actors["kind"] == "media", ["name", "article_id"]]'}


def answered(answers: dict[str, str], extra_cells: list[str] = ()) -> nbformat.NotebookNode:
    """The course's exercise notebook with `variable = ____` replaced by the given code."""
    notebook = nbformat.read(paths.EXERCISES_DIR / f"{EXERCISE}.ipynb", as_version=4)
    for cell in notebook.cells:
        for variable, code in answers.items():
            cell.source = cell.source.replace(f"{variable} = ____", f"{variable} = {code}")
    notebook.cells += [nbformat.v4.new_code_cell(source) for source in extra_cells]
    return notebook


def write(path, notebook_or_text):
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(notebook_or_text, str):
        path.write_text(notebook_or_text, encoding="utf-8")
    else:
        nbformat.write(notebook_or_text, path)


def failing_answer_cell() -> nbformat.NotebookNode:
    """q1's answer cell stops with a KeyError, after an earlier cell left the right value behind: judging that
    stale value would say Correct."""
    notebook = answered({"forum_words": 'articles["no_such_column"].item()', "person_count": RIGHT["person_count"]})
    setup = next(index for index, cell in enumerate(notebook.cells)
                 if "exercise-setup" in cell.metadata.get("tags", []))
    notebook.cells.insert(setup + 1, nbformat.v4.new_code_cell(
        f'articles = rv.load("articles")\nforum_words = {RIGHT["forum_words"]}'))
    return notebook


MALICIOUS_CELLS = [
    # Make every check in the kernel say Correct, and the course's own judge too: neither may count.
    "import russia_venezuela.checking as c\n"
    "from russia_venezuela.checking.question import Result\n"
    "c.Question.judge = lambda self, answer: Result('correct', 'Well done.')\n"
    "c.NumberAnswer.diagnose = lambda *args: None\n"
    "q2.check = lambda: print('Correct')",
]


# How long one cell of graded_class may run: ample for every cell but ivy's endless loop, which it stops.
CELL_TIMEOUT = 10


@pytest.fixture(scope="module")
def graded_class(tmp_path_factory):
    root = tmp_path_factory.mktemp("class")
    submissions = root / "submissions"
    out = root / "results"
    write(submissions / "ana" / f"{EXERCISE}.ipynb", answered(RIGHT))
    write(submissions / "ben" / f"{EXERCISE}.ipynb", answered(WRONG))
    write(submissions / "carla" / f"{EXERCISE}.ipynb", answered({k: RIGHT[k] for k in ["forum_words", "person_count"]}))
    malicious = answered({"forum_words": RIGHT["forum_words"], "person_count": "999"}, MALICIOUS_CELLS)
    malicious.cells = [cell for cell in malicious.cells if ".check()" not in cell.source]  # check cells deleted
    write(submissions / "dan" / f"{EXERCISE}.ipynb", malicious)
    write(submissions / "eve" / f"{EXERCISE}.ipynb", answered({}))  # handed in untouched, no outputs
    write(submissions / f"fay_{EXERCISE}.ipynb", "this is not JSON {")
    write(submissions / f"gus_{EXERCISE}.ipynb", json.dumps({"cells": "not a notebook"}))
    write(submissions / "hal" / "03_who_is_who.ipynb", answered(RIGHT))  # exercise 01 under 03's name
    loop = answered({"forum_words": RIGHT["forum_words"], "person_count": "sum(n for n in iter(int, 1))"})
    write(submissions / "ivy" / f"{EXERCISE}.ipynb", loop)  # an endless loop in one answer
    write(submissions / "jon" / f"{EXERCISE}.ipynb", answered(RIGHT, ["import os\nos._exit(1)"]))
    write(submissions / "kim" / f"{EXERCISE}.ipynb",
          answered({"forum_words": RIGHT["forum_words"]}, ["for _ in range(200):\n    print('x' * 100_000)"]))
    already = answered(RIGHT)
    for cell in already.cells:
        if cell.cell_type == "code":
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="an old output\n")]
            cell.execution_count = 1
    write(submissions / "lea" / f"{EXERCISE}.ipynb", already)
    write(submissions / "notes.txt", "Please grade kindly.")
    loose = answered(RIGHT)
    loose.cells[0]["outputs"] = []  # a key another editor left where the schema allows none
    write(submissions / "max" / f"{EXERCISE}.ipynb", loose)
    write(submissions / "nia" / f"{EXERCISE}.ipynb", failing_answer_cell())
    before = {path: hashlib.sha256(path.read_bytes()).hexdigest() for path in submissions.rglob("*") if path.is_file()}
    messages = []
    complete = grading.grade(submissions, out, workers=2, cell_timeout=CELL_TIMEOUT, notebook_timeout=120,
                             report=messages.append)
    with (out / "gradebook.csv").open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    return {"submissions": submissions, "out": out, "before": before, "complete": complete, "rows": rows,
            "messages": messages}


def rows_of(graded_class, learner):
    return {row["question"]: row for row in graded_class["rows"] if row["learner"] == learner}


def test_no_submission_is_changed_and_none_is_added(graded_class):
    after = {path: hashlib.sha256(path.read_bytes()).hexdigest()
             for path in graded_class["submissions"].rglob("*") if path.is_file()}
    assert after == graded_class["before"]


def test_a_right_answer_in_the_learners_own_words_gets_full_marks(graded_class):
    rows = rows_of(graded_class, "ana")
    assert {row["status"] for row in rows.values()} == {"correct"}
    assert sum(int(row["points"]) for row in rows.values()) == sum(int(row["max_points"]) for row in rows.values())


def test_wrong_answers_get_no_points_and_their_diagnosis(graded_class):
    rows = rows_of(graded_class, "ben")
    assert rows["q1"]["status"] == "incorrect" and "pieces `split()` gives" in rows["q1"]["diagnosis"]
    assert rows["q2"]["points"] == "0" and "number of all actors" in rows["q2"]["diagnosis"]
    assert "sorted by name" in rows["q5"]["diagnosis"]
    assert rows["q3"]["status"] == "correct"


def test_a_partly_done_notebook_scores_what_is_done(graded_class):
    rows = rows_of(graded_class, "carla")
    assert [rows[q]["status"] for q in ["q1", "q2", "q3", "q7"]] == ["correct", "correct", "not answered",
                                                                     "not answered"]


def test_redefining_the_checks_in_the_kernel_changes_nothing(graded_class):
    rows = rows_of(graded_class, "dan")
    assert rows["q1"]["status"] == "correct"
    assert rows["q2"]["status"] == "incorrect" and rows["q2"]["points"] == "0"
    assert rows["q3"]["status"] == "not answered"


def test_an_untouched_notebook_is_graded_as_not_answered(graded_class):
    rows = rows_of(graded_class, "eve")
    assert {row["status"] for row in rows.values()} == {"not answered"}
    assert rows["q1"]["diagnosis"] == "`forum_words` still holds the blank `____`."
    feedback = (graded_class["out"] / "feedback" / "eve" / f"{EXERCISE}.md").read_text(encoding="utf-8")
    assert feedback.count("replace `____` in its cell") == 1  # said once, not once per question


@pytest.mark.parametrize("learner, words", [
    ("fay", "is not JSON"),
    ("gus", "not a Jupyter notebook"),
    ("hal", "holds exercise 01_the_sources"),
    ("jon", "The kernel stopped"),
    ("notes", "names no exercise"),
])
def test_a_submission_that_cannot_be_graded_gets_one_row_that_says_why(graded_class, learner, words):
    rows = rows_of(graded_class, learner)
    assert list(rows) == [""] and rows[""]["status"] == "not graded" and words in rows[""]["diagnosis"]


def test_an_endless_loop_costs_only_its_own_question(graded_class):
    rows = rows_of(graded_class, "ivy")
    assert rows["q1"]["status"] == "correct"
    assert rows["q2"]["status"] == "not answered"


def test_megabytes_of_printing_and_old_outputs_do_not_matter(graded_class):
    assert rows_of(graded_class, "kim")["q1"]["status"] == "correct"
    assert {row["status"] for row in rows_of(graded_class, "lea").values()} == {"correct"}
    assert {row["status"] for row in rows_of(graded_class, "max").values()} == {"correct"}


def test_the_exit_status_says_whether_every_submission_was_graded(graded_class):
    assert graded_class["complete"] is False


def test_each_learner_gets_plain_feedback_per_exercise(graded_class):
    feedback = graded_class["out"] / "feedback"
    ana = (feedback / "ana" / f"{EXERCISE}.md").read_text(encoding="utf-8")
    assert "13 of 13 points" in ana and "Traceback" not in ana
    ben = (feedback / "ben" / f"{EXERCISE}.md").read_text(encoding="utf-8")
    assert "❌ **q1**" in ben
    fay = (feedback / "fay" / f"{EXERCISE}.md").read_text(encoding="utf-8")
    assert "could not be graded" in fay and "Download your notebook again" in fay  # spoken to the learner


def test_outputs_leave_no_half_written_files(graded_class):
    assert not [path for path in graded_class["out"].rglob("*") if path.name.endswith(".tmp")]


def test_a_second_run_skips_what_is_graded_and_unchanged(graded_class, tmp_path):
    submissions, out = graded_class["submissions"], graded_class["out"]
    changed = submissions / "carla" / f"{EXERCISE}.ipynb"
    original = changed.read_bytes()
    write(changed, answered(RIGHT))
    messages = []
    try:
        grading.grade(submissions, out, workers=2, cell_timeout=CELL_TIMEOUT, notebook_timeout=120,
                      report=messages.append)
    finally:
        changed.write_bytes(original)
    assert messages[0].startswith(f"{len(graded_class['before'])} submissions: "
                                  f"{len(graded_class['before']) - 1} unchanged since the last run (results reused), "
                                  "1 to grade")
    with (out / "gradebook.csv").open(encoding="utf-8") as file:
        carla = [row for row in csv.DictReader(file) if row["learner"] == "carla"]
    assert {row["status"] for row in carla} == {"correct"}


def test_results_may_not_be_written_among_the_submissions(graded_class):
    with pytest.raises(SystemExit, match="outside the submissions folder"):
        grading.grade(graded_class["submissions"], graded_class["submissions"] / "results")


def test_learners_are_named_by_folder_or_by_file_name(tmp_path):
    for relative in ["ana/01_the_sources.ipynb", "ben_01_the_sources.ipynb", "01_the_sources-carla.ipynb",
                     "Ana María López_01_the_sources (1).ipynb", ".dot/01_the_sources.ipynb",
                     ".dot_01_the_sources.ipynb",
                     "ana/.ipynb_checkpoints/01_the_sources-checkpoint.ipynb"]:
        write(tmp_path / relative, "{}")
    submissions, skipped = grading.find_submissions(tmp_path, [EXERCISE])
    found = {s.relative: (s.learner, s.exercise) for s in submissions}
    assert found == {"ana/01_the_sources.ipynb": ("ana", EXERCISE), "ben_01_the_sources.ipynb": ("ben", EXERCISE),
                     "01_the_sources-carla.ipynb": ("carla", EXERCISE),
                     "Ana María López_01_the_sources (1).ipynb": ("Ana María López", EXERCISE),
                     ".dot/01_the_sources.ipynb": (".dot", EXERCISE), ".dot_01_the_sources.ipynb": ("dot", EXERCISE)}
    assert skipped == ["ana/.ipynb_checkpoints/01_the_sources-checkpoint.ipynb"]


def _running(pid: int) -> bool:
    """Whether a process exists and is not a zombie waiting to be reaped."""
    try:
        return "State:\tZ" not in Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads the process tree from /proc (Linux)")
@pytest.mark.parametrize("sandboxed", [True, False], ids=["sandboxed", "no-sandbox"])
def test_a_notebook_that_ignores_interrupts_is_stopped_and_leaves_no_kernel_running(tmp_path, sandboxed):
    """A learner's loop that ignores Ctrl-C overruns its time; the grader's last resort must not leave the kernel
    spinning."""
    stubborn = "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nsum(n for n in iter(int, 1))"
    write(tmp_path / "submissions" / "ivy" / f"{EXERCISE}.ipynb",
          answered({"forum_words": RIGHT["forum_words"]}, [stubborn]))
    started, seen = time.monotonic(), set()
    watcher = threading.Thread(target=lambda: [seen.update(_kernels_below(os.getpid())) or time.sleep(0.2)
                                               for _ in range(300)], daemon=True)
    watcher.start()
    grading.grade(tmp_path / "submissions", tmp_path / "out", workers=1, cell_timeout=3, notebook_timeout=8,
                  sandboxed=sandboxed, report=lambda message: None)
    with (tmp_path / "out" / "gradebook.csv").open(encoding="utf-8") as file:
        [row] = list(csv.DictReader(file))
    assert row["status"] == "not graded" and "did not finish within 8 s" in row["diagnosis"]
    assert time.monotonic() - started < 8 + 30 + 30
    assert seen, "no kernel was seen running"
    assert not _wait_until_gone(seen, 10), f"kernel {seen} still runs after grading"


def test_an_answer_cell_that_failed_gets_the_same_verdict_from_check_and_from_the_grader(graded_class, tmp_path):
    """In the learner's notebook, run in its exercises folder, and in the gradebook: the stale value is not
    judged, and both say which cell to fix."""
    from nbclient import NotebookClient

    notebook = failing_answer_cell()
    NotebookClient(notebook, timeout=120, allow_errors=True,
                   resources={"metadata": {"path": str(paths.EXERCISES_DIR)}}).execute()
    shown = {}
    for cell in notebook.cells:
        for name in ["q1", "q2"]:
            if cell.source.startswith(f"{name}.check()"):
                shown[name] = "".join(output.get("data", {}).get("text/markdown", "") for output in cell.outputs)
    assert "stopped with KeyError" in shown["q1"] and "Correct" in shown["q2"]
    rows = rows_of(graded_class, "nia")
    assert (rows["q1"]["status"], rows["q1"]["points"]) == ("not answered", "0")
    assert rows["q1"]["diagnosis"] in shown["q1"]
    assert rows["q2"]["status"] == "correct"


# Grading a hostile class: nothing lost, names kept, paths as in the course, no answer on a plate

FROM_DATA_FOLDER = 'pd.read_csv("../data/articles.csv").set_index("article_id").loc["art_004", "word_count"]'


@pytest.fixture(scope="module")
def hostile_class(tmp_path_factory):
    """Names alike, hidden, duplicated and formula-like; a file removed and one planted while the run goes on; a
    link to nothing; an answer read with plain pandas from `../data`. Temp files go to a private folder."""
    root = tmp_path_factory.mktemp("hostile")
    submissions, out, private_tmp = root / "submissions", root / "results", root / "tmp"
    private_tmp.mkdir()
    write(submissions / "Ana María López" / f"{EXERCISE}.ipynb", answered(RIGHT))
    write(submissions / "Ana_María_López" / f"{EXERCISE}.ipynb", answered(WRONG))
    write(submissions / ".bo" / f"{EXERCISE}.ipynb", answered(RIGHT))
    write(submissions / ".bo" / ".ipynb_checkpoints" / f"{EXERCISE}-checkpoint.ipynb", answered(RIGHT))
    write(submissions / "=2+5" / f"{EXERCISE}.ipynb", answered({"forum_words": RIGHT["forum_words"]}))
    write(submissions / "zoe" / f"{EXERCISE}.ipynb", answered(RIGHT))
    write(submissions / "zoe" / f"{EXERCISE} (1).ipynb", answered(WRONG))  # the later copy counts
    os.utime(submissions / "zoe" / f"{EXERCISE}.ipynb", (time.time() - 3600, time.time() - 3600))
    write(submissions / "pia" / f"{EXERCISE}.ipynb", answered({"forum_words": FROM_DATA_FOLDER}))
    write(submissions / "qin" / f"{EXERCISE}.ipynb", answered(RIGHT))  # removed while the run goes on
    (submissions / f"sam_{EXERCISE}.ipynb").symlink_to(root / "nowhere.ipynb")  # a file that vanished
    planted = submissions / "ray" / f"{EXERCISE}.ipynb"
    messages = []

    def report(message):
        messages.append(message)
        if message.startswith("[1/"):
            (submissions / "qin" / f"{EXERCISE}.ipynb").unlink()
            write(planted, answered(RIGHT))

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TMPDIR", str(private_tmp))
        patch.setattr(tempfile, "tempdir", str(private_tmp))
        complete = grading.grade(submissions, out, workers=2, cell_timeout=60, notebook_timeout=300, report=report)
    with (out / "gradebook.csv").open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    return {"out": out, "rows": rows, "messages": messages, "complete": complete, "tmp": private_tmp}


def test_learners_whose_names_differ_only_in_spaces_keep_their_own_results(hostile_class):
    ana = rows_of(hostile_class, "Ana María López")
    ana_ = rows_of(hostile_class, "Ana_María_López")
    assert len(ana) == len(ana_) == 7
    assert {row["status"] for row in ana.values()} == {"correct"} and ana_["q2"]["status"] == "incorrect"
    assert len([row for row in hostile_class["rows"] if row["learner"].startswith("Ana")]) == 14  # none doubled
    stored = list((hostile_class["out"] / "results").iterdir())
    assert all(re.fullmatch(r"[0-9a-f]{32}\.json", path.name) for path in stored)
    assert (hostile_class["out"] / "feedback" / "Ana María López" / f"{EXERCISE}.md").exists()
    assert (hostile_class["out"] / "feedback" / "Ana_María_López" / f"{EXERCISE}.md").exists()


def test_hidden_folders_are_graded_and_autosaves_are_reported(hostile_class):
    assert {row["status"] for row in rows_of(hostile_class, ".bo").values()} == {"correct"}
    assert any(".ipynb_checkpoints" in message and "Skipped 1 file" in message
               for message in hostile_class["messages"])


def test_a_second_copy_of_an_exercise_is_reported_and_the_later_one_counts(hostile_class):
    zoe = [row for row in hostile_class["rows"] if row["learner"] == "zoe"]
    counted = [row for row in zoe if row["submission"] == f"zoe/{EXERCISE} (1).ipynb"]
    [duplicate] = [row for row in zoe if row["submission"] == f"zoe/{EXERCISE}.ipynb"]
    assert len(counted) == 7 and {row["question"]: row["status"] for row in counted}["q2"] == "incorrect"
    assert duplicate["status"] == "duplicate" and duplicate["points"] == "0"
    assert f"zoe/{EXERCISE} (1).ipynb" in duplicate["diagnosis"]
    assert any(message.startswith("Duplicate: zoe") for message in hostile_class["messages"])
    feedback = hostile_class["out"] / "feedback" / "zoe"
    assert sorted(path.name for path in feedback.iterdir()) == [f"{EXERCISE} (not counted).md", f"{EXERCISE}.md"]
    assert "13 of 13 points" in (feedback / f"{EXERCISE} (not counted).md").read_text(encoding="utf-8")
    assert "is counted" in (feedback / f"{EXERCISE}.md").read_text(encoding="utf-8")


def test_formula_like_cells_are_written_as_text(hostile_class, tmp_path):
    assert rows_of(hostile_class, "'=2+5")["q1"]["status"] == "correct"
    path = tmp_path / "gradebook.csv"
    cells = ["=2+5", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "fine - ok"]
    grading._write_gradebook(path, [{column: cell for column in grading.GRADEBOOK_COLUMNS} for cell in cells])
    with path.open(encoding="utf-8", newline="") as file:
        written = [row["diagnosis"] for row in csv.DictReader(file)]
    assert written == ["'=2+5", "'+1", "'-1", "'@SUM(A1)", "'\tx", "'\rx", "fine - ok"]


def test_a_file_removed_or_planted_during_the_run_changes_nothing_and_is_reported(hostile_class):
    assert {row["status"] for row in rows_of(hostile_class, "qin").values()} == {"correct"}  # the copy read first
    assert not rows_of(hostile_class, "ray")
    messages = hostile_class["messages"]
    assert any(m.startswith("Removed during the run") and f"qin/{EXERCISE}.ipynb" in m for m in messages)
    assert any(m.startswith("New since the run started") and f"ray/{EXERCISE}.ipynb" in m for m in messages)
    sam = rows_of(hostile_class, "sam")
    assert sam[""]["status"] == "not graded" and "disappeared" in sam[""]["diagnosis"]
    assert hostile_class["complete"] is False


def test_plain_pandas_reads_the_data_folder_as_in_the_course(hostile_class):
    assert rows_of(hostile_class, "pia")["q1"]["status"] == "correct"


def test_a_run_leaves_nothing_in_the_temp_folder(hostile_class):
    assert list(hostile_class["tmp"].iterdir()) == []


def test_a_run_removes_what_a_killed_grader_left_and_nothing_else(tmp_path, monkeypatch):
    """SIGKILL gives a grader no chance to clean up; the next run removes its scratch folder, but not the folder
    of a grader still running (it holds the folder's lock), nor anything else in the temp folder."""
    import fcntl

    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    abandoned, running, other = (tmp_path / "tmp" / name for name in ["rv-grade-killed", "rv-grade-running",
                                                                       "rv-grade-not-a-graders"])
    for folder in [abandoned, running, other]:
        (folder / "0").mkdir(parents=True)
    (abandoned / grading.LOCK_NAME).touch()
    lock = os.open(running / grading.LOCK_NAME, os.O_RDWR | os.O_CREAT)
    fcntl.flock(lock, fcntl.LOCK_EX)
    try:
        write(tmp_path / "submissions" / "ana" / f"{EXERCISE}.ipynb", "not a notebook")
        grading.grade(tmp_path / "submissions", tmp_path / "out", sandboxed=False, report=lambda message: None)
    finally:
        os.close(lock)
    assert sorted(path.name for path in (tmp_path / "tmp").iterdir()) == ["rv-grade-not-a-graders",
                                                                           "rv-grade-running"]


def test_the_expected_answer_is_not_public():
    """No public attribute or method of any question hands out its expected answer, or the function that
    computes it."""
    from russia_venezuela.questions import exercises

    for exercise in exercises():
        for question in questions_of(exercise):
            expected = question._expected_answer()
            public = {name: getattr(question, name) for name in dir(question) if not name.startswith("_")}
            for name, value in public.items():
                assert "expected" not in name, name
                if callable(value) and name not in {"check", "hint", "solution", "judge", "precompute"}:
                    with contextlib.suppress(Exception):
                        assert value() is not expected, f"{question!r}.{name}() returns the expected answer"


def test_the_result_key_covers_all_the_code_and_every_data_file(tmp_path):
    package, data = tmp_path / "russia_venezuela", tmp_path / "data"
    shutil.copytree(paths.PACKAGE_DIR, package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(paths.DATA_DIR, data)
    assert grading.course_version(package, data) == grading.course_version()
    keys = {grading.course_version(package, data)}
    for path in [data / "articles.csv", data / "datapackage.json", package / "data.py"]:
        content = path.read_bytes()
        path.write_bytes(content[:-1] + bytes([content[-1] ^ 1]))
        keys.add(grading.course_version(package, data))
    assert len(keys) == 4


def _descendants(pid: int) -> set[int]:
    """Every process below `pid`."""
    return process_tree(pid) - {pid}


def _start_grader(tmp_path, slow: int, workers: int = 1) -> subprocess.Popen:
    """`russia-venezuela grade` in a process group of its own, on one quick submission and `slow` endless ones."""
    submissions = tmp_path / "submissions"
    write(submissions / "a_quick" / f"{EXERCISE}.ipynb", answered(RIGHT))
    for index in range(slow):
        write(submissions / f"b_slow{index}" / f"{EXERCISE}.ipynb",
              answered({"forum_words": "__import__('time').sleep(600)"}))
    command = [str(Path(sys.executable).parent / "russia-venezuela"), "grade", str(submissions), "--out",
               str(tmp_path / "results"), "--workers", str(workers), "--cell-timeout", "600", "--timeout", "600"]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})


def _kernels_below(pid: int) -> set[int]:
    """The kernel processes below a process (not the sandbox's own, whose command names the kernel too)."""
    found = set()
    for process in _descendants(pid):
        try:
            command = Path(f"/proc/{process}/cmdline").read_text(errors="replace").split("\0")
            if "ipykernel_launcher" in command and Path(command[0]).name not in {"env", "prlimit", "bwrap"}:
                found.add(process)
        except OSError:
            pass  # ended meanwhile
    return found


def _wait_for_kernels(grader: subprocess.Popen, count: int) -> set[int]:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and grader.poll() is None:
        if len(_kernels_below(grader.pid)) >= count:
            return _descendants(grader.pid)
        time.sleep(0.2)
    if grader.poll() is not None:
        raise AssertionError(f"the grader ended (exit code {grader.returncode}) before {count} kernel(s) ran; "
                             f"it said:\n{grader.stdout.read()}\n{grader.stderr.read()}")
    raise AssertionError(f"no {count} kernel(s) running within 120 s")


def _wait_until_gone(pids: set[int], seconds: float) -> set[int]:
    deadline = time.monotonic() + seconds
    while (alive := {pid for pid in pids if _running(pid)}) and time.monotonic() < deadline:
        time.sleep(0.2)
    return alive


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads the process tree from /proc (Linux)")
def test_a_grader_killed_with_its_process_group_leaves_no_kernel(tmp_path):
    grader = _start_grader(tmp_path, slow=2, workers=2)
    try:
        below = _wait_for_kernels(grader, 2)
    finally:
        os.killpg(grader.pid, signal.SIGKILL)
        grader.communicate()
    assert not _wait_until_gone(below, 15), "kernels outlived the grader"


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads the process tree from /proc (Linux)")
def test_ctrl_c_stops_soon_writes_what_was_graded_and_says_how_to_resume(tmp_path):
    grader = _start_grader(tmp_path, slow=2)
    try:
        for line in grader.stdout:
            if line.startswith("[1/3]"):
                break
        below = _wait_for_kernels(grader, 1)
        interrupted = time.monotonic()
        os.killpg(grader.pid, signal.SIGINT)  # what Ctrl-C in the terminal does
        stdout, stderr = grader.communicate(timeout=30)
    finally:
        if grader.poll() is None:
            os.killpg(grader.pid, signal.SIGKILL)
    assert time.monotonic() - interrupted < 10
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    assert "run the same command again" in stdout and grader.returncode == 1
    with (tmp_path / "results" / "gradebook.csv").open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert {row["status"] for row in rows if row["learner"] == "a_quick"} == {"correct"}
    slow = [row for row in rows if row["learner"].startswith("b_slow")]
    assert len(slow) == 2 and all("interrupted" in row["diagnosis"] for row in slow)
    total = str(sum(question.points for question in questions_of(EXERCISE)))
    assert {row["max_points"] for row in slow} == {total}  # out of what the exercise is worth, as graded rows
    # The learner hears nothing of an interrupted run; nothing of it is kept for the next run.
    assert (tmp_path / "results" / "feedback" / "a_quick").exists()
    assert not list((tmp_path / "results" / "feedback").glob("b_slow*/*"))
    assert len(list((tmp_path / "results" / "results").glob("*.json"))) == 1
    assert not _wait_until_gone(below, 15), "kernels outlived the interrupted grader"


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads the process tree from /proc (Linux)")
def test_a_kernel_stopped_while_it_starts_is_interrupted_not_failed(tmp_path):
    """Ctrl-C can land while a kernel is still starting; that submission is 'not graded yet', so that the next
    run grades it, never a failure kept for good."""
    kernels, result = grading._Kernels(), {}
    (tmp_path / "job").mkdir()
    runner = threading.Thread(target=lambda: result.update(grading.run_notebook(
        answered(RIGHT), ["forum_words"], 30, 60, True, tmp_path / "job", kernels)))
    runner.start()
    deadline = time.monotonic() + 30
    while not _descendants(os.getpid()) and time.monotonic() < deadline:
        time.sleep(0.01)
    kernels.stop_all()
    runner.join(60)
    assert result["failure"] == grading.INTERRUPTED


def test_ctrl_c_before_a_kernels_process_is_known_still_stops_its_notebook(tmp_path):
    """The narrowest moment: Ctrl-C right after the kernel is registered, before it has a process to kill.
    Its notebook must not then run to the end."""
    class StoppedAtOnce(grading._Kernels):
        def add(self, kernel_manager) -> bool:
            added = super().add(kernel_manager)
            self.stop_all()  # its provisioner has no process yet: nothing to kill
            return added

    (tmp_path / "job").mkdir()
    result = grading.run_notebook(answered(RIGHT), ["forum_words"], 30, 60, True, tmp_path / "job", StoppedAtOnce())
    assert result["failure"] == grading.INTERRUPTED and result["answers"] == {}


def test_results_of_a_run_without_the_sandbox_are_not_reused_with_it(tmp_path):
    write(tmp_path / "submissions" / "ana" / f"{EXERCISE}.ipynb", answered(RIGHT))
    runs = []
    for sandboxed in [False, True]:
        messages = []
        grading.grade(tmp_path / "submissions", tmp_path / "out", sandboxed=sandboxed, report=messages.append)
        runs.append(messages[0])
    assert runs[1].startswith("1 submission: 0 unchanged since the last run"), runs


def test_the_gradebook_and_feedback_are_readable_as_the_umask_says(graded_class):
    umask = os.umask(0o022)
    os.umask(umask)
    expected = 0o666 & ~umask
    for path in [graded_class["out"] / "gradebook.csv", *(graded_class["out"] / "feedback").rglob("*.md")]:
        assert path.stat().st_mode & 0o777 == expected, path


def test_every_kernel_the_grader_starts_is_told_that_it_is_graded(tmp_path):
    """So that the learner's check cells do nothing there (see checking.question.GRADING_ENV_VAR), in both routes."""
    from russia_venezuela import sandbox
    from russia_venezuela.checking.question import GRADING_ENV_VAR

    assert grading._kernel_environment(tmp_path)[GRADING_ENV_VAR] == "1"
    words = sandbox.command(tmp_path, 10)
    assert any(words[index:index + 3] == ["--setenv", GRADING_ENV_VAR, "1"] for index in range(len(words)))


def test_the_benchmark_counts_the_cpu_time_and_memory_of_a_whole_process_tree():
    """What the grading benchmark divides by: a grandchild that holds 300 MB and burns 1.5 s of CPU is seen."""
    from russia_venezuela.maintainer.benchmark import TreeUsage

    burn = ("import time; held = bytearray(300 * 2**20); started = time.process_time()\n"
            "while time.process_time() - started < 1.5: pass")
    process = subprocess.Popen(["sh", "-c", f"{sys.executable} -c '{burn}'; true"])
    usage = TreeUsage(process)
    process.wait()
    usage.thread.join()
    assert 1.2 < usage.cpu_seconds < 2.5
    assert usage.peak > 300 * 2**20
