"""Find MRZ rows in a page with OpenCV: evenly spaced glyphs of one size, at any angle."""

import math
from dataclasses import dataclass

import cv2
import numpy as np

MRZ_WIDTHS = (30, 36, 44)


@dataclass(frozen=True)
class MrzLine:
    """One row of glyph centres, in page order (rightwards, or downwards when vertical)."""

    centres: np.ndarray  # (count, 2) glyph centres, gaps of a lost glyph filled in
    height: float  # median glyph height, pixels

    @property
    def start(self) -> np.ndarray:
        """Centre of the first glyph."""
        return self.centres[0]

    @property
    def step(self) -> np.ndarray:
        """Mean vector from one glyph centre to the next."""
        return (self.centres[-1] - self.centres[0]) / max(len(self.centres) - 1, 1)

    @property
    def count(self) -> int:
        """Glyphs in the row."""
        return len(self.centres)


@dataclass(frozen=True)
class MrzGroup:
    """Parallel MRZ lines of one document, top to bottom in the text's own direction."""

    lines: tuple[MrzLine, ...]

    @property
    def angle(self) -> float:
        """Direction of the text, degrees (0: left to right; 180: upside down)."""
        step = np.mean([line.step for line in self.lines], axis=0)
        return float(np.degrees(np.arctan2(step[1], step[0])))

    @property
    def pitch(self) -> float:
        """Distance between glyph centres."""
        return float(np.median([np.linalg.norm(line.step) for line in self.lines]))

    @property
    def height(self) -> float:
        """Glyph height."""
        return float(np.median([line.height for line in self.lines]))


def glyph_boxes(gray: np.ndarray) -> np.ndarray:
    """Dark blobs of character size: rows of (cx, cy, w, h)."""
    # The block spans a few characters: local contrast, whatever the lighting.
    binary = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV,
                                   31, 12)
    count, _, stats, _ = cv2.connectedComponentsWithStats(binary, connectivity=8)
    boxes = []
    for index in range(1, count):
        x, y, w, h, area = stats[index]
        size = max(w, h)
        if not 7 <= size <= 140 or area < 0.08 * w * h or area < 12:
            continue
        boxes.append((x + w / 2, y + h / 2, w, h))
    return np.array(boxes, dtype=np.float32).reshape(-1, 4)


