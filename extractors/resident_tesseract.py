"""The caller's side of the resident Tesseract (`extractors.tesseract_worker`): start, ask, restart.

The worker is a child process, so that Tesseract crashing or hanging on one image costs that
image's reading only, as it did when every reading started its own `tesseract` command: a
worker that dies or overruns the time allowed is stopped and the call fails; the next call
starts a new one.
"""

import atexit
import os
import selectors
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np

from extractors.tesseract_worker import receive, send

_ROOT = Path(__file__).resolve().parent.parent


class WorkerError(RuntimeError):
    """The worker could not answer: not started, crashed, timed out, or refused the request."""


class WorkerUnavailable(WorkerError):
    """libtesseract cannot be loaded here: the `tesseract` command must do."""


class _Worker:
    """One child process and the CPU seconds it reported."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "extractors.tesseract_worker"], cwd=_ROOT,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.cpu = 0.0
        hello = self._exchange(None, None, timeout=30.0)
        if not hello.get("ok"):
            self.stop()
            raise WorkerUnavailable(hello.get("error", ""))

    def _exchange(self, request: dict | None, image: np.ndarray | None, timeout: float
                  ) -> dict:
        """The answer to the request (None: the greeting); the worker stopped on any failure.

        Stopped also when interrupted between question and answer: its late answer would be
        taken for the next question's.
        """
        stdin, stdout = self.process.stdin, self.process.stdout
        assert stdin is not None and stdout is not None
        try:
            if request is not None and image is not None:
                send(stdin, request, image.data)
            with selectors.DefaultSelector() as selector:
                selector.register(stdout, selectors.EVENT_READ)
                if not selector.select(timeout):
                    raise WorkerError(f"Tesseract a dépassé {timeout:g} s")
            answer = receive(stdout)
            if answer is None:
                raise WorkerError("Tesseract s'est arrêté")
            return answer
        except BrokenPipeError:
            self.stop()
            raise WorkerError("Tesseract s'est arrêté") from None
        except BaseException:
            self.stop()
            raise

    def ask(self, request: dict, image: np.ndarray, timeout: float) -> str:
        answer = self._exchange(request, image, timeout)
        self.cpu = answer.get("cpu", self.cpu)
        if not answer["ok"]:
            raise WorkerError(answer["error"])
        return answer["text"]

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        if self.alive:
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()


class _Resident:
    """The process's worker, started on first use; calls from several threads take turns."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.worker: _Worker | None = None
        self.unavailable = False
        self.stopped_cpu = 0.0  # CPU seconds of the workers stopped so far
        self.owner = os.getpid()

    def read(self, request: dict, image: np.ndarray, timeout: float) -> str:
        with self.lock:
            if self.owner != os.getpid():
                # A forked copy of this process: the worker's pipes are its parent's.
                self.worker, self.owner = None, os.getpid()
            if self.unavailable:
                raise WorkerUnavailable("Tesseract : bibliothèque introuvable")
            if self.worker is None or not self.worker.alive:
                self._forget_worker()
                try:
                    self.worker = _Worker()
                except WorkerUnavailable:
                    self.unavailable = True
                    raise
            return self.worker.ask(request, image, timeout)

    def _forget_worker(self) -> None:
        if self.worker is not None:
            self.stopped_cpu += self.worker.cpu
            self.worker.stop()
            self.worker = None

    def close(self) -> None:
        with self.lock:
            self._forget_worker()

    def cpu_seconds(self) -> float:
        return self.stopped_cpu + (self.worker.cpu if self.worker is not None else 0.0)


_RESIDENT = _Resident()
atexit.register(_RESIDENT.close)


def read_resident(image: np.ndarray, *, lang: str, psm: int, output: str,
                  variables: dict[str, str], at_load: dict[str, str], timeout: float) -> str:
    """Tesseract's `output` ("tsv", "hocr" or "text") for a greyscale uint8 image."""
    pixels = np.ascontiguousarray(image, dtype=np.uint8)
    if pixels.ndim != 2:
        raise ValueError("image en niveaux de gris attendue")
    request = {"lang": lang, "psm": psm, "output": output, "variables": variables,
               "at_load": at_load, "width": pixels.shape[1], "height": pixels.shape[0]}
    return _RESIDENT.read(request, pixels, timeout)


def worker_cpu_seconds() -> float:
    """CPU seconds the resident Tesseract has spent in this process's life (the benchmarks')."""
    return _RESIDENT.cpu_seconds()
