"""The mhdesk Excel entry template: a workbook a partner fills in without help, and ``import`` reads back.

Sheets: ``Instructies`` (what to do, in plain Dutch), ``Invoer`` (one row per figure: the
cells to fill are pre-listed; header and codes are locked, drop-downs for codes, only whole
numbers ≥ 0 accepted for counts and amounts ≥ 0 for euro), ``Codes`` (every code with its
meaning) and a hidden ``_mhdesk`` sheet that marks the workbook as an mhdesk template.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import IO, Any

from mhdesk.catalogue import CANONICAL_COLUMNS, DIMENSIONS, Catalogue
from mhdesk.catalogue import periods as periods_mod
from mhdesk.errors import MhdeskError
from mhdesk.exporting.safety import neutralise
from mhdesk.fileio import atomic_write
from mhdesk.importing.readers import TEMPLATE_DATA_SHEET, TEMPLATE_MARKER, TEMPLATE_MARKER_SHEET
from mhdesk.store import Store

TEMPLATE_VERSION = "1"
EXPLAIN = "uitleg"
FREE_ROWS = 300
#: Column headers the partner sees (import reads them as the canonical fields).
DUTCH_HEADERS = {"value": "waarde", "note": "toelichting", "org_unit": "gebied", "period": "periode"}

INSTRUCTIONS = [
    "Invulsjabloon monitor mensenhandel",
    "",
    "Wat wordt gevraagd",
    "Vul op het werkblad 'Invoer' in de kolom 'waarde' het aantal (of bedrag in euro) in voor elke regel waarvoor u "
    "een cijfer heeft. De kolom 'uitleg' zegt in woorden wat er per regel wordt gevraagd.",
    "Een lege dimensiekolom (bijvoorbeeld 'vorm') betekent: het totaal over alle vormen samen.",
    "",
    "Regels",
    "• Aantallen zijn hele getallen van 0 of meer, alleen cijfers (geen punt voor duizendtallen). Bedragen in euro "
    "mogen twee decimalen hebben.",
    "• 0 is een echt cijfer: vul 0 in als er niets was. Laat de regel leeg als u het cijfer niet heeft.",
    "• Levert u dit cijfer (nog) niet? Laat 'waarde' leeg en kies in 'status' M (nog niet geleverd).",
    "• Is het cijfer voorlopig, kies dan P; is het geschat, kies E. Een gewoon cijfer laat 'status' leeg.",
    "• Vul altijd het exacte cijfer in, ook als het klein is. Schrijf nooit '<5', '*' of 'x': de monitor schermt "
    "kleine aantallen zelf af voordat iets wordt gepubliceerd.",
    "• Heeft u een uitsplitsing die niet is voorgedrukt, vul dan een lege regel onderaan in; kies codes uit de "
    "keuzelijsten (zie ook het werkblad 'Codes').",
    "• Een toelichting bij een cijfer mag in de kolom 'toelichting'.",
    "",
    "Privacy",
    "Dit sjabloon is alleen voor geaggregeerde cijfers. Zet er nooit namen, BSN's, geboortedata, adressen of één "
    "regel per persoon in: zo'n bestand wordt geweigerd.",
    "",
    "Terugsturen",
    "Sla het bestand op als Excel-werkmap (.xlsx, zonder macro's) en stuur het terug naar de coördinator. "
    "Verander de kopregel en de werkbladnamen niet.",
]


def default_period(today: date | None = None) -> str:
    return str((today or date.today()).year - 1)


def template_rows(cat: Catalogue, org_unit: str, period: str) -> list[tuple[str, dict[str, str], str]]:
    """(indicator, {dimension: code}, explanation) for every pre-listed line: total, then one per code."""
    out: list[tuple[str, dict[str, str], str]] = []
    for ind in cat.indicators.values():
        unit = "bedrag in euro" if ind.is_amount else "aantal"
        out.append((ind.code, {}, f"{ind.label_nl} — totaal ({unit})"))
        for d in ind.dimensions:
            dim = cat.dimensions[d]
            for c in dim.codes:
                out.append((ind.code, {d: c.code}, f"{ind.label_nl} — {dim.label_nl.lower()}: {c.label_nl}"))
    return out


def write_template(store: Store, out: str | Path, *, period: str | None = None, org_unit: str | None = None) -> int:
    """Write the template for ``org_unit`` (default: the store's region) and ``period``. Returns pre-listed lines."""
    cat = store.catalogue
    region = store.region
    try:
        per = periods_mod.normalise(period) if period else default_period()
    except periods_mod.PeriodError:
        raise MhdeskError(f"'{period}' is geen periode; schrijf bijvoorbeeld 2024, 2024-S1, 2024-Q3 of 2024-M07") from None
    if org_unit:
        found = cat.find_org_unit(org_unit)
        if len(found) != 1:
            raise MhdeskError(f"onbekend of dubbelzinnig gebied '{org_unit}'",
                              hint="Gebruik een CBS-code (GM0855, VR20) of RIEC-code; zie mhdesk catalogue org-units.")
        ou = found[0]
        if not cat.is_within(ou, region):
            raise MhdeskError(f"{ou} ligt buiten de regio van deze store ({region})")
    else:
        ou = region
    lines = template_rows(cat, ou, per)

    def writer(fh: IO[bytes]) -> None:
        _build(cat, region, ou, per, lines).save(fh)

    atomic_write(Path(out), writer)
    return len(lines)


def _build(cat: Catalogue, region: str, ou: str, per: str, lines: list[tuple[str, dict[str, str], str]]) -> Any:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.workbook.defined_name import DefinedName
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ins = wb.active
    ins.title = "Instructies"
    ins.column_dimensions["A"].width = 100
    ins["A1"].font = Font(bold=True, size=14)
    for n, line in enumerate(INSTRUCTIONS, start=1):
        c = ins.cell(row=n, column=1, value=neutralise(line))
        c.alignment = Alignment(wrap_text=True, vertical="top")
        ins.row_dimensions[n].height = 15 * max(1, -(-len(line) // 95))  # wrapped lines need room
        if line in ("Wat wordt gevraagd", "Regels", "Privacy", "Terugsturen"):
            c.font = Font(bold=True)
    base = len(INSTRUCTIONS) + 2
    ins.cell(row=base, column=1, value=f"Gebied: {ou} {cat.org_unit_label(ou)} — periode: {per}").font = Font(bold=True)
    ins.protection.sheet = True
    ins.page_setup.orientation = "landscape"
    ins.page_setup.fitToWidth = 1
    ins.page_setup.fitToHeight = 0
    ins.sheet_properties.pageSetUpPr.fitToPage = True

    ws = wb.create_sheet(TEMPLATE_DATA_SHEET)
    # What to fill in sits next to the words that explain it; the codes follow for import.
    headers = [EXPLAIN, "value", "status", "note", "indicator", "org_unit", "period", *DIMENSIONS]
    col = {h: i + 1 for i, h in enumerate(headers)}
    ws.append([DUTCH_HEADERS.get(h, h) for h in headers])  # Dutch names that import recognises
    head_fill = PatternFill("solid", fgColor="DDE4EE")
    fill_in = PatternFill("solid", fgColor="FFF9D6")
    for c in ws[1]:
        c.font = Font(bold=True)
        c.fill = head_fill
        c.protection = Protection(locked=True)
    ws.freeze_panes = "B2"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    amounts = {c for c, i in cat.indicators.items() if i.is_amount}
    unlocked = Protection(locked=False)
    count_cells: list[str] = []
    amount_cells: list[str] = []
    vl = get_column_letter(col["value"])
    for r, (ind, dims, explain) in enumerate(lines, start=2):
        cells = {"indicator": ind, "org_unit": ou, "period": per, EXPLAIN: neutralise(explain), **dims}
        ws.append([cells.get(h) for h in headers])
        for name in ("value", "status", "note"):
            cell = ws.cell(row=r, column=col[name])
            cell.protection = unlocked
            cell.fill = fill_in
        ws.cell(row=r, column=col["value"]).number_format = "0.00" if ind in amounts else "0"
        (amount_cells if ind in amounts else count_cells).append(f"{vl}{r}")
    first_free = len(lines) + 2
    last_free = first_free + FREE_ROWS - 1
    for r in range(first_free, last_free + 1):
        for h in CANONICAL_COLUMNS:
            ws.cell(row=r, column=col[h]).protection = unlocked
    widths = {"indicator": 30, "org_unit": 12, "period": 10, "value": 12, "status": 8, "note": 30, EXPLAIN: 78}
    for h, i in col.items():
        ws.column_dimensions[get_column_letter(i)].width = widths.get(h, 14)
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.autoFilter = False

    # Codes sheet, and named lists for the drop-downs
    codes = wb.create_sheet("Codes")
    lists: dict[str, list[tuple[str, str]]] = {
        "indicator": [(i.code, i.label_nl) for i in cat.indicators.values()],
        "org_unit": [(c, cat.org_unit_label(c)) for c in cat.region_units(region)],
        "status": [("P", "voorlopig"), ("E", "geschat"), ("M", "nog niet geleverd")],
    }
    for d in DIMENSIONS:
        lists[d] = [(c.code, c.label_nl) for c in cat.dimensions[d].codes]
    c0 = 1
    for name, items in lists.items():
        codes.cell(row=1, column=c0, value=name).font = Font(bold=True)
        codes.cell(row=1, column=c0 + 1, value="betekenis").font = Font(bold=True)
        for n, (code, label) in enumerate(items, start=2):
            codes.cell(row=n, column=c0, value=code)
            codes.cell(row=n, column=c0 + 1, value=neutralise(label))
        letter = get_column_letter(c0)
        ref = f"Codes!${letter}$2:${letter}${len(items) + 1}"
        wb.defined_names[f"lijst_{name}"] = DefinedName(f"lijst_{name}", attr_text=ref)
        codes.column_dimensions[letter].width = 26
        codes.column_dimensions[get_column_letter(c0 + 1)].width = 34
        c0 += 3
    codes.protection.sheet = True

    for name in ("indicator", "org_unit", *DIMENSIONS, "status"):
        letter = get_column_letter(col[name])
        dv = DataValidation(type="list", formula1=f"=lijst_{name}", allow_blank=True, showErrorMessage=True,
                            errorTitle="Onbekende code", error=f"Kies een code uit de lijst (zie werkblad Codes) "
                            f"voor {name}, of laat de cel leeg.")
        if name == "status":
            dv.add(f"{letter}2:{letter}{last_free}")
        else:
            dv.add(f"{letter}{first_free}:{letter}{last_free}")
        ws.add_data_validation(dv)
    whole = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                           showErrorMessage=True, errorTitle="Alleen hele getallen",
                           error="Een aantal is een heel getal van 0 of meer. Vul 0 in als er niets was; "
                                 "laat de cel leeg als u het cijfer niet heeft.",
                           showInputMessage=True, promptTitle="Aantal", prompt="Heel getal, 0 of meer")
    for ref in count_cells:
        whole.add(ref)
    ws.add_data_validation(whole)
    dec = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                         showErrorMessage=True, errorTitle="Alleen bedragen van 0 of meer",
                         error="Een bedrag in euro is 0 of meer, met hoogstens twee decimalen.",
                         showInputMessage=True, promptTitle="Bedrag", prompt="Bedrag in euro, 0 of meer")
    for ref in amount_cells:
        dec.add(ref)
    dec.add(f"{vl}{first_free}:{vl}{last_free}")
    ws.add_data_validation(dec)

    marker = wb.create_sheet(TEMPLATE_MARKER_SHEET)
    marker["A1"] = TEMPLATE_MARKER
    marker["A2"] = TEMPLATE_VERSION
    marker["A3"] = region
    marker["A4"] = ou
    marker["A5"] = per
    marker.sheet_state = "hidden"
    marker.protection.sheet = True
    wb.active = 0
    wb.properties.title = f"mhdesk invulsjabloon {ou} {per}"
    wb.properties.creator = "mhdesk"
    return wb
