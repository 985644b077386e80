"""Read the printed zone of an identity document's pages: names, usage name, dates."""

import time
from dataclasses import dataclass, field
from datetime import date

import cv2
import numpy as np

from extractors.printed.accents import accented_word
from extractors.printed.fields import (
    clean_name,
    clean_usage_name,
    dated,
    guided_name,
    identity_cues,
    is_label,
    label_of,
    letters_of,
    nearly_dated,
    parse_date,
    restore_separators,
    split_given_names,
    usage_marked,
    value_of,
)
from extractors.printed.letters import settled_words
from extractors.printed.reread import reread_name
from extractors.printed.straighten import rotate, rotate_points, skew_angle, text_frame
from extractors.printed.words import Segment, segments_of, words_of
from extractors.tesseract import ocr_data
from schemas.mrz import MrzReading
from schemas.printed import PrintedZone

# The document's text frame is brought to this width (pixels) before OCR: a card's values
# are then 20-30 px tall. A card scanned on an A4 page is 500 px wide, a close phone photo
# 1500. 1000 read as many names as 1300 on the generated corpus, in 20 % less time.
_TARGET_WIDTH = 1000.0
# The image read is at most this long: Tesseract's time grows with the pixels.
_MAX_SIDE = 2400
# Wider than a stroke of 20-30 px text, narrower than the light bands of a photo.
_INK_KERNEL = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (11, 11))
# A page is the document's printed zone when at least this many fields are found on it.
_MIN_FIELDS = 2
# Tesseract's page modes miss different words on a card: sparse text (11) first, then
# automatic layout (3) for the name the first pass did not find beside the one it did.
_PASSES = (11, 3)
# No second reading of weak words as white on black, no search for tables: a card prints
# neither. 10 % less CPU per page pass (0.265 -> 0.239 s over 36 pages); names, birth and
# expiry dates over the four generated corpora: 6 flips, 3 each way.
_PAGE_PASS_VARIABLES = {"tessedit_do_invert": "0", "textord_tabfind_find_tables": "0"}
# The given names' row starts within this many surname heights under the surname's foot.
_GIVEN_BELOW = 1.5
# A value between the names is at least this share of their height: their labels were
# 0.45-0.55 of it on the 200-dossier corpus, the usage names 1.0.
_VALUE_HEIGHT = 0.7
# Fields printed in capitals.
_IN_CAPITALS = ("surname", "usage_name")
# How a 1988 card's expiry is found from its MRZ's issue month (see _valid_until).
_BY_ISSUE = "issue + 10 years"


@dataclass
class _Found:
    """Fields found on one page: raw text, how each was found, the segment it came from."""

    values: dict[str, str] = field(default_factory=dict)
    how: dict[str, str] = field(default_factory=dict)
    segments: dict[str, Segment] = field(default_factory=dict)
    cues: set[str] = field(default_factory=set)
    rows: list[Segment] = field(default_factory=list)  # every segment read on the page
    # Dates whose printed digits are the MRZ's but for a misread one or two: the segment
    # and the date as the MRZ gives it, to be settled on the page kept.
    near_dates: dict[str, tuple[Segment, date]] = field(default_factory=dict)

    @property
    def expiry_by_issue(self) -> bool:
        """Whether the expiry was found from a 1988 card's issue month (`_valid_until`)."""
        return self.how.get("expiry_date", "").endswith(_BY_ISSUE)

    def put(self, name: str, text: str, how: str, segment: Segment | None = None) -> None:
        self.values[name], self.how[name] = text, how
        if segment is not None:
            self.segments[name] = segment


def _prepare(gray: np.ndarray, hidden: np.ndarray | None = None) -> np.ndarray:
    """The text's frame, scaled to readable characters, the light evened.

    `hidden`: a polygon of the page (x, y rows) painted white once the frame is found: the
    MRZ, read already; the frame, and so the scale, stay those of the whole page.
    """
    frame = text_frame(gray)
    if frame is None:
        return gray
    (x0, y0, x1, y1), height = frame
    margin = int(2 * height)
    left, top = max(x0 - margin, 0), max(y0 - margin, 0)
    gray = gray[top:y1 + margin, left:x1 + margin]
    scale = min(max(_TARGET_WIDTH / max(x1 - x0, 1), 0.5), 3.0, _MAX_SIDE / max(gray.shape))
    if abs(scale - 1) > 0.1:
        gray = cv2.resize(gray, None, fx=scale, fy=scale,
                          interpolation=cv2.INTER_CUBIC if scale > 1 else cv2.INTER_AREA)
    else:
        scale = 1.0
    # Divide by the background (the page closed over the ink): shadows, light bands and the
    # card's tint go, text stays dark. Measured on 150 generated identity pieces: 94 % exact
    # surnames against 85 % for the raw page (benchmarks/printed_zone.py).
    background = cv2.morphologyEx(gray, cv2.MORPH_CLOSE, _INK_KERNEL)
    even = cv2.divide(gray, background, scale=255)
    if hidden is not None:
        cv2.fillPoly(even, [np.round((hidden - (left, top)) * scale).astype(np.int32)], 255)
    return even


