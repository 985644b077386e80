"""See the accent marks above a letter on the page itself: wide, narrow, or none."""

import cv2
import numpy as np

from extractors.printed.words import Word

# Accents are looked for on the page itself, in the word's height above its letters' top:
# Tesseract's word box often cuts a mark off, its character boxes are loose, and a blurred
# mark is lighter than the strokes (a diaeresis at 0.3-0.5 of the ink's darkness, joined to
# the i's stem by a bridge at 0.3-0.4 on the generated photos), which a threshold between
# paper and ink (Otsu's) drops or merges with the stem. The letters' top is found with the
# strokes' darkness; above it, a mark's pixels are those darker than _LIGHT of the way from
# paper to ink, and its darkest at least _MARK_INK.
_STROKE = 0.5
_LIGHT = 0.22
_MARK_INK = 0.3
# A mark is wide (a diaeresis, its dots merged, or a circumflex) when, at half its darkness,
# it spans this many x-heights. Over the generated corpora's i after a vowel: plain i's dots
# 0.23-0.44 (one at 0.50 on 8 px letters), ï 0.47-0.67.
_WIDE = 0.45
# Where a mark may be: its darkest row at least this many x-heights above the letters' top
# (the top of an o or a t lies just above it), no taller than _MARK_TALL (an ascender).
_MARK_CLEAR = 0.15
_MARK_TALL = 0.6
# Two marks this close (in x-heights) and of like height are one accent's two dots.
_DOTS_GAP = 0.3


def _half_width(profile: np.ndarray) -> int:
    """From the first to the last column at least half as dark as the profile's peak.

    Two dots joined by a light bridge count both, as one wide mark.
    """
    columns = np.flatnonzero(profile >= profile.max() / 2)
    return int(columns[-1] - columns[0] + 1)


def letters_band(strokes: np.ndarray) -> tuple[int, int]:
    """First row and height of the lower-case letters' band, from the strokes in each row.

    The rows full of strokes; of several runs of them (a tall box takes in the label above),
    the one holding the most ink.
    """
    full = np.concatenate(([False], strokes >= 0.45 * strokes.max(), [False]))
    edges = np.flatnonzero(full[1:] != full[:-1])
    start, end = max(zip(edges[::2], edges[1::2], strict=True),
                     key=lambda run: strokes[run[0]:run[1]].sum())
    return int(start), int(end - start)


def _is_mark(rows: np.ndarray, height: int, bottom: int, scale: int, clear: float) -> bool:
    """Whether a part above the letters' top, of darkness `rows` (its darkest per row), is a mark.

    Its darkest row must lie `clear` rows or more above the zone's foot. A part touching the
    letters' top is a mark joined to its letter only if a lighter bridge lies between them:
    the top of a t or an ascender darkens steadily downwards.
    """
    upper = rows[:int(len(rows) - 1 - clear) + 1]
    if height > _MARK_TALL * scale or upper.size == 0 or upper.max() < _MARK_INK:
        return False
    if bottom < len(rows):
        return True
    return bool(rows[int(np.argmax(upper)):].min() <= 0.95 * upper.max())


def _darkness(image: np.ndarray, word: Word) -> tuple[np.ndarray, int, int]:
    """The word's columns from a word height above it down, 0 for paper and 1 for ink.

    With the page row and column where they start.
    """
    top, bottom = word.top, word.top + word.height
    left, above = max(word.left, 0), max(top - word.height, 0)
    region = image[above:bottom, left:word.right].astype(np.float32)
    if region.size == 0 or top - above >= region.shape[0]:
        return np.zeros((0, 0), np.float32), above, left
    paper = float(np.percentile(region, 90))
    ink = float(np.percentile(region[top - above:], 3))
    return np.clip((paper - region) / max(paper - ink, 1.0), 0, 1), above, left


