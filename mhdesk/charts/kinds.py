"""The charts. Each is a pure function ``(Source, Options) -> Drawn``: no Qt, no pyplot.

``Drawn.table`` is the chart's data, one row per figure drawn (``value`` None when hidden
or not collected): what the tests compare with the store, and what the public-mode tests
scan for small counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mhdesk.catalogue import periods as _periods
from mhdesk.charts.data import (
    CHAIN,
    HIDDEN,
    KEY_INDICATORS,
    PROFILE_INDICATOR,
    Options,
    Source,
    small_difference,
    tr,
    value_of,
)
from mhdesk.charts.style import (
    ACCENT,
    FIGSIZE,
    HIDDEN_MARK,
    OKABE_ITO,
    Frame,
    empty_message,
    format_value,
    new_figure,
    nl_number,
    value_axis,
)
from mhdesk.errors import MhdeskError

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


@dataclass
class Drawn:
    figure: Figure
    title: str
    table: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    empty: bool = False


def _indicator(src: Source, opt: Options, default: str) -> str:
    code = opt.indicator or default
    if code not in src.catalogue.indicators:
        raise MhdeskError(f"unknown indicator '{code}'",
                          hint="`mhdesk catalogue indicators` lists the indicator codes.")
    return code


def _frame(src: Source, opt: Options, title: str, subtitle: str, notes: list[str], axes: bool = True) -> Frame:
    if not opt.notes_in_figure:
        notes = []
    return new_figure(title, subtitle, notes, demo=src.demo, theme_name=opt.theme,
                      figsize=opt.figsize or FIGSIZE, axes=axes)


def _empty(src: Source, opt: Options, title: str, subtitle: str = "") -> Drawn:
    fr = _frame(src, opt, title, subtitle, [tr(opt.lang, "demo")] if src.demo else [], axes=False)
    empty_message(fr, tr(opt.lang, "empty"))
    return Drawn(fr.figure, title, [], [], empty=True)


def _row(r: Any, **extra: Any) -> dict[str, Any]:
    return {"indicator": r["indicator"], "org_unit": r["org_unit"], "period": r["period"], "value": value_of(r),
            "status": r["status"], **extra}


def _label_for(value: float | None, status: str, is_amount: bool) -> str:
    if status == HIDDEN:
        return HIDDEN_MARK
    if value is None:
        return ""
    text = format_value(value, is_amount, compact=True)
    return text + ("*" if status == "P" else "~" if status == "E" else "")


def _period_label(code: str, lang: str) -> str:
    return _periods.parse(code).label(lang)


def change_text(now: float | None, before: float | None, prev_label: str, lang: str, is_amount: bool,
                public: bool = False) -> str:
    """"11 meer dan in 2019" / "3 minder dan in 2023" / "evenveel als in 2023" (public: "iets minder …")."""
    if now is None or before is None:
        return tr(lang, "no_prev", prev=prev_label)
    diff = now - before
    if round(diff, 2) == 0:
        return tr(lang, "same", prev=prev_label)
    amount = format_value(abs(diff), is_amount, compact=True)
    if small_difference(diff, is_amount, public):
        text = tr(lang, "bit_more" if diff > 0 else "bit_less", prev=prev_label)
    else:
        text = tr(lang, "more" if diff > 0 else "less", n=amount, prev=prev_label)
    if before:
        text += f" ({'+' if diff > 0 else '−'}{nl_number(abs(diff) / before * 100)}%)"
    return text


def _bar_labels(ax: Axes, xs: Sequence[float], heights: Sequence[float], labels: Sequence[str], color: str,
                size: float = 13) -> None:
    for x, h, text in zip(xs, heights, labels, strict=True):
        if text:
            ax.annotate(text, (x, h), xytext=(0, 4), textcoords="offset points", ha="center", va="bottom",
                        fontsize=size, color=color, gid="value")


# -- 1. trend -------------------------------------------------------------------------------


def trend(src: Source, opt: Options) -> Drawn:
    """An indicator over the years (or quarters), with the change against the previous period."""
    lang = opt.lang
    ind = _indicator(src, opt, "MH_SIGNALEN")
    info = src.catalogue.indicators[ind]
    unit = src.unit(opt)
    title = info.label(lang)
    rows = src.rows(ind, unit)
    periods = src.period_codes(opt, rows)
    sub_unit = src.catalogue.org_unit_label(unit)
    if not periods:
        return _empty(src, opt, title, sub_unit)
    by = {r["period"]: r for _, r in rows[rows["period"].isin(periods)].iterrows()}
    vals = [value_of(by[p]) for p in periods]
    stats = [by[p]["status"] for p in periods]
    last, prev = periods[-1], _periods.parse(periods[-1]).previous().code
    prev_val = value_of(by[prev]) if prev in by else None
    subtitle = f"{sub_unit} · {_period_label(last, lang)}: {format_value(vals[-1], info.is_amount) if stats[-1] != 'M' else tr(lang, 'not_collected')}"
    if stats[-1] != "M":
        subtitle += " — " + change_text(vals[-1], prev_val, _period_label(prev, lang), lang, info.is_amount,
                                        src.public)
    shown = rows[rows["period"].isin(periods)]
    notes = src.notes_for([ind], periods, [unit], shown, opt)
    fr = _frame(src, opt, title, subtitle, notes)
    ax = fr.ax
    assert ax is not None
    xs = list(range(len(periods)))
    heights = [v or 0.0 for v in vals]
    colors = [OKABE_ITO[0] if s not in ("P", "E") else OKABE_ITO[4] for s in stats]
    bars = ax.bar(xs, heights, color=colors, width=0.65)
    for b, s in zip(bars, stats, strict=True):
        if s in ("P", "E"):
            b.set_hatch("//")
            b.set_edgecolor(fr.theme.background)
    _bar_labels(ax, xs, heights, [_label_for(v, s, info.is_amount) if s != "M" else "" for v, s in zip(vals, stats, strict=True)],
                fr.theme.foreground)
    for x, s in zip(xs, stats, strict=True):
        if s == "M":
            ax.annotate(tr(lang, "not_collected"), (x, 0), xytext=(0, 4), textcoords="offset points", ha="center",
                        va="bottom", rotation=90, fontsize=10, color=fr.theme.muted)
    ax.set_xticks(xs, [_period_label(p, lang) for p in periods])
    value_axis(ax.yaxis, info.is_amount)
    ax.set_ylim(0, max(heights + [1.0]) * 1.15)
    table = [_row(by[p], series=ind, category=p) for p in periods]
    return Drawn(fr.figure, title, table, notes)


# -- 2. breakdown ------------------------------------------------------------------------------


def breakdown(src: Source, opt: Options) -> Drawn:
    """An indicator split by form of exploitation (or another dimension) over time, stacked."""
    lang = opt.lang
    ind = _indicator(src, opt, "MH_SIGNALEN")
    info = src.catalogue.indicators[ind]
    unit = src.unit(opt)
    dims = [d for d in info.dimensions if d != "bron"] + (["bron"] if "bron" in info.dimensions else [])
    if opt.dimension and opt.dimension not in info.dimensions:
        raise MhdeskError(f"{ind} has no dimension '{opt.dimension}'",
                          hint=f"Its dimensions are: {', '.join(info.dimensions) or 'none'}.")
    dim = opt.dimension or (dims[0] if dims else None)
    dim_info = src.catalogue.dimensions.get(dim) if dim else None
    title = f"{info.label(lang)} {'naar' if lang == 'nl' else 'by'} {dim_info.label(lang).lower() if dim_info else '—'}"
    sub_unit = src.catalogue.org_unit_label(unit)
    if dim is None or dim_info is None:
        return _empty(src, opt, title, sub_unit)
    rows = src.rows(ind, unit, dims={dim: None})
    periods = src.period_codes(opt, rows)
    if not periods:
        return _empty(src, opt, title, sub_unit)
    shown = rows[rows["period"].isin(periods)]
    codes = [c.code for c in dim_info.codes if c.code in set(shown[dim])]
    notes = src.notes_for([ind], periods, [unit], shown, opt)
    fr = _frame(src, opt, title, sub_unit, notes)
    ax = fr.ax
    assert ax is not None
    xs = list(range(len(periods)))
    bottom = [0.0] * len(periods)
    table: list[dict[str, Any]] = []
    cell = {(r["period"], r[dim]): r for _, r in shown.iterrows()}
    hidden_at: dict[int, int] = {}
    for n, code in enumerate(codes):
        color = OKABE_ITO[7] if code == "_U" else OKABE_ITO[n % 7]
        heights = []
        for i, p in enumerate(periods):
            r = cell.get((p, code))
            v = value_of(r) if r is not None else None
            if r is not None:
                table.append(_row(r, series=code, category=p))
                if r["status"] == HIDDEN:
                    hidden_at[i] = hidden_at.get(i, 0) + 1
            heights.append(v or 0.0)
        ax.bar(xs, heights, bottom=bottom, color=color, width=0.65, label=_wrap(dim_info.code_label(code, lang), 24),
               edgecolor=fr.theme.background, linewidth=0.8)
        for i, (h, b) in enumerate(zip(heights, bottom, strict=True)):
            if h >= max(1.0, 0.06 * max(1.0, _max_stack(src, shown, periods, dim))):
                ax.text(i, b + h / 2, format_value(h, info.is_amount, compact=True), ha="center", va="center",
                        fontsize=11, color="white" if code not in ("_U",) else "black", gid="value")
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    for i, n in hidden_at.items():
        ax.annotate(" ".join([HIDDEN_MARK] * n), (i, bottom[i]), xytext=(0, 4), textcoords="offset points",
                    ha="center", va="bottom", fontsize=13, color=fr.theme.foreground, gid="value")
    ax.set_xticks(xs, [_period_label(p, lang) for p in periods])
    value_axis(ax.yaxis, info.is_amount)
    ax.set_ylim(0, max(bottom + [1.0]) * 1.12)
    handles, labels = ax.get_legend_handles_labels()
    leg = ax.legend(handles[::-1], labels[::-1], loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=12,
                    frameon=False, labelcolor=fr.theme.foreground)
    leg.set_gid("legend")
    ax.set_position(_shrink_for_legend(ax))
    return Drawn(fr.figure, title, table, notes)


def _max_stack(src: Source, shown: Any, periods: Sequence[str], dim: str) -> float:
    vals = shown[shown["status"] != HIDDEN].groupby("period")["value"].sum()
    return float(vals.max()) if len(vals) else 1.0


def _shrink_for_legend(ax: Axes) -> Any:
    pos = ax.get_position()
    return (pos.x0, pos.y0, pos.width * 0.70, pos.height)


# -- 3. comparison -----------------------------------------------------------------------------


def comparison_units(src: Source, unit: str, ind: str) -> list[str]:
    """Municipalities of the unit when they hold figures for ``ind``, else its veiligheidsregio's."""
    cat = src.catalogue
    df = src.frame
    have = set(df.loc[df["indicator"] == ind, "org_unit"]) if len(df) else set()
    level = cat.org_units[unit].level if unit in cat.org_units else "riec"
    if level == "gemeente":
        unit = cat.org_units[unit].parent or unit
        level = "vr"
    munis = [c for c in cat.descendants(unit) if cat.org_units[c].level == "gemeente" and c in have]
    if munis:
        return munis
    return [c for c in cat.children(unit) if cat.org_units[c].level == "vr" and c in have]