def _mrz_polygon(page: np.ndarray, index: int, mrz: MrzReading | None) -> np.ndarray | None:
    """The MRZ read on this page as a polygon of it (x, y rows), to be left out of the pass.

    Its two or three long rows were a fifth to a third of Tesseract's time on the page, and no
    printed field is in them. Only an MRZ whose check digits pass: anything else may be
    printed text taken for one.
    """
    source = mrz.source if mrz is not None else {}
    if mrz is None or not mrz.verified or source.get("page") != index or "corners" not in source:
        return None
    height, width = page.shape[:2]
    return np.array([[x * width, y * height] for x, y in source["corners"]], np.float64)


def _rotations(page_index: int, gray: np.ndarray, mrz: MrzReading | None) -> list[float]:
    """Rotations to try, most likely first: the MRZ's when it was read on this page."""
    source = mrz.source if mrz is not None else {}
    if source.get("page") == page_index and "angle" in source:
        return [float(source["angle"]) + (180.0 if source.get("upside_down") else 0.0)]
    # A photo taken sideways whose MRZ was not read (or a card's front, which has none).
    skew = skew_angle(gray, quarter_turns=True)
    return [skew, skew + 180.0]


def _segments(image: np.ndarray, psm: int) -> list[Segment]:
    data = ocr_data(image, lang="fra", psm=psm, variables=_PAGE_PASS_VARIABLES)
    # MRZ lines read as text are not the printed zone; no printed field holds a "<", and a
    # card's name line may hold only single ones ("SAINT<JEAN<DE<MONTS<BEAUREGARD").
    return [s for s in segments_of(words_of(data)) if "<" not in s.text]


def _labelled(segments: list[Segment], found: _Found) -> None:
    # No field of the printed zone is one character long: such a segment is a speck read.
    values = [s for s in segments if len(letters_of(s.text)) >= 2]
    # Surnames and usage names are printed in capitals; a piece of the label's English half
    # ("ate" or "Alt" of "Alternate name") beside the label is none.
    capitalised = [s for s in values if sum(c.isupper() for c in s.text)
                   > sum(c.islower() for c in s.text)]
    for segment in segments:
        labelled = label_of(segment)
        if labelled is None or labelled[0] in found.values:
            continue
        name, size = labelled
        value = value_of(segment, size, capitalised if name in _IN_CAPITALS else values)
        if isinstance(value, Segment):
            found.put(name, value.text, "label", value)
        elif value is not None:
            found.put(name, value, "label")


def _guided(segments: list[Segment], guide: MrzReading, found: _Found, how: str) -> None:
    """Names and dates located by their MRZ spelling, where labels were not read."""
    for name, text, cut, listed in _mrz_names(guide):
        segment = guided_name(segments, text, prefix=cut, listed=listed)
        # The words that spell the MRZ's name are the value, rather than what follows a
        # label: a label's value may run into the next column ("Erwan Française") or be
        # the label's own English half ("Given").
        if segment is not None and found.how.get(name, "label") == "label":
            found.put(name, segment.text, how, segment)
    for name, iso in (("birth_date", guide.fields.get("birth_date_iso")),
                      ("expiry_date", guide.fields.get("expiry_date_iso"))):
        # A label's value that reads as no date (the "of" of a split "Date of birth") is none.
        if iso and parse_date(found.values.get(name, "")) is None:
            wanted = date.fromisoformat(iso)
            segment = dated(segments, wanted)
            if segment is not None:
                # Its digits are the date's; the spaces between them may be misread.
                found.put(name, wanted.strftime("%d %m %Y"), how, segment)
            elif name not in found.near_dates:
                near = nearly_dated(segments, wanted)
                if near is not None:
                    found.near_dates[name] = (near, wanted)
    if parse_date(found.values.get("expiry_date", "")) is None:
        validity = _valid_until(segments, guide)
        if validity is not None:
            found.put("expiry_date", validity.text, f"{how}, {_BY_ISSUE}", validity)


def _valid_until(segments: list[Segment], guide: MrzReading) -> Segment | None:
    """The 1988 card's "valable jusqu'au" date: ten years after the issue month its number holds.

    Its MRZ states no expiry, and the back's small grey label is often not read; its other
    date, "délivrée le", falls in the issue month itself.
    """
    issued = guide.issue_month
    if issued is None:
        return None
    year, month = issued
    for segment in segments:
        printed = parse_date(segment.text)
        if printed is not None and (printed.year, printed.month) == (year + 10, month):
            return segment
    return None


