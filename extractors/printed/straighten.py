"""Level a page: its skew from the rows of text, then a rotation that keeps every corner."""

import cv2
import numpy as np

# The search works on a small copy: text rows stay a few pixels tall, enough for a profile.
_PROFILE_SIDE = 700
# Phone photos lean up to about 15 degrees; beyond that the candidate turned the phone.
_MAX_SKEW = 16.0


def _turn(shape: tuple[int, ...], degrees: float) -> tuple[np.ndarray, tuple[int, int]]:
    """The affine matrix of `rotate` and the turned image's size (width, height)."""
    height, width = shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), degrees, 1.0)
    cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
    new_width, new_height = int(height * sin + width * cos), int(height * cos + width * sin)
    matrix[0, 2] += new_width / 2 - width / 2
    matrix[1, 2] += new_height / 2 - height / 2
    return matrix, (new_width, new_height)


def rotate(gray: np.ndarray, degrees: float) -> np.ndarray:
    """The image turned counter-clockwise by `degrees`, enlarged so that nothing is cut."""
    if abs(degrees) < 0.05:
        return gray
    matrix, size = _turn(gray.shape, degrees)
    return cv2.warpAffine(gray, matrix, size, flags=cv2.INTER_CUBIC,
                          borderMode=cv2.BORDER_REPLICATE)


def rotate_points(shape: tuple[int, ...], degrees: float, points: np.ndarray) -> np.ndarray:
    """Where points (x, y rows) of an image of `shape` are once it is `rotate`d."""
    if abs(degrees) < 0.05:
        return points
    matrix, _ = _turn(shape, degrees)
    return cv2.transform(points.reshape(-1, 1, 2).astype(np.float64), matrix).reshape(-1, 2)


def _ink(gray: np.ndarray) -> np.ndarray:
    """Dark strokes on a lighter local background, as 0/1 (text, not shading)."""
    scale = _PROFILE_SIDE / max(gray.shape)
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    ink = cv2.adaptiveThreshold(small, 1, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV,
                                15, 12)
    return ink.astype(np.float32)


def _sharpness(ink: np.ndarray, degrees: float) -> float:
    """How crisp the row profile is once turned: level text rows make tall narrow peaks."""
    height, width = ink.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), degrees, 1.0)
    turned = cv2.warpAffine(ink, matrix, (width, height), flags=cv2.INTER_NEAREST)
    profile = turned.sum(axis=1)
    return float(np.square(np.diff(profile)).sum())


def skew_angle(gray: np.ndarray, quarter_turns: bool = False) -> float:
    """The rotation (degrees, counter-clockwise) that levels the page's text rows.

    With `quarter_turns`, rows running up or down the page are levelled too (a phone held
    sideways): the search also covers the same lean around a quarter turn.
    """
    ink = _ink(gray)
    centres = (0.0, 90.0) if quarter_turns else (0.0,)
    coarse = np.concatenate([np.arange(c - _MAX_SKEW, c + _MAX_SKEW + 0.1, 1.0)
                             for c in centres])
    best = max(coarse, key=lambda a: _sharpness(ink, float(a)))
    fine = np.arange(best - 1.0, best + 1.01, 0.2)
    return round(float(max(fine, key=lambda a: _sharpness(ink, float(a)))), 1)


def text_frame(gray: np.ndarray) -> tuple[tuple[int, int, int, int], float] | None:
    """Where the page's characters are (x0, y0, x1, y1) and their median height in pixels.

    Characters are the ink components of letter-like size and shape; a scanned card on an
    A4 page, or a photographed card on a table, becomes the box around its text.
    """
    ink = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV,
                                31, 15)
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if count < 2:
        return None
    x, y, w, h = stats[1:, 0], stats[1:, 1], stats[1:, 2], stats[1:, 3]
    area = stats[1:, 4]
    letters = (h >= 5) & (h <= 120) & (w <= 3 * h) & (w >= 1) & (area >= 0.15 * w * h)
    if letters.sum() < 20:
        return None
    xs = np.concatenate([x[letters], (x + w)[letters]])
    ys = np.concatenate([y[letters], (y + h)[letters]])
    # The outermost 1% are specks of the background, not the document.
    x0, x1 = np.percentile(xs, (1, 99))
    y0, y1 = np.percentile(ys, (1, 99))
    return (int(x0), int(y0), int(x1), int(y1)), float(np.median(h[letters]))
