"""Put back the accent of an i that Tesseract's first choice dropped in a name (Loïc, Benoît)."""

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
_AFTER_VOWEL = re.compile(f"[{_VOWELS}]i")


def _crop(image: np.ndarray, word: Word) -> np.ndarray:
    """The word alone on a white margin.

    Neighbours in the crop (a label above, a comma or the next column beside) change
    what the network reads and its second choices.
    """
    box = image[max(word.top - 1, 0):word.top + word.height + 1,
                max(word.left - 1, 0):word.right + 1]
    margin = max(4, word.height // 3)
    return cv2.copyMakeBorder(box, margin, margin, margin, margin, cv2.BORDER_CONSTANT,
                              value=255)


# A diaeresis seen as one mark (its dots merged at 20-30 px text) is wider than the stem under
# it and flat; an i's dot is as wide as the stem and about square. On the generated corpus's
# re-read words: the ï marks were 1.4-1.5 stems wide and 2.3-3 times as wide as tall, the i
# dots at most 1.0 stem wide and 1.5 times as wide as tall.
_DIAERESIS_WIDTH = 1.3
_DIAERESIS_FLAT = 1.8


def _diaeresis_over(crop: np.ndarray, box: tuple[int, int, int, int]) -> bool:
    """Whether the mark above the stem in a glyph's box is two dots rather than one."""
    _, ink = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    left, _, right, _ = box
    count, _, stats, _ = cv2.connectedComponentsWithStats(
        np.ascontiguousarray(ink[:, max(left - 1, 0):right + 2]), connectivity=8)
    parts = [stats[k] for k in range(1, count) if stats[k][cv2.CC_STAT_AREA] >= 2]
    if not parts:
        return False
    stem = max(parts, key=lambda p: p[cv2.CC_STAT_HEIGHT])
    marks = [p for p in parts if p[cv2.CC_STAT_TOP] + p[cv2.CC_STAT_HEIGHT]
             <= stem[cv2.CC_STAT_TOP] + 1]
    if len(marks) == 2:
        return True
    return len(marks) == 1 and (
        marks[0][cv2.CC_STAT_WIDTH] >= _DIAERESIS_WIDTH * stem[cv2.CC_STAT_WIDTH]
        and marks[0][cv2.CC_STAT_WIDTH] >= _DIAERESIS_FLAT * marks[0][cv2.CC_STAT_HEIGHT])


def accented_word(image: np.ndarray, word: Word) -> str:
    """The word with the ï or î of its i's, from the choices of a re-read or from the ink.

    The choices give ï or î; the ink, ï above an i after a vowel when it is two dots. Only
    accents are added, never removed, and only when the re-read spells the same letters.
    """
    if not _AFTER_VOWEL.search(word.text):
        return word.text
    crop = _crop(image, word)
    glyphs = [g for g in ocr_choices(crop, lang="fra", psm=7) if g.text.isalpha()]
    positions = [k for k, char in enumerate(word.text) if char.isalpha()]
    if len(glyphs) != len(positions) or plain("".join(g.text for g in glyphs)).casefold() != \
            plain("".join(word.text[k] for k in positions)).casefold():
        return word.text
    text = list(word.text)
    for k, glyph in zip(positions, glyphs, strict=True):
        best = max(((conf, char) for char, conf in glyph.choices if char in _ACCENTED_I),
                   default=None)
        if text[k] != "i":
            continue
        if glyph.text in _ACCENTED_I:  # the word read alone shows the accent
            text[k] = glyph.text
        elif best is not None and best[0] >= _SECOND_CHOICE:
            text[k] = best[1]
        elif (k > 0 and text[k - 1] in _VOWELS and glyph.box is not None
              and _diaeresis_over(crop, glyph.box)):
            # The network had no accented choice, but the ink shows two dots (Loïc).
            text[k] = "ï"
    return "".join(text)
