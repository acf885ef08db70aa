"""The house style of every mhdesk figure: palette, Dutch numbers, the frame around a chart.

One style for the window, the desk view, the CLI and the report. Colours are the
Okabe–Ito palette (safe for the common forms of colour blindness); text is large
enough to read on a projector; numbers are written the Dutch way (1.234 and 3,4).
matplotlib is imported inside functions only: importing this module costs nothing.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour vision deficiency.
OKABE_ITO: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#999999",  # grey (unknown / other)
)
ACCENT = "#D55E00"
try:  # the one neutral mark of a hidden cell: the disclosure core's, so every output uses the same
    from mhdesk.disclosure import MARK as _MARK
except ImportError:  # pragma: no cover - only while the disclosure core is absent
    _MARK = "x"
HIDDEN_MARK: str = _MARK

#: Size of a figure in inches at 100 dpi: 1200 × 675 px, 16:9 like a projector.
FIGSIZE = (12.0, 6.75)


@dataclass(frozen=True)
class Theme:
    name: str
    background: str
    foreground: str
    muted: str
    grid: str
    panel: str


LIGHT = Theme("light", "#FFFFFF", "#1A1A1A", "#555555", "#DDDDDD", "#F2F5F8")
DARK = Theme("dark", "#15191E", "#F2F2F2", "#B8B8B8", "#3A4048", "#222A33")


def theme(name: str) -> Theme:
    return DARK if name == "dark" else LIGHT


# -- Dutch numbers ---------------------------------------------------------------------------


def nl_number(value: float | int, decimals: int = 0) -> str:
    """1234 → ``1.234``; 1234.5 with 2 decimals → ``1.234,50``; negative numbers get a minus sign."""
    text = f"{abs(value):,.{decimals}f}"
    text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return ("−" if value < 0 and round(abs(value), decimals) != 0 else "") + text


def nl_euro(value: float, compact: bool = False) -> str:
    """``€ 2.350.000`` or, compact, ``€ 2,4 mln``."""
    if compact and abs(value) >= 1_000_000:
        return f"€ {nl_number(value / 1_000_000, 1)} mln"
    if compact and abs(value) >= 10_000:
        return f"€ {nl_number(value / 1_000, 0)}.000"
    return f"€ {nl_number(value, 0)}"


def format_value(value: float | None, is_amount: bool, *, compact: bool = False) -> str:
    if value is None or value != value:  # NaN
        return HIDDEN_MARK
    return nl_euro(value, compact) if is_amount else nl_number(round(value))


def axis_formatter(is_amount: bool):  # type: ignore[no-untyped-def]
    from matplotlib.ticker import FuncFormatter

    def fmt(x: float, _pos: int | None = None) -> str:
        if is_amount:
            return nl_euro(x, compact=True)
        return nl_number(x, 0 if float(x).is_integer() else 1)

    return FuncFormatter(fmt)


def value_axis(axis, is_amount: bool) -> None:  # type: ignore[no-untyped-def]
    """Dutch tick labels; whole-number ticks for counts (no "2,5 signalen")."""
    from matplotlib.ticker import MaxNLocator

    axis.set_major_formatter(axis_formatter(is_amount))
    if not is_amount:
        axis.set_major_locator(MaxNLocator(integer=True, nbins="auto", min_n_ticks=3))


# -- the frame of a chart ---------------------------------------------------------------------


@dataclass
class Frame:
    """A figure with its title, subtitle, footnotes and demo mark laid out; ``ax`` is the drawing area."""

    figure: Figure
    ax: Axes | None
    theme: Theme
    content_top: float = 0.8     # figure fraction: below the titles
    content_bottom: float = 0.1  # figure fraction: above the notes


def new_figure(title: str, subtitle: str, notes: list[str], *, demo: bool, theme_name: str = "light",
               figsize: tuple[float, float] = FIGSIZE, axes: bool = True, dpi: int = 100) -> Frame:
    """A figure in the house style: title top left, notes beneath, a DEMO mark on demo data."""
    from matplotlib.figure import Figure

    th = theme(theme_name)
    fig = Figure(figsize=figsize, dpi=dpi, facecolor=th.background)
    width_in = figsize[0]
    h = figsize[1]
    title_size = 20 if len(title) <= 4.2 * width_in else 16
    fig.text(0.025, 1 - 0.22 / h, title, ha="left", va="top", fontsize=title_size, fontweight="bold", color=th.foreground,
             gid="title")
    if subtitle:
        fig.text(0.025, 1 - 0.78 / h, subtitle, ha="left", va="top", fontsize=14, color=th.muted, gid="subtitle")
    # Notes: wrapped to the figure's width, one line of 10.5 pt text ≈ 0.2 inch.
    chars = int(width_in * 12.5)
    lines: list[str] = []
    for n in notes:
        lines.extend(textwrap.wrap(n, chars) or [""])
    line_h = 0.2 / h
    bottom_notes = 0.15 / h
    if lines:
        fig.text(0.025, bottom_notes, "\n".join(lines), ha="left", va="bottom", fontsize=10.5, color=th.muted,
                 linespacing=1.35, gid="notes")
    notes_top = bottom_notes + len(lines) * line_h + (0.1 / h if lines else 0)
    if demo:
        fig.text(0.975, 1 - 0.22 / h, " DEMO ", ha="right", va="top", fontsize=15, fontweight="bold", color="white",
                 gid="demo", bbox={"boxstyle": "round,pad=0.3", "facecolor": ACCENT, "edgecolor": "none"})
        fig.text(0.5, 0.5, "DEMO", ha="center", va="center", fontsize=110, fontweight="bold", color=ACCENT,
                 alpha=0.07, rotation=20, gid="demo-watermark", zorder=0)
    ax = None
    top = 1 - (1.3 if subtitle else 0.85) / h
    if axes:
        bottom = notes_top + 0.55 / h
        ax = fig.add_axes((0.085, bottom, 0.885, max(0.2, top - bottom)))
        style_axes(ax, th)
    return Frame(fig, ax, th, top, notes_top + 0.1 / h)


def style_axes(ax: Axes, th: Theme) -> None:
    ax.set_facecolor(th.background)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(th.muted)
    ax.tick_params(colors=th.foreground, labelsize=13)
    ax.yaxis.grid(True, color=th.grid, linewidth=0.8)
    ax.set_axisbelow(True)


def empty_message(frame: Frame, message: str) -> None:
    """The clear "no figures for this selection" in place of a chart."""
    fig = frame.figure
    if frame.ax is not None:
        frame.ax.set_axis_off()
    fig.text(0.5, 0.5, message, ha="center", va="center", fontsize=18, color=frame.theme.muted, gid="empty")
