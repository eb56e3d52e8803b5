# JupyterLab as `make lab` starts it (`jupyter lab --config=jupyter_lab_config.py`).
import os

# The course folder is the root, so every lesson, exercise set, solution and the codebook can be reached, and
# the start notebook opens first: in the browser `make lab` opens, and at the address it prints.
c.ServerApp.root_dir = os.path.dirname(os.path.abspath(__file__))  # noqa: F821 (c is the config traitlets passes)
c.LabApp.default_url = "/lab/tree/notebooks/00_start_here.ipynb"  # noqa: F821
# Offline by design: no pop-up asking to fetch Jupyter's news, no look online for a newer JupyterLab.
c.LabApp.news_url = None  # noqa: F821
c.LabApp.check_for_updates_class = "jupyterlab.NeverCheckForUpdate"  # noqa: F821
# Jupyter's own list of files not shown, plus the package metadata that installing the course writes.
c.ContentsManager.hide_globs = ["__pycache__", "*.pyc", "*.pyo", ".DS_Store", "*.so", "*.dylib", "*~",  # noqa: F821
                                "*.egg-info"]
