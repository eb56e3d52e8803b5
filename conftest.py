"""Settings for the whole suite, however pytest is started (`make test`, or one notebook or test file), inherited
by every kernel that nbval starts; the checks that read each notebook's one run (tests/notebook_runs.py) and
the suite's one JupyterLab (tests/lab.py). The helpers in tests/ are importable by name (`pythonpath`)."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import chart_looks  # noqa: F401  (registers the checks of how every chart looks)
import lab
import notebook_checks  # noqa: F401  (registers the checks on every notebook's run)
import pytest
from course_copy import PROXY_VARIABLES
from notebook_runs import add_run_checks

from russia_venezuela.checking.question import STRICT_ENV_VAR
from russia_venezuela.progress import PROGRESS_ENV_VAR


def pytest_configure(config):
    # No notebook may reach the network: any HTTP(S) client in a kernel is pointed at a closed local port
    # and fails at once, instead of passing on a connected laptop and failing offline.
    closed_port = "http://127.0.0.1:9"
    for variable in PROXY_VARIABLES:
        os.environ[variable] = closed_port
    os.environ["no_proxy"] = os.environ["NO_PROXY"] = "localhost,127.0.0.1,::1"
    # A deprecation warning in a notebook is a bug: in every kernel nbval starts, it fails the cell.
    os.environ["PYTHONWARNINGS"] = "error::DeprecationWarning,error::PendingDeprecationWarning,error::FutureWarning"
    # jupyter_core warns on every start until platformdirs paths are chosen; the choice changes nothing here.
    os.environ["JUPYTER_PLATFORM_DIRS"] = "1"
    # A check that finds a wrong answer raises, so a solution notebook whose model answer is judged wrong fails.
    os.environ[STRICT_ENV_VAR] = "1"
    # One scratch folder for the suite, made by the process that starts it; pytest-xdist's workers inherit it.
    if lab.SCRATCH_ENV_VAR not in os.environ:
        scratch = tempfile.mkdtemp(prefix="rv-suite-")
        atexit.register(shutil.rmtree, scratch, ignore_errors=True)
        os.environ[lab.SCRATCH_ENV_VAR] = scratch
    # Checks run by the suite must never land in the developer's own progress file.
    os.environ[PROGRESS_ENV_VAR] = os.path.join(os.environ[lab.SCRATCH_ENV_VAR], "progress.jsonl")


def pytest_collection_modifyitems(items):
    add_run_checks(items, Path(os.environ[lab.SCRATCH_ENV_VAR]))


def pytest_unconfigure(config):
    lab.BROWSER.close()
    if not hasattr(config, "workerinput"):  # the process that started the suite, after its workers ended
        lab.stop_shared_lab()


@pytest.fixture(autouse=True)
def fresh_progress(tmp_path, monkeypatch):
    """Each test starts with an empty progress file of its own, and checks in strict mode only if it asks."""
    monkeypatch.setenv(PROGRESS_ENV_VAR, str(tmp_path / "progress.jsonl"))
    monkeypatch.delenv(STRICT_ENV_VAR, raising=False)