def comparison(src: Source, opt: Options) -> Drawn:
    """The municipalities (or veiligheidsregio's) within the region, for one year, largest first."""
    lang = opt.lang
    ind = _indicator(src, opt, "MH_SIGNALEN")
    info = src.catalogue.indicators[ind]
    unit = src.unit(opt)
    cat = src.catalogue
    units = comparison_units(src, unit, ind)
    year = opt.year or src.last_year([ind], unit) or src.last_year([ind], src.region)
    title = f"{info.label(lang)} {'per gemeente' if lang == 'nl' else 'by municipality'}"
    if units and cat.org_units[units[0]].level == "vr":
        title = f"{info.label(lang)} {'per veiligheidsregio' if lang == 'nl' else 'by safety region'}"
    subtitle = f"{cat.org_unit_label(unit if cat.org_units.get(unit) and cat.org_units[unit].level != 'gemeente' else (cat.org_units[unit].parent or unit))} · {year or ''}"
    if not units or year is None:
        return _empty(src, opt, title, subtitle)
    df = src.frame
    sel = df[(df["indicator"] == ind) & df["org_unit"].isin(units) & (df["period"] == str(year))]
    for d in info.dimensions:
        sel = sel[sel[d] == ""]
    if sel.empty:
        return _empty(src, opt, title, subtitle)
    items = [(r, value_of(r)) for _, r in sel.iterrows()]
    items.sort(key=lambda t: (-(t[1] if t[1] is not None else -1), cat.org_unit_label(t[0]["org_unit"])))
    notes = src.notes_for([ind], [str(year)], units, sel, opt)
    if opt.figsize is not None:  # a fixed shape (a slide): as many bars as stay readable, the focus always
        fit = max(5, int((opt.figsize[1] - 2.4 - 0.2 * len(notes)) / 0.3))
        if len(items) > fit:
            keep = items[:fit]
            focus_row = next((t for t in items if t[0]["org_unit"] == opt.focus), None)
            if focus_row is not None and all(t[0]["org_unit"] != opt.focus for t in keep):
                keep = [*keep[:-1], focus_row]
            left = len(items) - len(keep)
            notes = [("Getoond: {n} van de {m} gemeenten, de grootste eerst; {k} andere niet in deze figuur."
                      if lang == "nl" else "Shown: {n} of {m} municipalities, largest first; {k} others not in "
                      "this figure.").format(n=len(keep), m=len(items), k=left), *notes]
            items = keep
    many = len(items) > 14
    height = max(FIGSIZE[1], 0.27 * len(items) + 2.2 + 0.2 * len(notes)) if many else None
    figsize = opt.figsize or ((FIGSIZE[0], height) if height else FIGSIZE)
    fr = new_figure(title, subtitle, notes if opt.notes_in_figure else [], demo=src.demo, theme_name=opt.theme,
                    figsize=figsize)
    ax = fr.ax
    assert ax is not None
    pos = ax.get_position()
    ax.set_position((0.25, pos.y0, 0.70, pos.height))
    ys = list(range(len(items)))[::-1]
    focus = opt.focus
    colors = [ACCENT if r["org_unit"] == focus else OKABE_ITO[0] for r, _ in items]
    widths = [v or 0.0 for _, v in items]
    ax.barh(ys, widths, color=colors, height=0.7)
    ax.set_yticks(ys, [cat.org_unit_label(r["org_unit"]) for r, _ in items], fontsize=11 if many else 13)
    for lbl, (r, _) in zip(ax.get_yticklabels(), items, strict=True):
        if r["org_unit"] == focus:
            lbl.set_fontweight("bold")
            lbl.set_color(ACCENT)
    for y, w, (r, v) in zip(ys, widths, items, strict=True):
        ax.annotate(_label_for(v, r["status"], info.is_amount), (w, y), xytext=(4, 0), textcoords="offset points",
                    ha="left", va="center", fontsize=11 if many else 13, color=fr.theme.foreground, gid="value")
    value_axis(ax.xaxis, info.is_amount)
    ax.set_xlim(0, max(widths + [1.0]) * 1.15)
    ax.yaxis.grid(False)
    ax.xaxis.grid(True, color=fr.theme.grid)
    ax.tick_params(axis="y", length=0)
    table = [_row(r, series=ind, category=r["org_unit"]) for r, _ in items]
    return Drawn(fr.figure, title, table, notes)


