"""The council report: a PDF a coordinator can send to a mayor as is.

fpdf2 rather than matplotlib's PdfPages: the report is mostly running text (generated
sentences, the coordinator's background text, footnotes, definitions) that must wrap,
flow over pages and stay real text that ``pdftotext`` and screen readers extract; PdfPages
only stacks whole figures. The charts are the same ``mhdesk.charts`` figures, embedded as
PNG. Disclosure control is always on: the whole publication is protected once, then every
chart, table and sentence is drawn from that one protected frame.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mhdesk.errors import MhdeskError

if TYPE_CHECKING:
    from fpdf import FPDF

    from mhdesk.charts.data import Source
    from mhdesk.report.chapters import Stated
    from mhdesk.store import Store

REPORT_FIGSIZE = (10.0, 5.6)
CHART_DPI = 130


@dataclass(frozen=True)
class ReportOptions:
    year: int | None = None
    org_unit: str | None = None
    lang: str = "nl"


@dataclass
class ReportResult:
    path: Path | None
    year: int
    pages: int
    protection: str | None
    stated: list[Stated] = field(default_factory=list)
    key_figures: list[dict[str, Any]] = field(default_factory=list)
    charts: list[Any] = field(default_factory=list)  # the Drawn charts (their tables are the report's figures)


_T = {
    "nl": {
        "title": "Monitor mensenhandel", "subtitle": "Rapportage voor burgemeesters en gemeenteraden",
        "summary": "Samenvatting: de kerncijfers", "indicator": "Indicator", "change": "Verandering",
        "definitions": "Definities van de indicatoren", "sources": "Bronnen en volledigheid",
        "page": "Pagina {n} van {nb}", "background": "Toelichting van de coördinator",
        "notes": "Voetnoten", "basis": "Telbasis", "made": "Opgesteld met mhdesk op {d}",
        "demo": "DEMO: synthetische cijfers, geen echte gegevens",
        "protect": "Kleine aantallen (1 tot en met 4) zijn niet getoond, en waar nodig ook cellen waaruit ze "
                   "terug te rekenen zijn; zulke cellen staan als x in tabellen en grafieken. "
                   "Het rapport bevat geen gegevens die tot personen herleidbaar zijn.",
        "sources_text": "De cijfers komen van de partners in de regionale aanpak van mensenhandel (politie, "
                        "Koninklijke Marechaussee, Nederlandse Arbeidsinspectie, zorgcoördinatie, gemeenten, "
                        "Openbaar Ministerie, FIU-Nederland) en zijn door de coördinator in mhdesk vastgelegd.",
        "imports": "Laatst ingelezen bestanden", "none_delivered": "Voor dit hoofdstuk zijn geen cijfers beschikbaar.",
        "for": "voor", "year": "Jaar",
    },
    "en": {
        "title": "Human-trafficking monitor", "subtitle": "Report for mayors and municipal councils",
        "summary": "Summary: the key figures", "indicator": "Indicator", "change": "Change",
        "definitions": "Definitions of the indicators", "sources": "Sources and completeness",
        "page": "Page {n} of {nb}", "background": "Background from the coordinator",
        "notes": "Footnotes", "basis": "Counting basis", "made": "Made with mhdesk on {d}",
        "demo": "DEMO: synthetic figures, not real data",
        "protect": "Small counts (1 to 4) are not shown, nor, where needed, cells from which they could be "
                   "worked back; such cells appear as x in tables and charts. The report holds no data that "
                   "can be traced to a person.",
        "sources_text": "The figures come from the partners in the regional approach to human trafficking and "
                        "were recorded in mhdesk by the coordinator.",
        "imports": "Files imported last", "none_delivered": "No figures are available for this chapter.",
        "for": "for", "year": "Year",
    },
}


def _fonts() -> tuple[str, str]:
    import matplotlib

    base = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    return str(base / "DejaVuSans.ttf"), str(base / "DejaVuSans-Bold.ttf")


def build_report(store: Store, opt: ReportOptions) -> tuple[bytes, ReportResult]:
    """The report as PDF bytes, and what it states (for tests and the window)."""
    from mhdesk.charts import check_options
    from mhdesk.charts.data import KEY_INDICATORS, YEARS, Options, Source
    from mhdesk.charts.kinds import key_figures

    lang = "en" if opt.lang == "en" else "nl"
    # Disclosure control: always, once, on everything the report shows (its figures are yearly).
    src = Source.from_store(store, periods=YEARS, public=True)
    base = Options(org_unit=opt.org_unit, public=True, lang=lang, figsize=REPORT_FIGSIZE, focus=opt.org_unit,
                   notes_in_figure=False)
    check_options(src, base)
    unit = opt.org_unit or src.region
    year = (opt.year or src.last_year(list(src.catalogue.indicators), unit)
            or src.last_year(list(src.catalogue.indicators), src.region) or date.today().year - 1)
    base = base.with_(year=year, period_to=str(year))
    result = ReportResult(None, year, 0, src.protection)
    result.key_figures = key_figures(src, base, KEY_INDICATORS)
    pdf = _Pdf(lang, src.demo)
    _title_page(pdf, store, src, unit, year, lang)
    _summary(pdf, src, base, result, lang)
    from mhdesk.report.chapters import CHAPTERS, state_figure
    from mhdesk.report.texts import chapter_texts

    texts = chapter_texts(store)
    for ch in CHAPTERS:
        pdf.add_page()
        pdf.heading(ch.title(lang))
        stated = [state_figure(src, ind, unit, year, lang) for ind in ch.indicators]
        result.stated.extend(stated)
        pdf.body(" ".join(s.sentence for s in stated))
        if texts.get(ch.code):
            pdf.subheading(_T[lang]["background"])
            pdf.body(texts[ch.code])
        drawn_any = False
        for name, kw in ch.charts:
            chart_opt = base.with_(**kw)
            if name == "comparison":
                chart_opt = chart_opt.with_(figsize=None)  # as tall as its list of municipalities
            drawn = _chart(src, name, chart_opt)
            if drawn is None:
                continue
            drawn_any = True
            result.charts.append(drawn)
            pdf.chart(drawn)
        if not drawn_any:
            pdf.body(_T[lang]["none_delivered"])
    _definitions(pdf, src, lang)
    _sources(pdf, store, src, base, result, lang)
    result.pages = pdf.pages_count
    data = bytes(pdf.output())
    return data, result


def write_report(store: Store, out: str | os.PathLike[str], opt: ReportOptions) -> ReportResult:
    from mhdesk.fileio import atomic_write

    out = Path(out)
    if out.suffix.lower() != ".pdf":
        raise MhdeskError(f"{out}: the report is a PDF; give the file the extension .pdf")
    if not out.parent.exists():
        raise MhdeskError(f"folder {out.parent} does not exist")
    data, result = build_report(store, opt)
    atomic_write(out, data)
    result.path = out
    return result


def _chart(src: Source, name: str, opt: Any) -> Any:
    from mhdesk.charts import draw

    drawn = draw(name, src, opt)
    return None if drawn.empty else drawn


# -- the PDF --------------------------------------------------------------------------------


def _make_pdf_class() -> type[FPDF]:
    from fpdf import FPDF

    class Pdf(FPDF):
        def __init__(self, lang: str, demo: bool) -> None:
            super().__init__(orientation="P", unit="mm", format="A4")
            self.rlang = lang
            self.demo = demo
            regular, bold = _fonts()
            self.add_font("DejaVu", "", regular)
            self.add_font("DejaVu", "B", bold)
            self.set_font("DejaVu", size=10.5)
            self.set_auto_page_break(True, margin=20)
            self.set_margins(20, 18, 20)
            self.set_creator("mhdesk")
            self.set_lang("nl-NL" if lang == "nl" else "en-GB")

        def footer(self) -> None:
            self.set_y(-13)
            self.set_font("DejaVu", size=8.5)
            self.set_text_color(110, 110, 110)
            if self.demo:
                self.set_text_color(213, 94, 0)
                self.cell(0, 5, _T[self.rlang]["demo"], align="L")
                self.set_x(self.l_margin)
                self.set_text_color(110, 110, 110)
            self.cell(0, 5, _T[self.rlang]["page"].format(n=self.page_no(), nb="{nb}"), align="R")
            self.set_text_color(0, 0, 0)

        def heading(self, text: str) -> None:
            self.set_font("DejaVu", "B", 17)
            self.set_text_color(0, 0x72, 0xB2)
            self.multi_cell(0, 9, text, new_x="LMARGIN", new_y="NEXT", align="L")
            self.set_text_color(0, 0, 0)
            self.ln(2)
            self.set_font("DejaVu", size=10.5)

        def subheading(self, text: str) -> None:
            self.ln(1)
            self.set_font("DejaVu", "B", 12)
            self.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT", align="L")
            self.set_font("DejaVu", size=10.5)

        def body(self, text: str, size: float = 10.5, color: tuple[int, int, int] = (0, 0, 0)) -> None:
            self.set_font("DejaVu", size=size)
            self.set_text_color(*color)
            for para in [p for p in text.split("\n\n") if p.strip()] or [""]:
                self.multi_cell(0, size * 0.52, para.strip(), new_x="LMARGIN", new_y="NEXT", align="L")
                self.ln(1.5)
            self.set_text_color(0, 0, 0)

        def chart(self, drawn: Any) -> None:
            """A chart as an image (its own footnotes are in it), then its footnotes as text for readers."""
            from matplotlib.backends.backend_agg import FigureCanvasAgg
            from PIL import Image

            # Raw pixels straight to fpdf2 (which deflates them once): no PNG encode and decode in between.
            drawn.figure.set_dpi(CHART_DPI)
            canvas = FigureCanvasAgg(drawn.figure)
            canvas.draw()  # type: ignore[no-untyped-call]
            width, height = canvas.get_width_height()
            rgba = canvas.buffer_rgba()  # type: ignore[no-untyped-call]
            img = Image.frombuffer("RGBA", (width, height), rgba, "raw", "RGBA", 0, 1).convert("RGB")
            w = self.w - self.l_margin - self.r_margin
            fw, fh = drawn.figure.get_size_inches()
            h = w * fh / fw
            if h > 150:  # a tall chart (many municipalities): keep it on one page
                w, h = w * 150 / h, 150.0
            notes = [n for n in drawn.notes if n]
            need = h + 4 + 4.2 * len(notes)
            if self.get_y() + need > self.page_break_trigger:
                self.add_page()
            self.image(img, x=self.l_margin, y=self.get_y(), w=w, h=h, alt_text=drawn.title)
            self.set_y(self.get_y() + h + 1)
            if notes:
                self.body("\n\n".join(notes), size=8, color=(90, 90, 90))
            self.ln(3)

    return Pdf


def _Pdf(lang: str, demo: bool) -> Any:
    return _make_pdf_class()(lang, demo)


def _title_page(pdf: Any, store: Store, src: Source, unit: str, year: int, lang: str) -> None:
    t = _T[lang]
    pdf.add_page()
    pdf.set_y(70)
    pdf.set_font("DejaVu", "B", 30)
    pdf.set_text_color(0, 0x72, 0xB2)
    pdf.multi_cell(0, 14, f"{t['title']} {year}", new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("DejaVu", "B", 18)
    cat = src.catalogue
    region_name = cat.org_unit_label(src.region)
    pdf.multi_cell(0, 10, f"Regio {region_name}" if lang == "nl" else f"Region {region_name}",
                   new_x="LMARGIN", new_y="NEXT", align="L")
    if unit != src.region:
        pdf.multi_cell(0, 10, f"{t['for']} {cat.org_unit_label(unit)}", new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.ln(4)
    pdf.set_font("DejaVu", size=13)
    pdf.multi_cell(0, 7, t["subtitle"], new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.ln(30)
    pdf.set_font("DejaVu", size=10)
    pdf.set_text_color(90, 90, 90)
    pdf.multi_cell(0, 5.5, t["made"].format(d=date.today().strftime("%d-%m-%Y")), new_x="LMARGIN", new_y="NEXT", align="L")
    if src.demo:
        pdf.ln(10)
        pdf.set_font("DejaVu", "B", 22)
        pdf.set_text_color(213, 94, 0)
        pdf.multi_cell(0, 12, t["demo"], new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_text_color(0, 0, 0)


def _summary(pdf: Any, src: Source, base: Any, result: ReportResult, lang: str) -> None:
    from mhdesk.charts.style import format_value

    t = _T[lang]
    pdf.add_page()
    pdf.heading(t["summary"])
    year = result.year
    figs = result.key_figures
    if figs:
        pdf.set_font("DejaVu", size=10)
        with pdf.table(col_widths=(78, 24, 24, 44), text_align=("LEFT", "RIGHT", "RIGHT", "LEFT"),
                       line_height=6, first_row_as_headings=True) as table:
            head = table.row()
            for h in (t["indicator"], str(year), str(year - 1), t["change"]):
                head.cell(h)
            for f in figs:
                r = table.row()
                r.cell(f["label"])
                r.cell(format_value(f["value"], f["is_amount"]) + ("*" if f["status"] == "P" else ""))
                prev = f["previous"]
                r.cell(format_value(prev, f["is_amount"]) if f["previous_status"] not in (None, "M") else "–")
                r.cell(_short_change(f, lang))
        pdf.ln(2)
        if any(f["status"] == "P" for f in figs):
            pdf.body("* " + ("voorlopig cijfer" if lang == "nl" else "provisional figure"), size=8.5,
                     color=(90, 90, 90))
    from mhdesk.charts import draw

    drawn = draw("tiles", src, base)
    if not drawn.empty:
        result.charts.append(drawn)
        pdf.chart(drawn)
    pdf.body(t["protect"], size=9, color=(60, 60, 60))


def _short_change(f: dict[str, Any], lang: str) -> str:
    from mhdesk.charts.data import small_difference
    from mhdesk.charts.style import format_value, nl_number

    if f["value"] is None or f["previous"] is None:
        return "–"
    diff = f["value"] - f["previous"]
    if round(diff, 2) == 0:
        return "gelijk" if lang == "nl" else "same"
    sign = "+" if diff > 0 else "−"
    pct = f" ({sign}{nl_number(abs(diff) / f['previous'] * 100)}%)" if f["previous"] else ""
    if small_difference(diff, f["is_amount"], True):  # the report is always public: no small numbers
        word = ("iets meer" if diff > 0 else "iets minder") if lang == "nl" else (
            "slightly more" if diff > 0 else "slightly less")
        return f"{word}{pct}"
    return f"{sign}{format_value(abs(diff), f['is_amount'], compact=True)}{pct}"


def _definitions(pdf: Any, src: Source, lang: str) -> None:
    t = _T[lang]
    pdf.add_page()
    pdf.heading(t["definitions"])
    for info in src.catalogue.indicators.values():
        pdf.subheading(info.label(lang))
        txt = f"{info.definition(lang)}\n\n{t['basis']}: {info.basis(lang)}."
        fn = info.footnote(lang)
        if fn:
            txt += f"\n\n{fn}"
        pdf.body(txt, size=9.5)


def _sources(pdf: Any, store: Store, src: Source, base: Any, result: ReportResult, lang: str) -> None:
    from mhdesk.charts import draw
    from mhdesk.store.values import recent_sources

    t = _T[lang]
    pdf.add_page()
    pdf.heading(t["sources"])
    pdf.body(t["sources_text"])
    drawn = draw("completeness", src, base.with_(period_to=str(result.year), year=None))
    if not drawn.empty:
        result.charts.append(drawn)
        pdf.chart(drawn)
    imports = recent_sources(store, None, 8)
    if imports:
        pdf.subheading(t["imports"])
        lines = []
        for s in imports:
            name = s["file_name"] or s["kind"]
            lines.append(f"{str(s['at'])[:10]}  {name}  ({s['added']} + {s['changed']})")
        pdf.body("\n\n".join(lines), size=9)
    if src.footnotes:
        pdf.subheading(t["notes"])
        cat = src.catalogue
        pdf.body("\n\n".join(f"{cat.indicators[f.indicator].label(lang)}"
                             f"{' (' + f.period + ')' if f.period else ''}: {f.text}" for f in src.footnotes), size=9)
    pdf.body(t["protect"] + (f" {src.protection}." if src.protection else ""), size=9, color=(60, 60, 60))
