"""Where a signature is expected on a page: the box under "Signature du candidat", else the page."""

from dataclasses import dataclass

import cv2
import numpy as np
from rapidfuzz import fuzz

from extractors.page_text import ReadPage
from extractors.printed.words import Word

# A word is the label's "Signature" when this close to it (OCR drops or confuses a letter).
_LABEL_SCORE = 80
# The box starts at most this many text heights below its label, and is at least this many
# text heights wide and tall (a tick box beside the label is not the signature box).
_BOX_BELOW = 4.0
_BOX_MIN_SIDE = 4.0
# Without a box, the area under the label: this many text heights tall and wide.
_OPEN_AREA_HEIGHT = 14.0
_OPEN_AREA_WIDTH = 30.0
# A signature box without a readable label spans this share of the image's width (a photo
# may show the sheet at half its width).
_MIN_BOX_SHARE, _MAX_BOX_SHARE = 0.12, 0.67


@dataclass(frozen=True)
class SignatureArea:
    """The rectangle (x0, y0, x1, y1) in the page image to judge, and how it was found."""

    box: tuple[int, int, int, int]
    # "label" (the drawn box under the label), "below_label" (no box: the space under it),
    # "box" (no readable label: a box shaped for a signature), "page" (none of these)
    found_by: str


def _is_label(word: Word) -> bool:
    if fuzz.ratio(word.text.lower().strip(":"), "signature") < _LABEL_SCORE:
        return False
    # A label is capitalised ("Signature du candidat"); a sentence that mentions signing
    # ("délégation de signature", "définitifs après signature.") is not.
    return word.text[0].isupper() and not word.text.endswith(".")


def _label(page: ReadPage) -> Word | None:
    """The lowest "Signature" label: the box closes the page, the sentences above mention it."""
    labels = [w for w in page.words if _is_label(w)]
    return max(labels, key=lambda w: w.top, default=None)


def _rectangles(page: ReadPage) -> list[tuple[int, int, int, int]]:
    """Drawn rectangles of the page at least a few text heights wide and tall."""
    gray = page.image
    ink = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV,
                                31, 10)
    # Keep only straight runs: the box's sides, not the text or a signature's curves. Runs
    # a third of the shortest side long survive a side a few degrees off level (a photo
    # straightened imperfectly); joined up again, they outline the box.
    side = max(int(_BOX_MIN_SIDE * page.text_height), 10)
    run = max(side // 3, 5)
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, run), np.uint8))
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((run, 1), np.uint8))
    frame = cv2.dilate(horizontal | vertical, np.ones((5, 5), np.uint8))
    contours, _ = cv2.findContours(frame, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    boxes = [cv2.boundingRect(contour) for contour in contours]
    return [(x, y, x + w, y + h) for x, y, w, h in boxes if w >= side and h >= side]


def _box_under(boxes: list[tuple[int, int, int, int]], label: Word, text_height: float
               ) -> tuple[int, int, int, int] | None:
    """The largest rectangle whose top edge is just under the label and overlaps it."""
    under = [b for b in boxes if -text_height < b[1] - (label.top + label.height)
             < _BOX_BELOW * text_height and b[0] < label.right and b[2] > label.left]
    return max(under, key=_area, default=None)


def _area(box: tuple[int, int, int, int]) -> int:
    return (box[2] - box[0]) * (box[3] - box[1])


def _signing_box(boxes: list[tuple[int, int, int, int]], shape: tuple[int, ...]
                 ) -> tuple[int, int, int, int] | None:
    """Without a readable label: the largest box shaped for a signature.

    Wider than tall, an eighth to two thirds of the image wide, in its lower two thirds, as
    forms draw them at their end.
    """
    height, width = shape[:2]
    fitting = [b for b in boxes
               if _MIN_BOX_SHARE * width <= b[2] - b[0] <= _MAX_BOX_SHARE * width
               and b[3] - b[1] < b[2] - b[0] and b[1] > height / 3]
    return max(fitting, key=_area, default=None)


def signature_area(page: ReadPage) -> SignatureArea:
    """Where to look for the signature.

    The drawn box under the signature label, else the space under the label, else a box
    shaped for a signature in the lower page, else the whole page.
    """
    label = _label(page)
    boxes = _rectangles(page)
    if label is None:
        box = _signing_box(boxes, page.image.shape)
        if box is not None:
            return SignatureArea(box, "box")
        height, width = page.image.shape[:2]
        return SignatureArea((0, 0, width, height), "page")
    box = _box_under(boxes, label, page.text_height)
    if box is not None:
        return SignatureArea(box, "label")
    bottom = label.top + label.height
    height, width = page.image.shape[:2]
    return SignatureArea((max(label.left - int(2 * page.text_height), 0), bottom,
                          min(label.left + int(_OPEN_AREA_WIDTH * page.text_height), width),
                          min(bottom + int(_OPEN_AREA_HEIGHT * page.text_height), height)),
                         "below_label")
