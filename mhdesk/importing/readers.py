"""Reading partners' CSV and XLSX files into a :class:`Table` of text cells, treating every byte as hostile.

Nothing here knows the catalogue's rules (that is ``mhdesk.checks``); it finds the table:
encoding, separator, sheet, header row, which column is which field, and refuses files
that are not a table of aggregate figures (binary junk, macros, entity bombs, person records).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import threading
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mhdesk.catalogue import CANONICAL_COLUMNS, DIMENSIONS, fold
from mhdesk.errors import MhdeskError

if TYPE_CHECKING:
    import pandas as pd

Progress = Callable[[int, int], None]

MAX_CSV_BYTES = 512 * 1024 * 1024
MAX_XLSX_BYTES = 100 * 1024 * 1024
MAX_XLSX_UNPACKED = 1024 * 1024 * 1024
MAX_ZIP_RATIO = 200
MAX_ROWS = 5_000_000
TEMPLATE_MARKER_SHEET = "_mhdesk"
TEMPLATE_MARKER = "mhdesk-template"
TEMPLATE_DATA_SHEET = "Invoer"
#: Field name to ignore a column on purpose (in a ``mapping``).
IGNORE = "negeren"

#: Header spellings (folded) per field; dimension columns also by their Dutch/English label.
_HEADER_NAMES: dict[str, tuple[str, ...]] = {
    "indicator": ("indicator", "indicatorcode", "indicator code", "indicator_code"),
    "org_unit": ("org_unit", "org unit", "orgunit", "gebied", "gemeente", "regio", "ref_area", "gebiedscode"),
    "period": ("period", "periode", "jaar", "time_period"),
    "value": ("value", "waarde", "aantal", "obs_value", "bedrag"),
    "status": ("status", "obs_status"),
    "note": ("note", "toelichting", "opmerking", "opmerkingen", "comment", "notitie"),
    IGNORE: ("uitleg",),  # the template's read-only explanation column
}
_DIM_EXTRA: dict[str, tuple[str, ...]] = {
    "vorm": ("vorm van uitbuiting", "uitbuitingsvorm"), "bron": ("bron (meldende organisatie)", "meldende organisatie"),
}

#: Header words that say a file holds records about persons (refused: the store is for aggregates only).
PERSON_WORDS = frozenset({
    "bsn", "burgerservicenummer", "naam", "voornaam", "voornamen", "achternaam", "roepnaam", "voorletters",
    "geboortedatum", "geboortedag", "geboorteplaats", "geboortejaar", "adres", "woonadres", "straat", "straatnaam",
    "huisnummer", "postcode", "telefoon", "telefoonnummer", "email", "e-mail", "emailadres", "name", "surname",
    "birthdate", "address", "dob", "bsn-nummer", "clientnummer", "dossiernummer", "persoonsnummer",
})
_AREA_WORDS = frozenset({"gemeente", "regio", "gebied", "organisatie", "bron", "indicator", "veiligheidsregio"})
_POSTCODE_RE = r"^\d{4}\s?[A-Za-z]{2}$"
_DATE_RE = r"^(\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?)$"
_BSN_RE = r"^\d{8,9}$"


class Cancelled(MhdeskError):
    def __init__(self) -> None:
        super().__init__("het inlezen is afgebroken; er is niets veranderd")


def check_cancel(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise Cancelled()


def header_field(header: str, mapping: dict[str, str] | None = None) -> str | None:
    """The mhdesk field a column header stands for (None when unrecognised)."""
    if mapping and header in mapping:
        return mapping[header]
    f = fold(header)
    for name, spellings in _HEADER_NAMES.items():
        if f in spellings:
            return name
    for dim in DIMENSIONS:
        if f == dim or f in _DIM_EXTRA.get(dim, ()):
            return dim
    return None


FIELDS: tuple[str, ...] = (*CANONICAL_COLUMNS, IGNORE)


@dataclass
class Table:
    """A file read as text cells, before any check: what the window's import screen previews.

    ``frame`` holds one column per recognised field (all text, '' for empty) and ``_row``, the
    row number as a spreadsheet shows it (header = row 1). ``columns`` maps each field to the
    header as it stands in the file, for messages.
    """

    file: Path
    file_name: str
    sha256: str
    kind: str  # "csv", "xlsx" or "template"
    headers: list[str]
    columns: dict[str, str]
    unrecognised: list[str]
    frame: pd.DataFrame
    encoding: str | None = None
    separator: str | None = None
    sheet: str | None = None
    decimal_comma: bool = False
    notes: list[str] = field(default_factory=list)
    formula_cells: list[tuple[int, str]] = field(default_factory=list)  # (row, header): formulas without a value

    def release(self) -> None:
        """Drop all but the first rows once checked (they live on in the check result): less memory while writing."""
        n = len(self.frame)
        if n > 100:
            self.frame = self.frame.head(100)
            self.released_rows = n

    released_rows: int | None = None

    @property
    def row_count(self) -> int:
        if self.released_rows is not None:
            return self.released_rows
        return len(self.frame)

    def describe(self) -> str:
        """One line on how the file was read (encoding, separator or sheet), so nothing is guessed silently."""
        if self.kind == "csv":
            sep = {";": "puntkomma (;)", ",": "komma (,)", "\t": "tab"}.get(self.separator or "", self.separator)
            enc = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 met BOM", "cp1252": "Windows-1252"}.get(
                self.encoding or "", self.encoding)
            extra = "; decimale komma in bedragen" if self.decimal_comma else ""
            return f"{self.file_name}: CSV, {enc}, scheidingsteken {sep}{extra}, {self.row_count} rijen"
        what = "mhdesk-sjabloon" if self.kind == "template" else "Excel"
        return f"{self.file_name}: {what}, werkblad '{self.sheet}', {self.row_count} rijen"

    def preview(self, limit: int = 100) -> list[tuple[int, dict[str, str]]]:
        """The first rows as (row number, {header as in the file: text})."""
        head = self.frame.head(limit)
        fields = [f for f in self.columns if f in head.columns]
        cols = [head[f].tolist() for f in fields]
        return [(int(row), {self.columns[f]: str(cols[k][n]) for k, f in enumerate(fields)})
                for n, row in enumerate(head["_row"].tolist())]


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def refuse(path: Path, message: str, hint: str | None = None, row: int = 0, column: str = "") -> MhdeskError:
    where = path.name + (f", rij {row}" if row else "") + (f", kolom '{column}'" if column else "")
    return MhdeskError(f"{where}: {message}", hint=hint)


def read_table(path: str | Path, *, sheet: str | None = None, mapping: dict[str, str] | None = None,
               progress: Progress | None = None, cancel: threading.Event | None = None) -> Table:
    """Read a CSV or XLSX file into a :class:`Table` (no catalogue checks yet)."""
    path = Path(path)
    try:
        return _read_table(path, sheet, mapping, progress, cancel)
    except OSError as exc:  # unreadable, vanished, permission denied
        raise MhdeskError(f"{path}: het bestand kan niet worden gelezen ({exc.strerror or type(exc).__name__})",
                          hint="Controleer of het bestand bestaat, niet in een ander programma is geopend en of "
                               "u het mag lezen.") from None


def _read_table(path: Path, sheet: str | None, mapping: dict[str, str] | None, progress: Progress | None,
                cancel: threading.Event | None) -> Table:
    if not path.exists():
        raise MhdeskError(f"{path}: bestand niet gevonden")
    if path.is_dir():
        raise MhdeskError(f"{path} is een map, geen bestand")
    suffix = path.suffix.lower()
    if suffix in (".xlsm", ".xltm", ".xlam"):
        raise refuse(path, "een Excel-bestand met macro's (.xlsm) wordt geweigerd",
                     "Sla het bestand op als gewone Excel-werkmap (.xlsx) zonder macro's.")
    if suffix in (".xls", ".ods", ".numbers"):
        raise refuse(path, f"{suffix}-bestanden worden niet gelezen", "Sla het bestand op als .xlsx of .csv.")
    size = path.stat().st_size
    if size == 0:
        raise refuse(path, "het bestand is leeg", "Controleer of het juiste bestand is gekozen.")
    with open(path, "rb") as fh:
        magic = fh.read(4)
    if suffix in (".xlsx", ".xltx") or magic == b"PK\x03\x04":
        if size > MAX_XLSX_BYTES:
            raise refuse(path, f"het bestand is groter dan {MAX_XLSX_BYTES // 2**20} MB",
                         "Splits het bestand, of lever het als CSV.")
        try:
            table = _read_xlsx(path, sheet, mapping, progress, cancel)
        except MhdeskError:
            raise
        except Exception as exc:  # anything a damaged zip or XML part throws: a refusal, never a traceback
            raise _xlsx_refusal(path, exc) from None
    else:
        if sheet:
            raise MhdeskError(f"{path.name}: --sheet geldt alleen voor Excel-bestanden (.xlsx)")
        if size > MAX_CSV_BYTES:
            raise refuse(path, f"het bestand is groter dan {MAX_CSV_BYTES // 2**20} MB", "Splits het bestand.")
        try:
            table = _read_csv(path, mapping, progress, cancel)
        except MhdeskError:
            raise
        except (ValueError, OverflowError, MemoryError) as exc:
            raise refuse(path, f"het bestand kon niet als CSV-tabel worden gelezen ({type(exc).__name__})",
                         "Lever het bestand opnieuw aan als CSV UTF-8 met één kopregel.") from None
    _privacy_guard(table)
    return table


# -- CSV ---------------------------------------------------------------------------------------


def _decode(path: Path, raw: bytes) -> tuple[str, str]:
    """(encoding, a decoded head) — UTF-8 (with or without BOM) or Windows-1252, else a refusal."""
    if b"\x00" in raw[: 1 << 16] or raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise refuse(path, "het bestand is in UTF-16 opgeslagen", "Sla het op als CSV UTF-8.")
        raise refuse(path, "dit is geen tekstbestand (CSV) maar binaire gegevens",
                     "Kies een CSV- of XLSX-bestand met cijfers.")
    enc = "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8"
    try:
        raw.decode(enc)
    except UnicodeDecodeError as exc:
        if enc == "utf-8-sig":
            raise refuse(path, f"het bestand begint als UTF-8 maar byte {exc.start} is geen UTF-8",
                         "Sla het bestand opnieuw op als CSV UTF-8.") from None
        try:
            raw.decode("cp1252")
        except UnicodeDecodeError as exc2:
            raise refuse(path, "de tekenset is geen UTF-8 en geen Windows-1252 "
                         f"(byte 0x{raw[exc2.start]:02x} op positie {exc2.start})",
                         "Sla het bestand op als CSV UTF-8.") from None
        enc = "cp1252"
    head = raw[: 1 << 16].decode(enc, errors="ignore")
    return enc, head


def _sniff_separator(path: Path, head: str, mapping: dict[str, str] | None) -> str:
    lines = [ln for ln in head.splitlines()[:-1 if len(head) >= (1 << 16) - 4 else None] if ln.strip()][:50]
    if not lines:
        raise refuse(path, "het bestand bevat geen kopregel", "De eerste rij moet de kolomnamen bevatten.")
    scores: dict[str, tuple[int, bool]] = {}
    for sep in (",", ";", "\t"):
        try:
            rows = list(csv.reader(lines, delimiter=sep))
        except csv.Error:
            continue
        header = rows[0]
        if len(header) < 2:
            continue
        known = sum(1 for h in header if header_field(h, mapping) not in (None, IGNORE))
        consistent = all(len(r) == len(header) for r in rows[1:])
        scores[sep] = (known, consistent)
    good = [s for s, (k, _c) in scores.items() if k >= 2]
    if not good:  # no standard headers: a table that splits evenly on one separator only (to be mapped)
        good = [s for s, (_k, c) in scores.items() if c]
    if len(good) == 1:
        return good[0]
    if len(good) > 1:
        even = [s for s in good if scores[s][1]]
        if len(even) == 1:
            return even[0]
        names = " en ".join(repr(s) for s in good)
        raise refuse(path, f"het scheidingsteken is dubbelzinnig: het bestand splitst net zo goed op {names}",
                     "Sla het bestand op met één scheidingsteken (komma of puntkomma).", row=1)
    raise refuse(path, "geen herkenbare kopregel: verwacht kolommen als indicator, org_unit (of gebied/gemeente), "
                 "period (of periode/jaar) en value (of waarde/aantal)",
                 "Gebruik het canonieke formaat of het mhdesk-sjabloon (mhdesk template), of koppel de kolommen "
                 "in het importscherm.", row=1)


class _Counting(io.RawIOBase):
    """Reports bytes read and lets the caller cancel between blocks."""

    def __init__(self, data: bytes, progress: Progress | None, cancel: threading.Event | None) -> None:
        self._buf = io.BytesIO(data)
        self._total = len(data)
        self._progress = progress
        self._cancel = cancel

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        check_cancel(self._cancel)
        n = self._buf.readinto(b)
        if self._progress:
            self._progress(self._buf.tell(), self._total)
        return n


def _read_csv(path: Path, mapping: dict[str, str] | None, progress: Progress | None,
              cancel: threading.Event | None) -> Table:
    import pandas as pd

    raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    enc, head = _decode(path, raw)
    sep = _sniff_separator(path, head.lstrip("\ufeff"), mapping)
    stream = io.BufferedReader(_Counting(raw, progress, cancel), buffer_size=1 << 20)
    try:
        # One pass; the stream reports progress (bytes) and checks for a cancel as pandas reads it.
        df = pd.read_csv(stream, sep=sep, dtype=object, encoding=enc, keep_default_na=False,
                         na_filter=False, skip_blank_lines=False, engine="c", quoting=csv.QUOTE_MINIMAL,
                         low_memory=False, nrows=MAX_ROWS + 1)
        if len(df) > MAX_ROWS:
            raise refuse(path, f"meer dan {MAX_ROWS:,} rijen".replace(",", "."), "Splits het bestand.")
    except pd.errors.ParserError as exc:
        raise _parser_refusal(path, str(exc)) from None
    except pd.errors.EmptyDataError:
        raise refuse(path, "het bestand bevat geen kopregel") from None
    except UnicodeDecodeError:
        raise refuse(path, "de tekenset kon niet worden gelezen", "Sla het bestand op als CSV UTF-8.") from None
    del raw
    headers = [str(h) for h in df.columns]
    df.columns = list(range(len(headers)))
    if len(df.columns):
        # Only short rows (and blank lines) leave cells missing, and then always the last one.
        short = df[len(headers) - 1].isna().to_numpy()
        if short.any():
            df.loc[short] = df.loc[short].fillna("")
    if enc == "utf-8-sig" and headers and headers[0].startswith("\ufeff"):
        headers[0] = headers[0][1:]
    table = _make_table(path, digest, "csv", headers, df, mapping, first_row=2)
    table.encoding = enc
    table.separator = sep
    table.decimal_comma = sep == ";"
    return table


def _parser_refusal(path: Path, text: str) -> MhdeskError:
    m = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", text)
    if m:
        return refuse(path, f"deze rij heeft {m.group(3)} cellen, de kopregel {m.group(1)}",
                      "Controleer scheidingstekens en aanhalingstekens in deze rij (een cel met het "
                      "scheidingsteken erin moet tussen aanhalingstekens staan).", row=int(m.group(2)))
    m = re.search(r"EOF inside string starting (?:at|with) row (\d+)", text)
    if m:
        return refuse(path, "een aanhalingsteken wordt niet gesloten; het bestand is mogelijk afgekapt",
                      "Controleer het einde van het bestand, of lever het opnieuw aan.", row=int(m.group(1)) + 1)
    return refuse(path, "het bestand is geen leesbare CSV-tabel", "Lever het bestand opnieuw aan als CSV UTF-8.")


def _make_table(path: Path, digest: str, kind: str, headers: list[str], df: pd.DataFrame,
                mapping: dict[str, str] | None, first_row: int) -> Table:
    """Name the columns by field; keep the file's own header names for messages."""
    columns: dict[str, str] = {}
    unrecognised: list[str] = []
    keep: dict[int, str] = {}
    for i, h in enumerate(headers):
        name = h.strip()
        f = header_field(name, mapping) if name else None
        if not name or name.startswith("Unnamed: "):
            col = df[i]
            if not (col.astype(str).str.strip() == "").all():
                unrecognised.append(name or f"kolom {i + 1}")
                keep[i] = f"?{len(unrecognised) - 1}"
            continue
        if f is None:
            unrecognised.append(name)
            keep[i] = f"?{len(unrecognised) - 1}"
            continue
        if f not in FIELDS:
            raise refuse(path, f"de koppeling van kolom '{name}' wijst naar onbekend veld '{f}'",
                         "Kies een van: " + ", ".join(FIELDS) + ".", row=1, column=name)
        if f == IGNORE:
            continue
        if f in columns:
            raise refuse(path, f"twee kolommen staan voor hetzelfde veld {f}: '{columns[f]}' en '{name}'",
                         "Verwijder of hernoem een van beide kolommen.", row=1, column=name)
        columns[f] = name
        keep[i] = f
    frame = df[list(keep)]
    frame.columns = [keep[i] for i in keep]
    frame["_row"] = range(first_row, first_row + len(frame))
    # Rows that are empty in every cell (spacer rows) are not figures.
    if len(frame):
        cells = [c for c in frame.columns if c != "_row"]
        if cells:
            empty = (frame[cells[0]] == "").to_numpy().copy()
            if empty.any():
                idx = empty.nonzero()[0]
                sub = frame.iloc[idx]
                all_empty = (sub[cells] == "").all(axis=1).to_numpy()
                empty[:] = False
                empty[idx[all_empty]] = True
                if empty.any():
                    frame = frame.loc[~empty]
    frame = frame.reset_index(drop=True)
    return Table(path, path.name, digest, kind, headers, columns, unrecognised, frame)


