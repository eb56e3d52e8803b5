"""The process that draws charts for the checks: Vega's scenegraph of a Vega-Lite spec, by vl-convert.

A chart can be made to draw for ever or to fill the memory (a data generator of a billion rows, say). Drawn in
a process of its own, it is stopped after a time limit and the judging goes on, in a learner's kernel as in
the grader. `Painter.scene(spec_text)` starts the process on first use (`python -m russia_venezuela.painter`,
which reads one spec per line and writes one scenegraph per line) and starts a new one after a stop. The
module imports nothing heavy, so the process is ready in a fraction of a second.
"""

import atexit
import json
import queue
import subprocess
import sys
import threading


class PaintingFailed(Exception):
    """The chart was not drawn; the message says why, in words for the learner."""


class Painter:
    """Draws in a process of its own, waiting at most `seconds` for a drawing; the process ends after
    `idle_seconds` without one (it holds about 180 MB beside a learner's kernel) and starts again when needed."""

    def __init__(self, seconds: float, idle_seconds: float = 120):
        self.seconds = seconds
        self.idle_seconds = idle_seconds
        self.process: subprocess.Popen | None = None
        self.replies: queue.Queue = queue.Queue()
        self.idle: threading.Timer | None = None
        self.lock = threading.Lock()  # one drawing at a time; the grader's threads take turns
        atexit.register(self._stop)

    def scene(self, spec_text: str) -> dict:
        with self.lock:
            if self.idle is not None:
                self.idle.cancel()
            try:
                return self._draw(spec_text)
            finally:
                self.idle = threading.Timer(self.idle_seconds, self._stop_when_idle)
                self.idle.daemon = True
                self.idle.start()

    def _draw(self, spec_text: str) -> dict:
        if self.process is None or self.process.poll() is not None:
            self._start()
        try:
            self.process.stdin.write(json.dumps(spec_text) + "\n")
            self.process.stdin.flush()
            reply = self.replies.get(timeout=self.seconds)
        except (queue.Empty, OSError):
            self._stop()
            raise PaintingFailed(f"Your chart takes more than {self.seconds:g} seconds to draw, so it was not "
                                 "judged. Draw only the rows the question needs, from a table of your own.")
        if reply is None:  # the process ended, out of memory for instance
            self._stop()
            raise PaintingFailed("Your chart could not be drawn: drawing it stopped, out of memory perhaps. "
                                 "Draw only the rows the question needs, from a table of your own.")
        if "error" in reply:
            raise PaintingFailed(reply["error"])
        return reply

    def _stop_when_idle(self) -> None:
        with self.lock:
            self._stop()

    def _start(self) -> None:
        # What V8 prints as it dies (out of memory, say) is no news for the learner: the verdict says it.
        self.process = subprocess.Popen([sys.executable, "-m", __name__], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                                        encoding="utf-8")
        self.replies = queue.Queue()
        threading.Thread(target=_read_replies, args=(self.process.stdout, self.replies), daemon=True).start()

    def _stop(self) -> None:
        """End the drawing process: it ends by itself once its input closes, and is killed if it is drawing."""
        if self.process is not None:
            process, self.process = self.process, None
            process.stdin.close()
            try:
                process.wait(timeout=2)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            process.stdout.close()


def _read_replies(stream, replies: queue.Queue) -> None:
    for line in stream:
        replies.put(json.loads(line))
    replies.put(None)


def _serve() -> None:
    import signal

    import vl_convert

    # Ctrl-C in a terminal reaches the whole process group; the process that started this one decides when it ends.
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    for line in sys.stdin:
        try:
            # No base URL is allowed: a chart that loads its data from the web is not drawn (and never waits).
            reply = vl_convert.vegalite_to_scenegraph(json.loads(line), allowed_base_urls=[])
        except Exception as error:
            # vl-convert's first line only says the conversion failed; Vega's own reason follows.
            lines = [line.strip() for line in str(error).splitlines() if line.strip()] or [type(error).__name__]
            reason = next((line for line in lines if line.startswith("Error")), lines[0])
            reply = {"error": f"Vega cannot draw your chart. It says: “{reason[:200]}”. Fix that first."}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    _serve()
