"""Inline SVG bar charts for the HTML report: no script, no external file, readable in print.

Kept apart from html.py so the report's layout and the chart geometry can be read separately.
Each chart is an accessible image (role="img", an aria-label, a <title> and a <desc> that
spell out every number) with its labels and values drawn as text; the report also gives the
same numbers in a table beside it. Geometry is integer arithmetic, so output is deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

WIDTH = 640
LABEL_WIDTH = 190
VALUE_WIDTH = 96
ROW_HEIGHT = 26
BAR_HEIGHT = 16
LEGEND_HEIGHT = 30
MAX_LABEL = 26  # characters of a row label that fit left of the bars; the rest is cut


@dataclass(frozen=True)
class Series:
    """One kind of segment in the bars: a key into each row's values, its label and colour."""

    key: str
    label: str
    colour: str


def _esc(text: str) -> str:
    return escape(text, quote=True)


def _row_text(label: str, values: dict[str, int], series: list[Series], legend: bool) -> str:
    if not legend:
        return f"{label}: {sum(values.get(s.key, 0) for s in series)}"
    return f"{label}: " + ", ".join(f"{values.get(s.key, 0)} {s.label}" for s in series)


def bar_chart(
    chart_id: str,
    title: str,
    rows: list[tuple[str, dict[str, int]]],
    series: list[Series],
    show_share: bool = False,
    legend: bool = True,
) -> str:
    """Horizontal bars, one per row, stacked by series; the total (and share) at each bar's end.

    ``chart_id`` must already be a safe id (letters, digits, '-'); everything else is escaped.
    """
    legend = legend and len(series) > 1
    top = LEGEND_HEIGHT if legend else 6
    height = top + ROW_HEIGHT * max(len(rows), 1) + 6
    bar_width = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    totals = [sum(values.get(s.key, 0) for s in series) for _, values in rows]
    scale_max = max(totals, default=0) or 1
    grand_total = sum(totals)
    description = "; ".join(_row_text(label, values, series, legend) for label, values in rows)
    out = [
        f'<svg class="chart" id="{chart_id}" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" '
        f'aria-label="{_esc(title)}" aria-describedby="{chart_id}-desc">',
        f"<title>{_esc(title)}</title>",
        f'<desc id="{chart_id}-desc">{_esc(description or "no data")}.</desc>',
    ]
    if legend:
        x = LABEL_WIDTH
        for item in series:
            out.append(
                f'<rect x="{x}" y="8" width="12" height="12" fill="{item.colour}"/>'
                f'<text x="{x + 17}" y="18.5">{_esc(item.label)}</text>'
            )
            x += 17 + 8 * len(item.label) + 18
    if not rows:
        out.append(f'<text x="{LABEL_WIDTH}" y="{top + 17}">none</text>')
    for index, ((label, values), total) in enumerate(zip(rows, totals, strict=True)):
        y = top + index * ROW_HEIGHT
        shown = _esc(label)
        if len(label) > MAX_LABEL:  # cut, with the whole label as its tooltip
            shown = f"{_esc(label[: MAX_LABEL - 1])}…<title>{_esc(label)}</title>"
        out.append(
            f'<text class="axis" x="{LABEL_WIDTH - 8}" y="{y + 17}" text-anchor="end">'
            f"{shown}</text>"
        )
        # Segment edges in tenths of a pixel, rounded from the cumulative sum: no gaps, no drift.
        cumulative = 0
        left = 0
        for item in series:
            value = values.get(item.key, 0)
            if not value:
                continue
            cumulative += value
            right = (cumulative * bar_width * 10 + scale_max // 2) // scale_max
            if right > left:
                out.append(
                    f'<rect x="{LABEL_WIDTH + left / 10:.1f}" y="{y + 5}" '
                    f'width="{(right - left) / 10:.1f}" height="{BAR_HEIGHT}" '
                    f'fill="{item.colour}"><title>{_esc(label)}: {value} {_esc(item.label)}'
                    "</title></rect>"
                )
            left = right
        share = ""
        if show_share and grand_total:
            share = f" ({(total * 100 + grand_total // 2) // grand_total}%)"
        out.append(
            f'<text class="value" x="{LABEL_WIDTH + left / 10 + 6:.1f}" y="{y + 17}">'
            f"{total}{share}</text>"
        )
    out.append("</svg>")
    return "".join(out)
