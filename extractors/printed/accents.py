"""Put back the accent Tesseract's first choice dropped from an i or an e in a name (Loïc, Noël)."""

import re

import cv2
import numpy as np

from extractors.printed.fields import plain
from extractors.printed.words import Word
from extractors.tesseract import ocr_choices

# Tesseract's French model reads the ï of Loïc, Anaïs and the î of Benoît as a plain i more
# often than any other accent, yet its network often keeps ï or î as a second choice. Word by
# word on 300 generated dossiers: of 93 plain lower-case i, 91 had no accented choice and two
# had one at 10 and 23; of the 8 accented i the first pass read plain, 5 had it at 40 or more.
_SECOND_CHOICE = 35.0
_ACCENTED_I = "ïî"
# French puts a diaeresis or circumflex on an i after a vowel (Loïc, Anaïs, Benoît, Maïwenn,
# Héloïse): only such words are re-read, which spares a Tesseract call for Marie or Camille.
_VOWELS = "aeouyàâäéèêëôöûü"
# And a diaeresis on an e after a or o (Noël, Raphaël, Gaël, Maëlys), which Tesseract drops
# too; é there (Noé, Chloé) it reads.
_E_AFTER = "ao"
# And the capital É or È that starts a given name (Élodie, Émilie, Ève), which the word read
# alone often shows when the page's reading did not.
_ACCENT_SITES = re.compile(f"[{_VOWELS}]i|[{_E_AFTER}]e|^E[a-zà-ÿ]")


