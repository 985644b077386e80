"""Seconds spent per item: wall time and CPU time, Tesseract's included."""

import os
import time
from dataclasses import dataclass, field

from extractors.resident_tesseract import worker_cpu_seconds


def _cpu_seconds() -> float:
    # os.times counts children once they have been waited for, as pytesseract does; the
    # resident Tesseract, which is never waited for, reports its own.
    times = os.times()
    return (times.user + times.system + times.children_user + times.children_system
            + worker_cpu_seconds())


@dataclass
class Timings:
    """Wall and CPU seconds of each timed item.

    On a shared virtual machine the wall clock also counts time the host gave to others
    (steal): the CPU seconds of this process and its Tesseract children do not, and vary
    less from run to run.
    """

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    def start(self) -> tuple[float, float]:
        """The clocks now, to hand back to `stop` when the item is done."""
        return time.perf_counter(), _cpu_seconds()

    def stop(self, started: tuple[float, float]) -> None:
        """Record the item begun at `started`."""
        self.wall.append(time.perf_counter() - started[0])
        self.cpu.append(_cpu_seconds() - started[1])

    def summary(self) -> str:
        """Median, 90th percentile and maximum of each, in French as the reports are."""
        if not self.wall:
            return "aucune mesure"
        parts = []
        for name, values in (("temps écoulé", self.wall), ("temps processeur", self.cpu)):
            ordered = sorted(values)
            parts.append(f"{name} : médiane {ordered[len(ordered) // 2]:.3f}, 90e centile "
                         f"{ordered[int(len(ordered) * 0.9)]:.3f}, max {ordered[-1]:.3f}")
        return " ; ".join(parts)