def _between_names(segments: list[Segment], found: _Found) -> Segment | None:
    """A value on its own row between the surname and the given names, aligned with them.

    The 1988 card prints "Épouse : X" there; its small grey label is often not read.
    """
    surname, given = found.segments.get("surname"), found.segments.get("given_names")
    if surname is None or given is None or abs(surname.left - given.left) > surname.height:
        return None
    rows = [s for s in segments if surname.bottom <= s.top and s.bottom <= given.top
            and _name_row_under(s, surname)
            # The given names' small label sits there too on the 2021 card and permits.
            and s.height >= _VALUE_HEIGHT * min(surname.height, given.height)]
    return rows[0] if len(rows) == 1 else None


def _name_row_under(segment: Segment, surname: Segment) -> bool:
    """Whether a segment may be a name printed in the surname's column: no label, no digit."""
    return (abs(segment.left - surname.left) < surname.height and not is_label(segment)
            and not any(c.isdigit() for c in segment.text)
            and len(letters_of(segment.text)) >= 2)


def _under_the_surname(segments: list[Segment], found: _Found) -> Segment | None:
    """The row just under the surname and aligned with it: the given names, label unread.

    French documents print them there (the 2021 card, the passport, the permit). Looked for
    only when the MRZ has no room for the given names (a long surname fills the card's name
    line), so that nothing spells them.
    """
    surname = found.segments.get("surname")
    if surname is None:
        return None
    rows = [s for s in segments if (s.top + s.bottom) / 2 > surname.bottom
            and s.top - surname.bottom < _GIVEN_BELOW * surname.height
            and _name_row_under(s, surname) and usage_marked([s]) is None]
    return min(rows, key=lambda s: s.top, default=None)


def _read_page(image: np.ndarray, guide: MrzReading | None) -> _Found:
    found = _Found()
    segments = _segments(image, _PASSES[0])
    found.rows.extend(segments)
    found.cues.update(identity_cues(segments))
    _labelled(segments, found)
    if guide is not None:
        _guided(segments, guide, found, "mrz")
        names = found.values.keys() & {"surname", "given_names"}
        # Only for a page showing one of the names: on a page showing neither (a card's
        # back) the second pass found none in 178 passes over two generated corpora.
        if len(names) == 1:
            more = _segments(image, _PASSES[1])
            found.rows.extend(more)
            _labelled(more, found)
            _guided(more, guide, found, "mrz, psm 3")
        if "given_names" not in found.values and not guide.fields.get("given_names") \
                and guide.fields.get("given_names_truncated"):
            under = _under_the_surname(found.rows, found)
            if under is not None:
                found.put("given_names", under.text, "under the surname", under)
    if "usage_name" not in found.values:
        marked = usage_marked(segments)
        if marked:
            found.put("usage_name", marked, "ép.")
        else:
            between = _between_names(segments, found)
            if between is not None:
                found.put("usage_name", between.text, "between names", between)
    return found


def _mrz_names(guide: MrzReading | None) -> list[tuple[str, str, bool, bool]]:
    """Surname and given names as the MRZ spells them: (field, text, cut, listed).

    `cut`: the MRZ truncated the name; `listed`: the name is a comma-separated list (the
    given names).
    """
    if guide is None:
        return []
    fields = guide.fields
    return [("surname", fields.get("surname") or "", bool(fields.get("surname_truncated")),
             False),
            ("given_names", " ".join(fields.get("given_names") or []),
             bool(fields.get("given_names_truncated")), True)]


def _read_as_the_mrz_spells(found: _Found, name: str, image: np.ndarray, text: str,
                            cut: bool, listed: bool) -> None:
    """A name whose words miss the MRZ's letters: its row re-read, then a letter or two settled.

    Both choose among Tesseract's own readings of the page's pixels, never the MRZ's letters.
    """
    chosen = found.segments.get(name)
    if chosen is None or found.values[name] != chosen.text:
        return
    better = reread_name(image, found.rows, chosen, text, prefix=cut, listed=listed)
    if better is not None:
        found.put(name, better.text, f"{found.how[name]}, re-read", better)
        chosen = better
    settled = Segment(settled_words(image, chosen.words, text, prefix=cut))
    if settled != chosen:
        found.put(name, settled.text, f"{found.how[name]}, letters settled", settled)