# -- 4. key-figure tiles --------------------------------------------------------------------------


def key_figures(src: Source, opt: Options, indicators: Sequence[str] = KEY_INDICATORS) -> list[dict[str, Any]]:
    """The key figures of one year with the change against the previous year (shared with the report)."""
    unit = src.unit(opt)
    inds = [opt.indicator] if opt.indicator else [i for i in indicators if i in src.catalogue.indicators]
    year = opt.year or src.last_year(inds, unit)
    out: list[dict[str, Any]] = []
    if year is None:
        return out
    for ind in inds:
        info = src.catalogue.indicators[ind]
        rows = src.rows(ind, unit)
        by = {r["period"]: r for _, r in rows.iterrows()}
        cur = by.get(str(year))
        if cur is None or cur["status"] == "M":
            continue
        before = by.get(str(year - 1))
        now_v, prev_v = value_of(cur), (value_of(before) if before is not None else None)
        out.append({"indicator": ind, "org_unit": unit, "period": str(year), "value": now_v, "status": cur["status"],
                    "previous": prev_v, "previous_status": before["status"] if before is not None else None,
                    "label": info.label(opt.lang), "is_amount": info.is_amount,
                    "change": change_text(now_v, prev_v, str(year - 1), opt.lang, info.is_amount, src.public)
                    if cur["status"] != HIDDEN else tr(opt.lang, "hidden", mark=HIDDEN_MARK)})
    return out


