"""A page's words with their boxes: from the PDF's text layer, else by OCR of the levelled page."""

import io
from dataclasses import dataclass

import cv2
import numpy as np
import pdfplumber

from extractors.printed.straighten import rotate, skew_angle, text_frame
from extractors.printed.words import Word, segments_of, words_of
from extractors.sheet import flatten_sheet
from extractors.tesseract import ocr_data

# OCR reads the page with characters brought to this height (pixels). 17 px read every label
# and value of generated récapitulatif photos as well as 22 px did, in 40 % less time.
_OCR_TEXT_HEIGHT = 17.0
# The page read is at most this long: Tesseract's time grows with the pixels.
_MAX_SIDE = 2600


@dataclass(frozen=True)
class ReadPage:
    """A page as an upright greyscale image and the words on it, in that image's pixels."""

    image: np.ndarray
    words: tuple[Word, ...]
    source: str  # "text_layer" or "ocr"
    text_height: float  # median height of a line of body text, in pixels

    @property
    def lines(self) -> list[str]:
        """The page's text, one segment (label, value, sentence) per line, top to bottom."""
        return [segment.text for segment in segments_of(list(self.words))]

    @property
    def text(self) -> str:
        """All the words, in reading order."""
        return "\n".join(self.lines)


def text_layer_words(data: bytes, page_index: int, image_shape: tuple[int, ...]) -> list[Word]:
    """The words pdfplumber finds on one page, scaled to the rendered image's pixels."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[page_index]
        scale_x, scale_y = image_shape[1] / float(page.width), image_shape[0] / float(page.height)
        return [Word(w["text"], round(w["x0"] * scale_x), round(w["top"] * scale_y),
                     max(1, round((w["x1"] - w["x0"]) * scale_x)),
                     max(1, round((w["bottom"] - w["top"]) * scale_y)), 100.0)
                for w in page.extract_words(keep_blank_chars=False, use_text_flow=False)]


def from_text_layer(data: bytes, page_index: int, image: np.ndarray) -> ReadPage:
    """A rendered PDF page read from its text layer: exact words, no OCR."""
    words = text_layer_words(data, page_index, image.shape)
    # Measured on the letters as for an OCR'd page: sizes elsewhere count in this height.
    frame = text_frame(image)
    return ReadPage(image, tuple(words), "text_layer",
                    frame[1] if frame is not None else _OCR_TEXT_HEIGHT)


def even_light(level: np.ndarray, size: int = 15, *, coarse: bool = False) -> np.ndarray:
    """The page divided by its background (the page closed over its ink, `size` wide).

    Shadows and light bands go, text and ink stay dark. `coarse`: the background is found on
    a quarter-size copy, four times faster, good enough for OCR but not for judging ink
    (2 of 281 signed photos lost on the generated corpus).
    """
    if not coarse:
        kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))
        return cv2.divide(level, cv2.morphologyEx(level, cv2.MORPH_CLOSE, kernel), scale=255)
    small = cv2.resize(level, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    quarter = max(size // 4, 1) | 1
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (quarter, quarter))
    background = cv2.resize(cv2.morphologyEx(small, cv2.MORPH_CLOSE, kernel),
                            (level.shape[1], level.shape[0]), interpolation=cv2.INTER_LINEAR)
    return cv2.divide(level, background, scale=255)


def for_tesseract(level: np.ndarray, text_height: float) -> np.ndarray:
    """The page evened over twice a letter's width, then an unsharp mask.

    On 100 generated photos of récapitulatifs it read 25-60 % more fields than the page
    evened for ink, and as many on 79 scans (benchmarks/recap_reading.py). Ink is judged on
    the page evened with a narrower kernel, unsharpened: sharpening lifts a photo's grain
    into specks.
    """
    even = even_light(level, int(2 * text_height) | 1, coarse=True)
    blurred = cv2.GaussianBlur(even, (0, 0), max(text_height / 6, 1.0))
    return cv2.addWeighted(even, 2.0, blurred, -1.0, 0)


def by_ocr(gray: np.ndarray) -> ReadPage:
    """A scanned or photographed page: flattened, levelled, scaled to readable text, OCR'd."""
    sheet = flatten_sheet(gray)
    page = gray if sheet is None else sheet
    level = rotate(page, skew_angle(page))
    frame = text_frame(level)
    height = frame[1] if frame is not None else _OCR_TEXT_HEIGHT
    # A flattened sheet has an A4 page's size already; enlarging a blurred photo further
    # only spreads the blur.
    scale = 1.0 if sheet is not None else min(max(_OCR_TEXT_HEIGHT / height, 0.5), 3.0,
                                              _MAX_SIDE / max(level.shape))
    if abs(scale - 1) > 0.05:
        level = cv2.resize(level, None, fx=scale, fy=scale,
                           interpolation=cv2.INTER_CUBIC if scale > 1 else cv2.INTER_AREA)
    words = words_of(ocr_data(for_tesseract(level, height * scale), lang="fra", psm=3))
    # Wider than a stroke of 17 px text, narrower than a photo's shadows.
    even = even_light(level, 15)
    return ReadPage(even, tuple(w for w in words if w.confidence > 0), "ocr",
                    height * scale)
