"""The thin wrapper around Tesseract: builds the call, turns failures into justif's errors."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from html.parser import HTMLParser

import numpy as np
import pytesseract
from PIL import Image

from schemas.errors import JustifError


class OcrError(JustifError):
    """Tesseract is missing, crashed or timed out."""


@contextmanager
def _errors(timeout: float) -> Iterator[None]:
    """Failures of pytesseract as OcrError with a French message."""
    try:
        yield
    except pytesseract.TesseractNotFoundError:
        raise OcrError("tesseract introuvable : installez tesseract-ocr (make setup)") from None
    except RuntimeError as exc:  # pytesseract raises RuntimeError on timeout
        raise OcrError(f"Tesseract a dépassé {timeout:.0f} s ({exc})") from None
    except pytesseract.TesseractError as exc:
        raise OcrError(f"Tesseract a échoué ({exc.status})") from None


def _handed_over(image: np.ndarray) -> Image.Image:
    """The image as pytesseract will write it for Tesseract: an uncompressed TIFF.

    pytesseract writes a PNG by default, and compressing a page took 0.2 s of a 0.67 s
    read; Tesseract reads the same pixels from a TIFF (same words, boxes and confidences).
    """
    handed = Image.fromarray(image)
    handed.format = "TIFF"
    return handed


def ocr(image: np.ndarray, *, lang: str, psm: int, whitelist: str | None = None,
        timeout: float = 20.0, extra: str = "") -> str:
    """Text Tesseract reads in a greyscale image."""
    config = f"--oem 1 --psm {psm} {extra}"
    if whitelist:
        # Without dictionaries: an MRZ or a name is not English or French words.
        config += (f" -c tessedit_char_whitelist={whitelist} -c load_system_dawg=0"
                   " -c load_freq_dawg=0")
    with _errors(timeout):
        return pytesseract.image_to_string(_handed_over(image), lang=lang, config=config,
                                           timeout=timeout)


def ocr_data(image: np.ndarray, *, lang: str, psm: int, timeout: float = 20.0,
             extra: str = "") -> dict:
    """Words with their boxes and confidences (pytesseract's image_to_data as a dict)."""
    with _errors(timeout):
        return pytesseract.image_to_data(_handed_over(image), lang=lang,
                                         config=f"--oem 1 --psm {psm} {extra}".strip(),
                                         timeout=timeout,
                                         output_type=pytesseract.Output.DICT)


@dataclass(frozen=True)
class Glyph:
    """One character Tesseract read and the characters its network also considered."""

    text: str
    choices: tuple[tuple[str, float], ...]  # (character, confidence 0-100), best first
    box: tuple[int, int, int, int] | None = None  # left, top, right, bottom in the image


class _ChoicesParser(HTMLParser):
    """Characters and their LSTM choices out of Tesseract's hOCR (lstm_choice_mode=2).

    Each character is a span titled "x_bboxes ..."; the span after it, id "lstm_choices_*",
    holds one span per choice titled "x_confs N".
    """

    def __init__(self) -> None:
        super().__init__()
        self.glyphs: list[Glyph] = []
        self._target: str | None = None  # "char" or a choice's confidence
        self._text = ""
        self._box: tuple[int, int, int, int] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        title = dict(attrs).get("title") or ""
        if title.startswith("x_bboxes"):
            self._target, self._text = "char", ""
            corners = [int(c) for c in title.split(";")[0].split()[1:5]]
            self._box = (corners[0], corners[1], corners[2], corners[3]) \
                if len(corners) == 4 else None
        elif title.startswith("x_confs"):
            self._target, self._text = title.split()[1], ""

    def handle_data(self, data: str) -> None:
        if self._target is not None:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if self._target == "char":
            self.glyphs.append(Glyph(self._text, (), self._box))
        elif self._target is not None and self.glyphs:
            last = self.glyphs[-1]
            self.glyphs[-1] = replace(last, choices=(*last.choices,
                                                     (self._text, float(self._target))))
        self._target = None


def ocr_choices(image: np.ndarray, *, lang: str, psm: int, timeout: float = 10.0
                ) -> list[Glyph]:
    """The characters Tesseract reads, each with its second and further choices."""
    with _errors(timeout):
        hocr = pytesseract.image_to_pdf_or_hocr(
            _handed_over(image), lang=lang, extension="hocr", timeout=timeout,
            config=f"--oem 1 --psm {psm} -c lstm_choice_mode=2 -c hocr_char_boxes=1")
    parser = _ChoicesParser()
    parser.feed(hocr.decode("utf-8"))
    return parser.glyphs
