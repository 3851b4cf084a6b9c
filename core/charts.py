"""Every chart in the service: SVG drawn on the server, used by pages and PDFs alike.

Charts carry a <title> and role="img" and are always shown beside a table with the same
numbers (the table is the accessible version; the chart is a picture of it). No script, no
style attributes (the CSP forbids inline style): colours are SVG presentation attributes.
"""

import textwrap

from django.utils.html import escape
from django.utils.safestring import mark_safe

# Likert colours, from "Disagree strongly" to "Agree strongly": a diverging palette that stays
# distinguishable for the common colour-vision deficiencies; neutral is grey.
LIKERT_COLOURS = ["#b2182b", "#ef8a62", "#bababa", "#67a9cf", "#2166ac"]
LIKERT_TEXT = ["#ffffff", "#0b0c0c", "#0b0c0c", "#0b0c0c", "#ffffff"]
SERIES_COLOURS = ["#2166ac", "#b2182b", "#1b7837", "#762a83", "#e08214", "#4d4d4d"]
FONT = 'font-family="DejaVu Sans, Arial, sans-serif"'


def _svg(width, height, title, body, chart_id):
    title_id = f"{chart_id}-title"
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="{title_id}" {FONT} font-size="12">'
        f'<title id="{title_id}">{escape(title)}</title>{body}</svg>'
    )


def _truncate(text, limit):
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _label_lines(text, width):
    """A label wrapped onto as many lines as it needs: statements are never cut short."""
    return textwrap.wrap(str(text), width) or [""]


def _label(lines, y, line_height):
    if len(lines) == 1:
        return f'<text x="0" y="{y + 13}" fill="#0b0c0c">{escape(lines[0])}</text>'
    spans = "".join(
        f'<tspan x="0" dy="{0 if i == 0 else line_height}">{escape(line)}</tspan>' for i, line in enumerate(lines)
    )
    return f'<text x="0" y="{y + 13}" fill="#0b0c0c">{spans}</text>'


def _likert_key(key, y):
    """The key: a swatch and the scale's words for each colour, one a line."""
    parts = []
    for point, label in enumerate(key):
        row_y = y + point * 20
        parts.append(f'<rect x="0" y="{row_y}" width="14" height="14" fill="{LIKERT_COLOURS[point]}"/>')
        parts.append(f'<text x="20" y="{row_y + 12}" fill="#0b0c0c">{escape(str(label))}</text>')
    return "".join(parts), len(key) * 20


def diverging_likert(rows, *, title, chart_id="likert", label_width=None, bar_width=480, key=None):
    """Diverging stacked bars, one per row, centred on the middle of "Neither agree nor disagree".

    ``rows`` is a list of ``(label, [c1, c2, c3, c4, c5])`` counts from "Disagree strongly" to
    "Agree strongly". Each row's label sits above its bar, wrapped onto more lines when long,
    so statements are never cut off. Rows with no answers are drawn as an empty band. ``key``
    (the scale's five labels) draws a key below the bars, so colour is never the only guide.
    (``label_width`` is accepted for older callers and ignored.)"""
    line_height, row_height, gap, top = 16, 24, 12, 4
    half = bar_width / 2
    centre = half
    parts = []
    y = top
    for label, counts in rows:
        lines = _label_lines(label, 72)
        label_height = 2 + line_height * len(lines)
        bar_y = y + label_height
        # Databases may hand back Decimals (PostgreSQL's SUM): the drawing works in floats.
        counts = [float(c or 0) for c in counts]
        total = sum(counts) or 1
        shares = [c / total for c in counts]
        left = centre - (shares[0] + shares[1] + shares[2] / 2) * half
        parts.append(_label(lines, y, line_height))
        x = left
        for point, share in enumerate(shares):
            width = share * half
            if width <= 0:
                continue
            parts.append(
                f'<rect x="{x:.1f}" y="{bar_y}" width="{width:.1f}" height="{row_height}" fill="{LIKERT_COLOURS[point]}"/>'
            )
            if width >= 28:
                parts.append(
                    f'<text x="{x + width / 2:.1f}" y="{bar_y + row_height / 2 + 4}" text-anchor="middle" '
                    f'fill="{LIKERT_TEXT[point]}">{round(share * 100)}%</text>'
                )
            x += width
        parts.append(
            f'<line x1="{centre}" y1="{bar_y - 2}" x2="{centre}" y2="{bar_y + row_height + 2}" '
            'stroke="#0b0c0c" stroke-width="1"/>'
        )
        y = bar_y + row_height + gap
    if key:
        drawn, key_height = _likert_key(key, y + 4)
        parts.append(drawn)
        y += key_height + 8
    return _svg(bar_width, y, title, "".join(parts), chart_id)


