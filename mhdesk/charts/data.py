"""What a chart is drawn from: the selection (``Options``) and the figures (``Source``).

A ``Source`` holds a canonical frame (the store's values in natural units) and what is
needed to label it. In public mode the frame has been through disclosure control as a
whole before any chart sees it, so every chart, slide and report page drawn from one
source shows the same protected publication.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from mhdesk.catalogue import DIMENSIONS, Catalogue
from mhdesk.catalogue import periods as _periods
from mhdesk.charts.style import HIDDEN_MARK
from mhdesk.errors import MhdeskError

if TYPE_CHECKING:
    import pandas as pd

    from mhdesk.store import Store
    from mhdesk.store.values import FootnoteRow

HIDDEN = "C"
DEFAULT_K = 5

#: The key figures of the tiles, the desk view and the report summary.
KEY_INDICATORS: tuple[str, ...] = (
    "MH_SIGNALEN", "MH_SLACHTOFFERS", "MH_VERDACHTEN_AANGEHOUDEN", "MH_VERDACHTEN_VEROORDEELD",
    "MH_BESTUURLIJKE_CONTROLES", "MH_VOORLICHTINGEN",
)
#: The justice chain, in order.
CHAIN: tuple[str, ...] = ("MH_SIGNALEN", "MH_VERDACHTEN_AANGEHOUDEN", "MH_VERDACHTEN_OM", "MH_VERDACHTEN_VEROORDEELD")
PROFILE_INDICATOR = "MH_SLACHTOFFERS"


TEXTS: dict[str, dict[str, str]] = {
    "nl": {
        "empty": "Geen cijfers voor deze selectie",
        "hidden": "{mark} niet getoond ter bescherming van personen",
        "provisional": "* voorlopig cijfer",
        "estimated": "~ geschat cijfer",
        "basis": "Telbasis",
        "source": "Bron: regionale monitor mensenhandel",
        "demo": "DEMO: synthetische cijfers, geen echte gegevens",
        "more": "{n} meer dan in {prev}",
        "less": "{n} minder dan in {prev}",
        "bit_more": "iets meer dan in {prev}",
        "bit_less": "iets minder dan in {prev}",
        "same": "evenveel als in {prev}",
        "no_prev": "geen vergelijking met {prev}",
        "total": "Totaal",
        "delivered": "geleverd",
        "prov": "voorlopig",
        "not_collected": "nog niet verzameld",
        "missing": "ontbreekt",
        "public_off": "NIET OPENBAAR: kleine aantallen zichtbaar",
    },
    "en": {
        "empty": "No figures for this selection",
        "hidden": "{mark} not shown to protect persons",
        "provisional": "* provisional figure",
        "estimated": "~ estimated figure",
        "basis": "Counting basis",
        "source": "Source: regional human-trafficking monitor",
        "demo": "DEMO: synthetic figures, not real data",
        "more": "{n} more than in {prev}",
        "less": "{n} fewer than in {prev}",
        "bit_more": "slightly more than in {prev}",
        "bit_less": "slightly fewer than in {prev}",
        "same": "the same as in {prev}",
        "no_prev": "no comparison with {prev}",
        "total": "Total",
        "delivered": "delivered",
        "prov": "provisional",
        "not_collected": "not yet collected",
        "missing": "missing",
        "public_off": "NOT PUBLIC: small counts visible",
    },
}


def tr(lang: str, key: str, **kw: Any) -> str:
    return TEXTS["en" if lang == "en" else "nl"][key].format(**kw)


@dataclass(frozen=True)
class Options:
    """The selection a chart is drawn for. ``None`` means: the sensible default."""

    indicator: str | None = None
    org_unit: str | None = None          # default: the store's region
    period_from: str | None = None       # SDMX period codes; their frequency sets the chart's
    period_to: str | None = None
    year: int | None = None              # for one-year charts (tiles, comparison, profile); default: the last
    dimension: str | None = None         # for the breakdown
    focus: str | None = None             # a municipality to highlight (desk view)
    public: bool = False
    lang: str = "nl"
    theme: str = "light"
    figsize: tuple[float, float] | None = None
    notes_in_figure: bool = True         # False where the notes follow as text (the report)

    def with_(self, **kw: Any) -> Options:
        return replace(self, **kw)

    @property
    def freq(self) -> str:
        for p in (self.period_from, self.period_to):
            if p:
                return _periods.parse(p).freq
        return "A"


def parse_period_range(text: str | None) -> tuple[str | None, str | None]:
    """``2024`` → (2024, 2024); ``2019:2024`` or ``2023-Q1:2024-Q4`` → both ends; refusals name the text."""
    if not text:
        return None, None
    parts = [p.strip() for p in text.split(":")]
    if len(parts) > 2:
        raise MhdeskError(f"'{text}' is not a period or a range of periods",
                          hint="Write e.g. --period 2024, --period 2019:2024 or --period 2023-Q1:2024-Q4.")
    try:
        first = _periods.parse(parts[0]).code if parts[0] else None
        last = _periods.parse(parts[-1]).code if parts[-1] else None
    except _periods.PeriodError as exc:
        raise MhdeskError(f"--period: {exc}") from None
    if first and last:
        a, b = _periods.parse(first), _periods.parse(last)
        if a.freq != b.freq:
            raise MhdeskError(f"'{text}': both ends of a range must be of the same kind (years, quarters, …)")
        if b < a:
            first, last = last, first
    return first, last


@dataclass
class Source:
    """The figures charts are drawn from (protected as a whole when ``public``)."""

    frame: pd.DataFrame
    catalogue: Catalogue
    region: str
    demo: bool
    public: bool
    footnotes: list[FootnoteRow] = field(default_factory=list)
    protection: str | None = None  # the audit's one-line summary

    @classmethod
    def from_store(cls, store: Store, *, indicators: Sequence[str] | None = None,
                   org_units: Sequence[str] | None = None, periods: Sequence[str] | None = None,
                   public: bool = False, totals_only: bool = False) -> Source:
        """Read the figures (in public mode always whole indicators over the region, then protect them).

        ``periods``: only these period codes (e.g. :data:`YEARS` for everything shown per year); in public
        mode the publication is exactly what is read, so read what will be shown.
        """
        from mhdesk.store.values import footnotes, frame

        if public:
            org_units = None  # linked tables are protected as one publication
        df = frame(store, indicators=indicators, org_units=org_units, periods=periods,
                   totals_only=totals_only and not public)
        notes = [f for f in footnotes(store) if indicators is None or f.indicator in indicators]
        src = cls(df, store.catalogue, store.region, store.is_demo, False, notes)
        if public:
            src = src.protected(store)
        return src

    def protected(self, store: Store | None = None) -> Source:
        """The same figures after disclosure control (the whole frame at once)."""
        df, summary = protect_frame(self.frame, self.catalogue, store)
        return Source(df, self.catalogue, self.region, self.demo, True, self.footnotes, summary)

    # -- selections ---------------------------------------------------------------------
    def unit(self, opt: Options) -> str:
        return opt.org_unit or self.region

    def rows(self, indicator: str, org_unit: str, *, dims: dict[str, str | None] | None = None) -> pd.DataFrame:
        """Rows of one indicator and org unit. ``dims``: code per dimension, ``None`` = any non-total code;
        dimensions not named must be totals."""
        df = self.frame
        if df.empty:
            return df
        mask = (df["indicator"] == indicator) & (df["org_unit"] == org_unit)
        dims = dims or {}
        for d in DIMENSIONS:
            want = dims.get(d, "")
            if d in dims and want is None:
                mask &= df[d] != ""
            else:
                mask &= df[d] == want
        return df[mask]

    def period_codes(self, opt: Options, rows: pd.DataFrame) -> list[str]:
        """The periods of ``rows`` of the chart's frequency, within the chosen range, in time order."""
        freq = opt.freq
        out: list[tuple[_periods.Period, str]] = []
        lo = _periods.parse(opt.period_from) if opt.period_from else None
        hi = _periods.parse(opt.period_to) if opt.period_to else None
        for code in set(rows["period"]) if len(rows) else ():
            p = _periods.parse(code)
            if p.freq != freq or (lo and p < lo) or (hi and p > hi):
                continue
            out.append((p, code))
        return [c for _, c in sorted(out)]

    def last_year(self, indicators: Sequence[str], org_unit: str) -> int | None:
        """The last year with a figure (not "not collected") for any of ``indicators``."""
        df = self.frame
        if df.empty:
            return None
        sel = df[df["indicator"].isin(list(indicators)) & (df["org_unit"] == org_unit) & (df["status"] != "M")]
        years = [int(p) for p in sel["period"].unique() if str(p).isdigit()]
        return max(years) if years else None

    def notes_for(self, indicators: Sequence[str], periods: Sequence[str], org_units: Sequence[str],
                  shown: pd.DataFrame | None, opt: Options) -> list[str]:
        """Footnotes beneath a chart: basis, standing and period footnotes, value notes, marks used."""
        lang = opt.lang
        cat = self.catalogue
        out: list[str] = []
        bases = []
        for ind in indicators:
            info = cat.indicators[ind]
            bases.append(f"{info.label(lang)}: {info.basis(lang)}" if len(indicators) > 1 else info.basis(lang))
        if bases:
            out.append(f"{tr(lang, 'basis')}: " + "; ".join(bases) + ".")
        for ind in indicators:
            fn = cat.indicators[ind].footnote(lang)
            if fn:
                out.append(fn)
        pset = set(periods)
        for f in self.footnotes:
            if f.indicator in indicators and (f.period is None or f.period in pset) and \
                    (f.org_unit is None or f.org_unit in org_units) and f.text not in out:
                out.append(f.text)
        if shown is not None and len(shown):
            for note in shown["note"].dropna().unique():
                if note and note not in out:
                    out.append(str(note))
            st = set(shown["status"])
            if "P" in st:
                out.append(tr(lang, "provisional"))
            if "E" in st:
                out.append(tr(lang, "estimated"))
        if self.public:
            out.append(tr(lang, "hidden", mark=HIDDEN_MARK))
        return out


