"""Where figures are checked: the rules shared by file import and the window's data entry.

One cell at a time (the window's entry grid)::

    from mhdesk.checks import check_value, check_status
    result = check_value(catalogue.indicators["FIU_BEDRAG"], "1234,56", decimal_comma=True)
    if result.error: show(result.error)      # Dutch text that says what is wrong and what to do
    else: store(result.stored)               # count, or euro cents; None when empty

Whole files at once (vectorised, one pass, every problem collected): ``mhdesk.checks.frame``.

Every problem is an :class:`Issue` (file, row as a spreadsheet shows it, column as named in the
file, message, severity). Errors block the import; warnings are shown and do not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from mhdesk.catalogue import Indicator

Severity = Literal["error", "warning"]

#: Text a source writes instead of a small number it withholds ("<5", "*", "x").
WITHHELD_RE = re.compile(r"^(<\s*=?\s*\d+|\*+|[xX])$")
COUNT_RE = re.compile(r"^\d{1,15}$")
AMOUNT_DOT_RE = re.compile(r"^\d{1,13}(\.\d{1,2})?$")
AMOUNT_COMMA_RE = re.compile(r"^\d{1,13}(,\d{1,2})?$")
NEGATIVE_RE = re.compile(r"^-\s*\d+([.,]\d*)?$")
DECIMAL_RE = re.compile(r"^\d+[.,]\d+$")

STATUS_CODES = {"": "A", "A": "A", "P": "P", "E": "E", "M": "M"}


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem found in a file (or a typed cell)."""

    file: str
    row: int  # as a spreadsheet shows it: the header is row 1; 0 for the file as a whole
    column: str  # as named in the file; "" when about the whole row or file
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = [self.file] if self.file else []
        if self.row:
            where.append(f"rij {self.row}")
        if self.column:
            where.append(f"kolom '{self.column}'")
        label = "fout" if self.severity == "error" else "waarschuwing"
        return f"{', '.join(where)}: {label}: {self.message}"


@dataclass(frozen=True, slots=True)
class ValueCheck:
    """The outcome of checking one typed value: ``stored`` (count or cents, None when empty) or ``error``."""

    stored: int | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def withheld_message(text: str) -> str:
    return (f"'{text}' is een door de bron afgeschermde waarde (te klein om te publiceren), geen aantal; "
            "vraag de bron om het exacte cijfer, of laat de cel leeg met status M (nog niet geleverd)")


def value_error(indicator: Indicator, text: str, *, decimal_comma: bool = False) -> str | None:
    """Why ``text`` is not a valid value for ``indicator`` (None when it is valid or empty)."""
    s = text.strip()
    if s == "":
        return None
    if WITHHELD_RE.match(s):
        return withheld_message(s)
    if indicator.is_amount:
        if AMOUNT_DOT_RE.match(s) and not (decimal_comma and "." in s):
            return None
        if decimal_comma and AMOUNT_COMMA_RE.match(s):
            return None
        if NEGATIVE_RE.match(s):
            return f"'{s}' is negatief; een bedrag is 0 of meer"
        if decimal_comma and re.match(r"^\d+\.\d+$", s):
            return (f"'{s}': een punt in een bedrag is in een bestand met ';' dubbelzinnig (duizendtal of "
                    "decimaal?); schrijf het bedrag als 1234,56 zonder duizendtallen")
        if re.match(r"^\d+[.,]\d{3,}$", s):
            return f"'{s}' heeft meer dan twee decimalen; een bedrag in euro heeft hoogstens twee (centen)"
        if re.match(r"^\d+,\d{1,2}$", s):
            return f"'{s}': schrijf een decimale punt (1234.56); een decimale komma mag alleen in een bestand met ';'"
        return f"'{s}' is geen bedrag; schrijf cijfers met hoogstens twee decimalen, zonder € of duizendtallen"
    if COUNT_RE.match(s):
        return None
    if NEGATIVE_RE.match(s):
        return f"'{s}' is negatief; een aantal is een geheel getal van 0 of meer"
    if DECIMAL_RE.match(s):
        return (f"'{s}' is geen geheel getal; een aantal bestaat alleen uit cijfers "
                "(geen decimalen, geen punt voor duizendtallen)")
    if re.match(r"^\d{16,}$", s):
        return f"'{s}' is te groot voor een aantal"
    return f"'{s}' is geen aantal; schrijf een geheel getal van 0 of meer, alleen cijfers"


def to_stored(indicator: Indicator, text: str) -> int | None:
    """The stored form of a valid value text (count, or euro cents); None for empty."""
    s = text.strip()
    if s == "":
        return None
    if not indicator.is_amount:
        return int(s)
    whole, _, frac = s.replace(",", ".").partition(".")
    return int(whole) * 100 + int((frac + "00")[:2])


def check_value(indicator: Indicator, text: str, *, decimal_comma: bool = False) -> ValueCheck:
    """Check one typed value for ``indicator``: ``ValueCheck(stored=…)`` or ``ValueCheck(error=…)``."""
    err = value_error(indicator, text, decimal_comma=decimal_comma)
    if err:
        return ValueCheck(error=err)
    return ValueCheck(stored=to_stored(indicator, text))


def status_error(text: str) -> str | None:
    s = text.strip().upper()
    if s in STATUS_CODES:
        return None
    if s == "C":
        return ("status C (afgeschermd) komt alleen in publieke exports voor en kan niet worden ingelezen; "
                "lees de niet-publieke export in")
    return f"onbekende status '{text.strip()}'; gebruik leeg (gewoon), P (voorlopig), E (geschat) of M (nog niet geleverd)"


def check_status(text: str) -> tuple[str | None, str | None]:
    """``(status code, None)`` or ``(None, error)``; empty means ``A`` (an ordinary value)."""
    err = status_error(text)
    return (None, err) if err else (STATUS_CODES[text.strip().upper()], None)


def check_cell(indicator: Indicator, value_text: str, status_text: str = "", *,
               decimal_comma: bool = False) -> tuple[int | None, str, str | None]:
    """Value and status together, as entry and import treat them: ``(stored, status, error)``."""
    status, err = check_status(status_text)
    if err or status is None:
        return None, "", err
    v = check_value(indicator, value_text, decimal_comma=decimal_comma)
    if v.error:
        return None, status, v.error
    if status == "M" and v.stored is not None:
        return None, status, "status M (nog niet geleverd) hoort bij een lege waarde; maak de waarde leeg of kies een andere status"
    if status != "M" and v.stored is None:
        return None, status, "geen waarde; vul een getal in (0 als het nul is) of kies status M (nog niet geleverd)"
    return v.stored, status, None
