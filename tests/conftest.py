"""Settings for the whole suite, inherited by every kernel that nbval starts."""

import os


def pytest_configure(config):
    # No notebook may reach the network: any HTTP(S) client in a kernel is pointed at a closed local port
    # and fails at once, instead of passing on a connected laptop and failing offline.
    closed_port = "http://127.0.0.1:9"
    for variable in ["http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"]:
        os.environ[variable] = closed_port
    os.environ["no_proxy"] = os.environ["NO_PROXY"] = "localhost,127.0.0.1,::1"
    # A deprecation warning in a notebook is a bug: in every kernel nbval starts, it fails the cell.
    os.environ["PYTHONWARNINGS"] = "error::DeprecationWarning,error::PendingDeprecationWarning,error::FutureWarning"
    # jupyter_core warns on every start until platformdirs paths are chosen; the choice changes nothing here.
    os.environ["JUPYTER_PLATFORM_DIRS"] = "1"
