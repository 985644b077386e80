"""Settle a name's misread letters among Tesseract's own choices, where the MRZ spells them."""

from dataclasses import replace
from itertools import accumulate, pairwise

import numpy as np

from extractors.printed.crops import word_crop
from extractors.printed.fields import letters_of, plain
from extractors.printed.words import Word
from extractors.tesseract import ocr_choices

# A choice the network gave this much weight may be taken. On the generated corpora the
# letters a name was misread for kept the right one at 42-65 (Hélène's H read M, the l of
# Maëlys read t), while a letter the network did not see at all has no such choice: a
# printed name that really differs from the MRZ (a forged one) keeps differing.
_MIN_CHOICE = 30.0
# At most this many letters of a word, and a third of them, are settled: beyond that the
# word is another name, not a misread one.
_MOST_SETTLED = 2
_UNKNOWN = "?"  # a letter past the MRZ's cut


def _mrz_letters(words: tuple[Word, ...], mrz_text: str, prefix: bool) -> list[str] | None:
    """Each word's letters as the MRZ spells them, or None when the counts do not agree."""
    target = letters_of(mrz_text)
    counts = [len(letters_of(w.text)) for w in words]
    if sum(counts) != len(target) and not (prefix and sum(counts) > len(target)):
        return None
    target = target.ljust(sum(counts), _UNKNOWN)
    return [target[a:b] for a, b in pairwise(accumulate(counts, initial=0))]


def _with_case(char: str, like: str) -> str:
    return char.lower() if like.islower() else char.upper()


def _settled(image: np.ndarray, word: Word, wanted: str) -> Word | None:
    """The word with its letters that differ from the MRZ's taken from its re-read's choices.

    None when one such letter has no choice spelling the MRZ's.
    """
    positions = [k for k, char in enumerate(word.text) if plain(char)]
    wrong = [i for i, k in enumerate(positions)
             if wanted[i] != _UNKNOWN and plain(word.text[k]) != wanted[i]]
    if not wrong:
        return word
    if len(wrong) > _MOST_SETTLED or 3 * len(wrong) > len(positions):
        return None
    crop, _ = word_crop(image, word)
    glyphs = [g for g in ocr_choices(crop, lang="fra", psm=7) if plain(g.text)]
    if len(glyphs) != len(positions):
        return None
    text = list(word.text)
    for i, (k, glyph) in enumerate(zip(positions, glyphs, strict=True)):
        if i in wrong:
            weighted = [(weight, char) for char, weight in ((glyph.text, 100.0), *glyph.choices)
                        if plain(char) == wanted[i] and weight >= _MIN_CHOICE]
            if not weighted:
                return None
            text[k] = _with_case(max(weighted)[1], text[k])
        elif glyph.text != text[k] and glyph.text.casefold() != text[k].casefold() \
                and plain(glyph.text) == plain(text[k]) and text[k].isascii():
            # The word read alone shows an accent the page's reading dropped (Hélène's è).
            text[k] = _with_case(glyph.text, text[k])
    return replace(word, text="".join(text))


def settled_words(image: np.ndarray, words: tuple[Word, ...], mrz_text: str, *,
                  prefix: bool = False) -> tuple[Word, ...]:
    """A name's words, a letter or two the page misread put right from Tesseract's choices.

    Only where the words and the MRZ have as many letters (`prefix`: the MRZ cut the name,
    its letters run out) and a word differs from the MRZ's spelling by a letter or two; the
    letter taken is one the network itself read or ranked there, never the MRZ's own. All or
    nothing: unless every such letter is settled, the words stay as read (a letter lost or
    added shifts the others, which then seem misread).
    """
    wanted = _mrz_letters(words, mrz_text, prefix)
    if wanted is None:
        return words
    settled = [_settled(image, word, letters)
               for word, letters in zip(words, wanted, strict=True)]
    return words if None in settled else tuple(settled)