def tiles(src: Source, opt: Options) -> Drawn:
    """Key figures as tiles: "41 veroordeelde verdachten — 11 meer dan in 2023"."""
    lang = opt.lang
    unit = src.unit(opt)
    figs = key_figures(src, opt)
    title = "Kerncijfers" if lang == "nl" else "Key figures"
    year = figs[0]["period"] if figs else ""
    subtitle = f"{src.catalogue.org_unit_label(unit)} · {year}"
    if not figs:
        return _empty(src, opt, title, subtitle)
    inds = [f["indicator"] for f in figs]
    shown = src.frame[src.frame["indicator"].isin(inds) & (src.frame["org_unit"] == unit)
                      & (src.frame["period"] == year)]
    notes = src.notes_for(inds, [year], [unit], shown[(shown[list(_dims())] == "").all(axis=1)], opt)
    # keep tile notes short: the bases are on the other charts
    notes = [n for n in notes if not n.startswith(tr(lang, "basis"))]
    fr = _frame(src, opt, title, subtitle, notes, axes=False)
    fig = fr.figure
    n = len(figs)
    cols = 3 if n > 4 else 2 if n == 4 else max(1, n)
    rows_n = (n + cols - 1) // cols
    top = fr.content_top
    bottom = fr.content_bottom
    h = (top - bottom) / rows_n
    w = 0.95 / cols
    for k, f in enumerate(figs):
        r, c = divmod(k, cols)
        x0 = 0.025 + c * w
        y0 = top - (r + 1) * h
        from matplotlib.patches import FancyBboxPatch

        fig.patches.append(FancyBboxPatch((x0 + 0.006, y0 + 0.012), w - 0.012, h - 0.024,
                                          boxstyle="round,pad=0,rounding_size=0.012", transform=fig.transFigure,
                                          facecolor=fr.theme.panel, edgecolor="none", zorder=0))
        big = _label_for(f["value"], f["status"], f["is_amount"])
        fig.text(x0 + 0.025, y0 + h * 0.62, big, fontsize=40 if rows_n == 1 else 34, fontweight="bold",
                 color=OKABE_ITO[0] if fr.theme.name == "light" else OKABE_ITO[4], va="center", gid="value")
        tile_in = w * fig.get_size_inches()[0]
        fig.text(x0 + 0.025, y0 + h * 0.36, _wrap(f["label"].lower() if lang == "nl" else f["label"],
                                                  int(tile_in * 8.2)),
                 fontsize=14, color=fr.theme.foreground, va="center")
        fig.text(x0 + 0.025, y0 + h * 0.12, _wrap(f["change"], int(tile_in * 9.5)), fontsize=12, color=fr.theme.muted, va="center",
                 gid="change")
    table = [{k: f[k] for k in ("indicator", "org_unit", "period", "value", "status")} | {"series": f["indicator"],
             "category": f["period"], "previous": f["previous"]} for f in figs]
    return Drawn(fig, title, table, notes)


