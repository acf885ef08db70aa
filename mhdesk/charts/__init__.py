"""Where the figures are drawn: one drawing code for the window, the desk view, the CLI and the report.

Every chart is a pure function ``(Source, Options) -> Drawn`` (see ``kinds.py``) that returns a
matplotlib ``Figure`` built without pyplot, in one house style (``style.py``). ``CHARTS`` lists
them for ``mhdesk chart --list``; :func:`draw_from_store` reads just the figures a chart needs
(in public mode: whole indicators, protected as one publication) and draws it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mhdesk.charts.data import (
    CHAIN,
    KEY_INDICATORS,
    PROFILE_INDICATOR,
    Options,
    Source,
    parse_period_range,
)
from mhdesk.errors import MhdeskError

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from mhdesk.charts.kinds import Drawn
    from mhdesk.store import Store

__all__ = ["CHARTS", "ChartSpec", "Options", "Source", "draw", "draw_from_store", "parse_period_range",
           "save_figure", "figure_bytes"]


@dataclass(frozen=True)
class ChartSpec:
    name: str
    title_nl: str
    title_en: str
    uses_indicator: bool
    function: str  # name in mhdesk.charts.kinds

    def title(self, lang: str = "nl") -> str:
        return self.title_en if lang == "en" else self.title_nl

    def short(self, lang: str = "nl") -> str:
        """A short name for a menu."""
        return _SHORT[self.name][1 if lang == "en" else 0]

    def draw(self, src: Source, opt: Options) -> Drawn:
        from mhdesk.charts import kinds

        fn: Callable[[Source, Options], Drawn] = getattr(kinds, self.function)
        return fn(src, opt)

    def indicators(self, opt: Options) -> list[str] | None:
        """The indicators this chart reads (None: all of them)."""
        if self.name == "trend" or self.name == "breakdown" or self.name == "comparison":
            return [opt.indicator or "MH_SIGNALEN"]
        if self.name == "tiles":
            return [opt.indicator] if opt.indicator else list(KEY_INDICATORS)
        if self.name == "chain":
            return list(CHAIN)
        if self.name == "profile":
            return [PROFILE_INDICATOR]
        return None


_SHORT = {"trend": ("Verloop", "Trend"), "breakdown": ("Uitsplitsing", "Breakdown"),
          "comparison": ("Vergelijking gemeenten", "Municipalities compared"), "tiles": ("Kerncijfers", "Key figures"),
          "chain": ("Strafrechtketen", "Justice chain"), "profile": ("Profiel slachtoffers", "Victim profile"),
          "completeness": ("Volledigheid", "Completeness")}

#: The charts, in the order ``mhdesk chart --list`` shows them.
CHARTS: dict[str, ChartSpec] = {s.name: s for s in (
    ChartSpec("trend", "Verloop van een indicator over de jaren (of kwartalen), met de verandering",
              "An indicator over the years (or quarters), with the change", True, "trend"),
    ChartSpec("breakdown", "Uitsplitsing naar vorm van uitbuiting (of een andere dimensie) door de tijd",
              "Breakdown by form of exploitation (or another dimension) over time", True, "breakdown"),
    ChartSpec("comparison", "Vergelijking van de gemeenten of veiligheidsregio's in de regio",
              "Comparison of the municipalities or safety regions within the region", True, "comparison"),
    ChartSpec("tiles", "Kerncijfers als tegels, met de verandering ten opzichte van het vorige jaar",
              "Key-figure tiles with the change against the previous year", False, "tiles"),
    ChartSpec("chain", "De strafrechtketen per jaar: signalen, aangehouden, OM, veroordeeld",
              "The justice chain per year: signals, arrested, prosecution, convicted", False, "chain"),
    ChartSpec("profile", "Profiel van gemelde slachtoffers: geslacht × leeftijd × herkomst",
              "Profile of reported victims: sex × age × origin", False, "profile"),
    ChartSpec("completeness", "Volledigheid: indicator × periode, geleverd / voorlopig / nog niet verzameld / ontbreekt",
              "Completeness: indicator × period, delivered / provisional / not yet collected / missing", False,
              "completeness"),
)}


def spec(name: str) -> ChartSpec:
    try:
        return CHARTS[name]
    except KeyError:
        raise MhdeskError(f"unknown chart '{name}'",
                          hint=f"Choose one of: {', '.join(CHARTS)} (`mhdesk chart --list`).") from None


def check_options(store_or_src: Store | Source, opt: Options) -> None:
    """Refuse unknown codes with a clear message before anything is read or drawn."""
    cat = store_or_src.catalogue
    region = store_or_src.region
    if opt.indicator and opt.indicator not in cat.indicators:
        raise MhdeskError(f"unknown indicator '{opt.indicator}'",
                          hint="`mhdesk catalogue indicators` lists the indicator codes.")
    if opt.org_unit:
        if opt.org_unit not in cat.org_units:
            raise MhdeskError(f"unknown org unit '{opt.org_unit}'",
                              hint="Give a CBS code such as GM0855 or VR20, or the region's RIEC code.")
        if not cat.is_within(opt.org_unit, region):
            raise MhdeskError(f"{opt.org_unit} ({cat.org_unit_label(opt.org_unit)}) lies outside this store's "
                              f"region {region}")
    if opt.dimension and opt.dimension not in cat.dimensions:
        raise MhdeskError(f"unknown dimension '{opt.dimension}'", hint=f"Choose one of: {', '.join(cat.dimensions)}.")


def resolve_org_unit(store_or_src: Store | Source, text: str | None) -> str | None:
    """A CBS code or an official name (case and accents ignored) → code; ambiguity is a refusal."""
    if not text:
        return None
    cat = store_or_src.catalogue
    found = cat.find_org_unit(text)
    if not found:
        raise MhdeskError(f"unknown org unit '{text}'",
                          hint="Give a CBS code such as GM0855 or VR20, or an official municipality name.")
    inside = [c for c in found if cat.is_within(c, store_or_src.region)]
    if len(inside) > 1:
        raise MhdeskError(f"'{text}' matches several org units: {', '.join(inside)}; give the code")
    return (inside or found)[0]


def draw(name: str, src: Source, opt: Options) -> Drawn:
    s = spec(name)
    check_options(src, opt)
    return s.draw(src, opt)


def source_for(store: Store, name: str, opt: Options) -> Source:
    """Read just the figures chart ``name`` needs (whole indicators over the region in public mode)."""
    s = spec(name)
    check_options(store, opt)
    from mhdesk.charts.data import periods_between

    inds = s.indicators(opt)
    # Read only the periods of the chart's frequency and range (plus the one before, for the change).
    periods = periods_between(opt.freq, opt.period_from, opt.period_to)
    if name == "completeness" and not (opt.period_from or opt.period_to):
        periods = periods_between("A", None, None)
    units: list[str] | None = None
    if not opt.public:
        unit = opt.org_unit or store.region
        cat = store.catalogue
        if name == "comparison":
            base = cat.org_units[unit].parent if cat.org_units[unit].level == "gemeente" else unit
            units = [base or unit, *cat.descendants(base or unit)]
        else:
            units = [unit]
    return Source.from_store(store, indicators=inds, org_units=units, periods=periods, public=opt.public,
                             totals_only=name == "completeness")


def draw_from_store(store: Store, name: str, opt: Options) -> Drawn:
    return draw(name, source_for(store, name, opt), opt)


# -- files -----------------------------------------------------------------------------------

FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}


def figure_bytes(fig: Figure, fmt: str, dpi: int = 100) -> bytes:
    """The figure as PNG, SVG or PDF bytes, through the Agg canvas (no pyplot, no GUI)."""
    import io

    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    meta = {"Creator": "mhdesk"} if fmt in ("pdf", "svg") else {"Software": "mhdesk"}
    if fmt == "svg":
        meta = {"Creator": "mhdesk", "Date": None}  # type: ignore[dict-item]
    elif fmt == "pdf":
        meta = {"Creator": "mhdesk", "Producer": "mhdesk", "CreationDate": None}  # type: ignore[dict-item]
    fig.savefig(buf, format=fmt, dpi=dpi, facecolor=fig.get_facecolor(), metadata=meta)
    return buf.getvalue()


def save_figure(fig: Figure, out: str | os.PathLike[str], dpi: int = 100) -> Path:
    from mhdesk.fileio import atomic_write

    out = Path(out)
    fmt = FORMATS.get(out.suffix.lower())
    if fmt is None:
        raise MhdeskError(f"{out}: mhdesk writes charts as .png, .svg or .pdf, not '{out.suffix or '(none)'}'",
                          hint="Give the output file one of those extensions.")
    if not out.parent.exists():
        raise MhdeskError(f"folder {out.parent} does not exist")
    data = figure_bytes(fig, fmt, dpi)
    atomic_write(out, data)
    return out
