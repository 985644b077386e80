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


def _crop(image: np.ndarray, word: Word) -> np.ndarray:
    """The word alone on a white margin.

    Neighbours in the crop (a label above, a comma or the next column beside) change
    what the network reads and its second choices.
    """
    box = image[max(word.top - 1, 0):word.top + word.height + 1,
                max(word.left - 1, 0):word.right + 1]
    return on_white(box, word.height)[0]


# A diaeresis seen as one mark (its dots merged at 20-30 px text) is wider than the stem under
# it and flat; an i's dot is as wide as the stem and about square. On the generated corpus's
# re-read words: the ï marks were 1.4-1.5 stems wide and 2.3-3 times as wide as tall, the i
# dots at most 1.0 stem wide and 1.5 times as wide as tall. Drawn in the generator's font at
# 16-34 px, blurred or not: merged diaereses 2.5-3 times as wide as tall, circumflexes 1.6-2,
# acute accents 1.0-1.7, i dots up to 1.5.
_DIAERESIS_WIDTH = 1.3
_DIAERESIS_FLAT = 2.2
# Where a mark may lie, in heights of the glyph's body: its bottom at most _MARK_GAP above
# the body's top, its top at most _MARK_REACH above it.
_MARK_GAP = 0.5
_MARK_REACH = 1.0


def _marks_above(body: np.ndarray, parts: list[np.ndarray]) -> list[np.ndarray]:
    """The parts where an accent of the body would be: just above it, not aside.

    Ink further up is the label above the value (a tall word box brings it into the crop),
    ink aside a neighbour's.
    """
    top, height = body[cv2.CC_STAT_TOP], body[cv2.CC_STAT_HEIGHT]
    middle = body[cv2.CC_STAT_LEFT] + body[cv2.CC_STAT_WIDTH] / 2
    return [p for p in parts if top - _MARK_GAP * height
            <= p[cv2.CC_STAT_TOP] + p[cv2.CC_STAT_HEIGHT] <= top + 1
            and p[cv2.CC_STAT_TOP] >= top - _MARK_REACH * height
            and abs(p[cv2.CC_STAT_LEFT] + p[cv2.CC_STAT_WIDTH] / 2 - middle)
            <= body[cv2.CC_STAT_WIDTH]]


def _mark_over(crop: np.ndarray, box: tuple[int, int, int, int], *, stem: bool) -> str | None:
    """What the ink above a glyph's body shows: "diaeresis", "dot", "other" or None.

    A diaeresis is two dots, or one flat bar (`stem`: the glyph is an i, and a bar must be
    wider than its stem); an i's dot is one mark no wider than the stem and not flat; "other"
    is any other single mark (acute, circumflex); None when nothing stands above the body.
    """
    _, ink = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    left, _, right, _ = box
    count, _, stats, _ = cv2.connectedComponentsWithStats(
        np.ascontiguousarray(ink[:, max(left - 1, 0):right + 2]), connectivity=8)
    parts = [stats[k] for k in range(1, count) if stats[k][cv2.CC_STAT_AREA] >= 2]
    if not parts:
        return None
    # The glyph's body is among the tallest parts, but Tesseract's character boxes are loose:
    # a neighbour (its edge, or the whole a of Anaïs) stands as tall in the window. The body
    # is the tall part with the most marks above it; of equals, an i's narrowest stem.
    tallest = max(p[cv2.CC_STAT_HEIGHT] for p in parts)
    bodies = [p for p in parts if p[cv2.CC_STAT_HEIGHT] >= 0.8 * tallest]
    body, marks = max(((b, _marks_above(b, parts)) for b in bodies), key=lambda found: (
        len(found[1]), found[0][cv2.CC_STAT_HEIGHT],
        -found[0][cv2.CC_STAT_WIDTH] if stem else found[0][cv2.CC_STAT_AREA]))
    if len(marks) == 2:
        return "diaeresis"
    if len(marks) != 1:
        return None if not marks else "other"
    width, height = marks[0][cv2.CC_STAT_WIDTH], marks[0][cv2.CC_STAT_HEIGHT]
    flat = width >= _DIAERESIS_FLAT * height
    if flat and (not stem or width >= _DIAERESIS_WIDTH * body[cv2.CC_STAT_WIDTH]):
        return "diaeresis"
    if stem and not flat and width <= body[cv2.CC_STAT_WIDTH]:
        return "dot"
    return "other"


def accented_word(image: np.ndarray, word: Word) -> str:
    """The word with the ï or î of its i's, the ë of its e's after a or o, its initial É.

    From the word re-read alone: its reading, its choices, or the ink when it shows a
    diaeresis. Only accents are added, never removed, and only when the re-read spells the
    same letters.
    """
    if not _ACCENT_SITES.search(word.text):
        return word.text
    crop = _crop(image, word)
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
        best = max(((conf, char) for char, conf in glyph.choices if char in accents),
                   default=None)
        # The ink is looked at only where it decides (two branches below, not the first).
        box = glyph.box if ink else None
        if glyph.text in accents:  # the word read alone shows the accent
            text[k] = glyph.text
        elif best is not None and best[0] >= _SECOND_CHOICE:
            # A second choice, unless the ink shows the plain i's dot (Louis had ï at 44).
            if box is None or _mark_over(crop, box, stem=text[k] == "i") != "dot":
                text[k] = best[1]
        elif box is not None and _mark_over(crop, box, stem=text[k] == "i") == "diaeresis":
            # The network had no accented choice, but the ink shows two dots (Loïc, Noël).
            text[k] = "ï" if text[k] == "i" else "ë"
    return "".join(text)