def _dims() -> tuple[str, ...]:
    from mhdesk.catalogue import DIMENSIONS

    return DIMENSIONS


def _wrap(text: str, width: int) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width))


# -- 5. justice chain ------------------------------------------------------------------------------


def chain(src: Source, opt: Options) -> Drawn:
    """The justice chain per year: signals → arrested → prosecution → convicted."""
    lang = opt.lang
    unit = src.unit(opt)
    cat = src.catalogue
    title = "De strafrechtketen per jaar" if lang == "nl" else "The justice chain per year"
    subtitle = src.catalogue.org_unit_label(unit)
    stages = [i for i in CHAIN if i in cat.indicators]
    per_stage = {i: src.rows(i, unit) for i in stages}
    import pandas as pd

    allrows = pd.concat(list(per_stage.values())) if per_stage else src.frame.iloc[0:0]
    periods = src.period_codes(opt.with_(period_from=opt.period_from, period_to=opt.period_to), allrows)
    periods = [p for p in periods if (allrows.loc[allrows["period"] == p, "status"] != "M").any()]
    if not periods:
        return _empty(src, opt, title, subtitle)
    shown = allrows[allrows["period"].isin(periods)]
    notes = src.notes_for(stages, periods, [unit], shown, opt)
    fr = _frame(src, opt, title, subtitle, notes)
    ax = fr.ax
    assert ax is not None
    width = 0.8 / len(stages)
    table: list[dict[str, Any]] = []
    top = 1.0
    for s, ind in enumerate(stages):
        by = {r["period"]: r for _, r in per_stage[ind].iterrows()}
        xs = [i + (s - (len(stages) - 1) / 2) * width for i in range(len(periods))]
        vals = []
        labels = []
        for p in periods:
            r = by.get(p)
            v = value_of(r) if r is not None else None
            vals.append(v or 0.0)
            labels.append(_label_for(v, r["status"], False) if r is not None and r["status"] != "M" else "")
            if r is not None:
                table.append(_row(r, series=ind, category=p))
        top = max([top, *vals])
        short = f"{s + 1}. " + cat.indicators[ind].label(lang)
        ax.bar(xs, vals, width=width * 0.92, color=OKABE_ITO[s], label=short)
        _bar_labels(ax, xs, vals, labels, fr.theme.foreground, size=10 if len(periods) > 4 else 12)
    ax.set_xticks(range(len(periods)), [_period_label(p, lang) for p in periods])
    value_axis(ax.yaxis, False)
    ax.set_ylim(0, top * 1.45)
    leg = ax.legend(loc="upper left", ncol=2, fontsize=12, frameon=False, labelcolor=fr.theme.foreground)
    leg.set_gid("legend")
    return Drawn(fr.figure, title, table, notes)


