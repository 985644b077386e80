"""A reader made for the MRZ's OCR-B font: glyph cells compared with the font's own glyphs."""

from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from extractors.mrz.locate import MRZ_WIDTHS, MrzGroup
from extractors.mrz.template_store import stored_templates

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"
FONT = Path("/usr/share/fonts/opentype/ocr-b/OCRB.otf")
# Cells are compared at this size: 20 x 28 keeps O from 0 and B from 8 apart.
CELL = (20, 28)
# A cell window is 1.5 glyph heights tall: room for the tallest glyph and some jitter.
_WINDOW = 1.5


@dataclass(frozen=True)
class CellRead:
    """One glyph: the characters it resembles most, best first, with similarities (0-1)."""

    ranked: tuple[tuple[str, float], ...]

    @property
    def char(self) -> str:
        """The best match."""
        return self.ranked[0][0]

    @property
    def score(self) -> float:
        """Similarity of the best match."""
        return self.ranked[0][1]


_UNREADABLE = CellRead((("<", 0.0),))
# The paper under a glyph: the grey closing's side, in glyph heights. Wider than any stroke;
# narrow enough to follow a shadow's or a glare's edge across the cell.
_PAPER_KERNEL = 0.6
# Glyphs this tall (pixels) or more are evened out: on smaller ones, and on enlarged
# thumbnails, blurred strokes run into blobs wider than the closing and lose their ink
# (measured on the outside specimens: M read V, E read I).
_RESOLVED_HEIGHT = 14
# Leans of the glyphs (degrees off square to the row) that cells are straightened for.
_MIN_LEAN, _MAX_LEAN = 4.0, 30.0
# Spurious glyphs a walk may add to a row: beyond, the row is not of the width being read.
_EXTRA_GLYPHS = 2


def _normalise(patch: np.ndarray, glyph_height: float) -> np.ndarray | None:
    """Ink of a cell, centred and scaled by the line's glyph height, not its own.

    A '<' is shorter than a letter, a digit taller, and that is information.
    """
    patch = patch.astype(np.float32)
    low, high = np.percentile(patch, (2, 98))
    if high - low < 20:
        return None
    ink = np.clip((high - patch) / (high - low), 0, 1)
    mask = ink > 0.5
    if mask.sum() < 4:
        return None
    ys, xs = np.nonzero(mask)
    cy, cx = (ys.min() + ys.max()) / 2, (xs.min() + xs.max()) / 2
    scale = CELL[1] / (glyph_height * _WINDOW)
    matrix = np.float32([[scale, 0, CELL[0] / 2 - cx * scale],
                         [0, scale, CELL[1] / 2 - cy * scale]])
    cell = cv2.warpAffine(ink, matrix, CELL, flags=cv2.INTER_AREA, borderValue=0)
    cell -= cell.mean()
    norm = float(np.linalg.norm(cell))
    return cell / norm if norm > 1e-6 else None


@cache
def _templates() -> tuple[np.ndarray, str]:
    """Every character under the degradations of scans and photos, normalised like cells.

    Drawn once per machine (7 s on 2 cores), then read from the cache in milliseconds.
    """
    vectors, labels = stored_templates(FONT, (_drawn_templates, _normalise),
                                       (ALPHABET, CELL, _WINDOW), _drawn_templates)
    # Compared in single precision: the product takes half the time of double's, and the
    # similarities are kept to four decimals.
    return vectors.astype(np.float32), labels


