"""The course in JupyterLab, started as the README says (`make lab` in a fresh copy of the course), once for the
whole suite, and a headless Chromium per test process that can reach it and nothing else.

The first test process to need JupyterLab starts it, under a lock, and leaves its address in the suite's
scratch folder for the others; the process that started the suite stops it at the end (tests/conftest.py).
Screenshots land in test-artifacts/screenshots/ (git-ignored).
"""

import fcntl
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from course_copy import copy_course, learners_shell
from notebook_runs import NotebookRun, reads_runs_of
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect, sync_playwright

from russia_venezuela import paths, progress

SCRATCH_ENV_VAR = "RUSSIA_VENEZUELA_SUITE_SCRATCH"
SCREENSHOTS = paths.COURSE_ROOT / "test-artifacts" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
RUN_TIMEOUT_MS = 60_000
LAPTOP_WIDTH = 1280
START_TIMEOUT_S = 300  # the first `make lab` in a fresh copy also sets up its environment
# Where the suite puts the notebooks its one run executed, in the copy JupyterLab serves.
RUNS_FOLDER = "suite-runs"
LAB_SETTINGS = {
    # A notebook opened only to look at its outputs does not keep a kernel running once closed. (The windowing
    # mode stays JupyterLab's own, "contentVisibility", as learners have it: every cell is in the page, so
    # every chart can be counted, and the browser only skips painting those out of view.)
    "notebook-extension/tracker": {"kernelShutdown": True},
    # Never look online for news or updates.
    "apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
}


def skip_without_chromium() -> None:
    if not Path(CHROMIUM).exists() and os.environ.get("CI") != "true":
        pytest.skip("the browser test needs Debian's Chromium: `sudo apt-get install chromium` (CI installs it)")


_SERVERS: list[subprocess.Popen] = []


def _scratch() -> Path:
    return Path(os.environ[SCRATCH_ENV_VAR])


def _suite_environment_is_current() -> bool:
    """Whether the suite runs in the environment `make` set up for this checkout, since its lock last changed:
    make's own rule for a second `make lab` to start at once (the copy keeps the files' times)."""
    ready = Path(sys.prefix) / ".ready"
    return ready.exists() and all(ready.stat().st_mtime >= (paths.COURSE_ROOT / name).stat().st_mtime
                                  for name in ["requirements-lock.txt", "pyproject.toml"])


def _start_lab(root: Path) -> dict:
    """`make lab` in a fresh copy of the course, exactly as the README says; the page it asks the learner's
    browser to open is caught by a stand-in browser command (Python's webbrowser honours $BROWSER).

    The copy gets the suite's own environment when `make` made it, as a learner's second `make lab` finds the
    one its first made: tests/test_update.py proves the first run in a fresh clone sets one up."""
    course = copy_course(root / "course")
    if _suite_environment_is_current():
        (course / ".venv").symlink_to(sys.prefix)
    opened = root / "opened-url"
    stand_in_browser = root / "browser"
    stand_in_browser.write_text(f'#!/bin/sh\nprintf "%s" "$1" > "{opened}"\n')
    stand_in_browser.chmod(0o755)
    for name, values in LAB_SETTINGS.items():
        path = root / "settings" / "@jupyterlab" / f"{name}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    environment = learners_shell(
        BROWSER=str(stand_in_browser), JUPYTERLAB_SETTINGS_DIR=str(root / "settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(root / "workspaces"), JUPYTER_RUNTIME_DIR=str(root / "runtime"),
        **{progress.PROGRESS_ENV_VAR: str(root / "progress.jsonl")})
    log_path = root / "make-lab.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen(["make", "lab"], cwd=course, env=environment, stdout=log,
                                  stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
    # Kept for the life of this process: the server outlives the test that started it, and is stopped by pgid.
    _SERVERS.append(server)
    deadline = time.monotonic() + START_TIMEOUT_S
    while not opened.exists():
        if server.poll() is not None or time.monotonic() > deadline:
            if server.poll() is None:
                os.killpg(server.pid, signal.SIGKILL)
            return {"error": f"make lab did not open a page; its output:\n{log_path.read_text()}"}
        time.sleep(0.2)
    # JupyterLab hands the browser a local page that redirects to the notebook; follow it as the browser would.
    page = opened.read_text().strip()
    if page.startswith("file://"):
        page = re.search(r'url=([^"]+)"', Path(page.removeprefix("file://")).read_text())[1]
    return {"pid": server.pid, "course": str(course), "url": re.match(r"https?://[^/]+", page)[0],
            "start_page": page, "token": re.search(r"token=(\w+)", page)[1], "log": str(log_path),
            "progress": str(root / "progress.jsonl")}