# -- 6. victim profile ------------------------------------------------------------------------------


def profile(src: Source, opt: Options) -> Drawn:
    """Reported victims by sex × age × origin for one year: a table coloured by size."""
    lang = opt.lang
    unit = src.unit(opt)
    cat = src.catalogue
    ind = PROFILE_INDICATOR
    info = cat.indicators[ind]
    year = opt.year or src.last_year([ind], unit)
    title = f"{info.label(lang)}: {'profiel' if lang == 'nl' else 'profile'}"
    subtitle = f"{cat.org_unit_label(unit)} · {year or ''}"
    if year is None:
        return _empty(src, opt, title, subtitle)
    rows = src.rows(ind, unit, dims={"geslacht": None, "leeftijd": None, "herkomst": None})
    rows = rows[rows["period"] == str(year)]
    if rows.empty:
        return _empty(src, opt, title, subtitle)
    g_codes = [c.code for c in cat.dimensions["geslacht"].codes]
    l_codes = [c.code for c in cat.dimensions["leeftijd"].codes]
    h_codes = [c.code for c in cat.dimensions["herkomst"].codes]
    cell = {(r["geslacht"], r["leeftijd"], r["herkomst"]): r for _, r in rows.iterrows()}
    row_keys = [(g, a) for g in g_codes for a in l_codes if any((g, a, h) in cell for h in h_codes)]
    notes = src.notes_for([ind], [str(year)], [unit], rows, opt)
    fr = _frame(src, opt, title, subtitle, notes)
    ax = fr.ax
    assert ax is not None
    pos = ax.get_position()
    ax.set_position((0.30, pos.y0, 0.62, pos.height))
    import numpy as np

    grid = np.full((len(row_keys), len(h_codes)), np.nan)
    table: list[dict[str, Any]] = []
    for i, (g, a) in enumerate(row_keys):
        for j, h in enumerate(h_codes):
            r = cell.get((g, a, h))
            if r is None:
                continue
            v = value_of(r)
            table.append(_row(r, series=f"{g}/{a}", category=h, geslacht=g, leeftijd=a, herkomst=h))
            if v is not None:
                grid[i, j] = v
    vmax = float(np.nanmax(grid)) if np.isfinite(grid).any() else 1.0
    from matplotlib.colors import LinearSegmentedColormap

    cmap = LinearSegmentedColormap.from_list("mh", [fr.theme.panel, OKABE_ITO[0]])
    ax.imshow(np.nan_to_num(grid, nan=0.0), aspect="auto", cmap=cmap, vmin=0, vmax=max(vmax, 1.0))
    for i in range(len(row_keys)):
        for j in range(len(h_codes)):
            r = cell.get((row_keys[i][0], row_keys[i][1], h_codes[j]))
            if r is None:
                continue
            v = value_of(r)
            text = _label_for(v, r["status"], False)
            dark = v is not None and v > 0.55 * vmax
            ax.text(j, i, text, ha="center", va="center", fontsize=15, gid="value",
                    color="white" if dark else fr.theme.foreground)
    ax.set_xticks(range(len(h_codes)), [cat.dimensions["herkomst"].code_label(h, lang) for h in h_codes], fontsize=13)
    ax.set_yticks(range(len(row_keys)), [f"{cat.dimensions['geslacht'].code_label(g, lang)}, "
                                         f"{cat.dimensions['leeftijd'].code_label(a, lang).lower()}"
                                         for g, a in row_keys], fontsize=12)
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    ax.grid(False)
    for s in ax.spines.values():
        s.set_visible(False)
    return Drawn(fr.figure, title, table, notes)


