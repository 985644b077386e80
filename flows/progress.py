"""Progress events a flow reports to whoever launched it (the CLI's progress bar)."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Progress:
    """Where a batch stands: `done` of `total` dossiers, the last one verified or reused."""

    done: int
    total: int
    verified: int
    unchanged: int


ProgressHook = Callable[[Progress], None]
