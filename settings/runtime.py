"""Process-wide defaults that third-party libraries read from the environment at import time."""

import os
from pathlib import Path


def apply_runtime_defaults(data_dir: Path, console_log_level: str = "WARNING") -> None:
    """Set Prefect and Tesseract environment defaults; values the user exported win.

    The command line reports progress and errors itself and passes CRITICAL, so that
    Prefect's log lines and tracebacks stay in the Prefect API instead of the terminal.
    """
    (data_dir / "prefect").mkdir(parents=True, exist_ok=True)
    defaults = {
        # Prefect keeps its database and temporary server state inside the project.
        "PREFECT_HOME": str((data_dir / "prefect").resolve()),
        "DO_NOT_TRACK": "1",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        # The temporary server logs harmless cancellation tracebacks when it stops.
        "PREFECT_SERVER_LOGGING_LEVEL": "CRITICAL",
        # Flow logs reach the Prefect API whatever this level says.
        "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL": console_log_level,
        # Tesseract's OpenMP threads fight each other on small machines: one is 3-4x faster.
        "OMP_THREAD_LIMIT": "1",
        # Likewise numpy's BLAS (the MRZ reader's template products): the batch runs a
        # worker per core already. Read when numpy is first imported, after this.
        "OPENBLAS_NUM_THREADS": "1",
    }
    for name, value in defaults.items():
        os.environ.setdefault(name, value)