def shared_lab() -> dict:
    """The suite's one JupyterLab, started by whichever test process needs it first."""
    scratch = _scratch()
    with open(scratch / "lab.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        state = scratch / "lab.json"
        if not state.exists():
            root = scratch / "lab"
            root.mkdir()
            state.write_text(json.dumps(_start_lab(root)))
    lab = json.loads(state.read_text())
    if "error" in lab:
        pytest.fail(lab["error"])
    return {**lab, "course": Path(lab["course"]), "log": Path(lab["log"]), "progress": Path(lab["progress"])}


def stop_shared_lab() -> None:
    """Stop the suite's JupyterLab, if one was started: called once, by the process that started the suite."""
    state = _scratch() / "lab.json"
    if not state.exists():
        return
    pid = json.loads(state.read_text()).get("pid")
    if pid is None:
        return
    try:
        os.killpg(pid, signal.SIGTERM)
        for _ in range(100):
            time.sleep(0.1)
            os.killpg(pid, 0)
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


class _Browser:
    """This test process's Chromium, started on first use and closed when the process's tests end."""

    playwright = chromium = drawing_page = None

    def get(self):
        if self.chromium is None:
            self.playwright = sync_playwright().start()
            self.chromium = self.playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                                            headless=True)
        return self.chromium

    def close(self) -> None:
        if self.chromium is not None:
            self.chromium.close()
            self.playwright.stop()
            self.playwright = self.chromium = self.drawing_page = None


BROWSER = _Browser()


def open_page(lab: dict, url: str, width: int = 1400):
    """A fresh browser page at `url`, able to reach the local JupyterLab and nothing else: a chart that needs
    a CDN must fail here as it would offline."""
    context = BROWSER.get().new_context(viewport={"width": width, "height": 1000})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(lab["url"])
                  else route.abort())
    page = context.new_page()
    page.goto(url)
    return page


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def current_tab(page, path: str):
    # The tab's tooltip names the document's path once it has loaded.
    return page.locator(f'.lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current[title*="Path: {path}"]')


def close_tab(page, path: str) -> None:
    """Close the tab of the document at `path`. JupyterLab records the running kernel's language version in a
    notebook it opens, so even a notebook only read may ask whether to save; a reader answers "Discard"."""
    tab = page.locator(f'.lm-DockPanel-tabBar .lm-TabBar-tab[title*="Path: {path}"]')
    tab.locator(".lm-TabBar-tabCloseIcon").click()
    discard = page.locator(".jp-Dialog").get_by_role("button", name="Discard")
    deadline = time.monotonic() + RUN_TIMEOUT_MS / 1000
    while tab.count() and time.monotonic() < deadline:
        if discard.is_visible():
            discard.click()
        time.sleep(0.1)
    expect(tab).to_have_count(0)


# What the current notebook shows: its chart outputs, those drawn (an SVG or a canvas), and the outputs that
# show an error or a warning. Altair's HTML output keeps its altair-viz div even when its script fails to load.
SHOWN = """() => {
    const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
    const outputs = panel ? [...panel.querySelectorAll('.jp-OutputArea-output')] : [];
    const charts = outputs.filter(o => o.querySelector('.vega-embed, [id^="altair-viz"]')
        || (o.dataset.mimeType || '').startsWith('application/vnd.vegalite'));
    return {
        outputs: outputs.length,
        charts: charts.length,
        drawn: charts.filter(o => o.querySelector('svg, canvas')).length,
        // Charts wider than the output area they sit in: the reader would have to scroll sideways.
        overflowing: charts.filter(o => o.scrollWidth > o.clientWidth + 1)
                           .map(o => `${o.scrollWidth} px in ${o.clientWidth} px`),
        errors: outputs.filter(o => o.dataset.mimeType === 'application/vnd.jupyter.stderr'
                                 || o.textContent.includes('No renderer could be found')
                                 || o.textContent.includes('Error loading script'))
                       .map(o => o.innerText.trim().slice(0, 300)),
    };
}"""


