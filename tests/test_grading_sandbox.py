"""Every attack the adversarial review made on the grader, made again through `grading.grade` on real exercise
notebooks, against the sandbox. Each attacker's notebook answers every question right, then runs its attack
last; if any part of the attack gets through, it spoils its own first answer, so the gradebook itself says
whether the sandbox held. The attacks know every absolute path they aim at (the strongest attacker), and
whatever could have been changed is checked from outside as well.
"""

import csv
import hashlib
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time

import pytest
from test_grading import EXERCISE, RIGHT, answered, write

from russia_venezuela import grading, sandbox
from russia_venezuela.paths import COURSE_ROOT

PROBLEM = sandbox.problem()
pytestmark = pytest.mark.skipif(PROBLEM is not None and os.environ.get("CI") != "true",
                                reason=f"no sandbox can be made here: {PROBLEM}")

SECRET = "a-token-of-the-instructor"
# The end of every attack: a breach spoils the right answer to q1, which the gradebook then shows.
VERDICT = "\nforum_words = -1 if breaches else forum_words\n"


def attack(code: str, **paths) -> list[str]:
    return ["breaches = []\n" + code.format(**{name: repr(str(value)) for name, value in paths.items()}) + VERDICT]


CLASS_FOLDER = """
import os
victim, plant = {victim}, {plant}
if os.path.exists(victim):
    breaches.append("saw the class folder")
try:
    os.remove(victim)
except OSError:
    pass
try:  # into the sandbox's own /tmp at most: the test looks for it in the real class folder
    os.makedirs(os.path.dirname(plant), exist_ok=True)
    open(plant, "w").write("{{}}")
except OSError:
    pass
for pid in os.listdir("/proc"):  # the trick that found the class: another process's working folder
    try:
        if {{"job.json", "submission.ipynb"}} & set(os.listdir(f"/proc/{{pid}}/cwd")):
            breaches.append(f"saw the job of process {{pid}}")
    except OSError:
        pass
"""

COURSE = """
for path in [{checking}, {events}]:
    try:
        with open(path, "a") as file:
            file.write("\\n")
        breaches.append("appended to " + path)
    except OSError:
        pass
"""

RESULTS = """
import os, subprocess
if os.path.exists(os.path.dirname({forged})):
    breaches.append("saw the results folder")
for path in [{forged}, {gradebook}]:
    try:  # into the sandbox's own /tmp at most: the test reads the real results
        os.makedirs(os.path.dirname(path), exist_ok=True)
        open(path, "w").write("forged")
    except OSError:
        pass
# A process that outlives the notebook would rewrite the gradebook after the grader finished.
subprocess.Popen(["sh", "-c", "while true; do sleep 0.5; echo forged >> " + {gradebook} + "; done"],
                 start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
"""

NETWORK = """
import socket, urllib.request
expected = str(q1._expected_answer())
try:
    with socket.create_connection(("127.0.0.1", {port}), timeout=3) as connection:
        connection.sendall(expected.encode()); breaches.append("sent the expected answer")
except OSError:
    pass
try:
    urllib.request.build_opener(urllib.request.ProxyHandler({{}})).open("http://127.0.0.1:" + {port}, timeout=3)
    breaches.append("reached the web")
except OSError:
    pass
"""

SECRETS = """
import os
for path in [{solution}, {progress}, {tests}]:
    try:
        open(path, "rb").read(1); breaches.append("read " + path)
    except OSError:
        pass
for pid in os.listdir("/proc"):
    try:
        if {secret}.encode() in open(f"/proc/{{pid}}/environ", "rb").read():
            breaches.append(f"read the grader's environment through process {{pid}}")
    except OSError:
        pass
if {secret} in str(os.environ):
    breaches.append("inherited the grader's environment")
"""

LIMITS = """
try:
    hog = bytearray(3 * 2**30)
    breaches.append("took 3 GB of memory")
except MemoryError:
    pass
try:
    with open("/tmp/huge", "wb") as file:
        file.write(bytes(200 * 2**20))
    breaches.append("wrote a 200 MB file")
except OSError:
    pass
"""


