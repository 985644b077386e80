"""A word cut out of the page for Tesseract to read alone, with the faint accents above it."""

import cv2
import numpy as np

from extractors.printed.marks import letters_band, right_of
from extractors.printed.words import Word

# Room above the word's box: Tesseract's box often cuts an accent off (a generated 1988
# card's TRAORÉ had its acute wholly above it), and the network cannot read what it is not
# shown. A photo blurs a small accent to 0.1-0.25 of the strokes' darkness, which the
# network reads as nothing: such faint marks are darkened _FAINT_GAIN times.
_ACCENT_ROOM = 0.4
_FAINT_INK = 0.1
_FAINT_GAIN = 3.0
# Above the letters' top by this many of the box's heights: their blurred top edge.
_EDGE = 0.15
# Ink above the letters is an accent when it spans at most this many letter widths (a
# diaeresis's two dots included, gathered when closer than _DOTS_GAP letter widths) and
# nothing stands beside it: a field's label above the value is a run of small letters, wider
# or close together; shown, darkened, it reads as accents (MERCIÉR), so it is removed.
_ACCENT_WIDE = 1.2
# And holds this many pixels, one at least this dark, and is not cut off by the room's top
# (a label's foot): a speck left of a label (DÉ, 1 pixel at 0.12) is none. Accents over the
# generated corpora's names: 6 pixels or more, darkest 0.25 or more.
_ACCENT_PIXELS = 4
_ACCENT_INK = 0.2
_DOTS_GAP = 0.3
_STROKE = 0.5
# Under this box height (pixels) a speck above a capital is as likely noise as an accent
# (BÉAUREGARD at 10 px): the word's own box is read as it is.
_MIN_HEIGHT = 14


def on_white(part: np.ndarray, text_height: int) -> tuple[np.ndarray, int]:
    """Part of a page on a white margin a third of its text high, and that margin."""
    margin = max(4, text_height // 3)
    return cv2.copyMakeBorder(part, margin, margin, margin, margin, cv2.BORDER_CONSTANT,
                              value=255), margin


def word_crop(image: np.ndarray, word: Word) -> tuple[np.ndarray, int]:
    """The word alone on a white margin, and what to add to its columns for the page's.

    Neighbours in the crop (a label above, a comma or the next column beside) change
    what the network reads and its second choices.
    """
    left = max(word.left - 1, 0)
    box = image[max(word.top - 1, 0):word.top + word.height + 1, left:word.right + 1]
    crop, margin = on_white(box, word.height)
    return crop, left - margin


def accent_crop(image: np.ndarray, word: Word) -> tuple[np.ndarray, int, bool]:
    """The word cut with room above for its accents, faint ones darkened; and whether any is.

    With what to add to its columns for the page's, as `word_crop`, whose crop it is when no
    accent stands above the letters. Above the letters, only the accents are kept: a part
    standing alone, a letter wide or less. The letters themselves are left as the page has them
    (darkened, an ï's dots merge with its stem), and so are the tops of capitals and ascenders
    that rise above them.
    """
    left = max(word.left - 1, 0)
    above = max(word.top - int(_ACCENT_ROOM * word.height), 0)
    box = image[above:word.top + word.height + 1, left:word.right + 1].astype(np.float32)
    if box.size == 0 or not word.text or word.height < _MIN_HEIGHT:
        return (*word_crop(image, word), False)
    paper, ink = float(np.percentile(box, 90)), float(np.percentile(box, 3))
    darkness = np.clip((paper - box) / max(paper - ink, 1.0), 0, 1)
    strokes = (darkness >= _STROKE).sum(axis=1)
    if not strokes.any():
        return (*word_crop(image, word), False)
    edge = letters_band(strokes)[0] - max(2, round(_EDGE * word.height))
    if edge <= 0:
        return (*word_crop(image, word), False)
    upper = darkness[:edge]
    count, labels, stats, _ = cv2.connectedComponentsWithStats(
        (upper >= _FAINT_INK).astype(np.uint8), connectivity=8)
    letter_tops = {k for k in range(1, count) if (labels[-1] == k).any()
                   and upper[labels == k].max() >= _STROKE}
    parts = [k for k in range(1, count) if k not in letter_tops]
    letter = word.width / len(word.text)
    accents = [k for run in _side_by_side(parts, stats, _DOTS_GAP * letter)
               if _is_accent(run, labels, stats, upper, letter) for k in run]
    if not accents:
        return (*word_crop(image, word), False)
    shown = box.copy()
    shown[:edge][np.isin(labels, [k for k in parts if k not in accents])] = paper
    faint = np.isin(labels, accents) & (upper < _STROKE)
    shown[:edge][faint] = paper - (paper - ink) * np.minimum(upper[faint] * _FAINT_GAIN, 1)
    crop, margin = on_white(shown.astype(np.uint8), word.height)
    return crop, left - margin, True


def _is_accent(run: list[int], labels: np.ndarray, stats: np.ndarray, upper: np.ndarray,
               letter: float) -> bool:
    """Whether parts side by side above the letters make an accent (see _ACCENT_WIDE)."""
    ink = upper[np.isin(labels, run)]
    return (_span(stats, run) <= _ACCENT_WIDE * letter and ink.size >= _ACCENT_PIXELS
            and float(ink.max()) >= _ACCENT_INK
            and min(stats[k][cv2.CC_STAT_TOP] for k in run) > 0)


def _side_by_side(parts: list[int], stats: np.ndarray, gap: float) -> list[list[int]]:
    """The parts gathered into runs: each within `gap` columns of its run and level with it."""
    runs: list[list[int]] = []
    for k in sorted(parts, key=lambda k: stats[k][cv2.CC_STAT_LEFT]):
        top, bottom = stats[k][cv2.CC_STAT_TOP], stats[k][cv2.CC_STAT_TOP] + stats[k][
            cv2.CC_STAT_HEIGHT]
        if runs and stats[k][cv2.CC_STAT_LEFT] - right_of(stats, runs[-1]) - 1 <= gap and any(
                top < stats[j][cv2.CC_STAT_TOP] + stats[j][cv2.CC_STAT_HEIGHT]
                and stats[j][cv2.CC_STAT_TOP] < bottom for j in runs[-1]):
            runs[-1].append(k)
        else:
            runs.append([k])
    return runs


def _span(stats: np.ndarray, parts: list[int]) -> int:
    """Columns from the leftmost part's left edge to the rightmost's right edge."""
    return right_of(stats, parts) + 1 - min(stats[k][cv2.CC_STAT_LEFT] for k in parts)
