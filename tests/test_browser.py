"""The course in JupyterLab, started as the README says (`make lab` in a fresh copy of the course), in
headless Chromium with every non-local request blocked.

A learner reaches every lesson, exercise set and solution, and the codebook, by clicking links alone, starting
from the page `make lab` opens. Every lesson and solution notebook runs through JupyterLab's own menu: each
chart output must become an SVG or a canvas, and no cell may show an error or a warning. The charts expected
are counted by executing the same notebook headlessly first, so a chart that silently fails to appear cannot
pass. Screenshots land in test-artifacts/screenshots/ (git-ignored).
"""

import json
import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import nbformat
import pytest
from course_copy import copy_course, learners_shell
from executed_notebooks import VEGALITE_MIME, code_outputs
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from russia_venezuela import progress
from russia_venezuela.lessons import read_lessons
from russia_venezuela.questions import questions_of

REPO_ROOT = Path(__file__).resolve().parent.parent
# The solutions are where the exercises' charts and the checks' verdicts are drawn (the exercises, unanswered,
# draw no chart).
FOLDERS = ["notebooks", "solutions"]
LESSONS = sorted(path for folder in FOLDERS for path in (REPO_ROOT / folder).glob("*.ipynb"))
SCREENSHOTS = REPO_ROOT / "test-artifacts" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
RUN_TIMEOUT_MS = 60_000
START_TIMEOUT_S = 300  # the first `make lab` in a fresh copy also sets up its environment

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists() and os.environ.get("CI") != "true",
    reason="the browser test needs Debian's Chromium: `sudo apt-get install chromium` (CI installs it itself)",
)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """`make lab` in a fresh copy of the course, exactly as the README says; the page it asks the learner's
    browser to open is caught by a stand-in browser command (Python's webbrowser honours $BROWSER)."""
    root = tmp_path_factory.mktemp("learner")
    course = copy_course(root / "course")
    opened = root / "opened-url"
    stand_in_browser = root / "browser"
    stand_in_browser.write_text(f'#!/bin/sh\nprintf "%s" "$1" > "{opened}"\n')
    stand_in_browser.chmod(0o755)
    settings = {
        # Render every cell, not only those scrolled into view, so that every chart can be inspected.
        "notebook-extension/tracker": {"windowingMode": "none"},
        # Never look online for news or updates.
        "apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
    }
    for name, values in settings.items():
        path = root / "settings" / "@jupyterlab" / f"{name}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    environment = learners_shell(
        BROWSER=str(stand_in_browser), JUPYTERLAB_SETTINGS_DIR=str(root / "settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(root / "workspaces"), JUPYTER_RUNTIME_DIR=str(root / "runtime"),
        **{progress.PROGRESS_ENV_VAR: str(root / "progress.jsonl")})
    log = open(root / "make-lab.log", "w")
    server = subprocess.Popen(["make", "lab"], cwd=course, env=environment, stdout=log, stderr=subprocess.STDOUT,
                              stdin=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + START_TIMEOUT_S
    while not opened.exists():
        if server.poll() is not None or time.monotonic() > deadline:
            os.killpg(server.pid, signal.SIGKILL)
            pytest.fail(f"make lab did not open a page; its output:\n{(root / 'make-lab.log').read_text()}")
        time.sleep(0.5)
    # JupyterLab hands the browser a local page that redirects to the notebook; follow it as the browser would.
    page = opened.read_text().strip()
    if page.startswith("file://"):
        page = re.search(r'url=([^"]+)"', Path(page.removeprefix("file://")).read_text())[1]
    base_url = re.match(r"https?://[^/]+", page)[0]
    yield {"course": course, "url": base_url, "start_page": page, "token": re.search(r"token=(\w+)", page)[1],
           "log": root / "make-lab.log", "progress": root / "progress.jsonl"}
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
    log.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


def charts_in(notebook_path: Path) -> int:
    """How many chart outputs the notebook makes when executed headlessly."""
    return sum(
        VEGALITE_MIME in output.get("data", {}) or "vegaEmbed" in output.get("data", {}).get("text/html", "")
        for output in code_outputs(notebook_path)
    )


def open_page(browser, lab, url: str):
    """A fresh browser page at `url`, able to reach the local JupyterLab and nothing else: a chart that needs
    a CDN must fail here as it would offline."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(lab["url"])
                  else route.abort())
    page = context.new_page()
    page.goto(url)
    return page


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def expect_open(page, path: str, heading: str) -> None:
    """The document at `path` (relative to the course folder) is the current tab and shows `heading`."""
    # The tab's tooltip names the document's path once it has loaded.
    page.locator(f'.lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current[title*="Path: {path}"]').wait_for(
        timeout=RUN_TIMEOUT_MS)
    page.locator(".jp-MainAreaWidget:visible").get_by_text(heading, exact=False).filter(visible=True).first.wait_for(
        timeout=RUN_TIMEOUT_MS)


def click_link(page, text: str, target: str) -> None:
    """Click a link of the current document until `target` (a path in the course folder) is the current tab, as
    a learner clicks again when nothing happens: JupyterLab only handles a click once it has resolved the
    link (to a /files/ address) and attached its handler, and on a busy machine that can come late."""
    link = page.locator(".jp-MainAreaWidget:visible .jp-RenderedMarkdown a").filter(has_text=text).first
    expect(link).to_have_attribute("href", re.compile(r"/files/"), timeout=RUN_TIMEOUT_MS)
    opened = page.locator(f'.lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current[title*="Path: {target}"]')
    for _ in range(3):
        link.click()
        try:
            opened.wait_for(timeout=RUN_TIMEOUT_MS // 3)
            return
        except PlaywrightTimeout:
            screenshot(page, f"click_{text.replace(' ', '_')}_not_yet_open")


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
        time.sleep(0.2)
    expect(tab).to_have_count(0)


def test_make_lab_opens_the_start_notebook_with_the_course_folder_as_root(lab, browser):
    log = lab["log"].read_text()
    assert f"Serving notebooks from local directory: {lab['course']}" in log
    assert "/lab/tree/notebooks/00_start_here.ipynb" in lab["start_page"]
    # The address printed for a browser opened by hand (make lab LAB_OPTIONS=--no-browser) leads there too.
    assert re.search(r"http://\S+/lab/tree/notebooks/00_start_here\.ipynb\?token=", log)
    page = open_page(browser, lab, lab["start_page"])
    expect_open(page, "notebooks/00_start_here.ipynb", "00. Start here")
    # The file browser opens in the notebook's folder; its home is the course folder, with everything in it.
    listing = page.locator(".jp-FileBrowser:visible .jp-DirListing-itemText")
    listing.filter(has_text="00_start_here.ipynb").wait_for(timeout=RUN_TIMEOUT_MS)
    page.locator(".jp-FileBrowser:visible .jp-BreadCrumbs-home").click()
    listing.filter(has_text="solutions").wait_for(timeout=RUN_TIMEOUT_MS)
    shown = set(listing.all_inner_texts())
    assert {"data", "docs", "exercises", "notebooks", "solutions", "README.md"} <= shown, shown
    assert not [name for name in shown if name.endswith(".egg-info")], "installation leftovers are shown"
    screenshot(page, "make_lab_start")
    page.context.close()


def test_a_learner_reaches_every_lesson_exercise_set_solution_and_the_codebook_by_clicking(lab, browser):
    """From the page `make lab` opens: the codebook link, then for each lesson its exercises and solutions
    links, then the link to the next lesson, to the end of the course."""
    lessons = read_lessons()
    page = open_page(browser, lab, lab["start_page"])
    expect_open(page, "notebooks/00_start_here.ipynb", "00. Start here")
    click_link(page, "codebook", "data/README.md")
    expect_open(page, "data/README.md", "codebook")
    close_tab(page, "data/README.md")
    for index, lesson in enumerate(lessons):
        expect_open(page, f"notebooks/{lesson.path.name}", f"{lesson.number}. {lesson.title}")
        if lesson.exercise_path.exists():
            for folder, link, heading in [("exercises", "exercises for this lesson", "Exercises"),
                                          ("solutions", "solutions", "Solutions")]:
                click_link(page, link, f"{folder}/{lesson.path.name}")
                expect_open(page, f"{folder}/{lesson.path.name}", f"{heading} {lesson.number}. {lesson.title}")
                close_tab(page, f"{folder}/{lesson.path.name}")
        if index + 1 < len(lessons):
            following = lessons[index + 1]
            click_link(page, f"{following.number}. {following.title}", f"notebooks/{following.path.name}")
    screenshot(page, "clicked_to_the_last_lesson")
    page.context.close()


def run_in_lab(browser, lab, relative_path: str) -> dict:
    """Open a notebook in JupyterLab, run all cells through the menu, and report what the page shows."""
    page = open_page(browser, lab, f"{lab['url']}/lab/tree/{relative_path}?token={lab['token']}&reset")
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
    page.wait_for_timeout(1500)  # let vega-embed finish drawing
    report = page.evaluate(
        """() => {
            const outputs = [...document.querySelectorAll('.jp-OutputArea-output')];
            // Altair's HTML output keeps its altair-viz div even when its script fails to load.
            const charts = outputs.filter(o => o.querySelector('.vega-embed, [id^="altair-viz"]')
                || (o.dataset.mimeType || '').startsWith('application/vnd.vegalite'));
            return {
                charts: charts.length,
                drawn: charts.filter(o => o.querySelector('svg, canvas')).length,
                errors: outputs.filter(o => o.dataset.mimeType === 'application/vnd.jupyter.stderr'
                                         || o.textContent.includes('No renderer could be found')
                                         || o.textContent.includes('Error loading script'))
                               .map(o => o.innerText.trim().slice(0, 300)),
            };
        }"""
    )
    screenshot(page, relative_path.replace("/", "__").removesuffix(".ipynb"))
    page.context.close()
    return report


@pytest.mark.parametrize("lesson", LESSONS, ids=[f"{path.parent.name}/{path.stem}" for path in LESSONS])
def test_lesson_runs_and_draws_every_chart_in_jupyterlab(lesson, lab, browser):
    expected_charts = charts_in(lesson)
    report = run_in_lab(browser, lab, f"{lesson.parent.name}/{lesson.name}")
    assert report["errors"] == [], f"{lesson.name} shows errors or warnings: {report['errors']}"
    assert report["charts"] == expected_charts, (
        f"{lesson.name} makes {expected_charts} charts but JupyterLab shows {report['charts']}")
    assert report["drawn"] == expected_charts, (
        f"{lesson.name}: only {report['drawn']} of {expected_charts} charts became an SVG or canvas")


def test_a_chart_that_needs_a_cdn_is_caught(lab, browser):
    """The negative control: stock Altair's HTML output loads Vega from a CDN, which must be seen to fail."""
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "import altair as alt\nimport pandas as pd\nalt.renderers.enable('html')\n"
        "alt.Chart(pd.DataFrame({'x': [1, 2]})).mark_point().encode(x='x')"
    )], metadata={"kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}})
    nbformat.write(notebook, lab["course"] / "notebooks" / "cdn_chart.ipynb")
    report = run_in_lab(browser, lab, "notebooks/cdn_chart.ipynb")
    assert report["charts"] == 1
    assert report["drawn"] == 0, "a chart that must fetch Vega from the network was drawn offline"
    assert any("Error loading script" in error for error in report["errors"])


def test_checks_run_in_a_solution_notebook_in_jupyterlab_solve_nothing(lab, browser):
    """JupyterLab names the notebook to its kernel: running the solutions is reading them, not solving."""
    report = run_in_lab(browser, lab, "solutions/01_the_sources.ipynb")
    assert report["errors"] == []
    records = [json.loads(line) for line in lab["progress"].read_text(encoding="utf-8").splitlines()]
    mine = [record for record in records if record["exercise"] == "01_the_sources"]
    assert {record["question"] for record in mine} == {q.name for q in questions_of("01_the_sources")}
    assert {record["event"] for record in mine} == {"solution"}
