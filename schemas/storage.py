"""What a dossier source lists: stored objects and the pieces they are, without their bytes."""

from datetime import datetime

from pydantic import BaseModel, ConfigDict


class StoredObject(BaseModel):
    """One object (or file) of a source, as listed: never its contents."""

    model_config = ConfigDict(frozen=True)

    key: str  # path relative to the source root, with '/' separators
    size: int
    # Changes whenever the contents change, without reading them: the S3 ETag, or the file's
    # size and modification time for a local directory.
    version: str
    stored_at: datetime


class PieceObject(BaseModel):
    """A stored object under pieces/, split into the candidate, slot and file name it sits at."""

    model_config = ConfigDict(frozen=True)

    candidate_id: str
    slot: str  # as found in the path; may be outside the contract's slots
    filename: str
    object: StoredObject
    # When the candidate uploaded it: uploads.csv when the source has one, else storage time.
    uploaded_at: datetime | None = None


class FetchedFiles(BaseModel):
    """A dossier's files as downloaded, in the order of its pieces.

    None stands for a file refused from the listing (over the size limit), never downloaded.
    """

    model_config = ConfigDict(frozen=True)

    contents: tuple[bytes | None, ...]

    @property
    def downloaded(self) -> int:
        """How many files were actually read."""
        return sum(1 for c in self.contents if c is not None)
