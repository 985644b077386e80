"""Fonts used to draw synthetic documents (Debian packages fonts-dejavu-core, fonts-ocr-b)."""

from functools import cache
from pathlib import Path

from PIL import ImageFont

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
OCR_B = Path("/usr/share/fonts/opentype/ocr-b/OCRB.otf")


@cache
def sans(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    """DejaVu Sans at a pixel size."""
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(DEJAVU / name), size)


@cache
def ocr_b(size: int) -> ImageFont.FreeTypeFont:
    """OCR-B, the MRZ font, at a pixel size."""
    return ImageFont.truetype(str(OCR_B), size)
