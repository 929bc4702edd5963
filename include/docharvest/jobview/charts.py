"""Small charts as inline SVG strings: no script, no library, readable in any browser and offline.

Every mark carries its number as a ``data-*`` attribute (``data-count``, ``data-value``),
so tests and scripts can read the chart's figures back out of the page.
"""

from __future__ import annotations

from html import escape

WIDTH, HEIGHT = 420, 180
PAD_LEFT, PAD_BOTTOM, PAD_TOP = 34, 28, 12
BAR = "#3b82f6"
MUTED = "#94a3b8"
ALERT = "#ef4444"


def _svg(title: str, body: str, chart: str) -> str:
    return (
        f'<svg class="chart" data-chart="{chart}" role="img" aria-label="{escape(title)}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(title)}</title>{body}</svg>"
    )


def _axis(max_value: float) -> str:
    base = HEIGHT - PAD_BOTTOM
    return (
        f'<line x1="{PAD_LEFT}" y1="{base}" x2="{WIDTH - 4}" y2="{base}" stroke="{MUTED}"/>'
        f'<text x="{PAD_LEFT - 4}" y="{PAD_TOP + 4}" font-size="10" text-anchor="end">{_num(max_value)}</text>'
        f'<text x="{PAD_LEFT - 4}" y="{base}" font-size="10" text-anchor="end">0</text>'
    )


def _num(value: float) -> str:
    return f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.1f}"


def confidence_histogram(values: list[float], threshold: float, bins: int = 10) -> str:
    """Documents per confidence bin (0-1), bins under the threshold muted, the threshold as a line."""
    counts = [0] * bins
    for value in values:
        counts[min(bins - 1, max(0, int(value * bins)))] += 1
    top = max(counts) or 1
    span = WIDTH - PAD_LEFT - 4
    height = HEIGHT - PAD_BOTTOM - PAD_TOP
    width = span / bins
    parts = [_axis(top)]
    for i, count in enumerate(counts):
        low, high = i / bins, (i + 1) / bins
        h = height * count / top
        x = PAD_LEFT + i * width
        color = BAR if high > threshold else MUTED
        parts.append(
            f'<rect x="{x + 1:.1f}" y="{HEIGHT - PAD_BOTTOM - h:.1f}" width="{width - 2:.1f}" height="{h:.1f}" '
            f'fill="{color}" data-bin="{low:.1f}-{high:.1f}" data-count="{count}">'
            f"<title>{low:.1f}-{high:.1f}: {count}</title></rect>"
        )
        parts.append(
            f'<text x="{x + width / 2:.1f}" y="{HEIGHT - PAD_BOTTOM + 12}" font-size="9" '
            f'text-anchor="middle">{low:.1f}</text>'
        )
    tx = PAD_LEFT + span * min(1.0, max(0.0, threshold))
    parts.append(
        f'<line x1="{tx:.1f}" y1="{PAD_TOP - 4}" x2="{tx:.1f}" y2="{HEIGHT - PAD_BOTTOM}" stroke="{ALERT}" '
        f'stroke-dasharray="4 3" data-threshold="{threshold}"/>'
        f'<text x="{tx + 3:.1f}" y="{PAD_TOP + 4}" font-size="10" fill="{ALERT}">threshold {threshold:g}</text>'
    )
    return _svg(f"Confidence of {len(values)} read documents", "".join(parts), "confidence")


def bar_chart(counts: dict[str, int], title: str, chart: str, color: str = BAR) -> str:
    """Horizontal bars, one per label, with the count at the end."""
    if not counts:
        return _svg(title, '<text x="10" y="20" font-size="12">none</text>', chart)
    rows = list(counts.items())[:8]
    top = max(n for _, n in rows) or 1
    row_h = min(22.0, (HEIGHT - 8) / len(rows))
    label_w = 110
    parts = []
    for i, (label, count) in enumerate(rows):
        y = 4 + i * row_h
        w = (WIDTH - label_w - 40) * count / top
        parts.append(
            f'<text x="{label_w - 6}" y="{y + row_h * 0.65:.1f}" font-size="11" text-anchor="end">'
            f"{escape(str(label))[:18]}</text>"
            f'<rect x="{label_w}" y="{y + 2:.1f}" width="{w:.1f}" height="{row_h - 5:.1f}" fill="{color}" '
            f'data-label="{escape(str(label))}" data-count="{count}"/>'
            f'<text x="{label_w + w + 4:.1f}" y="{y + row_h * 0.65:.1f}" font-size="11">{count}</text>'
        )
    return _svg(title, "".join(parts), chart)


def rate_timeline(points: list[tuple[float, float]], total_pages: int) -> str:
    """Pages per second over the crawl (one point per progress sample)."""
    title = f"Crawl: pages per second ({total_pages} pages)"
    if not points:
        return _svg(title, '<text x="10" y="20" font-size="12">no crawl timeline recorded</text>', "timeline")
    t_max = max(t for t, _ in points) or 1.0
    r_max = max(r for _, r in points) or 1.0
    span_x = WIDTH - PAD_LEFT - 8
    span_y = HEIGHT - PAD_BOTTOM - PAD_TOP
    coords = [(PAD_LEFT + span_x * t / t_max, HEIGHT - PAD_BOTTOM - span_y * r / r_max) for t, r in points]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
    marks = "".join(
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2" fill="{BAR}" data-t="{t:.2f}" data-value="{r:.2f}"/>'
        for (x, y), (t, r) in zip(coords, points, strict=True)
    )
    body = (
        _axis(r_max)
        + f'<polyline points="{path}" fill="none" stroke="{BAR}" stroke-width="2"/>'
        + marks
        + f'<text x="{WIDTH - 8}" y="{HEIGHT - 8}" font-size="10" text-anchor="end">{t_max:.0f} s</text>'
    )
    return _svg(title, body, "timeline")
