"""Coordination of a run's model calls across xdist workers (see models/runs.py for the design).

The controller gives every worker the run id and a throw-away coordination database's directory;
at the end a worker closes its runner (cancelling queued calls on Ctrl-C) and the controller removes
the directory.
"""

from __future__ import annotations

import shutil
import tempfile
import uuid
from pathlib import Path
from typing import Any, Optional

import pytest


class CsrCoordination:
    """Hooks that coordinate a run's model calls across xdist workers; registered next to the session."""

    def __init__(self, csr: Any):
        self.csr = csr
        self.run_id = uuid.uuid4().hex
        self.coord_dir: Optional[Path] = None

    @pytest.hookimpl(optionalhook=True)
    def pytest_configure_node(self, node: Any) -> None:
        """Controller: give every xdist worker the run id and the coordination database's directory."""
        if self.coord_dir is None:
            factory = getattr(self.csr.config, "_tmp_path_factory", None)
            base = factory.getbasetemp() if factory is not None else Path(tempfile.gettempdir())
            self.coord_dir = Path(tempfile.mkdtemp(prefix="csrbench-coord-", dir=base))
        node.workerinput["csr_run"] = self.run_id
        node.workerinput["csr_coord_dir"] = str(self.coord_dir)

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        interrupted = exitstatus == pytest.ExitCode.INTERRUPTED
        if hasattr(session.config, "workerinput"):
            self.csr.close_runners(cancel=interrupted)
        if hasattr(session.config, "workerinput"):
            return
        if self.coord_dir is not None:
            shutil.rmtree(self.coord_dir, ignore_errors=True)