def _drawn_templates() -> tuple[np.ndarray, str]:
    """The templates drawn from the font.

    Weight (thin to bold ink), blur, a few degrees of rotation and +-8 % size: 216 variants
    per character.
    """
    font = ImageFont.truetype(str(FONT), 96)
    vectors, labels = [], []
    glyph_height = 72.0  # capitals of OCR-B at 96 px: the reference line height
    for char in ALPHABET:
        canvas = Image.new("L", (180, 200), 255)
        ImageDraw.Draw(canvas).text((40, 30), char, font=font, fill=0)
        base = np.asarray(canvas)
        for weight in (-1, 0, 1, 2):
            image = base
            if weight < 0:
                image = cv2.dilate(image, np.ones((3, 3), np.uint8))  # thinner ink
            elif weight > 0:
                image = cv2.erode(image, np.ones((3, 3), np.uint8), iterations=weight)
            for angle in (-3.0, 0.0, 3.0):
                for size in (0.92, 1.0, 1.08):
                    matrix = cv2.getRotationMatrix2D((90, 100), angle, size)
                    turned = cv2.warpAffine(image, matrix, (180, 200), borderValue=255)
                    # Up to 17 px at this size: a blurred photo's glyphs (about 2 px of
                    # blur on 20 px capitals) lose their thin bars, E read F, G read Q.
                    for blur in (0, 3, 5, 9, 13, 17):
                        sample = cv2.GaussianBlur(turned, (blur, blur), 0) if blur else turned
                        cell = _normalise(sample, glyph_height)
                        if cell is not None:
                            vectors.append(cell.ravel())
                            labels.append(char)
    return np.stack(vectors), "".join(labels)


@cache
def _starts() -> tuple[np.ndarray, str]:
    """Where each character's variants begin in the template table (they are contiguous)."""
    _, labels = _templates()
    starts = [0] + [i for i in range(1, len(labels)) if labels[i] != labels[i - 1]]
    return np.array(starts), "".join(labels[i] for i in starts)


def classify(cells: list[np.ndarray]) -> list[CellRead]:
    """For each cell, the characters whose variants resemble it most (cosine), best first.

    A row's cells go through one product with the templates: faster than a cell at a time.
    """
    if not cells:
        return []
    vectors, _ = _templates()
    starts, chars = _starts()
    columns = np.stack([c.ravel() for c in cells], axis=1).astype(np.float32)
    best = np.maximum.reduceat(vectors @ columns, starts, axis=0)
    reads = []
    for column in best.T:
        order = np.argsort(-column)[:4]
        reads.append(CellRead(tuple((chars[i], round(float(column[i]), 4)) for i in order)))
    return reads


def line_widths(group: MrzGroup) -> tuple[int, ...]:
    """Characters per line the group may hold, likeliest first.

    Two rows hold 36 or 44: the nearest to the glyphs found first, then the other, as a
    stamp or a run of merged fillers can hide a third of a row from the walk.
    """
    if len(group.lines) != 2:
        return (30,)  # three lines of a card, or the one line of a driving licence
    count = max(line.count for line in group.lines)
    return tuple(sorted((36, 44), key=lambda width: abs(width - count)))


def _local_step(points: list[np.ndarray], at_end: bool) -> np.ndarray:
    """The step between glyph centres over the last (or first) four of a row."""
    part = points[-4:] if at_end else points[:4]
    return (part[-1] - part[0]) / max(len(part) - 1, 1)


def _fit(centres: np.ndarray, first: float, last: float, direction: np.ndarray,
         width: int) -> np.ndarray:
    """The line's centres extended or cut to the block's extent [first, last], then to width.

    Walks stop early at faded glyphs; the other lines of the block say where the row ends.
    """
    points = list(centres)
    pitch = float(np.linalg.norm(centres[-1] - centres[0])) / max(len(centres) - 1, 1)
    while float(np.dot(points[0], direction)) > first + 0.5 * pitch and len(points) < width:
        points.insert(0, points[0] - _local_step(points, at_end=False))
    while float(np.dot(points[-1], direction)) < last - 0.5 * pitch and len(points) < width:
        points.append(points[-1] + _local_step(points, at_end=True))
    while len(points) > width:
        # Drop the glyph furthest outside the block's extent.
        if first - float(np.dot(points[0], direction)) > float(np.dot(points[-1], direction)) \
                - last:
            points.pop(0)
        else:
            points.pop()
    return np.array(points)


def _along(centres: np.ndarray, guide: np.ndarray, direction: np.ndarray
           ) -> np.ndarray | None:
    """A short row's glyphs completed in the columns of a row walked whole.

    A shadow's edge or glare can hide a run of a row's glyphs from the walk; extended by its
    own pitch, the row drifts off its glyphs under perspective, where the pitch changes along
    it. Each found glyph is matched to the guide's nearest column; the missing ones sit at
    their columns moved by the offset of the nearest found ones. None when the match is not
    one to one.
    """
    columns = guide @ direction
    matched = [int(np.argmin(np.abs(columns - float(centre @ direction)))) for centre in centres]
    if any(b <= a for a, b in pairwise(matched)):
        return None
    offsets = centres - guide[matched]
    indexes = np.arange(len(guide))
    return np.stack([guide[:, axis] + np.interp(indexes, matched, offsets[:, axis])
                     for axis in (0, 1)], axis=1).astype(np.float32)