class Listener:
    """A TCP server on the machine's 127.0.0.1 that records whatever reaches it."""

    def __init__(self):
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port, self.received = self.server.getsockname()[1], []
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while True:
            try:
                connection, _ = self.server.accept()
            except OSError:
                return
            with connection:
                self.received.append(connection.recv(1000))


def course_files() -> dict[str, str]:
    return {str(path): hashlib.sha256(path.read_bytes()).hexdigest()
            for folder in ["russia_venezuela", "data"] for path in (COURSE_ROOT / folder).rglob("*") if path.is_file()}


@pytest.fixture(scope="module")
def attacked_class(tmp_path_factory):
    root = tmp_path_factory.mktemp("attacked")
    submissions, out, progress = root / "submissions", root / "results", root / "instructor-progress.jsonl"
    progress.write_text("")
    listener = Listener()
    victim = submissions / "ana" / f"{EXERCISE}.ipynb"
    write(victim, answered(RIGHT))
    forged = grading._result_path(out, grading.Submission(victim, "ana", EXERCISE, f"ana/{EXERCISE}.ipynb"))
    attacks = {
        "eve_class": attack(CLASS_FOLDER, victim=victim, plant=submissions / "mallory" / f"{EXERCISE}.ipynb"),
        "eve_course": attack(COURSE, checking=COURSE_ROOT / "russia_venezuela" / "checking" / "question.py",
                             events=COURSE_ROOT / "data" / "events.csv"),
        "eve_results": attack(RESULTS, forged=forged, gradebook=out / "gradebook.csv"),
        "eve_network": attack(NETWORK, port=listener.port),
        "eve_secrets": attack(SECRETS, solution=COURSE_ROOT / "solutions" / f"{EXERCISE}.ipynb", progress=progress,
                              tests=COURSE_ROOT / "tests" / "conftest.py", secret=SECRET),
        "eve_limits": attack(LIMITS),
    }
    for learner, cells in attacks.items():
        write(submissions / learner / f"{EXERCISE}.ipynb", answered(RIGHT, cells))
    before = {path: path.read_bytes() for path in submissions.rglob("*") if path.is_file()}
    course_before = course_files()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RUSSIA_VENEZUELA_PROGRESS", str(progress))
        patch.setenv("RV_INSTRUCTOR_TOKEN", SECRET)
        complete = grading.grade(submissions, out, workers=2, cell_timeout=60, notebook_timeout=180,
                                 report=lambda message: None)
    gradebook = (out / "gradebook.csv").read_bytes()
    time.sleep(3)  # time for a surviving process to strike
    with (out / "gradebook.csv").open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    yield {"rows": rows, "complete": complete, "before": before, "submissions": submissions, "out": out,
           "gradebook": gradebook, "course_before": course_before, "listener": listener, "progress": progress}
    listener.server.close()


@pytest.mark.parametrize("learner", ["eve_class", "eve_course", "eve_results", "eve_network", "eve_secrets",
                                     "eve_limits"])
def test_the_attack_gets_nowhere_and_its_author_is_still_graded(attacked_class, learner):
    rows = {row["question"]: row for row in attacked_class["rows"] if row["learner"] == learner}
    assert rows["q1"]["status"] == "correct", f"{learner}'s attack got through: {rows['q1']['diagnosis']}"
    assert {row["status"] for row in rows.values()} == {"correct"}


def test_the_class_is_graded_completely_and_no_submission_changed(attacked_class):
    assert attacked_class["complete"]
    after = {path: path.read_bytes() for path in attacked_class["submissions"].rglob("*") if path.is_file()}
    assert after == attacked_class["before"]  # nothing deleted, changed or planted
    assert {row["learner"] for row in attacked_class["rows"]} == {"ana", "eve_class", "eve_course", "eve_results",
                                                                   "eve_network", "eve_secrets", "eve_limits"}
    assert {row["status"] for row in attacked_class["rows"] if row["learner"] == "ana"} == {"correct"}


def test_the_course_is_untouched(attacked_class):
    assert course_files() == attacked_class["course_before"]


def test_nothing_reached_the_machines_network(attacked_class):
    assert attacked_class["listener"].received == []