def wait_until(page, condition: str) -> dict:
    """What the notebook shows once `condition` (JavaScript on `shown`, the object SHOWN returns) holds, or when
    waiting for it times out: then the assertions on what is shown say what is missing."""
    try:
        page.wait_for_function(f"() => {{ const shown = ({SHOWN})(); return {condition}; }}", timeout=RUN_TIMEOUT_MS)
    except PlaywrightTimeout:
        pass
    return page.evaluate(SHOWN)


EVERY_CHART_DRAWN = "shown.drawn === shown.charts"


def run_in_lab(lab: dict, relative_path: str, until: str = EVERY_CHART_DRAWN) -> dict:
    """Open a notebook in JupyterLab, run all cells through the menu, and report what the page shows once the
    kernel is idle again and `until` holds."""
    page = open_page(lab, f"{lab['url']}/lab/tree/{relative_path}?token={lab['token']}&reset")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=RUN_TIMEOUT_MS)
    page.get_by_text("| Idle").wait_for(timeout=RUN_TIMEOUT_MS)  # the status bar, once the kernel is up
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    page.wait_for_function(
        """() => {
            const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')];
            return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
        }""",
        timeout=RUN_TIMEOUT_MS,
    )
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=RUN_TIMEOUT_MS)
    report = wait_until(page, until)
    screenshot(page, relative_path.replace("/", "__").removesuffix(".ipynb"))
    page.context.close()
    return report


def drawing_page(lab: dict):
    """This process's page for looking at executed notebooks: JupyterLab loaded once, in a workspace of its own
    so that processes do not share a layout, and reused for every notebook."""
    if BROWSER.drawing_page is None:
        workspace = f"suite-{os.getpid()}"
        # A laptop's 1280 pixels, with the file browser open as JupyterLab starts: the width budget of charts.
        BROWSER.drawing_page = open_page(lab, f"{lab['url']}/lab/workspaces/{workspace}?token={lab['token']}&reset",
                                         width=LAPTOP_WIDTH)
        BROWSER.drawing_page.get_by_role("menuitem", name="File", exact=True).wait_for(timeout=RUN_TIMEOUT_MS)
        BROWSER.drawing_page.locator(".jp-FileBrowser").wait_for(state="visible", timeout=RUN_TIMEOUT_MS)
    return BROWSER.drawing_page


def open_from_path(page, path: str) -> None:
    """Open a document as a learner can from the menu: File > Open from Path…"""
    page.get_by_role("menuitem", name="File", exact=True).click()
    page.get_by_role("menuitem", name="Open from Path…").click()
    dialog = page.locator(".jp-Dialog")
    dialog.locator("input").fill(path)
    dialog.get_by_role("button", name="Open").click()
    current_tab(page, path).wait_for(timeout=RUN_TIMEOUT_MS)


@reads_runs_of("notebooks", "solutions")
def jupyterlab_draws_every_chart(run: NotebookRun):
    """The outputs of the notebook's run, opened in JupyterLab: every chart becomes an SVG or a canvas, and no
    output shows an error, a warning or a missing renderer."""
    skip_without_chromium()
    lab = shared_lab()
    relative = f"{RUNS_FOLDER}/{run.path.parent.name}/{run.path.name}"
    target = lab["course"] / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    written = target.with_suffix(".partial")
    written.write_text(nbformat.writes(run.executed_notebook()), encoding="utf-8")
    written.replace(target)
    page = drawing_page(lab)
    open_from_path(page, relative)
    expected = run.chart_outputs()
    report = wait_until(page, f"shown.outputs >= {len(run.outputs)} && shown.drawn >= {expected}")
    charts = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .vega-embed")
    if charts.count():
        charts.first.scroll_into_view_if_needed()
    screenshot(page, relative.replace("/", "__").removesuffix(".ipynb"))
    close_tab(page, relative)
    assert report["errors"] == [], f"JupyterLab shows errors or warnings: {report['errors']}"
    assert report["charts"] == expected, f"the run made {expected} charts but JupyterLab shows {report['charts']}"
    assert report["drawn"] == expected, f"only {report['drawn']} of {expected} charts became an SVG or canvas"
    assert report["overflowing"] == [], f"charts wider than the notebook at {LAPTOP_WIDTH} px: {report['overflowing']}"
