"""Entry point of the extractors: one file's bytes to a FileExtraction."""

import hashlib
import logging
from collections.abc import Callable

import numpy as np

from extractors.classify import document_type
from extractors.filetype import sniff_format
from extractors.images import inspect_image
from extractors.mrz.reader import read_mrz
from extractors.mrz.settle import settle_letters
from extractors.page_text import ReadPage, by_ocr, from_text_layer
from extractors.pages import faded_ink_pages, page_images
from extractors.pdf import inspect_pdf
from extractors.piece_kind import piece_kind
from extractors.printed.reader import read_printed
from extractors.quality import measure
from extractors.recap import read_recap
from extractors.signature.reader import read_signature
from extractors.tesseract import OcrError
from schemas.extraction import FileExtraction, FileFormat, FileProblem, ProblemKind
from schemas.mrz import MrzReading
from schemas.recap import RecapContent

logger = logging.getLogger(__name__)

# Pages whose text is read: a récapitulatif or an attestation has one or two; more is a bundle
# whose first pages say what it is.
_READ_PAGES = 2
# A page is a récapitulatif when this many of its labelled fields are read, even if OCR
# missed its title: no other piece prints "Numéro de candidat", "Spécialité"…
_RECAP_FIELDS = 3


def extract_file(data: bytes, filename: str, *, max_bytes: int, with_mrz: bool = True
                 ) -> FileExtraction:
    """Read one file: its format, whether it is whole and readable, its pages or size.

    Never raises on a file's contents: a file that makes a reader fail in an unforeseen way
    is reported as damaged, so that one crafted upload cannot stop a batch.
    """
    try:
        return _extract(data, filename, max_bytes, with_mrz)
    except Exception as exc:
        # The exception type only: its text may quote the document.
        logger.warning("extraction failed with %s; file reported as damaged", type(exc).__name__)
        return _unreadable(filename, len(data), hashlib.sha256(data).hexdigest(),
                           sniff_format(data[:1024]),
                           FileProblem(kind=ProblemKind.CORRUPT, detail=type(exc).__name__))


def _extract(data: bytes, filename: str, max_bytes: int, with_mrz: bool) -> FileExtraction:
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
    return _read_contents(data, extraction, with_mrz)


def _read_contents(data: bytes, extraction: FileExtraction, with_mrz: bool) -> FileExtraction:
    """The first page's quality, and the MRZ with the kind of document it names."""
    pages = page_images(data, extraction.format)
    quality = measure(pages[0]) if pages else None
    if quality is not None and extraction.width and extraction.height:
        quality["long_side"] = float(max(extraction.width, extraction.height))
    extraction = extraction.model_copy(update={"quality": quality})
    if not with_mrz:
        return extraction
    return _with_mrz(extraction, pages, lambda: faded_ink_pages(data, extraction.format))


