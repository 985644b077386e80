"""Handwritten ink in an area of a page: strokes, not printed characters, lines or specks."""

from dataclasses import dataclass

import cv2
import numpy as np

# Sizes are in text heights (the median height of a line of body text on the page), so that
# the same judgement holds for a 200 dpi render, a 150 dpi scan and a phone photo.
# A stroke is taller than a printed letter: body capitals reach 1.5 text heights (a heading's
# bold capitals can be taller: see _MIN_STROKE_LENGTH).
_MIN_STROKE_HEIGHT = 1.6
# A pen line is thin, even blurred in a photo (up to 0.5 text heights measured); a logo, a
# stamp's filled shape or a shadow is not.
_MAX_STROKE_WIDTH = 0.8
# A pen line wanders: its length is at least this many times its bounding box's longer side
# (what is left of a box's side or a rule is 1; a signature's straightest strokes 1.12).
_MIN_WANDER = 1.1
# A stroke is at least this long (in text heights): a date stamp's big letters measured
# 3.5-4.5, a pen's line through a name far more. A heading's bold capital can reach it (5.0
# on the prefecture order's first page): hence a whole page needs three strokes' worth.
_MIN_STROKE_LENGTH = 5.0
# Ink length (in text heights) of a clear signature where one belongs (the box under the
# label): twice one stroke, so that one stroke is a signature at 50 % confidence. On 301
# generated récapitulatifs, unsigned boxes held no stroke at all and signed ones 6.8 or more.
BOX_SIGNATURE_LENGTH = 2 * _MIN_STROKE_LENGTH
_PRESENT_CONFIDENCE = 50
# A drawn box's sides lie within this many text heights of its outline (a photo's box is
# a little tilted); straight runs of this length there are its sides.
_SIDE_BAND = 0.6
_SIDE_RUN = 1.5
# A signature may run over its area's edges by this share of the area's width or height;
# ink reaching further is something else crossing it.
_OVERFLOW = 0.6
# Ink pieces this close (in text heights) belong to one stroke.
_JOIN = 0.35
# Straight rules at least this many text heights long (a box's sides, a table's lines) are
# removed before judging; a pen's down-stroke is shorter.
_RULE_LENGTH = 8.0


@dataclass(frozen=True)
class Stroke:
    """One connected piece of ink judged handwritten, in the page image's pixels."""

    box: tuple[int, int, int, int]
    length: float  # along the line, in text heights
    width: float  # stroke width, in text heights


@dataclass(frozen=True)
class InkJudgement:
    """How much handwriting the area holds, and how sure that makes us (0-100)."""

    strokes: tuple[Stroke, ...]
    length: float
    confidence: int

    @property
    def present(self) -> bool:
        """A signature is there."""
        return self.confidence >= _PRESENT_CONFIDENCE


def _box_sides(ink: np.ndarray, box: tuple[int, int, int, int], text_height: float
               ) -> np.ndarray:
    """The drawn box's sides: straight runs along its border, even a few degrees off level."""
    x0, y0, x1, y1 = box
    band = max(int(_SIDE_BAND * text_height), 4)
    border = np.zeros_like(ink)
    cv2.rectangle(border, (x0, y0), (x1, y1), 255, thickness=2 * band)
    run = max(int(_SIDE_RUN * text_height), 5)
    runs = (cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, run), np.uint8))
            | cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((run, 1), np.uint8)))
    return cv2.dilate(runs & border, np.ones((3, 3), np.uint8))


def _ink(gray: np.ndarray, text_height: float) -> np.ndarray:
    """Dark marks on their local background, straight rules removed."""
    block = int(2 * text_height) | 1
    ink = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV,
                                max(block, 15), 12)
    rule = max(int(_RULE_LENGTH * text_height), 8)
    rules = (cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, rule), np.uint8))
             | cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((rule, 1), np.uint8)))
    return cv2.subtract(ink, cv2.dilate(rules, np.ones((3, 3), np.uint8)))


def _stroke(mask: np.ndarray, x: int, y: int, text_height: float) -> Stroke | None:
    """The component as a pen stroke, or None when it is shaped like print, a rule or a blob."""
    rows, columns = np.nonzero(mask)
    if rows.size == 0:
        return None
    height, width = int(np.ptp(rows)) + 1, int(np.ptp(columns)) + 1
    if height < _MIN_STROKE_HEIGHT * text_height:
        return None
    contours, _ = cv2.findContours(mask, cv2.RETR_LIST, cv2.CHAIN_APPROX_NONE)
    perimeter = sum(cv2.arcLength(c, closed=True) for c in contours)
    area = float(np.count_nonzero(mask))
    # A thin line's outline runs along both of its sides: half the outline is its length.
    length = perimeter / 2
    stroke_width = area / max(length, 1.0)
    if stroke_width > _MAX_STROKE_WIDTH * text_height:
        return None
    if length < max(_MIN_WANDER * max(height, width), _MIN_STROKE_LENGTH * text_height):
        return None
    return Stroke((x, y, x + width, y + height), length / text_height, stroke_width / text_height)


def judge_ink(gray: np.ndarray, area: tuple[int, int, int, int], text_height: float,
              full_length: float = BOX_SIGNATURE_LENGTH, drawn_box: bool = False,
              printed: tuple[tuple[int, int, int, int], ...] = ()) -> InkJudgement:
    """The handwritten strokes that touch the area; a stroke may run past its edges.

    Confidence grows with the strokes' length up to `full_length` (text heights); a
    signature is present from half of it. `drawn_box`: the area is a box drawn on the page,
    whose sides are not ink to judge. `printed`: boxes (x0, y0, x1, y1) of words read as
    print, whose ink is not judged (a name typed in the box in a large font is as tall as a
    stroke, and its letters, joined, as long).
    """
    ink = _ink(gray, text_height)
    for x0, y0, x1, y1 in printed:
        ink[max(y0, 0):max(y1, 0), max(x0, 0):max(x1, 0)] = 0
    joined = ink
    if drawn_box:
        ink = cv2.subtract(ink, _box_sides(ink, area, text_height))
        # Removing the box's sides cuts the strokes that cross them: pieces closer than a
        # side's width are one stroke again (letters joined into a word stay shorter than a
        # stroke; lines of a page's text would not, hence only inside a box).
        gap = max(int(_JOIN * text_height) | 1, 3)
        joined = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (gap, gap)))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    x0, y0, x1, y1 = area
    reach_x, reach_y = _OVERFLOW * (x1 - x0), _OVERFLOW * (y1 - y0)
    strokes = []
    for index in range(1, count):
        x, y, w, h, _ = stats[index]
        if x + w <= x0 or x >= x1 or y + h <= y0 or y >= y1:
            continue
        if (x < x0 - reach_x or x + w > x1 + reach_x or y < y0 - reach_y
                or y + h > y1 + reach_y):
            continue  # ink that runs far across the page: a shadow's edge, the table
        mask = ((labels[y:y + h, x:x + w] == index) & (ink[y:y + h, x:x + w] > 0)
                ).astype(np.uint8)
        stroke = _stroke(mask, int(x), int(y), text_height)
        if stroke is not None:
            strokes.append(stroke)
    length = sum(s.length for s in strokes)
    confidence = min(100, round(100 * length / full_length))
    return InkJudgement(tuple(strokes), round(length, 1), confidence)