# -- privacy --------------------------------------------------------------------------------


def _privacy_guard(table: Table) -> None:
    for h in table.headers:
        words = set(re.split(r"[^0-9a-z\-]+", fold(h))) - {""}
        if words & PERSON_WORDS and not words & _AREA_WORDS:
            raise refuse(
                table.file, f"de kolom '{h}' wijst op gegevens over personen",
                "mhdesk bewaart alleen geaggregeerde cijfers die niet tot een persoon te herleiden zijn "
                "(de wet staat niets anders toe). Lever per indicator, gebied en periode een aantal aan, "
                "zonder namen, BSN, geboortedata of adressen.", row=1, column=h)
    for i, h in enumerate(table.unrecognised):
        col = table.frame[f"?{i}"].astype(str).str.strip()
        col = col[col != ""]
        if len(col) < 3:
            continue
        for pattern, what in ((_POSTCODE_RE, "postcodes"), (_DATE_RE, "datums (zoals geboortedata)"),
                              (_BSN_RE, "nummers van 9 cijfers (zoals een BSN)")):
            if col.str.match(pattern).mean() >= 0.8:
                raise refuse(
                    table.file, f"de kolom '{h}' bevat {what}: dit lijken gegevens over personen",
                    "mhdesk bewaart alleen geaggregeerde cijfers. Verwijder deze kolom en lever aantallen "
                    "per indicator, gebied en periode aan.", row=1, column=h)