def test_no_result_is_forged_and_no_process_of_a_submission_outlives_the_run(attacked_class):
    assert (attacked_class["out"] / "gradebook.csv").read_bytes() == attacked_class["gradebook"]
    assert b"forged" not in attacked_class["gradebook"]
    stored = [path.read_text(encoding="utf-8") for path in (attacked_class["out"] / "results").iterdir()]
    assert len(stored) == 7 and not [text for text in stored if "forged" in text]
    assert attacked_class["progress"].read_text() == ""


def test_grade_refuses_without_a_sandbox_and_names_the_way_out(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # neither bwrap nor prlimit to be found
    write(tmp_path / "submissions" / "ana" / f"{EXERCISE}.ipynb", answered(RIGHT))
    # a file refused before any kernel starts: its row is kept only once the sandbox is known to work
    (tmp_path / "submissions" / "bob").mkdir()
    (tmp_path / "submissions" / "bob" / f"{EXERCISE}.ipynb").write_text("not a notebook")
    with pytest.raises(SystemExit) as refusal:
        grading.grade(tmp_path / "submissions", tmp_path / "out", report=lambda message: None)
    message = str(refusal.value)
    assert "bwrap and prlimit cannot be found on PATH" in message
    assert "apt-get install bubblewrap util-linux" in message
    assert "--no-sandbox" in message
    assert not (tmp_path / "out").exists()


def test_grade_refuses_a_temp_folder_too_long_for_the_sandbox_and_names_the_fix(tmp_path, monkeypatch):
    deep = tmp_path / ("a-long-folder-name-" * 4)
    deep.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(deep))
    write(tmp_path / "submissions" / "ana" / f"{EXERCISE}.ipynb", answered(RIGHT))
    with pytest.raises(SystemExit, match="Set TMPDIR to a short folder, such as /tmp"):
        grading.grade(tmp_path / "submissions", tmp_path / "out", report=lambda message: None)


def test_without_the_sandbox_the_attacks_that_only_look_get_through(tmp_path, monkeypatch):
    """The negative control: the attacks are real. Run without the sandbox (only those that change nothing),
    they see the class, read the solutions and the grader's secrets, and reach the machine's network; the
    honest learner's grade is the same either way."""
    listener, submissions = Listener(), tmp_path / "submissions"
    victim = submissions / "ana" / f"{EXERCISE}.ipynb"
    write(victim, answered(RIGHT))
    attacks = {"eve_class": attack(CLASS_FOLDER.split("try:")[0], victim=victim, plant=""),
               "eve_network": attack(NETWORK, port=listener.port),
               "eve_secrets": attack(SECRETS, solution=COURSE_ROOT / "solutions" / f"{EXERCISE}.ipynb",
                                     progress=victim, tests=victim, secret=SECRET)}
    for learner, cells in attacks.items():
        write(submissions / learner / f"{EXERCISE}.ipynb", answered(RIGHT, cells))
    monkeypatch.setenv("RV_INSTRUCTOR_TOKEN", SECRET)
    grading.grade(submissions, tmp_path / "out", workers=2, sandboxed=False, report=lambda message: None)
    listener.server.close()
    with (tmp_path / "out" / "gradebook.csv").open(encoding="utf-8") as file:
        q1 = {row["learner"]: row["status"] for row in csv.DictReader(file) if row["question"] == "q1"}
    assert q1 == {"ana": "correct", "eve_class": "incorrect", "eve_network": "incorrect",
                  "eve_secrets": "incorrect"}
    assert listener.received  # the expected answer left the grader


def test_a_sandboxed_kernel_starts_without_the_debugger_and_with_everything_else(tmp_path):
    """ipykernel loads debugpy whenever it can be imported (0.15 s a kernel); the sandbox hides it, and only it."""
    probe = ("import importlib.util, ipykernel.ipkernel, pandas, altair, russia_venezuela\n"
             "print(importlib.util.find_spec('debugpy.server') is None)")
    inside = subprocess.run(sandbox.command(tmp_path, 60) + [sys.executable, "-c", probe], capture_output=True,
                            text=True, stdin=subprocess.DEVNULL)
    outside = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert (inside.stdout, outside.stdout) == ("True\n", "False\n"), inside.stderr[-500:]
