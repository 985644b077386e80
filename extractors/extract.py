"""Entry point of the extractors: one file's bytes to a FileExtraction."""

import hashlib
import logging

from extractors.classify import document_type
from extractors.filetype import sniff_format
from extractors.images import inspect_image
from extractors.mrz.reader import read_mrz
from extractors.pages import page_images
from extractors.pdf import inspect_pdf
from extractors.printed.reader import read_printed
from extractors.quality import measure
from extractors.tesseract import OcrError
from schemas.extraction import FileExtraction, FileFormat, FileProblem, ProblemKind
from schemas.mrz import MrzReading

logger = logging.getLogger(__name__)


def extract_file(data: bytes, filename: str, *, max_bytes: int) -> FileExtraction:
    """Read one file: its format, whether it is whole and readable, its pages or size.

    Never raises on a file's contents: a file that makes a reader fail in an unforeseen way
    is reported as damaged, so that one crafted upload cannot stop a batch.
    """
    try:
        return _extract(data, filename, max_bytes)
    except Exception as exc:
        # The exception type only: its text may quote the document.
        logger.warning("extraction failed with %s; file reported as damaged", type(exc).__name__)
        return _unreadable(filename, len(data), hashlib.sha256(data).hexdigest(),
                           sniff_format(data[:1024]),
                           FileProblem(kind=ProblemKind.CORRUPT, detail=type(exc).__name__))


def _extract(data: bytes, filename: str, max_bytes: int) -> FileExtraction:
    size = len(data)
    if size > max_bytes:
        return unread_extraction(filename, size, too_large_problem(size, max_bytes))
    sha256 = hashlib.sha256(data).hexdigest()
    if size == 0:
        return _unreadable(filename, size, sha256, FileFormat.UNKNOWN,
                           FileProblem(kind=ProblemKind.EMPTY))
    fmt = sniff_format(data[:1024])
    if fmt is FileFormat.UNKNOWN:
        return _unreadable(filename, size, sha256, fmt,
                           FileProblem(kind=ProblemKind.NOT_A_DOCUMENT))
    if fmt is FileFormat.PDF:
        pdf = inspect_pdf(data)
        extraction = FileExtraction(
            file=filename, size=size, sha256=sha256, format=fmt,
            readable=pdf.problem is None, problem=pdf.problem,
            pages=pdf.pages, has_text_layer=pdf.has_text_layer, extractors=("pdfplumber",),
        )
    else:
        image = inspect_image(data)
        extraction = FileExtraction(
            file=filename, size=size, sha256=sha256, format=fmt,
            readable=image.problem is None, problem=image.problem,
            pages=1 if image.problem is None else None,
            width=image.width, height=image.height, extractors=("pillow",),
        )
    if not extraction.readable:
        return extraction
    return _read_contents(data, extraction)


def _read_contents(data: bytes, extraction: FileExtraction) -> FileExtraction:
    """What the document says: its MRZ and, from it, the kind of document."""
    pages = page_images(data, extraction.format)
    mrz = read_mrz(pages)
    quality = measure(pages[0]) if pages else None
    if quality is not None and extraction.width and extraction.height:
        quality["long_side"] = float(max(extraction.width, extraction.height))
    return extraction.model_copy(update={
        "mrz": mrz,
        "quality": quality,
        "document_type": document_type(mrz) if mrz is not None and mrz.valid else None,
        "extractors": (*extraction.extractors, "opencv", "ocrb-mrz"),
    })


def add_printed_zone(data: bytes, extraction: FileExtraction, guide: MrzReading | None
                     ) -> FileExtraction:
    """The extraction with its printed zone read: identity pieces only, as OCR is slow.

    `guide` is the document's MRZ, possibly read from another file of the same piece.
    """
    if not extraction.readable:
        return extraction
    try:
        printed = read_printed(page_images(data, extraction.format), extraction.mrz, guide)
    except OcrError:
        # Tesseract timed out or crashed on this file: the MRZ still stands; staff see the
        # printed zone by eye.
        printed = None
    return extraction.model_copy(update={
        "printed": printed, "extractors": (*extraction.extractors, "tesseract-printed")})


def read_identity_files(files: list[tuple[bytes, str]], *, max_bytes: int
                        ) -> list[FileExtraction]:
    """The identity slot's files: each one's MRZ, then each printed zone.

    The printed zones are guided by the slot's best MRZ: the 2021 card prints the names on
    the front and the MRZ on the back.
    """
    extractions = [extract_file(data, name, max_bytes=max_bytes) for data, name in files]
    readings = [e.mrz for e in extractions if e.mrz is not None]
    guide = max(readings, key=lambda m: (m.valid, m.confidence), default=None)
    return [add_printed_zone(data, extraction, guide)
            for (data, _), extraction in zip(files, extractions, strict=True)]


def too_large_problem(size: int, max_bytes: int) -> FileProblem:
    """The problem of a file over the size limit, with both sizes in MB."""
    return FileProblem(kind=ProblemKind.TOO_LARGE,
                       detail=f"{_megabytes(size)} > {_megabytes(max_bytes)}")


def _megabytes(size: int) -> str:
    return f"{size / 1_048_576:.1f} Mo".replace(".", ",")


def unread_extraction(filename: str, size: int, problem: FileProblem) -> FileExtraction:
    """The extraction of a file that was refused before its bytes were read."""
    return _unreadable(filename, size, None, FileFormat.UNKNOWN, problem)


def _unreadable(filename: str, size: int, sha256: str | None, fmt: FileFormat,
                problem: FileProblem) -> FileExtraction:
    return FileExtraction(file=filename, size=size, sha256=sha256, format=fmt,
                          readable=False, problem=problem)
