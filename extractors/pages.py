"""A file's pages as upright greyscale images: EXIF orientation applied, PDF pages rendered."""

import io
import threading
from functools import lru_cache

import numpy as np
import pypdfium2
from PIL import Image, ImageOps

from extractors.images import MAX_PIXELS
from schemas.extraction import FileFormat

# Rendering PDFs at 200 dpi puts MRZ characters (2.5 mm tall) near 20 px; scans at 150 dpi
# get no better by rendering higher.
RENDER_DPI = 200
# Phone photos are worked on at this size: MRZ characters stay 15-40 px tall.
WORKING_LONG_SIDE = 2000
# A dossier file with more pages than this is a bundle; its first pages carry the document.
MAX_PAGES = 4
# PDFium is not thread-safe (pypdfium2's documentation): the staff app renders previews from
# several request threads at once, which crashed the process until rendering was serialised.
_RENDERING = threading.Lock()


def _decoded_small(image: Image.Image) -> None:
    """A large JPEG set to decode at 1/2, 1/4 or 1/8 of its size, no smaller than working size.

    libjpeg scales while decoding: a 12-megapixel phone photo then decodes in a fraction of
    the time and memory, before the exact shrink. Other formats, and JPEGs at most the
    working size, decode as they are.
    """
    scale = WORKING_LONG_SIDE / max(image.size)
    if scale < 1:
        # Rounded down: PIL reduces by the whole ratio of the sizes, which rounding up can
        # bring under 2 (2933 // 1467 == 1).
        image.draft(image.mode, (int(image.width * scale), int(image.height * scale)))


def _shrink(image: Image.Image) -> Image.Image:
    scale = WORKING_LONG_SIDE / max(image.size)
    if scale >= 1:
        return image
    return image.resize((round(image.width * scale), round(image.height * scale)),
                        Image.Resampling.LANCZOS)


@lru_cache(maxsize=2)
def _cached_pages(data: bytes, fmt: FileFormat) -> tuple[np.ndarray, ...]:
    pages = tuple(_render(data, fmt))
    for page in pages:
        page.flags.writeable = False  # shared between readers: none may draw on it
    return pages


def page_images(data: bytes, fmt: FileFormat) -> list[np.ndarray]:
    """Greyscale pages (uint8 arrays, read-only), upright as the candidate meant them.

    A file is read by several extractors in turn (quality, MRZ, printed zone, page text):
    the last two files' pages are kept, so that each file is decoded and rendered once.
    """
    with _RENDERING:
        return list(_cached_pages(data, fmt))


def faded_ink_pages(data: bytes, fmt: FileFormat) -> list[np.ndarray]:
    """The pages with coloured ink faded to paper (`_ink_faded`): black print stays dark.

    A red or blue stamp over an MRZ is as dark as its print in greyscale; in its own colour's
    channel it is nearly paper. Empty for greyscale images, where there is nothing to fade.
    """
    if fmt is FileFormat.PDF:
        with _RENDERING:
            return _rendered_pdf(data, faded=True)
    with Image.open(io.BytesIO(data)) as image:
        if image.mode in ("1", "L", "LA", "I", "I;16", "F"):
            return []
        _decoded_small(image)
        upright = ImageOps.exif_transpose(image)
        return [_ink_faded(_shrink(upright.convert("RGB")))]


def _ink_faded(image: Image.Image) -> np.ndarray:
    """Each pixel's lightest channel, lifted by its colourfulness (its channels' spread).

    Where a stamp's ink is darker than the paper even in its own channel, its colour still
    tells it from the MRZ's black print, which stays as dark as it was.
    """
    pixels = np.asarray(image).astype(np.int16)
    lightest, darkest = pixels.max(axis=2), pixels.min(axis=2)
    return np.clip(2 * lightest - darkest, 0, 255).astype(np.uint8)


def _rendered_pdf(data: bytes, faded: bool) -> list[np.ndarray]:
    """The first pages of a PDF at RENDER_DPI (less for huge pages), grey or ink-faded."""
    document = pypdfium2.PdfDocument(data)
    try:
        pages = []
        for index in range(min(len(document), MAX_PAGES)):
            page = document[index]
            width, height = page.get_size()
            scale = RENDER_DPI / 72
            if width * height * scale * scale > MAX_PIXELS:
                scale = (MAX_PIXELS / (width * height)) ** 0.5
            image = _shrink(page.render(scale=scale, grayscale=not faded).to_pil())
            pages.append(_ink_faded(image.convert("RGB")) if faded
                         else np.asarray(image.convert("L")))
        return pages
    finally:
        document.close()


def _render(data: bytes, fmt: FileFormat) -> list[np.ndarray]:
    if fmt is FileFormat.PDF:
        return _rendered_pdf(data, faded=False)
    with Image.open(io.BytesIO(data)) as image:
        _decoded_small(image)
        # Phones store pixels as the sensor saw them and say in EXIF how to turn them.
        upright = ImageOps.exif_transpose(image)
        return [np.asarray(_shrink(upright.convert("L")))]
