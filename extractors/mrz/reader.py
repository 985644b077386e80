"""Read the MRZ of a document's pages: locate it, read it, keep the first valid reading."""

import time
from collections.abc import Callable, Iterator

import cv2
import numpy as np

from extractors.mrz.locate import (
    MrzGroup,
    completed_groups,
    find_lines,
    glyph_boxes,
    group_lines,
)
from extractors.mrz.ocrb import flattened, line_widths, read_group
from extractors.mrz.repair import read_lines
from extractors.mrz.settle import settle_by_second_reading
from extractors.tesseract import ocr
from schemas.mrz import MrzReading

ENGINES = ("ocrb", "tesseract")
_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"
# Pages whose long side is under this are enlarged before the search: glyphs of small
# photos (messaging apps send 640-800 px) fall under the locator's minimum size.
_SMALL_PAGE = 1400
# Candidate groups tried per page: the MRZ is nearly always first; the others are guards
# against a row of another text (an address in capitals) outranking it.
_GROUPS_PER_PAGE = 3
# A row of this many glyphs is worth completing with the rows the walk missed; shorter ones
# are mostly other text, or an MRZ row broken in several pieces.
_COMPLETABLE = 28


def _band(gray: np.ndarray, group: MrzGroup, upside_down: bool) -> np.ndarray:
    """The group's rows cut out of the page, level, for Tesseract."""
    direction = np.mean([line.step for line in group.lines], axis=0)
    angle = float(np.degrees(np.arctan2(direction[1], direction[0])))
    points = np.concatenate([line.centres for line in group.lines])
    centre = points.mean(axis=0)
    rotation = cv2.getRotationMatrix2D((float(centre[0]), float(centre[1])), angle, 1.0)
    level = cv2.warpAffine(gray, rotation, (gray.shape[1], gray.shape[0]),
                           flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)
    moved = cv2.transform(points.reshape(-1, 1, 2), rotation).reshape(-1, 2)
    margin = group.height
    x0, y0 = np.maximum(moved.min(axis=0) - margin, 0).astype(int)
    x1, y1 = (moved.max(axis=0) + margin).astype(int)
    band = level[y0:y1, x0:x1]
    scale = 40 / max(group.height, 1.0)  # Tesseract reads 30-40 px glyphs best
    band = cv2.resize(band, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    _, band = cv2.threshold(band, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    return cv2.rotate(band, cv2.ROTATE_180) if upside_down else band


def _read(gray: np.ndarray, group: MrzGroup, upside_down: bool, engine: str,
          flat: bool = False) -> MrzReading | None:
    if engine == "tesseract":
        text = ocr(_band(gray, group, upside_down), lang="eng", psm=6, whitelist=_ALPHABET)
        lines = [line.replace(" ", "") for line in text.splitlines()
                 if len(line.replace(" ", "")) >= 20]
        return read_lines(lines[-3:]) if lines else None
    best = None
    for width in line_widths(group):
        texts, cells = read_group(gray, group, upside_down, width, flat)
        reading = read_lines(texts, [[cell.ranked for cell in line] for line in cells])
        if reading is not None and reading.verified:
            return reading
        best = best or reading
    return best


def _box(gray: np.ndarray, group: MrzGroup) -> list[float]:
    """The group's area as shares of the page (x0, y0, x1, y1), for the staff app's crop."""
    points = np.concatenate([line.centres for line in group.lines])
    margin = group.height * 1.5
    height, width = gray.shape[:2]
    x0, y0 = np.clip(points.min(axis=0) - margin, 0, None)
    x1, y1 = points.max(axis=0) + margin
    return [round(float(x0) / width, 4), round(float(y0) / height, 4),
            round(min(float(x1) / width, 1.0), 4), round(min(float(y1) / height, 1.0), 4)]


def _corners(gray: np.ndarray, group: MrzGroup) -> list[list[float]]:
    """The group's rows as a turned rectangle, four corners as shares of the page (x, y).

    A pitch past the first and last glyphs, 0.8 glyph heights above and below the rows: what
    the printed-zone reader leaves out, its text being read here already.
    """
    direction = np.mean([line.step for line in group.lines], axis=0)
    direction = direction / float(np.linalg.norm(direction))
    normal = np.array([-direction[1], direction[0]])
    points = np.concatenate([line.centres for line in group.lines]).astype(np.float64)
    along, across = points @ direction, points @ normal
    first, last = along.min() - group.pitch, along.max() + group.pitch
    top, bottom = across.min() - 0.8 * group.height, across.max() + 0.8 * group.height
    height, width = gray.shape[:2]
    corners = []
    for a, b in ((first, top), (last, top), (last, bottom), (first, bottom)):
        x, y = direction * a + normal * b
        corners.append([round(float(x) / width, 4), round(float(y) / height, 4)])
    return corners


def _rank(reading: MrzReading) -> tuple[bool, int, bool, int]:
    return (reading.verified, sum(reading.checks.values()),
            not reading.fields.get("unknown_state_codes"),
            -len(reading.fields.get("uncertain_letters", ())))


def _better(reading: MrzReading, best: MrzReading | None) -> bool:
    return best is None or _rank(reading) > _rank(best)


def _scales(page: np.ndarray) -> list[float]:
    """Sizes to search the page at: as it is, then enlarged when small.

    A thumbnail (under 700 px) is enlarged to about 1000 px: twice is not enough for its
    6-8 px glyphs to separate.
    """
    long_side = max(page.shape)
    if long_side >= _SMALL_PAGE:
        return [1.0]
    return [1.0, 2.0] + ([round(1000 / long_side, 1)] if long_side < 700 else [])


def _groups(gray: np.ndarray, count: int = _GROUPS_PER_PAGE, complete: bool = True
            ) -> Iterator[tuple[MrzGroup, bool]]:
    """The `count` likeliest candidate MRZ blocks of a page, each followed by its completions.

    Each with whether it was completed: rows placed rather than seen.
    """
    boxes = glyph_boxes(gray)
    for group in group_lines(find_lines(gray, boxes))[:count]:
        yield group, False
        if complete and max(line.count for line in group.lines) >= _COMPLETABLE:
            for completed in completed_groups(gray, group, boxes):
                yield completed, True


def _second_opinion(reading: MrzReading, gray: np.ndarray, group: MrzGroup,
                    upside_down: bool) -> MrzReading:
    """A reading whose name letters stayed uncertain, settled where Tesseract agrees.

    One Tesseract call, only for such readings (a few in a hundred).
    """
    other = _read(gray, group, upside_down, "tesseract")
    if other is None:
        return reading
    settled = settle_by_second_reading(reading, other.lines)
    if settled is reading:
        return reading
    return settled.model_copy(update={"source": {**reading.source, "second_reader": "tesseract"}})


def read_mrz(pages: list[np.ndarray], engine: str = "ocrb",
             faded: Callable[[], list[np.ndarray]] | None = None) -> MrzReading | None:
    """The MRZ of the pages: the first valid reading, else the best invalid one, else None.

    `faded` gives the pages with coloured ink faded (`pages.faded_ink_pages`): tried only when
    the grey pages give no valid reading, as a stamp over the MRZ is rare and decoding the
    file again costs a tenth of a second.
    """
    started = time.perf_counter()
    search = _Search(engine, started)
    for index, page in enumerate(pages):
        if search.read_page(page, index):
            return search.best
    if faded is not None:
        for index, page in enumerate(faded()):
            if search.read_page(page, index, faded=True):
                return search.best
    best = search.best
    if best is not None and search.where is not None and engine == "ocrb" \
            and best.fields.get("uncertain_letters"):
        best = _second_opinion(best, *search.where)
    return best


class _Search:
    """The best MRZ reading found so far over pages, and where it was read."""

    def __init__(self, engine: str, started: float) -> None:
        self.engine, self.started = engine, started
        self.best: MrzReading | None = None
        self.where: tuple[np.ndarray, MrzGroup, bool] | None = None
        self.attempts = 0

    def read_page(self, page: np.ndarray, index: int, faded: bool = False) -> bool:
        """Read a page's candidate groups at each scale; True once a valid reading is found.

        A page as taken read in vain at every scale, though rows of glyphs were found on it,
        is read once more with its lighting evened out: on a small photo, the edge of a
        shadow across the MRZ joins glyphs to it in the locator's binary image and breaks the
        rows. Only its likeliest group, not completed: every MRZ the evened page gave over
        four generated corpora was its first. Last, as it seldom helps elsewhere: on the
        outside specimens it ran on 38 images and read 1 valid, which the enlarged page read
        as well. A page without rows (a card's front) is not evened: its evened image gave no
        valid MRZ on any of the 39 such pages of the seed 23 corpus; nor a page with its
        coloured ink faded, a stamp's remedy.
        """
        glyph_height = None  # of the page's likeliest group as taken: sizes the evening
        for scale in _scales(page):
            gray = page if scale == 1.0 else cv2.resize(page, None, fx=scale, fy=scale,
                                                        interpolation=cv2.INTER_CUBIC)
            valid, height = self._read_groups(_groups(gray), gray, index, scale,
                                              {"ink": "faded"} if faded else {})
            if valid:
                return True
            if scale == 1.0:
                glyph_height = height
        if faded or glyph_height is None:
            return False
        evened = flattened(page, glyph_height).astype(np.uint8)
        valid, _ = self._read_groups(_groups(evened, 1, complete=False), evened, index, 1.0,
                                     {"lighting": "evened"})
        return valid

    def _read_groups(self, groups: Iterator[tuple[MrzGroup, bool]], gray: np.ndarray,
                     index: int, scale: float, marks: dict[str, str]
                     ) -> tuple[bool, float | None]:
        """Read candidate groups of one image of a page until one is valid.

        Whether one was, and the glyph height of the first group (None: no group).
        """
        first_height = None
        for group, completed in groups:
            first_height = first_height or group.height
            for upside_down in (False, True):
                self.attempts += 1
                # Lighting is evened out on the page as taken, not on an enlarged one.
                reading = _read(gray, group, upside_down, self.engine, flat=scale == 1.0)
                # A placed row that reads as nonsense is no MRZ (a blank template's printed
                # lines): only its verified readings count.
                if reading is None or (completed and not reading.verified):
                    continue
                reading = reading.model_copy(update={"source": {
                    "engine": self.engine, "page": index, "scale": scale,
                    "upside_down": upside_down, "angle": round(group.angle, 1),
                    "box": _box(gray, group),
                    "corners": _corners(gray, group), "attempts": self.attempts,
                    "seconds": round(time.perf_counter() - self.started, 3), **marks}})
                if reading.valid:
                    self.best = reading
                    return True, first_height
                if _better(reading, self.best):
                    self.best, self.where = reading, (gray, group, upside_down)
        return False, first_height
