"""Every lesson and solution notebook, run through JupyterLab's own UI in headless Chromium, offline.

Each chart output must become an SVG or a canvas, and no cell may show an error or a warning. The charts
expected are counted by executing the same notebook headlessly first, so a chart that silently fails to
appear cannot pass. Screenshots land in test-artifacts/screenshots/ (git-ignored).
"""

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest
from executed_notebooks import VEGALITE_MIME, code_outputs

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

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists() and os.environ.get("CI") != "true",
    reason="the browser test needs Debian's Chromium: `sudo apt-get install chromium` (CI installs it itself)",
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab on a free loopback port, serving a copy of the notebooks so that autosave changes nothing."""
    root = tmp_path_factory.mktemp("lab")
    for folder in FOLDERS:
        shutil.copytree(REPO_ROOT / folder, root / folder)
    settings = {
        # Render every cell, not only those scrolled into view, so that every chart can be inspected.
        "notebook-extension/tracker": {"windowingMode": "none"},
        # Start the notebook's own kernel without asking, and never look online for news or updates.
        "docmanager-extension/plugin": {"autoStartDefaultKernel": True},
        "apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
    }
    for name, values in settings.items():
        path = root / "settings" / "@jupyterlab" / f"{name}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    port, token = _free_port(), secrets.token_hex(16)
    # The server itself is not under test for warnings; the page shows any that a kernel prints.
    environment = {**{k: v for k, v in os.environ.items() if k != "PYTHONWARNINGS"},
                   "JUPYTER_CONFIG_DIR": str(root / "config"), "JUPYTER_RUNTIME_DIR": str(root / "runtime")}
    command = [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
               f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
               f"--LabApp.user_settings_dir={root / 'settings'}", f"--LabApp.workspaces_dir={root / 'workspaces'}"]
    if os.geteuid() == 0:
        command.append("--allow-root")
    log = open(root / "jupyterlab.log", "w")
    server = subprocess.Popen(command, env=environment, stdout=log, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{base_url}/api/status?token={token}", timeout=2)
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail(f"JupyterLab did not start; its log:\n{(root / 'jupyterlab.log').read_text()}")
            time.sleep(0.5)
    yield {"root": root, "url": base_url, "token": token}
    server.terminate()
    server.wait(timeout=20)
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


def run_in_lab(browser, lab, relative_path: str) -> dict:
    """Open a notebook in JupyterLab, run all cells through the menu, and report what the page shows."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    # Only the local server may be reached: a chart that needs a CDN must fail here as it would offline.
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(lab["url"])
                  else route.abort())
    page = context.new_page()
    page.goto(f"{lab['url']}/lab/tree/{relative_path}?token={lab['token']}&reset")
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
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / (relative_path.replace("/", "__").removesuffix(".ipynb") + ".png"),
                    full_page=True)
    context.close()
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
    nbformat.write(notebook, lab["root"] / "notebooks" / "cdn_chart.ipynb")
    report = run_in_lab(browser, lab, "notebooks/cdn_chart.ipynb")
    assert report["charts"] == 1
    assert report["drawn"] == 0, "a chart that must fetch Vega from the network was drawn offline"
    assert any("Error loading script" in error for error in report["errors"])
