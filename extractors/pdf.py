"""Open a PDF with pdfplumber: page count, text layer, and why it cannot be read if so."""

import io
from dataclasses import dataclass

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from schemas.extraction import FileProblem, ProblemKind

# The PDF specification lets readers look for %%EOF in the last 1024 bytes; a file cut
# during upload loses it.
_EOF_WINDOW = 1024
# Pages inspected for a text layer: a récapitulatif or ID scan has at most a few.
_TEXT_PROBE_PAGES = 3


@dataclass(frozen=True)
class PdfInfo:
    """What opening the PDF told us."""

    pages: int | None
    has_text_layer: bool | None
    problem: FileProblem | None


def inspect_pdf(data: bytes) -> PdfInfo:
    """Open the PDF and report its pages, or the problem that prevents reading it."""
    if b"%%EOF" not in data[-_EOF_WINDOW:]:
        return PdfInfo(None, None, FileProblem(kind=ProblemKind.TRUNCATED, detail="no %%EOF"))
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = len(pdf.pages)
            if pages == 0:
                return PdfInfo(0, None, FileProblem(kind=ProblemKind.CORRUPT, detail="0 pages"))
            has_text = any(page.chars for page in pdf.pages[:_TEXT_PROBE_PAGES])
            return PdfInfo(pages, has_text, None)
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect):
            return PdfInfo(None, None, FileProblem(kind=ProblemKind.ENCRYPTED, detail="password"))
        return PdfInfo(None, None, FileProblem(kind=ProblemKind.CORRUPT, detail=_name(cause)))
    except Exception as exc:  # pdfminer raises many unrelated types on broken files
        return PdfInfo(None, None, FileProblem(kind=ProblemKind.CORRUPT, detail=_name(exc)))


def _name(exc: object) -> str:
    # Only the exception type: its text may quote document contents.
    return type(exc).__name__