# -- XLSX ---------------------------------------------------------------------------------------


def _zip_safety(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
            total = 0
            for info in infos:
                total += info.file_size
                if info.compress_size and info.file_size > (1 << 20) and info.file_size / info.compress_size > MAX_ZIP_RATIO:
                    raise refuse(path, "het bestand pakt verdacht sterk uit (mogelijk een zip-bom) en wordt geweigerd")
            if total > MAX_XLSX_UNPACKED:
                raise refuse(path, f"uitgepakt groter dan {MAX_XLSX_UNPACKED // 2**20} MB; geweigerd",
                             "Splits het bestand, of lever het als CSV.")
            if any(n.lower().endswith("vbaproject.bin") for n in names):
                raise refuse(path, "het bestand bevat macro's en wordt geweigerd",
                             "Sla het bestand op als gewone Excel-werkmap (.xlsx) zonder macro's.")
            if "[Content_Types].xml" not in names:
                raise refuse(path, "dit is geen Excel-werkmap (.xlsx)", "Kies een .xlsx- of .csv-bestand.")
            ctypes = zf.read("[Content_Types].xml")
            if b"macroEnabled" in ctypes:
                raise refuse(path, "het bestand is een werkmap met macro's en wordt geweigerd",
                             "Sla het bestand op als gewone Excel-werkmap (.xlsx) zonder macro's.")
    except zipfile.BadZipFile:
        raise refuse(path, "het bestand is geen geldige Excel-werkmap (beschadigd of afgekapt)",
                     "Open het in Excel en sla het opnieuw op als .xlsx, of lever het opnieuw aan.") from None


def _cell_text(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "WAAR" if v else "ONWAAR"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if v != v or v in (float("inf"), float("-inf")):
            return str(v)
        return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)
    if hasattr(v, "isoformat"):
        text = str(v.isoformat())
        return text[:10] if text.endswith("T00:00:00") else text
    return str(v)


def _read_xlsx(path: Path, sheet: str | None, mapping: dict[str, str] | None, progress: Progress | None,
               cancel: threading.Event | None) -> Table:
    import pandas as pd
    from openpyxl import load_workbook
    from openpyxl import xml as oxml

    if not oxml.DEFUSEDXML:  # pragma: no cover - defusedxml is a dependency
        raise MhdeskError("defusedxml ontbreekt; Excel-bestanden worden niet gelezen zonder bescherming")
    _zip_safety(path)
    digest = sha256_of(path)
    try:
        wb = load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except Exception as exc:
        raise _xlsx_refusal(path, exc) from None
    try:
        names = list(wb.sheetnames)
        kind = "xlsx"
        if TEMPLATE_MARKER_SHEET in names:
            ws_m = wb[TEMPLATE_MARKER_SHEET]
            first = next(ws_m.iter_rows(min_row=1, max_row=1, max_col=1, values_only=True), (None,))
            if first and first[0] == TEMPLATE_MARKER:
                kind = "template"
        if sheet is None:
            sheet = TEMPLATE_DATA_SHEET if kind == "template" and TEMPLATE_DATA_SHEET in names else names[0]
        if sheet not in names:
            raise refuse(path, f"er is geen werkblad '{sheet}'", "Werkbladen in dit bestand: " + ", ".join(names))
        ws = wb[sheet]
        sheet_xml = getattr(ws, "_worksheet_path", None) or getattr(ws, "worksheet_path", None)
        rows: list[list[str]] = []
        width = 0
        try:
            it = ws.iter_rows(values_only=True)
            header_cells = next(it, None)
            if header_cells is None:
                raise refuse(path, f"werkblad '{sheet}' is leeg")
            headers = [_cell_text(c).strip() for c in header_cells]
            while headers and headers[-1] == "":
                headers.pop()
            width = len(headers)
            if width == 0:
                raise refuse(path, f"werkblad '{sheet}' heeft geen kopregel in rij 1", row=1)
            for n, r in enumerate(it, start=1):
                cells = [_cell_text(c) for c in r[:width]]
                if len(cells) < width:
                    cells.extend([""] * (width - len(cells)))
                rows.append(cells)
                if n % 20_000 == 0:
                    check_cancel(cancel)
                    if progress:
                        progress(n, ws.max_row or n)
                if n > MAX_ROWS:
                    raise refuse(path, f"meer dan {MAX_ROWS:,} rijen".replace(",", "."), "Splits het bestand.")
        except MhdeskError:
            raise
        except Exception as exc:
            raise _xlsx_refusal(path, exc) from None
    finally:
        wb.close()
    df = pd.DataFrame(rows, columns=list(range(width)), dtype=object) if rows else pd.DataFrame(
        {i: pd.Series([], dtype=object) for i in range(width)})
    table = _make_table(path, digest, kind, headers, df, mapping, first_row=2)
    table.sheet = sheet
    if sheet_xml:
        table.formula_cells = _formulas_without_value(path, str(sheet_xml), headers)
    return table


def _xlsx_refusal(path: Path, exc: BaseException) -> MhdeskError:
    chain: list[BaseException] = []
    cur: BaseException | None = exc
    while cur is not None and len(chain) < 10:
        chain.append(cur)
        cur = cur.__cause__ or cur.__context__
    for e in chain:  # openpyxl wraps the parser's refusal in a ValueError
        if type(e).__name__ in ("EntitiesForbidden", "DTDForbidden", "ExternalReferenceForbidden"):
            exc = e
            break
    name = type(exc).__name__
    if name in ("EntitiesForbidden", "DTDForbidden", "ExternalReferenceForbidden", "NotSupportedError"):
        return refuse(path, "het bestand bevat XML-entiteiten of een DTD (mogelijk een XML-bom) en wordt geweigerd",
                      "Sla het bestand in Excel opnieuw op als .xlsx.")
    if isinstance(exc, zipfile.BadZipFile | EOFError | KeyError):
        return refuse(path, "het bestand is geen geldige Excel-werkmap (beschadigd of afgekapt)",
                      "Open het in Excel en sla het opnieuw op als .xlsx.")
    return refuse(path, f"het bestand kon niet als Excel-werkmap worden gelezen ({name})",
                  "Open het in Excel en sla het opnieuw op als .xlsx, of lever een CSV-bestand.")


_FORMULA_HINT = re.compile(rb"<(?:\w+:)?f[ >/]")


def _formulas_without_value(path: Path, member: str, headers: list[str]) -> list[tuple[int, str]]:
    """Cells holding a formula whose result Excel never stored (it would read as empty)."""
    from defusedxml.ElementTree import iterparse
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    member = member.lstrip("/")
    with zipfile.ZipFile(path) as zf:
        try:
            data = zf.read(member)
        except KeyError:
            return []
    if not _FORMULA_HINT.search(data):
        return []
    out: list[tuple[int, str]] = []
    for _ev, el in iterparse(io.BytesIO(data), events=("end",), forbid_dtd=True):
        if not el.tag.endswith("}c") and el.tag != "c":
            continue
        has_f = has_v = False
        for child in el:
            local = child.tag.rsplit("}", 1)[-1]
            if local == "f":
                has_f = True
            elif local in ("v", "is") and (child.text or len(child)):
                has_v = True
        if has_f and not has_v:
            ref = el.get("r") or ""
            try:
                col_letter, row = coordinate_from_string(ref)
                idx = column_index_from_string(col_letter) - 1
            except ValueError:
                continue
            out.append((row, headers[idx] if idx < len(headers) else col_letter))
        el.clear()
    return out