class _Grid:
    """Boxes bucketed by position, for neighbour queries.

    Each box also as plain floats (centre x, centre y, size): the walks visit thousands of
    them one by one, where numpy's per-element calls cost more than the arithmetic.
    """

    def __init__(self, boxes: np.ndarray, cell: float) -> None:
        self.cell = cell
        # A glyph's size along the text is its height; rotated 90 degrees, its width.
        self.points = [(float(cx), float(cy), float(max(w, h))) for cx, cy, w, h in boxes]
        self.buckets: dict[tuple[int, int], list[int]] = {}
        for index, (cx, cy, _) in enumerate(self.points):
            self.buckets.setdefault((int(cx // cell), int(cy // cell)), []).append(index)

    def near(self, x: float, y: float, radius: float) -> list[int]:
        gx, gy = int(x // self.cell), int(y // self.cell)
        reach = int(radius // self.cell) + 1
        found = []
        for dx in range(-reach, reach + 1):
            for dy in range(-reach, reach + 1):
                found.extend(self.buckets.get((gx + dx, gy + dy), ()))
        return found


def _walk(grid: _Grid, first: int, step: tuple[float, float], used: set[int]) -> list[int]:
    """Follow glyphs one pitch apart from `first` in the direction of `step`."""
    points = grid.points
    x, y, size = points[first]
    step_x, step_y = step
    chain, in_chain = [first], {first}
    misses = 0
    while len(chain) < 60:
        predicted_x, predicted_y = x + step_x, y + step_y
        tolerance = 0.28 * math.hypot(step_x, step_y)
        best, best_distance = None, tolerance
        for index in grid.near(predicted_x, predicted_y, tolerance):
            if index in in_chain or index in used:
                continue
            px, py, other = points[index]
            if not 0.6 < other / size < 1.6:
                continue
            distance = math.hypot(px - predicted_x, py - predicted_y)
            if distance < best_distance:
                best, best_distance = index, distance
        if best is None:
            # One glyph may be lost (touching its neighbour, or faded): look one pitch on.
            misses += 1
            if misses > 1:
                break
            x, y = predicted_x, predicted_y
            continue
        misses = 0
        found_x, found_y, _ = points[best]
        step_x = 0.8 * step_x + 0.2 * (found_x - x)
        step_y = 0.8 * step_y + 0.2 * (found_y - y)
        x, y = found_x, found_y
        chain.append(best)
        in_chain.add(best)
    return chain


def _fill_gaps(centres: np.ndarray) -> np.ndarray:
    """Where the walk stepped over a lost glyph, put a centre between its neighbours."""
    gaps = np.linalg.norm(np.diff(centres, axis=0), axis=1)
    pitch = float(np.median(gaps))
    filled = [centres[0]]
    for previous, current, gap in zip(centres[:-1], centres[1:], gaps, strict=True):
        missing = round(gap / pitch) - 1
        for k in range(1, missing + 1):
            filled.append(previous + (current - previous) * k / (missing + 1))
        filled.append(current)
    return np.array(filled, dtype=np.float32)


def find_lines(gray: np.ndarray, boxes: np.ndarray | None = None) -> list[MrzLine]:
    """Rows of at least 20 evenly spaced glyphs of one size.

    `boxes`: the page's glyph boxes, when the caller already found them.
    """
    boxes = glyph_boxes(gray) if boxes is None else boxes
    if len(boxes) < 20:
        return []
    median = float(np.median(np.maximum(boxes[:, 2], boxes[:, 3])))
    grid = _Grid(boxes, max(median, 8.0))
    used: set[int] = set()
    lines = []
    order = np.argsort(-np.maximum(boxes[:, 2], boxes[:, 3]))
    points = grid.points
    for first in (int(i) for i in order):
        if first in used:
            continue
        x, y, size = points[first]
        for neighbour in grid.near(x, y, 1.7 * size):
            if neighbour == first or neighbour in used:
                continue
            nx, ny, other = points[neighbour]
            distance = math.hypot(nx - x, ny - y)
            # OCR-B advances 1.0 glyph height; '<' and digits vary the height by 10 %.
            if not 0.75 * size <= distance <= 1.45 * size:
                continue
            if not 0.6 < other / size < 1.6:
                continue
            forward = _walk(grid, first, (nx - x, ny - y), used)
            backward = _walk(grid, first, (x - nx, y - ny), used)
            chain = backward[::-1] + forward[1:]
            if len(chain) < 20:
                continue
            centres = boxes[chain][:, :2]
            # One direction for every line of the page: rightwards, or downwards when
            # vertical; whether the text is upside down is for the reader to find.
            dx, dy = centres[-1] - centres[0]
            if (dx < 0) if abs(dx) >= abs(dy) else (dy < 0):
                centres = centres[::-1]
            lines.append(MrzLine(centres=_fill_gaps(centres),
                                 height=float(np.median(np.maximum(boxes[chain][:, 2],
                                                                   boxes[chain][:, 3])))))
            used.update(chain)
            break
    return lines


def _compatible(a: MrzLine, b: MrzLine) -> bool:
    """Two rows of one MRZ: parallel, same pitch, stacked 1.2 to 3.2 glyph heights apart."""
    da, db = a.step / np.linalg.norm(a.step), b.step / np.linalg.norm(b.step)
    if float(np.dot(da, db)) < 0.995:  # about 6 degrees
        return False
    if not 0.9 < float(np.linalg.norm(b.step) / np.linalg.norm(a.step)) < 1.1:
        return False
    normal = np.array([-da[1], da[0]])
    offset = abs(float(np.dot(b.start - a.start, normal)))
    return 1.2 * a.height <= offset <= 3.2 * a.height


def group_lines(lines: list[MrzLine]) -> list[MrzGroup]:
    """Rows of one MRZ gathered, two or three, top to bottom in the page's direction."""
    groups: list[list[MrzLine]] = [[line] for line in lines]
    merged = True
    while merged:
        merged = False
        for i in range(len(groups)):
            for j in range(i + 1, len(groups)):
                if len(groups[i]) + len(groups[j]) > 3:
                    continue
                if any(_compatible(a, b) for a in groups[i] for b in groups[j]):
                    groups[i] += groups.pop(j)
                    merged = True
                    break
            if merged:
                break
    result = []
    for group in groups:
        direction = group[0].step / np.linalg.norm(group[0].step)
        normal = np.array([-direction[1], direction[0]])
        group.sort(key=lambda li: float(np.dot(li.start, normal)))
        result.append(MrzGroup(tuple(group)))
    # Groups with more rows and more glyphs first: a 3x30 MRZ, then 2x44, then stray rows.
    result.sort(key=lambda g: -(len(g.lines) * 100 + max(li.count for li in g.lines)))
    return result


# Rows of an MRZ are 1.2-2 glyph heights apart on documents; drawings of one (a specification's
# figure) spread them further.
_SIBLING_REACH = (1.15, 4.2)


def _row_profile(gray: np.ndarray, line: MrzLine, reach: float) -> tuple[np.ndarray, int]:
    """Ink per row of a strip along the line, `reach` glyph heights either side of it.

    Returns the profile and the row of the line itself.
    """
    direction = line.step / float(np.linalg.norm(line.step))
    pitch = float(np.linalg.norm(line.step))
    along = line.centres @ direction
    half = round(reach * line.height)
    width = round(float(along.max() - along.min()) + 2 * pitch)
    normal = np.array([-direction[1], direction[0]])
    # Strip coordinates: x along the line from its first glyph less a pitch, y along the
    # normal, the line at row `half`.
    origin = line.centres[0] - direction * pitch - normal * half
    matrix = np.float32([[direction[0], direction[1], -float(origin @ direction)],
                         [normal[0], normal[1], -float(origin @ normal)]])
    strip = cv2.warpAffine(gray, matrix, (max(width, 8), 2 * half + 1),
                           flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    block = max(15, 2 * round(line.height) + 1)
    ink = cv2.adaptiveThreshold(strip, 1, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV,
                                block, 12)
    return ink.mean(axis=1), half


def _sibling_offsets(gray: np.ndarray, line: MrzLine) -> list[float]:
    """Offsets along the normal (pixels, either side) of rows of text parallel to the line.

    Row of ink as dense as a third of the line's own, set apart from it by a lighter gap.
    """
    profile, row = _row_profile(gray, line, _SIBLING_REACH[1] + 0.5)
    height = max(int(line.height), 2)
    window = np.ones(height) / height
    smooth = np.convolve(profile, window, mode="same")
    own = float(smooth[row])
    found = []
    for sign in (1, -1):
        near, far = (round(k * line.height) for k in _SIBLING_REACH)
        rows = [row + sign * d for d in range(near, far + 1) if 0 <= row + sign * d < len(smooth)]
        if not rows:
            continue
        best = max(rows, key=lambda r: smooth[r])
        between = smooth[min(row, best):max(row, best) + 1]
        if smooth[best] >= own / 3 and float(between.min()) < 0.5 * float(smooth[best]):
            found.append(float(best - row))
    return found


def _snapped(placed: np.ndarray, boxes: np.ndarray, like: MrzLine) -> np.ndarray:
    """Placed centres moved onto the glyphs found near them, the others by their neighbours.

    Rows of a photographed card are not quite parallel (perspective): the further a row is
    placed from the one it copies, the more its columns drift.
    """
    pitch = float(np.linalg.norm(like.step))
    if not len(boxes):
        return placed
    sizes = np.maximum(boxes[:, 2], boxes[:, 3])
    fitting = boxes[(sizes > 0.6 * like.height) & (sizes < 1.6 * like.height)][:, :2]
    offsets = np.full(placed.shape, np.nan)
    for index, centre in enumerate(placed):
        if not len(fitting):
            break
        distances = np.linalg.norm(fitting - centre, axis=1)
        nearest = int(np.argmin(distances))
        if distances[nearest] < 0.4 * pitch:
            offsets[index] = fitting[nearest] - centre
    known = ~np.isnan(offsets[:, 0])
    if known.sum() < 3:
        return placed
    indexes = np.arange(len(placed))
    for axis in (0, 1):
        offsets[:, axis] = np.interp(indexes, indexes[known], offsets[known, axis])
    return placed + offsets


def completed_groups(gray: np.ndarray, group: MrzGroup, boxes: np.ndarray
                     ) -> list[MrzGroup]:
    """The group with the rows the glyph walk missed, placed by the rows it found.

    MRZ rows share their columns, so a row hidden by a stamp or a shadow, or whose fillers
    ran together, sits where the found row's glyphs are shifted by the row spacing; `boxes`
    are the page's glyph boxes, which the placed rows snap onto.
    """
    lines = list(group.lines)
    direction = lines[0].step / float(np.linalg.norm(lines[0].step))
    normal = np.array([-direction[1], direction[0]])

    def shifted(line: MrzLine, offset: float) -> MrzLine:
        placed = line.centres + normal * offset
        return MrzLine(centres=_snapped(placed, boxes, line).astype(np.float32),
                       height=line.height)

    thirty = max(line.count for line in lines) <= 33  # a card's 3x30 block
    candidates: list[list[MrzLine]] = []
    if len(lines) == 1:
        for offset in _sibling_offsets(gray, lines[0]):
            pair = [lines[0], shifted(lines[0], offset)]
            if thirty:
                candidates.append([*pair, shifted(lines[0], 2 * offset)])
                candidates.append([*pair, shifted(lines[0], -offset)])
            candidates.append(pair)
    elif len(lines) == 2 and thirty:
        spacing = float((lines[1].start - lines[0].start) @ normal)
        candidates.append([*lines, shifted(lines[1], spacing)])
        candidates.append([shifted(lines[0], -spacing), *lines])
    result = []
    for rows in candidates:
        rows.sort(key=lambda li: float(li.start @ normal))
        result.append(MrzGroup(tuple(rows)))
    return result
