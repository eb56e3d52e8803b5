"""The package as it is installed: what importing it loads, and the dependencies it declares."""

import ast
import re
import subprocess
import sys
import tomllib
from importlib import metadata

from russia_venezuela import paths
from russia_venezuela.environment import normalise

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
