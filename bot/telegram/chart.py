"""The /stats chart: cases per day by label, as PNG bytes.

matplotlib is an optional extra (``pip install .[charts]``). It is imported lazily, and only
its object-oriented API is used (``Figure`` + the Agg canvas): no pyplot, no global state, safe
to call from a worker thread.
"""

from __future__ import annotations

import io
import re

from bot.i18n import label_name, t
from bot.services.report import NEGATIVE_ORDER, DailySeries

# Calm, colour-blind friendly colours per label (Okabe-Ito).
COLORS = {
    "constructive": "#0072B2",
    "impulsive": "#E69F00",
    "trolling": "#CC79A7",
    "directed": "#D55E00",
}
WIDTH_IN, HEIGHT_IN, DPI = 10.0, 5.0, 120  # 1200 x 600 px

# Characters outside the Basic Multilingual Plane (emoji) are missing from the default font.
_NON_BMP = re.compile(r"[^\u0000-\uFFFF]")


def render_chart(series: DailySeries, title: str, lang: str) -> bytes:
    """A stacked bar chart of ``series``; raises ImportError when matplotlib is missing."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    figure = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    positions = list(range(len(series.days)))
    bottom = [0] * len(series.days)
    for label in NEGATIVE_ORDER:
        values = series.counts.get(label, ())
        if not values:
            continue
        total = sum(values)
        axes.bar(
            positions,
            values,
            bottom=bottom,
            color=COLORS[label],
            width=0.8,
            label=f"{label_name(lang, label)} ({total})",
            edgecolor="white",
            linewidth=0.5,
        )
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    axes.set_title(_NON_BMP.sub("", title).strip(), fontsize=14, loc="left", pad=12)
    axes.set_ylabel(t(lang, "chart.ylabel"), fontsize=11)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_ylim(0, max([*bottom, 1]) * 1.15)
    step = max(1, len(series.days) // 12)
    ticks = positions[::step]
    axes.set_xticks(ticks)
    axes.set_xticklabels([series.days[i].strftime("%d.%m") for i in ticks], fontsize=10)
    axes.set_xlim(-0.6, max(len(series.days), 1) - 0.4)
    axes.tick_params(axis="y", labelsize=10)
    axes.grid(axis="y", color="#dddddd", linewidth=0.8)
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    if series.total() == 0:
        axes.text(
            0.5,
            0.5,
            t(lang, "chart.empty"),
            transform=axes.transAxes,
            ha="center",
            va="center",
            fontsize=13,
            color="#666666",
        )
    else:
        axes.legend(loc="upper left", frameon=False, fontsize=10, ncols=2)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", facecolor="white")
    return buffer.getvalue()
