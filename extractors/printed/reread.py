"""Re-read a name's row on its own when the page's reading does not spell the MRZ's name."""

from dataclasses import replace

import numpy as np

from extractors.printed.crops import on_white
from extractors.printed.fields import guided_name, letters_of, name_score
from extractors.printed.words import Segment, segments_of, words_of
from extractors.tesseract import ocr_data

# Read with the whole page, Tesseract loses words of a name row that it reads alone: Zoé read
# "206," or Louise "ROSE" and left out of the name, Yann read "Yan", the l of Noël dropped.
# The crop reaches this many word heights past the row's ends, for a letter the page's boxes
# cut off, and stays short of the next column (segments split at 1.6 heights).
_REACH = 1.0


def _row(segments: list[Segment], chosen: Segment) -> Segment:
    """The whole row segment the chosen words were taken from."""
    first = chosen.words[0]
    return next((s for s in segments if first in s.words), chosen)


def _crop(image: np.ndarray, row: Segment) -> tuple[np.ndarray, int, int]:
    """The row alone on a white margin, and where its crop starts in the page."""
    # Around the words' median middle, 0.8 median word height each way: one misread word's
    # box may reach far up or down. Tesseract's boxes run tall, so the small labels above
    # and below often come in: the crop is read as a block (psm 6), which keeps them on
    # rows of their own, where a single-line read (psm 7) returned noise on such crops.
    height = row.height
    middle = sorted(w.middle for w in row.words)[len(row.words) // 2]
    left, top = max(row.left - int(_REACH * height), 0), max(int(middle - 0.8 * height), 0)
    box = image[top:int(middle + 0.8 * height), left:row.right + int(_REACH * height)]
    padded, margin = on_white(box, height)
    return padded, left - margin, top - margin


def reread_name(image: np.ndarray, segments: list[Segment], chosen: Segment, mrz_text: str,
                *, prefix: bool = False, listed: bool = False) -> Segment | None:
    """The row read alone, when its words spell the MRZ's name better than the page's did.

    Boxes are given in the page's pixels, so the accents can be re-read from them. The MRZ
    only chooses between two of Tesseract's readings and never lends its letters: a printed
    name that differs from it (a forged one) still differs after the re-read.
    """
    target = letters_of(mrz_text)
    if name_score(chosen.text, target, prefix=prefix) == 100:
        return None
    crop, left, top = _crop(image, _row(segments, chosen))
    words = [replace(w, left=w.left + left, top=w.top + top)
             for w in words_of(ocr_data(crop, lang="fra", psm=6))]
    better = guided_name(segments_of(words), mrz_text, prefix=prefix, listed=listed)
    if better is None or (name_score(better.text, target, prefix=prefix)
                          <= name_score(chosen.text, target, prefix=prefix)):
        return None
    return better
