"""Process-wide defaults that third-party libraries read from the environment at import time."""

import os
from collections.abc import Mapping
from pathlib import Path

# Tesseract's OpenMP threads fight each other on small machines (one is 3-4x faster), and
# so do numpy's BLAS threads on the MRZ reader's small template products. Each is read when
# its library first loads: set before importing it. OpenCV's own pool (a thread per core
# for resizes and warps) does speed up the batch, which reads one file at a time: only the
# benchmarks, which measure one core, hold it to one thread (ONE_CORE).
ONE_THREAD = {"OMP_THREAD_LIMIT": "1", "OPENBLAS_NUM_THREADS": "1"}
ONE_CORE = {**ONE_THREAD, "OPENCV_FOR_THREADS_NUM": "1"}


def use_one_thread(limits: Mapping[str, str] = ONE_THREAD) -> None:
    """One thread for Tesseract and numpy in this process; values the user exported win.

    `ONE_CORE` holds OpenCV to one thread as well.
    """
    for name, value in limits.items():
        os.environ.setdefault(name, value)


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
        **ONE_THREAD,
    }
    for name, value in defaults.items():
        os.environ.setdefault(name, value)