def _continue(gray: np.ndarray, centres: np.ndarray, width: int, height: float
              ) -> np.ndarray:
    """A row still short of `width` continued, glyph by glyph, on the side with more ink.

    The walk loses runs of glyphs that touch (merged fillers, 00000000 on a small photo) at
    either end; beyond the MRZ lies blank margin.
    """
    points = list(centres)
    while len(points) < width:
        before = points[0] - _local_step(points, at_end=False)
        after = points[-1] + _local_step(points, at_end=True)
        step = (points[-1] - points[0]) / max(len(points) - 1, 1)
        ink = [float(np.std(_patch(gray, point, step, height))) for point in (before, after)]
        if ink[0] > ink[1]:
            points.insert(0, before)
        else:
            points.append(after)
    return np.array(points)


def _patch(gray: np.ndarray, centre: np.ndarray, step: np.ndarray, height: float,
           down: np.ndarray | None = None, margin: int = 0) -> np.ndarray:
    """The cell around a glyph centre, turned so that the text runs left to right.

    `down`: the unit direction of the glyphs' upright strokes on the page, when perspective
    slants them; by default, square to the row. `margin`: pixels of the page around the cell
    on each side.
    """
    pitch = float(np.linalg.norm(step))
    across = step / max(pitch, 1e-6)
    if down is None:
        down = np.array([-across[1], across[0]])
    size = (max(4, round(pitch)) + 2 * margin, max(4, round(height * _WINDOW)) + 2 * margin)
    # Patch pixel (x, y) samples the page at centre + (x - w/2) across + (y - h/2) down.
    matrix = np.float32([
        [across[0], down[0], centre[0] - size[0] / 2 * across[0] - size[1] / 2 * down[0]],
        [across[1], down[1], centre[1] - size[0] / 2 * across[1] - size[1] / 2 * down[1]]])
    return cv2.warpAffine(gray, matrix, size, flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                          borderMode=cv2.BORDER_REPLICATE)


def _paper_kernel(height: float) -> int:
    """The side of the closing that erases glyphs of this height, odd."""
    return max(3, round(_PAPER_KERNEL * height)) | 1


def flattened(patch: np.ndarray, height: float) -> np.ndarray:
    """The image divided by its paper's brightness: a shadow's edge or glare is not ink.

    Used on a cell, and on a whole page whose MRZ a shadow's edge hid from the locator.

    A grey closing wider than a stroke erases the glyph and keeps the paper, shaded or not.
    """
    size = _paper_kernel(height)
    paper = cv2.morphologyEx(patch, cv2.MORPH_CLOSE,
                             cv2.getStructuringElement(cv2.MORPH_RECT, (size, size)),
                             borderType=cv2.BORDER_REPLICATE)
    return np.clip(patch.astype(np.float32) * 255 / np.maximum(paper, 1), 0, 255)


def _cells(gray: np.ndarray, centres: np.ndarray, height: float, upside_down: bool,
           flat: bool = False, down: np.ndarray | None = None) -> list[CellRead]:
    """Each glyph of a row read against the templates, in the row's order."""
    cells: list[np.ndarray | None] = []
    pitch = float(np.median(np.linalg.norm(np.diff(centres, axis=0), axis=1)))
    for index, centre in enumerate(centres):
        around = centres[max(0, index - 2):index + 3]
        step = (around[-1] - around[0]) / max(len(around) - 1, 1)
        # A cell no wider than the row's pitch: where a placed glyph sits a little off, a
        # wider one takes in its neighbour's edge, which shifts the ink's centring.
        step = step * min(1.0, pitch / max(float(np.linalg.norm(step)), 1e-6))
        if flat:
            # The paper is estimated with the page around the cell: at the cell's own border,
            # a shadow's edge would meet copies of the border's pixels, and the estimate
            # leaves a dark sliver there that shifts the ink's centring (a 0 read as 6).
            margin = _paper_kernel(height)
            patch = flattened(_patch(gray, centre, step, height, down, margin), height)
            patch = patch[margin:-margin, margin:-margin]
        else:
            patch = _patch(gray, centre, step, height, down)
        if upside_down:
            patch = patch[::-1, ::-1]
        cells.append(_normalise(patch, height))
    read = iter(classify([cell for cell in cells if cell is not None]))
    return [next(read) if cell is not None else _UNREADABLE for cell in cells]


