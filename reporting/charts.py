"""Charts drawn on the server as SVG markup (no script; colours as attributes, not styles)."""

from collections.abc import Sequence
from html import escape

# Verdict colours, the same as the staff app's badges.
COLOURS = ("#1e6b35", "#9a5b00", "#b3261e", "#1f4e9c", "#6b4fa0")
_LABEL_WIDTH = 230
_BAR_AREA = 420
_ROW = 24


def _svg(width: int, height: int, title: str, body: list[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">'
            f"<title>{escape(title)}</title>{''.join(body)}</svg>")


def _text(x: float, y: float, text: object, anchor: str = "start", size: int = 12) -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
            f'fill="#1d2433" font-family="DejaVu Sans, sans-serif">{escape(str(text))}</text>')


def stacked_bars(title: str, labels: Sequence[str],
                 series: Sequence[tuple[str, Sequence[int]]], legend: bool = True) -> str:
    """Horizontal bars, one per label, each cut into the series' values, with a legend."""
    totals = [sum(values[i] for _, values in series) for i in range(len(labels))]
    scale = _BAR_AREA / max(max(totals, default=0), 1)
    legend_rows = 1 if legend and len(series) > 1 else 0
    height = _ROW * (len(labels) + legend_rows) + 10
    body = []
    for i, label in enumerate(labels):
        y = _ROW * i + 4
        # Long labels are cut here; the table under the chart has them whole.
        short = label if len(label) <= 34 else label[:33] + "…"
        body.append(_text(_LABEL_WIDTH - 8, y + 15, short, "end"))
        x = float(_LABEL_WIDTH)
        for (name, values), colour in zip(series, COLOURS, strict=False):
            width = values[i] * scale
            if width > 0:
                body.append(f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="18" '
                            f'fill="{colour}"><title>{escape(name)} : {values[i]}</title>'
                            "</rect>")
            x += width
        body.append(_text(x + 6, y + 15, totals[i]))
    if legend_rows:
        y = _ROW * len(labels) + 8
        for k, ((name, _), colour) in enumerate(zip(series, COLOURS, strict=False)):
            x = _LABEL_WIDTH + 140 * k
            body.append(f'<rect x="{x}" y="{y}" width="12" height="12" fill="{colour}"/>')
            body.append(_text(x + 16, y + 11, name))
    return _svg(_LABEL_WIDTH + _BAR_AREA + 60, height, title, body)


def lines(title: str, x_labels: Sequence[str],
          series: Sequence[tuple[str, Sequence[int]]]) -> str:
    """A line per series over the x labels (days), with the axes' extremes and a legend."""
    width, height, left, top, bottom = 680, 260, 48, 12, 60
    plot_w, plot_h = width - left - 44, height - top - bottom  # room for the last date
    peak = max((v for _, values in series for v in values), default=0) or 1
    step = plot_w / max(len(x_labels) - 1, 1)

    def point(i: int, value: int) -> str:
        return f"{left + i * step:.1f},{top + plot_h - value * plot_h / peak:.1f}"

    body = [f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
            'stroke="#5b6475"/>',
            f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="#5b6475"/>',
            _text(left - 6, top + 10, peak, "end"), _text(left - 6, top + plot_h, 0, "end")]
    for i, label in enumerate(x_labels):
        if len(x_labels) <= 12 or i in (0, len(x_labels) - 1) or i % 5 == 0:
            body.append(_text(left + i * step, top + plot_h + 16, label, "middle", 11))
    for (name, values), colour in zip(series, COLOURS, strict=False):
        points = " ".join(point(i, v) for i, v in enumerate(values))
        body.append(f'<polyline points="{points}" fill="none" stroke="{colour}" '
                    'stroke-width="2.5"/>')
        body += [f'<circle cx="{point(i, v).split(",")[0]}" cy="{point(i, v).split(",")[1]}" '
                 f'r="3" fill="{colour}"><title>{escape(name)} {escape(x_labels[i])} : {v}'
                 "</title></circle>" for i, v in enumerate(values)]
    for k, ((name, _), colour) in enumerate(zip(series, COLOURS, strict=False)):
        x = left + 150 * k
        body.append(f'<rect x="{x}" y="{height - 22}" width="12" height="12" fill="{colour}"/>')
        body.append(_text(x + 16, height - 11, name))
    return _svg(width, height, title, body)
