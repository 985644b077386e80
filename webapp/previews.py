"""Images staff look at: a piece's pages, its MRZ band and its signature area, as PNG."""

import cv2
import numpy as np

from extractors.pages import page_images
from schemas.extraction import FileFormat

# Wide enough to read a card's printed zone on screen, small enough to send quickly.
PREVIEW_WIDTH = 1100


def _png(image: np.ndarray) -> bytes:
    ok, encoded = cv2.imencode(".png", image)
    if not ok:
        raise ValueError("PNG encoding failed")
    return encoded.tobytes()


def page_png(data: bytes, fmt: FileFormat, page: int) -> bytes | None:
    """Page `page` (0-based) as read by the extractors, scaled for the screen; None if absent."""
    pages = page_images(data, fmt)
    if not 0 <= page < len(pages):
        return None
    image = pages[page]
    if image.shape[1] > PREVIEW_WIDTH:
        scale = PREVIEW_WIDTH / image.shape[1]
        image = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    return _png(image)


def crop_png(data: bytes, fmt: FileFormat, page: int, box: list[float] | tuple[float, ...]
             ) -> bytes | None:
    """The area `box` (x0, y0, x1, y1 as shares of the page) of a page, at full resolution."""
    pages = page_images(data, fmt)
    if not 0 <= page < len(pages) or len(box) != 4:
        return None
    image = pages[page]
    height, width = image.shape[:2]
    x0, x1 = (round(min(max(v, 0.0), 1.0) * width) for v in (box[0], box[2]))
    y0, y1 = (round(min(max(v, 0.0), 1.0) * height) for v in (box[1], box[3]))
    if x1 - x0 < 2 or y1 - y0 < 2:
        return None
    return _png(np.ascontiguousarray(image[y0:y1, x0:x1]))
