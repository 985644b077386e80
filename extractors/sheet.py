"""Find a photographed sheet of paper and flatten it: its four corners warped to an A4 page."""

import cv2
import numpy as np

# The outline is searched on a small copy: the sheet's edges stay clear, the text vanishes.
_SEARCH_SIDE = 500
# A sheet covers at least this share of a photo; above the upper share the image is a scan
# or a crop already (nothing around the page to remove).
_MIN_SHARE, _MAX_SHARE = 0.15, 0.85
# The flattened page's width in pixels: 10 pt body text then stands about 15 px tall.
PAGE_WIDTH = 1400
_A4_RATIO = 297 / 210
# Photographed at an angle, a sheet's corners stay within 15 degrees of square and its sides
# near A4's 1.41 ratio.
_MAX_CORNER_COSINE = 0.26
_MIN_RATIO, _MAX_RATIO = 1.15, 1.75


def _order(corners: np.ndarray) -> np.ndarray:
    """Top-left, top-right, bottom-right, bottom-left."""
    sums, diffs = corners.sum(axis=1), np.diff(corners, axis=1).ravel()
    return np.float32([corners[np.argmin(sums)], corners[np.argmin(diffs)],
                       corners[np.argmax(sums)], corners[np.argmax(diffs)]])


def _quad(bright: np.ndarray) -> np.ndarray | None:
    """The largest bright region's outline when it is a convex quadrilateral of sheet size."""
    bright = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, np.ones((7, 7), np.uint8))
    contours, _ = cv2.findContours(bright, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    outline = max(contours, key=cv2.contourArea)
    share = cv2.contourArea(outline) / float(bright.size)
    if not _MIN_SHARE <= share <= _MAX_SHARE:
        return None
    for epsilon in (0.02, 0.04):
        corners = cv2.approxPolyDP(outline, epsilon * cv2.arcLength(outline, closed=True), True)
        if len(corners) == 4 and cv2.isContourConvex(corners):
            quad = _order(np.float32(corners).reshape(4, 2))
            return quad if _sheet_shaped(quad) else None
    return None


def _sheet_shaped(quad: np.ndarray) -> bool:
    """Corners near right angles and sides in an A4 page's proportions, seen at an angle.

    A quadrilateral that is not is a sheet merged with the table or cut by an object on it:
    flattening it would bend the text.
    """
    for i in range(4):
        before, after = quad[i - 1] - quad[i], quad[(i + 1) % 4] - quad[i]
        lengths = float(np.linalg.norm(before) * np.linalg.norm(after))
        if lengths == 0:  # two corners on one point: no sheet
            return False
        cosine = float(before @ after) / lengths
        if abs(cosine) > _MAX_CORNER_COSINE:
            return False
    sides = [float(np.linalg.norm(quad[(i + 1) % 4] - quad[i])) for i in range(4)]
    across, down = (sides[0] + sides[2]) / 2, (sides[1] + sides[3]) / 2
    ratio = max(across, down) / max(min(across, down), 1.0)
    return _MIN_RATIO <= ratio <= _MAX_RATIO


def sheet_corners(gray: np.ndarray) -> np.ndarray | None:
    """The four corners of the bright sheet in the image, or None (no sheet, or a scan)."""
    scale = _SEARCH_SIDE / max(gray.shape)
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(small, (5, 5), 0)
    otsu, _ = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    # On a light table Otsu's split joins sheet and table: paper is the brightest thing
    # in the picture, so brighter cuts are tried next.
    for level in (otsu, *np.percentile(small, (70, 80, 88))):
        corners = _quad((small > level).astype(np.uint8) * 255)
        if corners is not None:
            return corners / scale
    return None


def flatten_sheet(gray: np.ndarray) -> np.ndarray | None:
    """The photographed sheet seen from straight above, as an upright A4 page, or None."""
    corners = sheet_corners(gray)
    if corners is None:
        return None
    top = np.linalg.norm(corners[1] - corners[0])
    side = np.linalg.norm(corners[3] - corners[0])
    # A sheet lying on its side stays on its side here; the page reader's rotation
    # handles quarter turns.
    width, height = ((PAGE_WIDTH, round(PAGE_WIDTH * _A4_RATIO)) if side >= top
                     else (round(PAGE_WIDTH * _A4_RATIO), PAGE_WIDTH))
    target = np.float32([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]])
    matrix = cv2.getPerspectiveTransform(corners, target)
    return cv2.warpPerspective(gray, matrix, (width, height), flags=cv2.INTER_CUBIC,
                               borderMode=cv2.BORDER_REPLICATE)