#: Every year code a store can hold figures for: what yearly charts, the desk view and the report read.
YEARS: tuple[str, ...] = tuple(str(y) for y in range(1990, 2101))


def periods_between(freq: str, first: str | None, last: str | None) -> list[str]:
    """Period codes of ``freq`` from the period before ``first`` (for the change) up to ``last``."""
    lo = _periods.parse(first).previous() if first else _periods.make(1990, freq, 1)
    hi = _periods.parse(last) if last else _periods.make(2100, freq, {"A": 1, "S": 2, "Q": 4, "M": 12}[freq])
    out: list[str] = []
    p = hi
    while p >= lo:
        out.append(p.code)
        p = p.previous()
    return out[::-1]


def small_difference(diff: float, is_amount: bool, public: bool) -> bool:
    """In public outputs a count difference of 1 to k−1 is said in words ("iets meer"), not as a number,
    so that no small number appears in a publication (it could be mistaken for a count of persons)."""
    return public and not is_amount and 0 < abs(diff) < DEFAULT_K


def is_hidden(status: str, value: float | None) -> bool:
    return status == HIDDEN


def protect_frame(df: pd.DataFrame, cat: Catalogue, store: Store | None) -> tuple[pd.DataFrame, str | None]:
    """Disclosure control of the whole frame: ``mhdesk.disclosure`` when present, else the threshold rule.

    The threshold rule alone (counts 1 to k−1 hidden, k = 5) is the floor that holds until the
    disclosure core with secondary suppression and its audit is installed.
    """
    try:
        from mhdesk.disclosure import Rules, protect
    except ImportError:
        return _threshold(df, cat), None
    rules = Rules.from_store(store) if store is not None else Rules()
    result = protect(df, cat, rules)
    return result.frame, getattr(result.audit, "summary", None)


def _threshold(df: pd.DataFrame, cat: Catalogue, k: int = DEFAULT_K) -> pd.DataFrame:
    out = df.copy()
    if out.empty:
        return out
    counts = [c for c, i in cat.indicators.items() if not i.is_amount]
    small = out["indicator"].isin(counts) & (out["value"] >= 1) & (out["value"] < k)
    out.loc[small, "value"] = float("nan")
    out.loc[small, "status"] = HIDDEN
    out.loc[small, "note"] = None
    return out


def value_of(row: Any) -> float | None:
    """A row's value, or None when hidden or not collected."""
    v = row["value"]
    if row["status"] in (HIDDEN, "M") or v != v:
        return None
    return float(v)
