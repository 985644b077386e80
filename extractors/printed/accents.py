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
_AFTER_VOWEL = re.compile(r"[aeouyàâäéèêëôöûü]i")


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


def accented_word(image: np.ndarray, word: Word) -> str:
    """The word with ï or î where re-reading it alone shows the accent among the choices.

    Only accents are added, never removed, and only when the re-read spells the same letters.
    """
    if not _AFTER_VOWEL.search(word.text):
        return word.text
    glyphs = [g for g in ocr_choices(_crop(image, word), lang="fra", psm=7) if g.text.isalpha()]
    positions = [k for k, char in enumerate(word.text) if char.isalpha()]
    if len(glyphs) != len(positions) or plain("".join(g.text for g in glyphs)).casefold() != \
            plain("".join(word.text[k] for k in positions)).casefold():
        return word.text
    text = list(word.text)
    for k, glyph in zip(positions, glyphs, strict=True):
        best = max(((conf, char) for char, conf in glyph.choices if char in _ACCENTED_I),
                   default=None)
        if text[k] == "i" and best is not None and best[0] >= _SECOND_CHOICE:
            text[k] = best[1]
    return "".join(text)
