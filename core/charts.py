"""Accessible SVG charts drawn on the server from plain data: no script, no third-party host.

Each chart is an `<svg role="img">` named by its <title> and <desc>, sized by its viewBox so it
reflows with the page, and carries its numbers as text; a series is told apart by a pattern and a
legend in words as well as by colour. Pages show the same data in a table next to the chart.
Styling is by presentation attributes only: the Content-Security-Policy forbids style attributes.

Callers pass the title, description and labels already in the page's language; the few words and
the numbers the module writes itself follow the active language too ("Total 3", "1,500").
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils import formats
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_bidi, gettext

WIDTH = 480
FONT = 'font-family="system-ui, sans-serif" font-size="15" fill="#212529"'
INK = "#212529"
BAR = "#1a5e8a"  # 7:1 on white: the bars read as clearly as the text
TRACK = "#e9ecef"
ROW = 56  # a label line above each bar, then the bar
BAR_HEIGHT = 24

# Fills for stacked series: colour plus a pattern, so no meaning rests on colour alone.
PATTERNS = [
    ("solid", "#1a5e8a", ""),
    ("hatch", "#0f5132", '<path d="M0 8L8 0" stroke="#ffffff" stroke-width="2"/>'),
    ("dots", "#6f42c1", '<circle cx="4" cy="4" r="1.6" fill="#ffffff"/>'),
    ("cross", "#842029", '<path d="M0 0L8 8M8 0L0 8" stroke="#ffffff" stroke-width="1.5"/>'),
    ("stripes", "#664d03", '<path d="M0 4H8" stroke="#ffffff" stroke-width="2"/>'),
]


def format_number(value) -> str:
    """22, 22.5, 1,500: no trailing zeros, thousands grouped, with the separators of the active
    language's number format (Django's localized formats)."""
    if isinstance(value, Decimal):
        value = value.normalize()
    elif isinstance(value, float) and value.is_integer():
        value = int(value)
    return formats.number_format(value, use_l10n=True, force_grouping=True)


def _fit(label: str, length: int = 56) -> str:
    """A label short enough for one line; the title, description and table keep it whole."""
    return label if len(label) <= length else label[: length - 1].rstrip() + "…"


def _x(x: float, width: float = 0.0) -> str:
    """Where something `width` wide starting `x` from the start of a line goes: from the left,
    or on a right-to-left page (Arabic) from the right, so the chart reads as its page does
    (its text then runs leftwards from its x, as `direction="rtl"` makes "start" the right)."""
    return f"{WIDTH - x - width:.1f}" if get_language_bidi() else f"{x:.1f}"


def _open(chart_id: str, title: str, description: str, height: int) -> str:
    direction = ' direction="rtl"' if get_language_bidi() else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" class="chart" '
        f'id="{chart_id}" {FONT}{direction}>'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
    )


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | int | Decimal
    text: str = ""  # how the value reads, e.g. "about 22%"; the number itself by default


def bar_chart(
    *, chart_id: str, title: str, description: str, bars: list[Bar], maximum=None
) -> SafeString:
    """Horizontal bars, each labelled above and with its value written beside it.

    `maximum` sets the end of the scale (100 for percentages); by default the largest value.
    Each bar runs over a pale track to that end, so a single bar still reads as a share.
    """
    scale_end = float(maximum or max((float(bar.value) for bar in bars), default=0) or 1)
    texts = [bar.text or format_number(bar.value) for bar in bars]
    # Room right of the bars for the longest value text (about 9.5 units a bold character).
    plot = WIDTH - min(240, 16 + round(9.5 * max(map(len, texts), default=0)))
    parts = [_open(chart_id, title, description, ROW * len(bars) + 8)]
    for index, (bar, text) in enumerate(zip(bars, texts, strict=True)):
        top = index * ROW
        length = max(0.0, min(float(bar.value), scale_end)) / scale_end * plot
        parts.append(
            f'<text x="{_x(0)}" y="{top + 18}">{escape(_fit(bar.label))}</text>'
            f'<rect x="{_x(0, plot)}" y="{top + 26}" width="{plot}" height="{BAR_HEIGHT}" '
            f'fill="{TRACK}"/>'
            f'<rect x="{_x(0, length)}" y="{top + 26}" width="{length:.1f}" '
            f'height="{BAR_HEIGHT}" fill="{BAR}"/>'
            f'<text x="{_x(plot + 8)}" y="{top + 44}" font-weight="bold">{escape(text)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every piece of text above is escaped


def stacked_bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    categories: list[str],
    series: list[tuple[str, list[int]]],
) -> SafeString:
    """One horizontal bar per category, split into its series' counts, with a legend in words.

    `series` is [(name, [count per category])]; each segment shows its count when it is wide
    enough, and the total is written after the bar, so the table is never the only way to read it.
    """
    series = series[: len(PATTERNS)]
    totals = [sum(counts[i] for _, counts in series) for i in range(len(categories))]
    scale_end = max(totals, default=0) or 1
    plot = WIDTH - 90
    legend_rows = len(series)
    legend_height = 26 * legend_rows + 8
    height = legend_height + ROW * len(categories) + 8
    parts = [_open(chart_id, title, description, height), "<defs>"]
    for name, colour, mark in PATTERNS[: len(series)]:
        parts.append(
            f'<pattern id="{chart_id}-{name}" width="8" height="8" patternUnits="userSpaceOnUse">'
            f'<rect width="8" height="8" fill="{colour}"/>{mark}</pattern>'
        )
    parts.append("</defs>")
    for index, (name, _) in enumerate(series):
        pattern = PATTERNS[index][0]
        y = 26 * index
        parts.append(
            f'<rect x="{_x(0, 18)}" y="{y + 4}" width="18" height="18" '
            f'fill="url(#{chart_id}-{pattern})" stroke="{INK}"/>'
            f'<text x="{_x(26)}" y="{y + 19}">{escape(name)}</text>'
        )
    for row, (category, total) in enumerate(zip(categories, totals, strict=True)):
        top = legend_height + row * ROW
        parts.append(f'<text x="{_x(0)}" y="{top + 18}">{escape(_fit(category))}</text>')
        x = 0.0
        for index, (_, counts) in enumerate(series):
            if not counts[row]:
                continue
            width = counts[row] / scale_end * plot
            pattern = PATTERNS[index][0]
            parts.append(
                f'<rect x="{_x(x, width)}" y="{top + 26}" width="{width:.1f}" '
                f'height="{BAR_HEIGHT}" fill="url(#{chart_id}-{pattern})" stroke="#ffffff"/>'
            )
            if width >= 22:
                parts.append(
                    f'<rect x="{_x(x + width / 2 - 10, 20)}" y="{top + 29}" width="20" height="18" '
                    f'fill="#ffffff"/><text x="{_x(x + width / 2)}" y="{top + 43}" '
                    f'text-anchor="middle">{format_number(counts[row])}</text>'
                )
            x += width
        total_text = gettext("Total %(count)s") % {"count": format_number(total)}
        parts.append(
            f'<text x="{_x(x + 8)}" y="{top + 44}" font-weight="bold">{escape(total_text)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every piece of text above is escaped