def _accents(zone: np.ndarray, scale: int, middle: float, clear: float
             ) -> tuple[np.ndarray, list[int]]:
    """The zone's marks' labels and the parts of the accent nearest `middle`, if any.

    Marks side by side and alike are one accent (a diaeresis's dots); the accent kept is the
    one over the letter's middle (a neighbour's dot may be in the window).
    """
    count, labels, stats, _ = cv2.connectedComponentsWithStats(
        (zone >= _LIGHT).astype(np.uint8), connectivity=8)
    marks = [k for k in range(1, count) if _is_mark(
        np.where(labels == k, zone, 0).max(axis=1), stats[k][cv2.CC_STAT_HEIGHT],
        stats[k][cv2.CC_STAT_TOP] + stats[k][cv2.CC_STAT_HEIGHT], scale, clear)]
    groups: list[list[int]] = []
    for k in sorted(marks, key=lambda k: stats[k][cv2.CC_STAT_LEFT]):
        if groups and stats[k][cv2.CC_STAT_LEFT] - right_of(stats, groups[-1]) <= \
                _DOTS_GAP * scale and 0.5 <= stats[k][cv2.CC_STAT_HEIGHT] / max(
                stats[groups[-1][-1]][cv2.CC_STAT_HEIGHT], 1) <= 2:
            groups[-1].append(k)
        else:
            groups.append([k])
    if not groups:
        return labels, []
    return labels, min(groups, key=lambda g: abs(
        (stats[g[0]][cv2.CC_STAT_LEFT] + right_of(stats, g)) / 2 - middle))


def mark_over(image: np.ndarray, word: Word, columns: tuple[int, int]) -> str | None:
    """What stands above the lower-case letter in `columns` (page pixels).

    "wide" is a diaeresis or a circumflex, "narrow" an i's dot or an acute accent; None when
    nothing does.
    """
    dark, above, left = _darkness(image, word)
    if dark.size == 0:
        return None
    strokes = (dark[word.top - above:] >= _STROKE).sum(axis=1)
    if not strokes.any():
        return None
    first_row, x_height = letters_band(strokes)
    letters_top = word.top - above + first_row
    pad = max(1, int(_MARK_CLEAR * x_height))
    first, last = max(columns[0] - left - pad, 0), max(columns[1] - left + pad + 1, 0)
    zone = dark[max(letters_top - x_height, 0):letters_top, first:last]
    if zone.size == 0:
        return None
    labels, accent = _accents(zone, x_height, (columns[0] + columns[1]) / 2 - left - first,
                              _MARK_CLEAR * x_height)
    if not accent:
        return None
    if len(accent) >= 2:  # two dots
        return "wide"
    profile = np.where(labels == accent[0], zone, 0).max(axis=0)
    return "wide" if _half_width(profile) >= _WIDE * x_height else "narrow"


# A capital's accent is looked for above the capital's own top, in this many of its heights
# (an acute over an É stands about a third of the E's height above it).
_CAPITAL_REACH = 0.6


def capital_marked(image: np.ndarray, word: Word, columns: tuple[int, int]) -> bool:
    """Whether an accent stands over the capital in `columns` (page pixels): Élodie's É.

    Not when ink stands as high beside it, over the next letters: that is a line of text
    above (the field's label), not an accent.
    """
    dark, _, left = _darkness(image, word)
    first, last = max(columns[0] - left, 0), max(columns[1] - left + 1, 0)
    if dark.size == 0 or not first < min(last, dark.shape[1]):
        return False
    count, _, stats, _ = cv2.connectedComponentsWithStats(
        np.ascontiguousarray(dark[:, first:last] >= _STROKE).astype(np.uint8), connectivity=8)
    if count < 2:
        return False
    body = stats[1 + int(np.argmax(stats[1:, cv2.CC_STAT_HEIGHT]))]
    top, height = int(body[cv2.CC_STAT_TOP]), int(body[cv2.CC_STAT_HEIGHT])
    reach = max(int(_CAPITAL_REACH * height), 2)
    pad = max(1, int(_MARK_CLEAR * height))
    start = max(first - pad, 0)
    # Short of the capital's top by `pad`: its blurred edge is no accent.
    zone = dark[max(top - reach, 0):max(top - pad, 0), start:last + pad]
    if zone.size == 0:
        return False
    labels, accent = _accents(zone, reach, (first + last) / 2 - start, 0)
    if not accent:
        return False
    # Beside it, from as high again as the accent down to a quarter of the capital's height
    # above its top (the l of Élodie rises a little above the É's top).
    rows = np.flatnonzero(np.isin(labels, accent).any(axis=1)) + max(top - reach, 0)
    high = max(rows[0] - (rows[-1] - rows[0] + 1), 0)
    beside = dark[high:min(rows[-1] + 1, top - height // 4),
                  last + pad:last + pad + 2 * (last - first)]
    return not (beside >= _LIGHT).any()


def right_of(stats: np.ndarray, parts: list[int]) -> int:
    """The right edge of the rightmost of the parts (its last column)."""
    return max(stats[k][cv2.CC_STAT_LEFT] + stats[k][cv2.CC_STAT_WIDTH] - 1 for k in parts)