def line_chart(series, *, x_labels, title, chart_id="trend", y_max=100, y_suffix="%", width=560, height=240):
    """Lines over time: ``series`` is a list of ``(name, [value or None, ...])`` aligned with
    ``x_labels``. Missing values break the line. A legend names each series."""
    left, right, top, bottom = 44, 12, 12, 56
    plot_w, plot_h = width - left - right, height - top - bottom
    steps = max(len(x_labels) - 1, 1)
    y_max = float(y_max or 1)

    def point(i, value):
        value = float(value)
        return left + plot_w * i / steps, top + plot_h * (1 - value / y_max)

    parts = []
    for tick in range(5):
        value = y_max * tick / 4
        y = top + plot_h * (1 - tick / 4)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#dddddd"/>')
        parts.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#0b0c0c">{value:g}{escape(y_suffix)}</text>'
        )
    for i, label in enumerate(x_labels):
        x = left + plot_w * i / steps
        # The end labels hang inwards, so they are not cut off at the chart's edges.
        anchor = "end" if i == len(x_labels) - 1 and i else "start" if i == 0 and len(x_labels) > 1 else "middle"
        parts.append(
            f'<text x="{x:.1f}" y="{top + plot_h + 16}" text-anchor="{anchor}" fill="#0b0c0c">'
            f"{escape(_truncate(label, 12))}</text>"
        )
    for s_index, (name, values) in enumerate(series):
        colour = SERIES_COLOURS[s_index % len(SERIES_COLOURS)]
        # Each series a little to the side, with its own marker: equal values stay visible.
        nudge = (s_index - (len(series) - 1) / 2) * 5
        segment = []
        for i, value in enumerate(values):
            if value is None:
                parts.append(_polyline(segment, colour))
                segment = []
                continue
            x, y = point(i, value)
            segment.append((x + nudge, y))
            parts.append(_marker(s_index, x + nudge, y, colour))
        parts.append(_polyline(segment, colour))
        legend_x = left + (s_index % 3) * 170
        legend_y = height - 22 + (s_index // 3) * 14
        parts.append(f'<rect x="{legend_x}" y="{legend_y - 8}" width="12" height="2" fill="{colour}"/>')
        parts.append(_marker(s_index, legend_x + 6, legend_y - 7, colour))
        parts.append(
            f'<text x="{legend_x + 16}" y="{legend_y - 3}" fill="#0b0c0c">{escape(_truncate(name, 24))}</text>'
        )
    return _svg(width, height, title, "".join(parts), chart_id)


def _marker(index, x, y, colour):
    """A circle, square, triangle or diamond by series: told apart without colour too."""
    shape = index % 4
    if shape == 0:
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"/>'
    if shape == 1:
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}"/>'
    if shape == 2:
        return (
            f'<polygon points="{x:.1f},{y - 5:.1f} {x + 5:.1f},{y + 4:.1f} {x - 5:.1f},{y + 4:.1f}" fill="{colour}"/>'
        )
    return f'<polygon points="{x:.1f},{y - 5:.1f} {x + 5:.1f},{y:.1f} {x:.1f},{y + 5:.1f} {x - 5:.1f},{y:.1f}" fill="{colour}"/>'


def _polyline(points, colour):
    if len(points) < 2:
        return ""
    coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    return f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="2.5"/>'


def bar_chart(items, *, title, chart_id="bars", label_width=220, bar_width=300, value_suffix=""):
    """Horizontal bars: ``items`` is a list of ``(label, value)``; bars scale to the largest."""
    row_height, gap = 20, 6
    items = [(label, float(value or 0)) for label, value in items]
    largest = max((value for _, value in items), default=0) or 1
    parts = []
    for index, (label, value) in enumerate(items):
        y = 4 + index * (row_height + gap)
        width = bar_width * value / largest
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 14}" text-anchor="end" fill="#0b0c0c">{escape(_truncate(label, 34))}</text>'
        )
        parts.append(f'<rect x="{label_width}" y="{y}" width="{width:.1f}" height="{row_height}" fill="#2166ac"/>')
        parts.append(
            f'<text x="{label_width + width + 6:.1f}" y="{y + 14}" fill="#0b0c0c">{value:g}{escape(value_suffix)}</text>'
        )
    height = 8 + len(items) * (row_height + gap)
    return _svg(label_width + bar_width + 60, height, title, "".join(parts), chart_id)


def _nice_ceiling(value):
    """A round number at or above ``value`` for the top of an axis (1, 2, 2.5, 5 x 10^n)."""
    if value <= 0:
        return 1
    import math

    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def indicator_chart(points, *, title, baseline=None, target=None, unit="", chart_id="indicator"):
    """A compact line chart of one service indicator's readings: ``points`` is a list of
    ``(label, value)`` in date order. Dashed grey line: the baseline; dashed green: the target.
    The values are always also given in a table beside it."""
    width, height = 360, 170
    left, right, top, bottom = 52, 12, 12, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [float(v) for _label, v in points]
    references = [float(v) for v in (baseline, target) if v is not None]
    y_max = _nice_ceiling(max(values + references + [0]) * 1.05)
    steps = max(len(points) - 1, 1)
    suffix = "%" if unit == "%" else ""

    def y_of(value):
        return top + plot_h * (1 - float(value) / y_max)

    parts = []
    for tick in range(3):
        value = y_max * tick / 2
        y = top + plot_h * (1 - tick / 2)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#dddddd"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#0b0c0c">{value:g}{suffix}</text>')
    for value, colour, name in ((baseline, "#505a5f", "Baseline"), (target, "#1b7837", "Target")):
        if value is None:
            continue
        y = y_of(value)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="{colour}" '
            f'stroke-width="1.5" stroke-dasharray="5 4"/>'
        )
        parts.append(f'<text x="{width - right}" y="{y - 4:.1f}" text-anchor="end" fill="{colour}">{name}</text>')
    coords = []
    for i, (_label, value) in enumerate(points):
        x = left + plot_w * i / steps if len(points) > 1 else left + plot_w / 2
        y = y_of(value)
        coords.append((x, y))
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{SERIES_COLOURS[0]}"/>')
    parts.append(_polyline(coords, SERIES_COLOURS[0]))
    # Label the first and last readings only: the table carries every date.
    for i in sorted({0, len(points) - 1}) if points else []:
        x = coords[i][0]
        anchor = "start" if i == 0 and len(points) > 1 else ("end" if len(points) > 1 else "middle")
        parts.append(
            f'<text x="{x:.1f}" y="{top + plot_h + 18}" text-anchor="{anchor}" fill="#0b0c0c">'
            f"{escape(_truncate(points[i][0], 14))}</text>"
        )
    return _svg(width, height, title, "".join(parts), chart_id)