def _finish_names(found: _Found, image: np.ndarray, guide: MrzReading | None) -> None:
    """The kept page's names re-read, their dropped accents put back, stray spaces gone.

    Done once, on the page kept: re-reading is another Tesseract call each.
    """
    # A name the MRZ had no room for spells nothing to read it by.
    spelled = {name: (text, cut, listed) for name, text, cut, listed in _mrz_names(guide)
               if len(letters_of(text)) >= 2}
    for name in ("surname", "given_names"):
        if name in spelled:
            _read_as_the_mrz_spells(found, name, image, *spelled[name])
        segment = found.segments.get(name)
        if segment is not None and found.values[name] == segment.text:
            found.values[name] = " ".join(accented_word(image, w) for w in segment.words)
        if name in spelled and name in found.values:
            text, cut, listed = spelled[name]
            found.values[name] = restore_separators(found.values[name], text, prefix=cut,
                                                    listed=listed)


def _finish_dates(found: _Found, image: np.ndarray) -> None:
    """A date whose digits were misread in one or two places, settled like a name's letters.

    Only where Tesseract's own choices for those digits hold the MRZ's (an 8 read 5 on a
    blurred photo); a printed date that really differs keeps differing, and is left unread.
    """
    for name, (segment, wanted) in found.near_dates.items():
        if parse_date(found.values.get(name, "")) is not None:
            continue
        settled = settled_words(image, segment.words, wanted.strftime("%d %m %Y"))
        text = " ".join(word.text for word in settled)
        if parse_date(text) == wanted:
            found.put(name, text, "mrz, digits settled", Segment(settled))


def _prints_mrz_expiry(found: _Found, guide: MrzReading | None) -> bool:
    """Whether the page prints the expiry date the MRZ states."""
    iso = guide.fields.get("expiry_date_iso") if guide is not None else None
    if not iso:
        return False
    return parse_date(found.values.get("expiry_date", "")) == date.fromisoformat(iso)


def _zone(found: _Found, source: dict, confidence: int) -> PrintedZone:
    values = found.values
    return PrintedZone(
        surname=clean_name(values.get("surname", "")).upper() or None,
        usage_name=clean_usage_name(values.get("usage_name", "")).upper() or None,
        given_names=split_given_names(values.get("given_names", "")),
        birth_date=parse_date(values.get("birth_date", "")),
        expiry_date=parse_date(values.get("expiry_date", "")),
        confidence=confidence, source=source)


def read_printed(pages: list[np.ndarray], page_mrz: MrzReading | None,
                 guide: MrzReading | None = None) -> PrintedZone | None:
    """The fields of the page that shows the most of them, or None.

    `page_mrz` is the MRZ read in these pages (it says how they are turned); `guide` a MRZ
    of the same document, maybe from another file (the other side of the card): its names
    and birth date point at their printed form when a label was not read.
    """
    started = time.perf_counter()
    # An MRZ that fails its check digits still spells the names well enough to find them.
    guide = guide or page_mrz
    best: tuple[_Found, dict, np.ndarray] | None = None
    # An expiry found on a page other than the one kept (text, how): the 1988 card's, on its
    # back, scanned as the file's second page.
    other_expiry: tuple[str, str] | None = None
    for index, page in enumerate(pages):
        mrz_polygon = _mrz_polygon(page, index, page_mrz)
        for degrees in _rotations(index, page, page_mrz):
            hidden = None if mrz_polygon is None else rotate_points(page.shape, degrees,
                                                                     mrz_polygon)
            image = _prepare(rotate(page, degrees), hidden)
            found = _read_page(image, guide)
            if other_expiry is None and parse_date(found.values.get("expiry_date", "")):
                other_expiry = (found.values["expiry_date"], found.how["expiry_date"])
            if best is None or (len(found.values), len(found.cues)) > (
                    len(best[0].values), len(best[0].cues)):
                best = (found, {"page": index, "rotation": round(degrees, 1)}, image)
            if len(found.values) >= _MIN_FIELDS:
                break
    # A page with no name but identity-document words (the back of the 1988 card, a driving
    # licence) is kept: its words say what the file is; so is one printing the expiry ten
    # years after the card's issue month, its labels unread: that card's back.
    if best is None or (len(best[0].values) < _MIN_FIELDS and not best[0].cues
                        and not best[0].expiry_by_issue):
        return None
    found, source, image = best
    _finish_names(found, image, guide)
    _finish_dates(found, image)
    if other_expiry is not None and parse_date(found.values.get("expiry_date", "")) is None:
        found.put("expiry_date", other_expiry[0], f"{other_expiry[1]}, other page")
    source["found_by"] = dict(found.how)
    if found.expiry_by_issue:
        source["expiry_by_issue_month"] = True  # the page is this card's side
    elif _prints_mrz_expiry(found, guide):
        source["mrz_expiry_printed"] = True  # the page is the side of the MRZ's document
    source["identity_cues"] = sorted(found.cues)
    source["seconds"] = round(time.perf_counter() - started, 3)
    names = [found.segments[n] for n in ("surname", "given_names") if n in found.segments]
    confidence = int(min((s.confidence for s in names), default=0))
    return _zone(found, source, max(0, min(confidence, 100)))
