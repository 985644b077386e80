"""A text file written beside its final path and renamed into place only on success."""

import os
import tempfile
from pathlib import Path
from types import TracebackType


class AtomicTextFile:
    """Readers of the final path see the previous file or the complete new one, never half."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
        self.temp = Path(temp)
        self.handle = os.fdopen(fd, "w", encoding="utf-8")

    def write_line(self, line: str) -> None:
        """Append one line."""
        self.handle.write(line + "\n")

    def __enter__(self) -> "AtomicTextFile":
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.handle.close()
        if exc_type is None:
            self.temp.replace(self.path)
        else:
            self.temp.unlink(missing_ok=True)
