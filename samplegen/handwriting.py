"""Handwriting-like strokes: a signature is a few smooth, connected, irregular curves."""

import random

Point = tuple[float, float]


def _catmull_rom(points: list[Point], steps: int = 8) -> list[Point]:
    # A smooth curve through every control point, as a pen moves through them.
    padded = [points[0], *points, points[-1]]
    curve = []
    for i in range(1, len(padded) - 2):
        p0, p1, p2, p3 = padded[i - 1], padded[i], padded[i + 1], padded[i + 2]
        for step in range(steps):
            t = step / steps
            t2, t3 = t * t, t * t * t
            curve.append(tuple(
                0.5 * (2 * p1[k] + (-p0[k] + p2[k]) * t + (2 * p0[k] - 5 * p1[k] + 4 * p2[k]
                       - p3[k]) * t2 + (-p0[k] + 3 * p1[k] - 3 * p2[k] + p3[k]) * t3)
                for k in range(2)))
    curve.append(points[-1])
    return curve  # type: ignore[return-value]


def signature_strokes(rng: random.Random, width: float, height: float) -> list[list[Point]]:
    """One to three pen strokes inside a width x height box (origin bottom-left)."""
    strokes = []
    x = width * rng.uniform(0.05, 0.2)
    for _ in range(rng.randint(1, 3)):
        controls = []
        for _ in range(rng.randint(6, 12)):
            # Mostly rightwards with back-steps that make loops, up and down like letters.
            x += width * rng.uniform(-0.04, 0.11)
            controls.append((min(max(x, 0.0), width * 0.95),
                             height * rng.uniform(0.2, 0.85)))
        strokes.append(_catmull_rom(controls))
        x += width * rng.uniform(0.0, 0.08)
    if rng.random() < 0.6:
        # A final flourish under the name, as many signatures have.
        y = height * rng.uniform(0.1, 0.3)
        start, end = width * rng.uniform(0.05, 0.3), width * rng.uniform(0.6, 0.95)
        strokes.append(_catmull_rom([(start, y), ((start + end) / 2, y + height * 0.08),
                                     (end, y - height * 0.03)]))
    return strokes


def fitted_strokes(rng: random.Random, width: float, height: float, fill: float
                   ) -> list[list[Point]]:
    """Strokes scaled so that they span `fill` of the width and most of the height."""
    strokes = signature_strokes(rng, width, height)
    xs = [x for stroke in strokes for x, _ in stroke]
    ys = [y for stroke in strokes for _, y in stroke]
    x0, y0 = min(xs), min(ys)
    sx = fill * width / max(max(xs) - x0, 1e-6)
    sy = 0.85 * height / max(max(ys) - y0, 1e-6)
    return [[((x - x0) * sx, 0.05 * height + (y - y0) * sy) for x, y in stroke]
            for stroke in strokes]