def _slant(group: MrzGroup, direction: np.ndarray) -> np.ndarray | None:
    """The direction of the glyphs' upright strokes when perspective slants them, else None.

    MRZ rows share their columns: from a glyph to the one below it is the page's upright
    there. Photographed at an angle, it leans off the square to the row, and so do the
    glyphs; the templates are upright.
    """
    if len(group.lines) < 2:
        return None
    counts = {line.count for line in group.lines}
    if len(counts) != 1:
        return None  # columns matched by index only when every row was walked whole
    normal = np.array([-direction[1], direction[0]])
    offsets = np.concatenate([below.centres - above.centres
                              for above, below in pairwise(group.lines)])
    down = np.median(offsets, axis=0)
    down = down / max(float(np.linalg.norm(down)), 1e-6)
    lean = float(np.degrees(np.arccos(np.clip(down @ normal, -1, 1))))
    # Under 4 degrees the templates' own turns (+-3) cover it; past 30 it is no lean but a
    # mismatched column (read_group also reads the row square, and keeps the better).
    if not _MIN_LEAN <= lean <= _MAX_LEAN:
        return None
    return down


def read_group(gray: np.ndarray, group: MrzGroup, upside_down: bool, width: int,
               flat: bool = False) -> tuple[list[str], list[list[CellRead]]]:
    """Text of each line of the group and each cell's candidates, upright or half-turned.

    Each line is read as `width` characters; with `flat`, each cell's lighting is evened out
    first (`flattened`) where its glyphs are large enough for that.
    """
    direction = np.mean([line.step for line in group.lines], axis=0)
    direction = direction / float(np.linalg.norm(direction))
    first = float(np.median([np.dot(line.centres[0], direction) for line in group.lines]))
    last = float(np.median([np.dot(line.centres[-1], direction) for line in group.lines]))
    down = _slant(group, direction)
    uprights = [None] if down is None else [None, down]
    # A row walked whole is the other rows' guide to where their lost glyphs sit.
    guide = next((line.centres for line in group.lines if line.count == width), None)
    texts, reads = [], []
    for line in group.lines:
        centres = _fit(line.centres, first, last, direction, width)
        if len(centres) < width:
            centres = _continue(gray, centres, width, line.height)
        windows = [centres]
        if guide is not None and line.count < width:
            placed = _along(line.centres, guide, direction)
            if placed is not None:
                windows.append(placed)
        # A row walked a glyph or two longer than the format (a card's edge or a shadow taken
        # for a glyph) may have been cut at the wrong end when the other rows' ends were as
        # wrong: every run of `width` of its glyphs is read (the cut one among them), and the
        # one the templates match best kept. A row much longer is another format's, tried at
        # its own width.
        if width < len(line.centres) <= width + _EXTRA_GLYPHS:
            windows = [line.centres[k:k + width] for k in range(len(line.centres) - width + 1)]
        flatten = flat and line.height >= _RESOLVED_HEIGHT
        # A lean is read as well as square: a column mismatched by a glyph is no lean, and
        # the templates match its cells worse.
        cells = max((_cells(gray, window, line.height, upside_down, flatten, upright)
                     for window in windows for upright in uprights),
                    key=lambda found: sum(cell.score for cell in found))
        text = "".join(cell.char for cell in cells)
        texts.append(text[::-1] if upside_down else text)
        reads.append(cells[::-1] if upside_down else cells)
    if upside_down:
        return texts[::-1], reads[::-1]
    return texts, reads


def widths() -> tuple[int, ...]:
    """Line widths this reader produces."""
    return MRZ_WIDTHS
