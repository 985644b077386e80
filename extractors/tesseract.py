"""The thin wrapper around Tesseract: builds the call, turns failures into justif's errors."""

import numpy as np
import pytesseract
from PIL import Image

from schemas.errors import JustifError


class OcrError(JustifError):
    """Tesseract is missing, crashed or timed out."""


def ocr(image: np.ndarray, *, lang: str, psm: int, whitelist: str | None = None,
        timeout: float = 20.0, extra: str = "") -> str:
    """Text Tesseract reads in a greyscale image."""
    config = f"--oem 1 --psm {psm} {extra}"
    if whitelist:
        # Without dictionaries: an MRZ or a name is not English or French words.
        config += (f" -c tessedit_char_whitelist={whitelist} -c load_system_dawg=0"
                   " -c load_freq_dawg=0")
    try:
        return pytesseract.image_to_string(Image.fromarray(image), lang=lang, config=config,
                                           timeout=timeout)
    except pytesseract.TesseractNotFoundError:
        raise OcrError("tesseract introuvable : installez tesseract-ocr (make setup)") from None
    except RuntimeError as exc:  # pytesseract raises RuntimeError on timeout
        raise OcrError(f"Tesseract a dépassé {timeout:.0f} s ({exc})") from None
    except pytesseract.TesseractError as exc:
        raise OcrError(f"Tesseract a échoué ({exc.status})") from None


def ocr_data(image: np.ndarray, *, lang: str, psm: int, timeout: float = 20.0) -> dict:
    """Words with their boxes and confidences (pytesseract's image_to_data as a dict)."""
    try:
        return pytesseract.image_to_data(Image.fromarray(image), lang=lang,
                                         config=f"--oem 1 --psm {psm}", timeout=timeout,
                                         output_type=pytesseract.Output.DICT)
    except pytesseract.TesseractNotFoundError:
        raise OcrError("tesseract introuvable : installez tesseract-ocr (make setup)") from None
    except RuntimeError as exc:
        raise OcrError(f"Tesseract a dépassé {timeout:.0f} s ({exc})") from None
    except pytesseract.TesseractError as exc:
        raise OcrError(f"Tesseract a échoué ({exc.status})") from None
