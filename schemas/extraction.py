"""What justif read from one file: format, readability, and later the document's contents."""

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict

from schemas.mrz import MrzReading
from schemas.printed import PrintedZone
from schemas.recap import RecapContent, SignatureReading


class FileFormat(StrEnum):
    """The format found from the file's bytes, whatever its extension says."""

    PDF = "pdf"
    JPEG = "jpeg"
    PNG = "png"
    TIFF = "tiff"
    HEIC = "heic"
    UNKNOWN = "unknown"


class ProblemKind(StrEnum):
    """Why a file cannot be read (FILE_UNREADABLE)."""

    EMPTY = "empty"
    TOO_LARGE = "too_large"
    NOT_A_DOCUMENT = "not_a_document"
    TRUNCATED = "truncated"
    ENCRYPTED = "encrypted"
    TOO_MANY_PIXELS = "too_many_pixels"
    CORRUPT = "corrupt"


PROBLEM_LABELS: dict[ProblemKind, str] = {
    ProblemKind.EMPTY: "fichier vide",
    ProblemKind.TOO_LARGE: "fichier trop volumineux",
    ProblemKind.NOT_A_DOCUMENT: "ni PDF ni image (JPEG, PNG, TIFF, HEIC)",
    ProblemKind.TRUNCATED: "fichier tronqué (envoi interrompu ?)",
    ProblemKind.ENCRYPTED: "PDF protégé par mot de passe",
    ProblemKind.TOO_MANY_PIXELS: "image aux dimensions démesurées",
    ProblemKind.CORRUPT: "fichier endommagé",
}


class FileProblem(BaseModel):
    """Why a file is unreadable, with a technical detail for the log of the piece."""

    model_config = ConfigDict(frozen=True)

    kind: ProblemKind
    detail: str = ""

    @property
    def label(self) -> str:
        """French label for staff."""
        return PROBLEM_LABELS[self.kind]


class FileExtraction(BaseModel):
    """Everything read from one file; the keys of `justif extract` (CONTRACT.md §2).

    Values that do not apply stay null: printed for pieces other than identity documents,
    recap for pieces other than récapitulatifs. `document_type` is the identity document's
    type from its MRZ, else the kind of piece its text shows (extractors.piece_kind).
    `extractors` names the readers that ran.
    """

    model_config = ConfigDict(frozen=True)

    file: str
    size: int
    sha256: str | None
    format: FileFormat
    readable: bool
    problem: FileProblem | None = None
    pages: int | None = None
    width: int | None = None
    height: int | None = None
    has_text_layer: bool | None = None
    document_type: str | None = None
    mrz: MrzReading | None = None
    printed: PrintedZone | None = None
    quality: dict[str, Any] | None = None
    recap: RecapContent | None = None
    signature: SignatureReading | None = None
    extractors: tuple[str, ...] = ()
