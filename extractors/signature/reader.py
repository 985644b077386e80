"""The signature of a document: the area it belongs in, judged on each page, the surest kept."""

from extractors.page_text import ReadPage
from extractors.signature.ink import BOX_SIGNATURE_LENGTH, judge_ink
from extractors.signature.locate import signature_area
from schemas.recap import SignatureReading

# Areas found from the page's own layout are trusted over the whole page.
_FOUND_RANK = {"label": 3, "below_label": 2, "box": 1, "page": 0}
# A whole page holds more than a signature (a logo, a stamp's letters, a hand-written
# note): there a signature needs three times the ink it needs in its box.
_FULL_LENGTH = {"label": BOX_SIGNATURE_LENGTH, "below_label": BOX_SIGNATURE_LENGTH,
                "box": BOX_SIGNATURE_LENGTH, "page": 3 * BOX_SIGNATURE_LENGTH}


# A word read this surely, of two letters or more, is print: a name typed in the box is no
# signature. On generated récapitulatifs, a typed name read at 91-92, while signed boxes gave
# OCR nothing or a few characters at 40 or less ("Ji", "ITR"; "|" at 95).
_PRINTED_CONFIDENCE = 80.0


def _printed_words(page: ReadPage) -> tuple[tuple[int, int, int, int], ...]:
    """The boxes of the words on the page read surely as print."""
    return tuple((w.left, w.top, w.right, w.top + w.height) for w in page.words
                 if w.confidence >= _PRINTED_CONFIDENCE and sum(c.isalpha() for c in w.text) >= 2)


def read_signature(pages: list[ReadPage]) -> SignatureReading | None:
    """Whether the document is signed: the page whose signature area was found best decides.

    Among pages found alike (a letter of several pages without a label), a signed page wins:
    the signature closes the document wherever its last page is.
    """
    readings = []
    for index, page in enumerate(pages):
        area = signature_area(page)
        ink = judge_ink(page.image, area.box, page.text_height, _FULL_LENGTH[area.found_by],
                        drawn_box=area.found_by in ("label", "box"),
                        printed=_printed_words(page))
        height, width = page.image.shape[:2]
        x0, y0, x1, y1 = area.box
        readings.append(SignatureReading(
            present=ink.present, confidence=ink.confidence if ink.present else 100 - ink.confidence,
            page=index + 1, found_by=area.found_by,
            box=(round(x0 / width, 4), round(y0 / height, 4), round(x1 / width, 4),
                 round(y1 / height, 4)),
            strokes=len(ink.strokes), ink_length=ink.length))
    return max(readings, key=lambda r: (_FOUND_RANK[r.found_by], r.present, r.confidence),
               default=None)