# -- 7. completeness ---------------------------------------------------------------------------------


def completeness(src: Source, opt: Options) -> Drawn:
    """Indicator × period: delivered, provisional, not yet collected, missing."""
    lang = opt.lang
    unit = src.unit(opt)
    cat = src.catalogue
    title = "Volledigheid van de cijfers" if lang == "nl" else "Completeness of the figures"
    subtitle = cat.org_unit_label(unit)
    df = src.frame
    sel = df[(df["org_unit"] == unit)] if len(df) else df
    if len(sel):
        sel = sel[(sel[list(_dims())] == "").all(axis=1)]
    periods = src.period_codes(opt, sel) if len(sel) else []
    if not periods:
        return _empty(src, opt, title, subtitle)
    inds = list(cat.indicators)
    state: dict[tuple[str, str], str] = {}
    for _, r in sel[sel["period"].isin(periods)].iterrows():
        st = r["status"]
        state[(r["indicator"], r["period"])] = "not_collected" if st == "M" else "prov" if st == "P" else "delivered"
    kinds = ["delivered", "prov", "not_collected", "missing"]
    colors = {"delivered": OKABE_ITO[2], "prov": OKABE_ITO[1], "not_collected": OKABE_ITO[4], "missing": "#FFFFFF"}
    marks = {"delivered": "✓", "prov": "*", "not_collected": "–", "missing": "?"}
    notes = [f"{marks[k]} {tr(lang, k)}" for k in kinds]
    notes = ["   ".join(notes)]
    fr = _frame(src, opt, title, subtitle, notes)
    ax = fr.ax
    assert ax is not None
    pos = ax.get_position()
    ax.set_position((0.40, pos.y0, 0.57, pos.height))
    table: list[dict[str, Any]] = []
    from matplotlib.patches import Rectangle

    for i, ind in enumerate(inds):
        for j, p in enumerate(periods):
            k = state.get((ind, p), "missing")
            y = len(inds) - 1 - i
            ax.add_patch(Rectangle((j - 0.45, y - 0.42), 0.9, 0.84, facecolor=colors[k],
                                   edgecolor=fr.theme.muted if k == "missing" else "none", linewidth=0.8))
            ax.text(j, y, marks[k], ha="center", va="center", fontsize=11,
                    color="black" if k in ("missing", "prov") else "white")
            table.append({"indicator": ind, "org_unit": unit, "period": p, "value": None, "status": k,
                          "series": ind, "category": p})
    ax.set_xlim(-0.6, len(periods) - 0.4)
    ax.set_ylim(-0.6, len(inds) - 0.4)
    ax.set_xticks(range(len(periods)), [_period_label(p, lang) for p in periods], fontsize=12)
    ax.set_yticks(range(len(inds)), [_wrap(cat.indicators[i].label(lang), 52) for i in inds][::-1], fontsize=10)
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    ax.grid(False)
    for s in ax.spines.values():
        s.set_visible(False)
    return Drawn(fr.figure, title, table, notes)