def _with_mrz(extraction: FileExtraction, pages: list[np.ndarray],
              faded: Callable[[], list[np.ndarray]] | None = None) -> FileExtraction:
    mrz = read_mrz(pages, faded=faded)
    return extraction.model_copy(update={
        "mrz": mrz,
        "document_type": document_type(mrz) if mrz is not None and mrz.verified else None,
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


def add_page_reading(data: bytes, extraction: FileExtraction) -> FileExtraction:
    """The extraction with its pages' text read: kind of piece, récapitulatif, signature.

    The text layer when the PDF has one, else OCR. An identity type the MRZ named stays.
    """
    if not extraction.readable:
        return extraction
    try:
        return _read_page_text(data, extraction)
    except OcrError:
        return extraction  # staff read the piece by eye; its slot's check says so
    except Exception as exc:
        # One odd page must not stop the batch: the piece goes to a person unrecognised.
        logger.warning("page reading failed with %s; piece left unrecognised",
                       type(exc).__name__)
        return extraction


def _read_page_text(data: bytes, extraction: FileExtraction) -> FileExtraction:
    pages = read_pages(data, extraction)
    kind = piece_kind("\n".join(page.text for page in pages))
    # The page with the most fields: a récapitulatif may come after a cover page.
    recap = max((read_recap(page) for page in pages), key=_fields_read, default=None)
    if kind is None and recap is not None and _fields_read(recap) >= _RECAP_FIELDS:
        kind = "recapitulatif"  # its labelled fields read, its title and box not
    if kind != "recapitulatif":
        recap = None
    return extraction.model_copy(update={
        "document_type": extraction.document_type or kind,
        "recap": recap,
        "signature": read_signature(pages),
        "extractors": (*extraction.extractors,
                       "pdfplumber-text" if pages and pages[0].source == "text_layer"
                       else "tesseract-page"),
    })


def _fields_read(recap: RecapContent) -> int:
    return sum(value not in (None, ()) for name, value in recap.model_dump().items()
               if name != "source")


def read_pages(data: bytes, extraction: FileExtraction) -> list[ReadPage]:
    """Each page's words: from the text layer where it has words, else by OCR."""
    images = page_images(data, extraction.format)[:_READ_PAGES]
    pages = []
    for index, image in enumerate(images):
        page = from_text_layer(data, index, image) if extraction.has_text_layer else None
        pages.append(page if page is not None and page.words else by_ocr(image))
    return pages


def read_identity_files(files: list[tuple[bytes, str]], *, max_bytes: int
                        ) -> list[FileExtraction]:
    """The identity slot's files: each one's MRZ, then each printed zone.

    The printed zones are guided by the slot's best MRZ: the 2021 card prints the names on
    the front and the MRZ on the back.
    """
    extractions = [extract_file(data, name, max_bytes=max_bytes) for data, name in files]
    readings = [e.mrz for e in extractions if e.mrz is not None]
    guide = max(readings, key=lambda m: (m.valid, m.verified, m.confidence), default=None)
    read = [add_printed_zone(data, extraction, guide)
            for (data, _), extraction in zip(files, extractions, strict=True)]
    read = _settled(read)
    # A file without a valid MRZ may be the card's other side, or another piece put here:
    # its pages' text says which, unless its printed zone has shown it is a side already.
    return [extraction if (extraction.mrz is not None and extraction.mrz.verified)
            or _a_side_read(extraction) else add_page_reading(data, extraction)
            for (data, _), extraction in zip(files, read, strict=True)]


def _a_side_read(extraction: FileExtraction) -> bool:
    """Whether the file's printed zone shows a name and the identity document's own words.

    A card's front, then: reading its whole page once more (0.3-0.7 s) would name no other
    piece, as the récapitulatif and letters print none of those words.
    """
    printed = extraction.printed
    return printed is not None and printed.shows_identity_document and bool(
        printed.surname or printed.given_names)


def _settled(extractions: list[FileExtraction]) -> list[FileExtraction]:
    """Each MRZ's uncertain name letters settled by the piece's printed zones, if they can."""
    zones = [e.printed for e in extractions if e.printed is not None]
    return [extraction.model_copy(update={"mrz": settle_letters(extraction.mrz, zones)})
            if extraction.mrz is not None and zones else extraction
            for extraction in extractions]


def read_piece_file(data: bytes, filename: str, *, max_bytes: int) -> FileExtraction:
    """A file of any slot but the identity one, as the pipeline reads it.

    Its pages' text, then its MRZ only if that text names no piece: an identity document
    put in the wrong slot.
    """
    extraction = add_page_reading(data, extract_file(data, filename, max_bytes=max_bytes,
                                                     with_mrz=False))
    if not extraction.readable or extraction.document_type is not None:
        return extraction
    try:
        return _with_mrz(extraction, page_images(data, extraction.format))
    except Exception as exc:
        logger.warning("MRZ reading failed with %s; piece left unrecognised",
                       type(exc).__name__)
        return extraction


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


def read_any_file(data: bytes, filename: str, *, max_bytes: int) -> FileExtraction:
    """A file of unknown slot, as `justif extract` reads it.

    An identity document's MRZ and printed zone, else its pages' text, and the printed zone
    too when that text names no piece (a card's side without MRZ).
    """
    extraction = extract_file(data, filename, max_bytes=max_bytes)
    if extraction.mrz is not None and extraction.mrz.verified:
        return _settled([add_printed_zone(data, extraction, extraction.mrz)])[0]
    extraction = add_page_reading(data, extraction)
    if extraction.readable and extraction.document_type is None:
        extraction = add_printed_zone(data, extraction, None)
    return extraction
