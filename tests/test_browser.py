"""The course in JupyterLab, started as the README says (`make lab` in a fresh copy of the course, shared by the
whole suite: tests/lab.py), in headless Chromium with every non-local request blocked.

A learner reaches every lesson, exercise set and solution, and the codebook, by clicking links alone, starting
from the page `make lab` opens. That every chart of every lesson and solution is drawn is checked on the outputs
of the suite's one run of each notebook (`jupyterlab_draws_every_chart` in tests/lab.py); here one solution
notebook also runs through JupyterLab's own menu, as a learner runs it, and a chart that needs a CDN is seen to
fail.
"""

import json
import re
import time

import nbformat
import pytest
from lab import (
    RUN_TIMEOUT_MS,
    close_tab,
    current_tab,
    open_page,
    run_in_lab,
    screenshot,
    shared_lab,
    skip_without_chromium,
)
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from russia_venezuela.lessons import read_lessons
from russia_venezuela.questions import questions_of


@pytest.fixture
def lab():
    skip_without_chromium()
    return shared_lab()


def expect_open(page, path: str, heading: str) -> None:
    """The document at `path` (relative to the course folder) is the current tab and shows `heading`."""
    current_tab(page, path).wait_for(timeout=RUN_TIMEOUT_MS)
    page.locator(".jp-MainAreaWidget:visible").get_by_text(heading, exact=False).filter(visible=True).first.wait_for(
        timeout=RUN_TIMEOUT_MS)


def click_link(page, text: str, source: str, target: str) -> None:
    """Click a link of the document at `source` until `target` (a path in the course folder) is the current tab,
    as a learner clicks again when nothing happens: JupyterLab only handles a click once it has resolved the
    link (to a /files/ address) and attached its handler, and on a busy machine that can come late."""
    _bring_back(page, source)
    link = page.locator(".jp-MainAreaWidget:visible .jp-RenderedMarkdown a").filter(has_text=text).first
    # JupyterLab renders a notebook's cells as they come into view: scroll down, as a learner does, to reach a
    # link in the last cells of a long lesson.
    deadline = time.monotonic() + RUN_TIMEOUT_MS / 1000
    while not link.count() and time.monotonic() < deadline:
        _bring_back(page, source)
        page.locator(".jp-MainAreaWidget:visible .jp-WindowedPanel-outer").evaluate_all(
            "scrollers => scrollers.forEach(scroller => scroller.scrollTo(0, scroller.scrollHeight))")
        time.sleep(0.2)
    if not link.count():
        screenshot(page, f"link_{text.replace(' ', '_')}_not_found")
        pytest.fail(f"no link {text!r} in {source} after scrolling to its end")
    expect(link).to_have_attribute("href", re.compile(r"/files/"), timeout=RUN_TIMEOUT_MS)
    opened = current_tab(page, target)
    for _ in range(3):
        link.click()
        try:
            opened.wait_for(timeout=RUN_TIMEOUT_MS // 3)
            return
        except PlaywrightTimeout:
            screenshot(page, f"click_{text.replace(' ', '_')}_not_yet_open")


def _bring_back(page, source: str) -> None:
    """Make the document at `source` the current tab again if another one is: twice in full suites on a busy
    machine the previous document came back to the front after the next one had opened (cause not found; the
    screenshot tab_switched_*.png records each time), and a learner would click its tab."""
    if current_tab(page, source).count():
        return
    screenshot(page, f"tab_switched_from_{source.replace('/', '__')}")
    page.locator(f'.lm-DockPanel-tabBar .lm-TabBar-tab[title*="Path: {source}"]').first.click()
    current_tab(page, source).wait_for(timeout=RUN_TIMEOUT_MS)


def test_make_lab_opens_the_start_notebook_with_the_course_folder_as_root(lab):
    log = lab["log"].read_text()
    assert f"Serving notebooks from local directory: {lab['course']}" in log
    assert "/lab/tree/notebooks/00_start_here.ipynb" in lab["start_page"]
    # The address printed for a browser opened by hand (make lab LAB_OPTIONS=--no-browser) leads there too.
    assert re.search(r"http://\S+/lab/tree/notebooks/00_start_here\.ipynb\?token=", log)
    page = open_page(lab, lab["start_page"])
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


def test_a_learner_reaches_every_lesson_exercise_set_solution_and_the_codebook_by_clicking(lab):
    """From the page `make lab` opens: the codebook link, then for each lesson its exercises and solutions
    links, then the link to the next lesson, to the end of the course."""
    lessons = read_lessons()
    page = open_page(lab, lab["start_page"])
    expect_open(page, "notebooks/00_start_here.ipynb", "00. Start here")
    click_link(page, "codebook", "notebooks/00_start_here.ipynb", "data/README.md")
    expect_open(page, "data/README.md", "codebook")
    close_tab(page, "data/README.md")
    for index, lesson in enumerate(lessons):
        expect_open(page, f"notebooks/{lesson.path.name}", f"{lesson.number}. {lesson.title}")
        if lesson.exercise_path.exists():
            for folder, link, heading in [("exercises", "exercises for this lesson", "Exercises"),
                                          ("solutions", "solutions", "Solutions")]:
                click_link(page, link, f"notebooks/{lesson.path.name}", f"{folder}/{lesson.path.name}")
                expect_open(page, f"{folder}/{lesson.path.name}", f"{heading} {lesson.number}. {lesson.title}")
                close_tab(page, f"{folder}/{lesson.path.name}")
        if index + 1 < len(lessons):
            following = lessons[index + 1]
            click_link(page, f"{following.number}. {following.title}", f"notebooks/{lesson.path.name}",
                       f"notebooks/{following.path.name}")
    screenshot(page, "clicked_to_the_last_lesson")
    page.context.close()


def test_a_chart_that_needs_a_cdn_is_caught(lab):
    """The negative control: stock Altair's HTML output loads Vega from a CDN, which must be seen to fail."""
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "import altair as alt\nimport pandas as pd\nalt.renderers.enable('html')\n"
        "alt.Chart(pd.DataFrame({'x': [1, 2]})).mark_point().encode(x='x')"
    )], metadata={"kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}})
    nbformat.write(notebook, lab["course"] / "notebooks" / "cdn_chart.ipynb")
    report = run_in_lab(lab, "notebooks/cdn_chart.ipynb", until="shown.errors.length > 0")
    assert report["charts"] == 1
    assert report["drawn"] == 0, "a chart that must fetch Vega from the network was drawn offline"
    assert any("Error loading script" in error for error in report["errors"])


def test_checks_run_in_a_solution_notebook_in_jupyterlab_solve_nothing(lab):
    """JupyterLab names the notebook to its kernel: running the solutions is reading them, not solving."""
    report = run_in_lab(lab, "solutions/01_the_sources.ipynb")
    assert report["errors"] == []
    records = [json.loads(line) for line in lab["progress"].read_text(encoding="utf-8").splitlines()]
    mine = [record for record in records if record["exercise"] == "01_the_sources"]
    assert {record["question"] for record in mine} == {q.name for q in questions_of("01_the_sources")}
    assert {record["event"] for record in mine} == {"solution"}
