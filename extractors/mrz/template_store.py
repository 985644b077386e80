"""The OCR-B templates kept on disk between processes: building them takes seconds."""

import hashlib
import inspect
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np


def cache_dir() -> Path:
    """Where the templates are kept: the user's cache ($XDG_CACHE_HOME, else ~/.cache)."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "justif"


def _key(font: Path, makers: tuple[Callable[..., object], ...], settings: object) -> str:
    """A digest of everything the templates depend on.

    The font's bytes, the source of the functions that draw and normalise them, their
    settings, and the OpenCV and numpy versions (blur and warps may round differently).
    """
    digest = hashlib.sha256(font.read_bytes())
    for maker in makers:
        digest.update(inspect.getsource(maker).encode())
    digest.update(repr((settings, cv2.__version__, np.__version__)).encode())
    return digest.hexdigest()[:24]


def stored_templates(font: Path, makers: tuple[Callable[..., object], ...], settings: object,
                     build: Callable[[], tuple[np.ndarray, str]]) -> tuple[np.ndarray, str]:
    """The templates from the cache when they were made the same way, else built and stored.

    A cache that cannot be read or written is no error: the templates are then built here.
    """
    path = cache_dir() / f"ocrb-templates-{_key(font, makers, settings)}.npz"
    try:
        with np.load(path) as stored:
            return stored["vectors"], str(stored["labels"])
    except (OSError, KeyError, ValueError):
        pass
    vectors, labels = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written aside then renamed: workers starting together never read half a file.
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".part", delete=False) as out:
            written = Path(out.name)
            try:
                np.savez(out, vectors=vectors, labels=np.array(labels))
            except OSError:
                written.unlink(missing_ok=True)  # a full disk leaves no half file behind
                raise
        os.replace(written, path)
    except OSError:
        pass
    return vectors, labels
