"""The report's chapters (one per theme of the monitor) and the plain-Dutch sentences that state the figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mhdesk.charts.data import HIDDEN, Options, Source, small_difference, tr, value_of
from mhdesk.charts.style import HIDDEN_MARK, format_value, nl_number


@dataclass(frozen=True)
class Chapter:
    code: str
    title_nl: str
    title_en: str
    indicators: tuple[str, ...]
    charts: tuple[tuple[str, dict[str, Any]], ...] = field(default_factory=tuple)

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_nl


CHAPTERS: tuple[Chapter, ...] = (
    Chapter("signalen", "Signalen en slachtoffers", "Signals and victims",
            ("MH_SIGNALEN", "MH_SLACHTOFFERS", "MH_OPVANG"),
            (("trend", {"indicator": "MH_SIGNALEN"}), ("breakdown", {"indicator": "MH_SIGNALEN"}),
             ("comparison", {"indicator": "MH_SIGNALEN"}), ("profile", {}))),
    Chapter("strafrecht", "Opsporing en vervolging", "Investigation and prosecution",
            ("MH_VERDACHTEN_AANGEHOUDEN", "MH_VERDACHTEN_OM", "MH_VERDACHTEN_VEROORDEELD"),
            (("chain", {}),)),
    Chapter("bestuurlijk", "Bestuurlijke aanpak", "Administrative approach",
            ("MH_BESTUURLIJKE_CONTROLES", "MH_BESTUURLIJKE_MAATREGELEN"),
            (("trend", {"indicator": "MH_BESTUURLIJKE_CONTROLES"}),
             ("breakdown", {"indicator": "MH_BESTUURLIJKE_CONTROLES", "dimension": "sector"}))),
    Chapter("bewustwording", "Bewustwording", "Awareness",
            ("MH_VOORLICHTINGEN", "MH_DEELNEMERS"),
            (("trend", {"indicator": "MH_VOORLICHTINGEN"}),
             ("breakdown", {"indicator": "MH_DEELNEMERS", "dimension": "doelgroep"}))),
    Chapter("criminele_uitbuiting", "Criminele uitbuiting", "Criminal exploitation",
            ("CU_SIGNALEN", "CU_MINDERJARIGEN"),
            (("trend", {"indicator": "CU_SIGNALEN"}),)),
    Chapter("financieel", "Financieel", "Financial",
            ("FIU_TRANSACTIES", "FIU_BEDRAG"),
            (("trend", {"indicator": "FIU_BEDRAG"}),)),
)


def chapter(code: str) -> Chapter:
    for c in CHAPTERS:
        if c.code == code:
            return c
    raise KeyError(code)


@dataclass
class Stated:
    """One figure the report states in words (what the public-mode tests check)."""

    indicator: str
    org_unit: str
    period: str
    value: float | None
    status: str
    sentence: str


def _lower_label(label: str, lang: str) -> str:
    return label[0].lower() + label[1:] if lang == "nl" else label[0].lower() + label[1:]


def state_figure(src: Source, ind: str, unit: str, year: int, lang: str) -> Stated:
    """One sentence in plain language: the figure, and how it compares to the year before."""
    cat = src.catalogue
    info = cat.indicators[ind]
    where = cat.org_unit_label(unit)
    rows = src.rows(ind, unit)
    by = {r["period"]: r for _, r in rows.iterrows()}
    cur = by.get(str(year))
    prev = by.get(str(year - 1))
    label = _lower_label(info.label(lang), lang)
    nl = lang != "en"
    if cur is None:
        s = (f"Over {label} in {where} zijn voor {year} geen cijfers geleverd." if nl
             else f"No figures on {label} in {where} were delivered for {year}.")
        return Stated(ind, unit, str(year), None, "", s)
    if cur["status"] == "M":
        s = (f"{info.label(lang)}: in {year} nog niet verzameld in {where}." if nl
             else f"{info.label(lang)}: not yet collected in {where} in {year}.")
        return Stated(ind, unit, str(year), None, "M", s)
    if cur["status"] == HIDDEN:
        s = (f"{info.label(lang)} in {year}: {tr(lang, 'hidden', mark=HIDDEN_MARK)}." if nl
             else f"{info.label(lang)} in {year}: {tr(lang, 'hidden', mark=HIDDEN_MARK)}.")
        return Stated(ind, unit, str(year), None, HIDDEN, s)
    v = value_of(cur)
    assert v is not None
    text_v = format_value(v, info.is_amount)
    pv = value_of(prev) if prev is not None else None
    if nl:
        s = (f"In {year} bedroeg de {label} in {where} {text_v}" if info.is_amount
             else f"In {year} telde {where} {text_v} {label}")
    else:
        s = (f"In {year} the {label} in {where} came to {text_v}" if info.is_amount
             else f"In {year} {where} counted {text_v} {label}")
    if prev is None or prev["status"] == "M":
        s += (f"; in {year - 1} werd dit nog niet verzameld." if nl else f"; in {year - 1} this was not yet collected.")
    elif pv is None:
        s += "."
    else:
        diff = v - pv
        amount = format_value(abs(diff), info.is_amount, compact=True)
        pct = f" ({'+' if diff > 0 else '−'}{nl_number(abs(diff) / pv * 100)}%)" if pv and round(diff, 2) else ""
        if round(diff, 2) == 0:
            s += f"; evenveel als in {year - 1}." if nl else f"; the same as in {year - 1}."
        elif small_difference(diff, info.is_amount, src.public):
            word = ("iets meer" if diff > 0 else "iets minder") if nl else ("slightly more" if diff > 0 else "slightly less")
            s += f"; dat is {word} dan in {year - 1}{pct}." if nl else f"; that is {word} than in {year - 1}{pct}."
        elif nl:
            word = "meer" if diff > 0 else "minder"
            s += f"; dat is {amount} {word} dan in {year - 1}{pct}."
        else:
            word = "more" if diff > 0 else "less"
            s += f"; that is {amount} {word} than in {year - 1}{pct}."
    if cur["status"] == "P":
        s += " Dit cijfer is voorlopig." if nl else " This figure is provisional."
    return Stated(ind, unit, str(year), v, str(cur["status"]), s)


def chapter_options(base: Options, kw: dict[str, Any]) -> Options:
    return base.with_(**kw)
