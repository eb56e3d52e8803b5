"""The package as it is installed: what importing it loads."""

import subprocess
import sys

# What a lesson never needs, and would wait for: the build and the rest of the maintainers' code, the grader and
# its sandbox and kernel runner, and the questions of every exercise set.
NOT_ON_IMPORT = ("russia_venezuela.maintainer", "russia_venezuela.grading", "russia_venezuela.sandbox", "nbclient",
                 "russia_venezuela.questions")


def test_importing_the_package_loads_no_maintainer_grading_or_question_code():
    loaded = subprocess.run([sys.executable, "-c", "import russia_venezuela, sys; print('\\n'.join(sys.modules))"],
                            capture_output=True, text=True, check=True).stdout.split()
    assert "russia_venezuela.data" in loaded  # the listing is of a real import
    assert [name for name in loaded if name.startswith(NOT_ON_IMPORT)] == []
