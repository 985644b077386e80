"""The thin wrapper around Tesseract: one call for both engines, failures as justif's errors."""

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from html.parser import HTMLParser

import numpy as np
import pytesseract
from PIL import Image

from extractors.resident_tesseract import WorkerError, WorkerUnavailable, read_resident
from schemas.errors import JustifError

# Set to "command" to run the `tesseract` command for every reading (pytesseract), as justif
# did before the resident engine: the same results, about 0.1 s more per reading.
ENGINE_VARIABLE = "JUSTIF_TESSERACT"
# Without dictionaries: an MRZ or a name is not English or French words. Read when the
# engine loads, not per reading.
_NO_DICTIONARIES = {"load_system_dawg": "0", "load_freq_dawg": "0"}


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


def _read(image: np.ndarray, *, lang: str, psm: int, output: str,
          variables: Mapping[str, str], at_load: Mapping[str, str], timeout: float) -> str:
    """Tesseract's output for the image: from the resident engine, else the command.

    The command when asked (ENGINE_VARIABLE) or when libtesseract cannot be loaded here.
    """
    if os.environ.get(ENGINE_VARIABLE) != "command":
        try:
            return read_resident(image, lang=lang, psm=psm, output=output,
                                 variables=dict(variables), at_load=dict(at_load),
                                 timeout=timeout)
        except WorkerUnavailable:
            pass
        except WorkerError as exc:
            raise OcrError(str(exc)) from None
    config = " ".join(f"-c {name}={value}" for name, value in {**at_load, **variables}.items())
    config = f"--oem 1 --psm {psm} {config}".strip()
    handed = _handed_over(image)
    with _errors(timeout):
        if output == "tsv":
            return pytesseract.image_to_data(handed, lang=lang, config=config, timeout=timeout)
        if output == "hocr":
            return pytesseract.image_to_pdf_or_hocr(
                handed, lang=lang, extension="hocr", config=config, timeout=timeout
            ).decode("utf-8")
        return pytesseract.image_to_string(handed, lang=lang, config=config, timeout=timeout)


def ocr(image: np.ndarray, *, lang: str, psm: int, whitelist: str | None = None,
        timeout: float = 20.0) -> str:
    """Text Tesseract reads in a greyscale image."""
    variables = {"tessedit_char_whitelist": whitelist} if whitelist else {}
    return _read(image, lang=lang, psm=psm, output="text", variables=variables,
                 at_load=_NO_DICTIONARIES if whitelist else {}, timeout=timeout)


def ocr_data(image: np.ndarray, *, lang: str, psm: int, timeout: float = 20.0,
             variables: Mapping[str, str] | None = None) -> dict:
    """Words with their boxes and confidences (pytesseract's image_to_data as a dict)."""
    tsv = _read(image, lang=lang, psm=psm, output="tsv", variables=variables or {},
                at_load={}, timeout=timeout)
    # pytesseract's own parser: the same types (int boxes, int confidences) from both engines.
    return pytesseract.pytesseract.file_to_dict(tsv, "\t", -1)


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
    hocr = _read(image, lang=lang, psm=psm, output="hocr",
                 variables={"lstm_choice_mode": "2", "hocr_char_boxes": "1"}, at_load={},
                 timeout=timeout)
    parser = _ChoicesParser()
    parser.feed(hocr)
    return parser.glyphs
