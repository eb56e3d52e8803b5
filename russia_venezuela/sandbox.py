"""The operating-system sandbox a learner's kernel runs in while it is graded, made with bubblewrap (`bwrap`,
the sandbox under Flatpak) and limited with util-linux's `prlimit`.

Inside it the kernel sees a new root holding only the system's programs and libraries, the Python
environment and the course's package and data, all read-only; a private, empty `exercises/` folder beside the
data as its working folder (so `../data/events.csv` reads as in the course); a private `/tmp`; and the one
folder its grading job gave it. It has no network at all (not even 127.0.0.1 of the machine), sees no process
but its own, and is killed with everything it started when its worker ends. The kernel talks to its worker
over Unix sockets in that job folder, since TCP cannot cross into a sandbox without a network.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from russia_venezuela import paths
from russia_venezuela.checking.question import GRADING_ENV_VAR
from russia_venezuela.progress import PROGRESS_ENV_VAR

INSTALL_HINT = ("Debian/Ubuntu: `sudo apt-get install bubblewrap util-linux`; Fedora: `sudo dnf install bubblewrap "
                "util-linux`")
MEMORY_BYTES = 2 * 2**30  # the kernel's data segment and heap: the course needs about 400 MB
FILE_BYTES = 100 * 2**20  # the largest file the kernel may write
OPEN_FILES = 256
PROCESSES = 4096  # counted over all processes of the user who grades; Linux exempts root
MAX_TEMP_PATH = 64
SYSTEM_FOLDERS = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"]


def problem() -> str | None:
    """Why no sandbox can be made on this machine, or None when one can."""
    # The kernel's sockets live at <temp>/rv-grade-<8>/<job>/k<8>/k-<n>, and a Unix socket's path holds 107 bytes.
    if len(os.fsencode(tempfile.gettempdir())) > MAX_TEMP_PATH:
        return (f"the temporary folder's path, {tempfile.gettempdir()}, is longer than the {MAX_TEMP_PATH} bytes "
                "that leave room for the kernel's Unix sockets. Set TMPDIR to a short folder, such as /tmp, and "
                "run the same command again")
    missing = [tool for tool in ("bwrap", "prlimit") if shutil.which(tool) is None]
    if missing:
        packages = " and ".join({"bwrap": "bubblewrap", "prlimit": "util-linux"}[tool] for tool in missing)
        return (f"{' and '.join(missing)} cannot be found on PATH ({os.environ.get('PATH', '')}). Install "
                f"{packages} ({INSTALL_HINT}), or put {'them' if len(missing) > 1 else 'it'} on PATH, and run the "
                "same command again")
    trial = subprocess.run(["bwrap", "--ro-bind", "/", "/", "--unshare-all", "--die-with-parent", "--", "true"],
                           capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if trial.returncode != 0:
        return ("bubblewrap is installed but cannot make a sandbox here (" + trial.stderr.strip()[:300] + "): "
                "it needs unprivileged user namespaces, which some containers and hardened systems turn off. "
                "Grade on a machine that allows them")
    with tempfile.TemporaryDirectory() as job_folder:  # what a kernel needs, imported as the kernel would
        trial = subprocess.run(command(Path(job_folder), 60) + [sys.executable, "-c", "import ipykernel, pandas, "
                                                                "russia_venezuela"],
                               capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if trial.returncode != 0:
        return ("bubblewrap makes a sandbox here, but the course's Python cannot start in it ("
                + trial.stderr.strip()[-300:] + "). Please report this, with the message, to the course's "
                "maintainers")
    return None


def _read_only(path: str) -> list[str]:
    return ["--ro-bind", path, path]


def command(job_folder: Path, cpu_seconds: float) -> list[str]:
    """The words that start a program inside the sandbox: put the program's own command after them."""
    # `env -i`: the sandbox's own first process would otherwise show the grader's environment in /proc/1/environ.
    limits = ["env", "-i", shutil.which("prlimit"), f"--data={MEMORY_BYTES}", f"--cpu={int(cpu_seconds) + 1}",
              f"--fsize={FILE_BYTES}", f"--nofile={OPEN_FILES}", f"--nproc={PROCESSES}", "--core=0", "--"]
    # A private /tmp first: mounted later, it would hide whatever else lives under /tmp (a course cloned there).
    words = [shutil.which("bwrap"), "--unshare-all", "--die-with-parent", "--clearenv", "--proc", "/proc", "--dev",
             "/dev", "--tmpfs", "/tmp"]
    for folder in SYSTEM_FOLDERS:
        if os.path.islink(folder):  # merged /usr: /lib is a link to usr/lib
            words += ["--symlink", os.readlink(folder), folder]
        elif os.path.isdir(folder):
            words += _read_only(folder)
    python = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix,
              str(Path(sys.executable).resolve().parent.parent)}
    for prefix in sorted(python):
        if not any(prefix == folder or prefix.startswith(folder + "/") for folder in SYSTEM_FOLDERS):
            words += _read_only(prefix)
    # ipykernel starts its debugger whenever debugpy can be imported, 0.15 s of every kernel's start; nobody
    # debugs a graded kernel, so the sandbox shows it an empty folder there instead.
    debugger = importlib.util.find_spec("debugpy")
    if debugger is not None and debugger.submodule_search_locations:
        words += ["--tmpfs", debugger.submodule_search_locations[0]]
    exercises = str(paths.EXERCISES_DIR)
    words += [*_read_only(str(paths.PACKAGE_DIR)), *_read_only(str(paths.DATA_DIR)), "--ro-bind-try",
              "/etc/ld.so.cache", "/etc/ld.so.cache", "--tmpfs", exercises,
              "--bind", str(job_folder), str(job_folder), "--chdir", exercises]
    environment = {"HOME": "/tmp", "TMPDIR": "/tmp", "LANG": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1",
                   "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
                   GRADING_ENV_VAR: "1", PROGRESS_ENV_VAR: "/tmp/progress.jsonl"}
    for name, value in environment.items():
        words += ["--setenv", name, value]
    return limits + words + ["--"]


def kernel_manager(base: type, job_folder: Path, cpu_seconds: float):
    """A Jupyter kernel manager (of class `base`, an AsyncKernelManager) whose kernel starts inside the sandbox,
    reached through Unix sockets in `job_folder`. Interrupts go as a message on the control channel, since a
    signal to the kernel's process group would end the sandbox around it, not just the running cell."""

    class SandboxedKernelManager(base):
        def format_kernel_cmd(self, extra_arguments=None):
            return command(job_folder, cpu_seconds) + super().format_kernel_cmd(extra_arguments)

        @property
        def kernel_spec(self):
            spec = super().kernel_spec
            spec.interrupt_mode = "message"
            return spec

    return SandboxedKernelManager(kernel_name="python3", transport="ipc", ip=str(job_folder / "k"),
                                  connection_file=str(job_folder / "kernel.json"))
