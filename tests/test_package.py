"""The package as it is installed: what importing it loads, the dependencies it declares, and a wheel of it
that works outside the checkout."""

import ast
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from importlib import metadata
from pathlib import Path

from course_copy import learners_shell

from russia_venezuela import paths
from russia_venezuela.environment import normalise
from russia_venezuela.paths import COURSE_ENV_VAR
from russia_venezuela.progress import PROGRESS_ENV_VAR

# What a lesson never needs, and would wait for: the build and the rest of the maintainers' code, the grader and
# its sandbox and kernel runner, and the questions of every exercise set.
NOT_ON_IMPORT = ("russia_venezuela.maintainer", "russia_venezuela.grading", "russia_venezuela.sandbox", "nbclient",
                 "russia_venezuela.questions")


def test_importing_the_package_loads_no_maintainer_grading_or_question_code():
    loaded = subprocess.run([sys.executable, "-c", "import russia_venezuela, sys; print('\\n'.join(sys.modules))"],
                            capture_output=True, text=True, check=True).stdout.split()
    assert "russia_venezuela.data" in loaded  # the listing is of a real import
    assert [name for name in loaded if name.startswith(NOT_ON_IMPORT)] == []


def imported_top_level_names(source: str) -> set[str]:
    """The first part of every module name the code imports, at module level or inside a function."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def undeclared_imports(package_dir, declared: set[str]) -> list[str]:
    """Each third-party import of the package that no declared distribution provides, in a sentence."""
    providers = metadata.packages_distributions()
    problems = []
    for module in sorted(package_dir.rglob("*.py")):
        names = imported_top_level_names(module.read_text(encoding="utf-8"))
        for name in sorted(names - set(sys.stdlib_module_names) - {package_dir.name}):
            distributions = {normalise(distribution) for distribution in providers.get(name, [])}
            if not distributions & declared:
                problems.append(f"{module.relative_to(package_dir.parent)} imports {name}, from "
                                f"{', '.join(sorted(distributions)) or 'no installed distribution'}, which "
                                "pyproject.toml does not declare")
    return problems


def declared_dependencies(pyproject: dict) -> set[str]:
    return {normalise(re.match(r"[A-Za-z0-9_.\-]+", requirement)[0])
            for requirement in pyproject["project"]["dependencies"]}


def test_every_third_party_import_is_a_declared_dependency():
    pyproject = tomllib.loads((paths.COURSE_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    declared = declared_dependencies(pyproject)
    assert undeclared_imports(paths.PACKAGE_DIR, declared) == []
    assert {"pandas", "nbclient", "platformdirs"} <= declared
    without_nbclient = undeclared_imports(paths.PACKAGE_DIR, declared - {"nbclient"})
    assert without_nbclient == ["russia_venezuela/grading.py imports nbclient, from nbclient, which pyproject.toml "
                                "does not declare"]


# A learner's first steps, run by the wheel's package from the course's notebooks/ folder: q2 of the first
# exercise answered right, then with its typical mistake.
LEARNER_SESSION = """
import russia_venezuela as rv
from russia_venezuela import paths
from russia_venezuela.questions.ex01_the_sources import q2
print("package:", rv.__file__)
print("course:", paths.course_root())
actors = rv.load("actors")
person_count = int((actors["kind"] == "person").sum())
q2.check()
person_count = len(actors)
q2.check()
"""


def test_the_wheel_installed_apart_runs_a_check_on_the_course_it_finds(tmp_path):
    source = tmp_path / "source"  # a copy: building writes build/ and *.egg-info beside the sources
    shutil.copytree(paths.PACKAGE_DIR, source / "russia_venezuela", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ["pyproject.toml", "README.md"]:
        shutil.copy(paths.COURSE_ROOT / name, source / name)
    uv = shutil.which("uv", path=str(Path(sys.executable).parent))
    shell = learners_shell()  # a maintainer's terminal: uv may fetch setuptools to build with
    subprocess.run([uv, "build", "--quiet", "--wheel", "--out-dir", str(tmp_path / "dist"), str(source)],
                   env=shell, check=True, capture_output=True)
    wheel = next((tmp_path / "dist").glob("russia_venezuela-*.whl"))
    assert {"russia_venezuela/questions/ex01_the_sources.py", "russia_venezuela/checking/question.py",
            "russia_venezuela/maintainer/build.py"} <= set(zipfile.ZipFile(wheel).namelist())
    site = tmp_path / "site"
    subprocess.run([uv, "pip", "install", "--quiet", "--no-deps", "--python", sys.executable, "--target", str(site),
                    str(wheel)], env=shell, check=True, capture_output=True)

    # The worktree's own editable install provides the package too; PYTHONPATH comes before it.
    learner = {name: value for name, value in shell.items() if name not in {COURSE_ENV_VAR, "RUSSIA_VENEZUELA_DATA"}}
    learner.update(PYTHONPATH=str(site), **{PROGRESS_ENV_VAR: str(tmp_path / "progress.jsonl")})
    run = subprocess.run([sys.executable, "-c", LEARNER_SESSION], cwd=paths.LESSONS_DIR, env=learner,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == f"package: {site / 'russia_venezuela' / '__init__.py'}"
    assert lines[1] == f"course: {paths.COURSE_ROOT}"
    assert lines[2].startswith("Correct: ")
    assert lines[3].startswith("Incorrect: That is the number of all actors.")
