"""SIGTERM and Ctrl-C: the first stops the run and the results are written, marked incomplete; a second one
exits at once, cleanly.

- SIGTERM (what CI runners send on cancel) is turned into the KeyboardInterrupt of a Ctrl-C, so pytest
  stops the same way: the calls in flight are cancelled, the session finishes as INTERRUPTED and the
  results file and HTML report are written with `complete: false`. Without this, SIGTERM killed the run
  before anything was written.
- Once the reports are being written (`finishing()`), a first signal no longer interrupts them (a half
  written report is worth less than the second it takes); it is noted, and the next one exits.
- A second signal exits at once with pytest's INTERRUPTED status (2) and one line on stderr, no
  traceback; the temporary files of a report being written are removed first.

Installed on every process of the run. An xdist worker (a signal to the process group reaches it too)
only turns its first SIGTERM into a KeyboardInterrupt and leaves the rest to xdist, which interrupts its
workers itself while shutting down.
"""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path
from typing import Any, Optional

INTERRUPTED = 2  # pytest.ExitCode.INTERRUPTED
SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Interrupts:
    def __init__(self, outputs: tuple[Optional[Path], ...] = (), worker: bool = False):
        self.outputs = [Path(p) for p in outputs if p is not None]
        self.worker = worker
        self.count = 0
        self.finishing_reports = False
        self._previous: dict[int, Any] = {}

    def install(self) -> bool:
        if threading.current_thread() is not threading.main_thread():
            return False
        for sig in (signal.SIGTERM,) if self.worker else SIGNALS:
            self._previous[sig] = signal.signal(sig, self._handle)
        return True

    def uninstall(self) -> None:
        for sig, handler in self._previous.items():
            try:
                signal.signal(sig, handler if handler is not None else signal.SIG_DFL)
            except (ValueError, TypeError):  # not the main thread any more
                pass
        self._previous.clear()

    def finishing(self) -> None:
        """The reports are being written from now on: a signal is noted, not raised, until the second."""
        self.finishing_reports = True

    def _handle(self, signum: int, frame: Any) -> None:
        self.count += 1
        if self.worker:
            if self.count == 1:
                raise KeyboardInterrupt(f"{signal.Signals(signum).name} received")
            return
        if self.count >= 2:
            self._exit_now(signum)
        if self.finishing_reports:
            _say("csrbench: writing the reports; interrupt again to exit without them")
            return
        raise KeyboardInterrupt(f"{signal.Signals(signum).name} received")

    def _exit_now(self, signum: int) -> None:
        _say(f"csrbench: {signal.Signals(signum).name} again: exiting now; reports not written")
        for path in self.outputs:
            _remove_temporaries(path)
        os._exit(INTERRUPTED)


def _say(line: str) -> None:
    try:
        os.write(2, ("\n" + line + "\n").encode())
    except OSError:
        pass


def _remove_temporaries(path: Path) -> None:
    """The temporary files `results.write_json` and `report.html.write_html` write before renaming."""
    try:
        for tmp in [*path.parent.glob(".csrbench-*"), path.with_name(f".{path.name}.tmp")]:
            tmp.unlink(missing_ok=True)
    except OSError:
        pass