def on_white(part: np.ndarray, text_height: int) -> tuple[np.ndarray, int]:
    """Part of a page on a white margin a third of its text high, and that margin."""
    margin = max(4, text_height // 3)
    return cv2.copyMakeBorder(part, margin, margin, margin, margin, cv2.BORDER_CONSTANT,
                              value=255), margin


def _crop(image: np.ndarray, word: Word) -> tuple[np.ndarray, int]:
    """The word alone on a white margin, and what to add to its columns for the page's.

    Neighbours in the crop (a label above, a comma or the next column beside) change
    what the network reads and its second choices.
    """
    left = max(word.left - 1, 0)
    box = image[max(word.top - 1, 0):word.top + word.height + 1, left:word.right + 1]
    crop, margin = on_white(box, word.height)
    return crop, left - margin


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


def _letters_band(strokes: np.ndarray) -> tuple[int, int]:
    """First row and height of the lower-case letters' band, from the strokes in each row.

    The rows full of strokes; of several runs of them (a tall box takes in the label above),
    the one holding the most ink.
    """
    full = np.concatenate(([False], strokes >= 0.45 * strokes.max(), [False]))
    edges = np.flatnonzero(full[1:] != full[:-1])
    start, end = max(zip(edges[::2], edges[1::2], strict=True),
                     key=lambda run: strokes[run[0]:run[1]].sum())
    return int(start), int(end - start)


def _is_mark(rows: np.ndarray, height: int, bottom: int, x_height: int) -> bool:
    """Whether a part above the letters' top, of darkness `rows` (its darkest per row), is a mark.

    A part touching the letters' top is a mark joined to its letter only if a lighter bridge
    lies between them: the top of a t or an ascender darkens steadily downwards.
    """
    clear = int(len(rows) - 1 - _MARK_CLEAR * x_height)
    upper = rows[:clear + 1]
    if height > _MARK_TALL * x_height or upper.size == 0 or upper.max() < _MARK_INK:
        return False
    if bottom < len(rows):
        return True
    return bool(rows[int(np.argmax(upper)):].min() <= 0.95 * upper.max())


def _mark_over(image: np.ndarray, word: Word, columns: tuple[int, int]) -> str | None:
    """What stands above the letter in `columns` (page pixels): "wide", "narrow" or None.

    "wide" is a diaeresis or a circumflex, "narrow" an i's dot or an acute accent; None when
    nothing does.
    """
    top, bottom = word.top, word.top + word.height
    left, right = max(word.left, 0), word.right
    above = max(top - word.height, 0)
    region = image[above:bottom, left:right].astype(np.float32)
    if region.size == 0:
        return None
    paper = float(np.percentile(region, 90))
    ink = float(np.percentile(region[top - above:], 3))
    dark = np.clip((paper - region) / max(paper - ink, 1.0), 0, 1)
    strokes = (dark[top - above:] >= _STROKE).sum(axis=1)
    if not strokes.any():
        return None
    first_row, x_height = _letters_band(strokes)
    letters_top = top - above + first_row
    pad = max(1, int(_MARK_CLEAR * x_height))
    first, last = max(columns[0] - left - pad, 0), max(columns[1] - left + pad + 1, 0)
    zone = dark[max(letters_top - x_height, 0):letters_top, first:last]
    if zone.size == 0:
        return None
    count, labels, stats, _ = cv2.connectedComponentsWithStats(
        (zone >= _LIGHT).astype(np.uint8), connectivity=8)
    marks = [k for k in range(1, count) if _is_mark(
        np.where(labels == k, zone, 0).max(axis=1), stats[k][cv2.CC_STAT_HEIGHT],
        stats[k][cv2.CC_STAT_TOP] + stats[k][cv2.CC_STAT_HEIGHT], x_height)]
    if not marks:
        return None
    # Marks side by side and alike are one accent; the accent is the one over the letter's
    # middle (a neighbour's dot may be in the window).
    accents: list[list[int]] = []
    for k in sorted(marks, key=lambda k: stats[k][cv2.CC_STAT_LEFT]):
        if accents and stats[k][cv2.CC_STAT_LEFT] - _right_of(stats, accents[-1]) <= \
                _DOTS_GAP * x_height and 0.5 <= stats[k][cv2.CC_STAT_HEIGHT] / max(
                stats[accents[-1][-1]][cv2.CC_STAT_HEIGHT], 1) <= 2:
            accents[-1].append(k)
        else:
            accents.append([k])
    middle = (columns[0] + columns[1]) / 2 - left - first
    accent = min(accents, key=lambda a: abs(
        (stats[a[0]][cv2.CC_STAT_LEFT] + _right_of(stats, a)) / 2 - middle))
    if len(accent) >= 2:  # two dots
        return "wide"
    profile = np.where(labels == accent[0], zone, 0).max(axis=0)
    return "wide" if _half_width(profile) >= _WIDE * x_height else "narrow"


def _right_of(stats: np.ndarray, parts: list[int]) -> int:
    """The right edge of the rightmost of the parts."""
    return max(stats[k][cv2.CC_STAT_LEFT] + stats[k][cv2.CC_STAT_WIDTH] - 1 for k in parts)


def accented_word(image: np.ndarray, word: Word) -> str:
    """The word with the ï or î of its i's, the ë of its e's after a or o, its initial É.

    From the word re-read alone: its reading, its choices, or the ink when it shows a
    diaeresis. Only accents are added, never removed, and only when the re-read spells the
    same letters.
    """
    if not _ACCENT_SITES.search(word.text):
        return word.text
    crop, shift = _crop(image, word)
    glyphs = [g for g in ocr_choices(crop, lang="fra", psm=7) if g.text.isalpha()]
    positions = [k for k, char in enumerate(word.text) if char.isalpha()]
    if len(glyphs) != len(positions) or plain("".join(g.text for g in glyphs)).casefold() != \
            plain("".join(word.text[k] for k in positions)).casefold():
        return word.text
    text = list(word.text)
    for k, glyph in zip(positions, glyphs, strict=True):
        after = text[k - 1] if k > 0 else " "  # not "": "" is in every string
        if text[k] == "i":
            accents, ink = _ACCENTED_I, after in _VOWELS
        elif text[k] == "e" and after in _E_AFTER:
            accents, ink = "ë", True
        elif text[k] == "E" and k == 0:
            accents, ink = "ÉÈ", False
        else:
            continue
        choices = sorted(((conf, char) for char, conf in glyph.choices if char in accents),
                         reverse=True)
        if glyph.text in accents:  # the word read alone shows the accent
            text[k] = glyph.text
            continue
        # The ink is looked at only where it decides (the two branches below).
        mark = _mark_over(image, word, (glyph.box[0] + shift, glyph.box[2] + shift)) \
            if ink else None
        if choices and choices[0][0] >= _SECOND_CHOICE:
            # A second choice, unless the ink shows the plain i's dot (Louis had ï at 44).
            if not (text[k] == "i" and mark == "narrow"):
                text[k] = choices[0][1]
        elif mark == "wide" or (text[k] == "e" and mark and choices and choices[0][0] > 0):
            # The network's choices were too weak, but the ink shows the accent: a wide mark
            # (Loïc's diaeresis; an i's dot is narrow), or any mark over an e the network
            # gave some weight as ë (Noël's faint dots, merged into one small mark). Which
            # accent, the network ranks (ï or î) if it gives either any weight; else the
            # diaeresis, far more frequent in names than the circumflex.
            text[k] = choices[0][1] if choices and choices[0][0] > 0 else accents[0]
    return "".join(text)
