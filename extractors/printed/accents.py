"""Put back the accents Tesseract dropped from names: Loïc, Noël, Élodie, TRAORÉ, LEFÈVRE."""

import re

import numpy as np

from extractors.printed.crops import accent_crop, word_crop
from extractors.printed.fields import plain
from extractors.printed.marks import capital_marked, mark_over
from extractors.printed.words import Word
from extractors.tesseract import Glyph, ocr_choices

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
# alone often shows when the page's reading did not, or the ink above the E.
_ACCENT_SITES = re.compile(f"[{_VOWELS}]i|[{_E_AFTER}]e|^E[a-zà-ÿ]")
# And any E of a name printed in capitals (TRAORÉ, LEFÈVRE), where Tesseract gives É no
# weight unless shown the accent its box cut off: re-read only when an accent stands above.
_CAPITALS_WITH_E = re.compile(r"^[A-Z-]*E[A-Z-]*$")


def _site(text: list[str], k: int) -> tuple[str, bool] | None:
    """The accents the letter at k may have lost, and whether the ink is worth a look."""
    after = text[k - 1] if k > 0 else " "  # not "": "" is in every string
    if text[k] == "i":
        return _ACCENTED_I, after in _VOWELS
    if text[k] == "e" and after in _E_AFTER:
        return "ë", True
    if text[k] == "E" and (k == 0 or "".join(text).isupper()):
        # Inside a word, the ink is not looked at: where a label above ends over the E,
        # nothing beside it tells the label from an accent (LAMBÉRT).
        return "ÉÈ", k == 0
    return None


def _ink_shows(image: np.ndarray, word: Word, letter: str, columns: tuple[int, int],
               choices: list[tuple[float, str]]) -> bool:
    """Whether the ink shows the accent the network's choices were too weak to give.

    A wide mark over a small letter (Loïc's diaeresis; an i's dot is narrow), any mark over
    an e the network gave some weight as ë (Noël's faint dots, merged into one small mark),
    an accent over the capital E.
    """
    if letter == "E":
        return capital_marked(image, word, columns)
    mark = mark_over(image, word, columns)
    return mark == "wide" or (letter == "e" and mark is not None and bool(choices)
                              and choices[0][0] > 0)


def accented_word(image: np.ndarray, word: Word) -> str:
    """The word with the ï or î of its i's, the ë of its e's after a or o, its initial É.

    And the É or È of a name in capitals. From the word re-read alone: its reading, its
    choices, or the ink above the letter; then, for a letter still plain, re-read with the
    faint accents above its box shown. Only accents are added, never removed, and only when
    the re-read spells the same letters.
    """
    sites = _ACCENT_SITES.search(word.text)
    if not sites and not _CAPITALS_WITH_E.match(word.text):
        return word.text
    text = list(word.text)
    if sites:
        crop, shift = word_crop(image, word)
        glyphs = _glyphs(crop, word)
        if glyphs is not None:
            _put_accents(image, word, text, glyphs, shift)
    if any(_site(text, k) for k in range(len(text))):
        crop, _, marked = accent_crop(image, word)
        glyphs = _glyphs(crop, word) if marked else None
        # Only the network's first reading of the accent shown: no weak choice, no ink.
        for k, glyph in glyphs or []:
            site = _site(text, k)
            if site is not None and glyph.text in site[0]:
                text[k] = glyph.text
    return "".join(text)


def _glyphs(crop: np.ndarray, word: Word) -> list[tuple[int, Glyph]] | None:
    """The crop's letters read alone, with their places in the word; None if they misspell it."""
    glyphs = [g for g in ocr_choices(crop, lang="fra", psm=7) if g.text.isalpha()]
    positions = [k for k, char in enumerate(word.text) if char.isalpha()]
    if len(glyphs) != len(positions) or plain("".join(g.text for g in glyphs)).casefold() != \
            plain("".join(word.text[k] for k in positions)).casefold():
        return None
    return list(zip(positions, glyphs, strict=True))


def _put_accents(image: np.ndarray, word: Word, text: list[str],
                 glyphs: list[tuple[int, Glyph]], shift: int) -> None:
    """Each site's accent from the word read alone, its second choices, or the ink."""
    for k, glyph in glyphs:
        site = _site(text, k)
        if site is None:
            continue
        accents, ink = site
        if glyph.text in accents:  # the word read alone shows the accent
            text[k] = glyph.text
            continue
        choices = sorted(((conf, char) for char, conf in glyph.choices if char in accents),
                         reverse=True)
        columns = (glyph.box[0] + shift, glyph.box[2] + shift)
        if choices and choices[0][0] >= _SECOND_CHOICE:
            # A second choice, unless the ink shows the plain i's dot (Louis had ï at 44).
            if not (ink and text[k] == "i" and mark_over(image, word, columns) == "narrow"):
                text[k] = choices[0][1]
        elif ink and _ink_shows(image, word, text[k], columns, choices):
            # Which accent, the network ranks (ï or î) if it gives either any weight; else
            # the diaeresis, far more frequent in names than the circumflex (and É).
            text[k] = choices[0][1] if choices and choices[0][0] > 0 else accents[0]
