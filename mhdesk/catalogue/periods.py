"""Periods in SDMX form (``2020``, ``2020-S1``, ``2020-Q3``, ``2020-M07``) and the spellings people type."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_FREQ_ORDER = {"A": 0, "S": 1, "Q": 2, "M": 3}
_PER_YEAR = {"A": 1, "S": 2, "Q": 4, "M": 12}
_MONTHS_PER = {"A": 12, "S": 6, "Q": 3, "M": 1}


class PeriodError(ValueError):
    pass


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period. Orders by start, then by length (year before its parts)."""

    year: int
    start_month: int
    freq_rank: int
    freq: str
    number: int

    @property
    def code(self) -> str:
        if self.freq == "A":
            return f"{self.year}"
        if self.freq == "M":
            return f"{self.year}-M{self.number:02d}"
        return f"{self.year}-{self.freq}{self.number}"

    def __str__(self) -> str:
        return self.code

    @property
    def start(self) -> date:
        return date(self.year, self.start_month, 1)

    @property
    def end(self) -> date:
        m = self.start_month + _MONTHS_PER[self.freq]
        y = self.year + (m - 1) // 12
        m = (m - 1) % 12 + 1
        from datetime import timedelta

        return date(y, m, 1) - timedelta(days=1)

    def contains(self, other: Period) -> bool:
        return self.start <= other.start and other.end <= self.end and self != other

    def parts(self, freq: str) -> list[Period]:
        """The periods of frequency ``freq`` that make up this one (empty if not finer)."""
        if _FREQ_ORDER[freq] <= _FREQ_ORDER[self.freq]:
            return []
        n = _PER_YEAR[freq] // _PER_YEAR[self.freq]
        first = (self.start_month - 1) // _MONTHS_PER[freq] + 1
        return [make(self.year, freq, first + i) for i in range(n)]

    def previous(self) -> Period:
        if self.number > 1:
            return make(self.year, self.freq, self.number - 1)
        return make(self.year - 1, self.freq, _PER_YEAR[self.freq])

    def label(self, lang: str = "nl") -> str:
        if self.freq == "A":
            return str(self.year)
        if self.freq == "S":
            return f"{self.number}e halfjaar {self.year}" if lang == "nl" else f"H{self.number} {self.year}"
        if self.freq == "Q":
            return f"K{self.number} {self.year}" if lang == "nl" else f"Q{self.number} {self.year}"
        return f"{self.year}-{self.number:02d}"


def make(year: int, freq: str, number: int = 1) -> Period:
    if freq not in _PER_YEAR:
        raise PeriodError(f"unknown frequency {freq!r}")
    if not 1 <= number <= _PER_YEAR[freq]:
        raise PeriodError(f"{freq}{number} is not a period of a year")
    if not 1900 <= year <= 2999:
        raise PeriodError(f"year {year} is out of range")
    start_month = (number - 1) * _MONTHS_PER[freq] + 1
    return Period(year, start_month, _FREQ_ORDER[freq], freq, number)


_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(\d{4})$"), "A"),
    (re.compile(r"^(\d{4})-?S([12])$"), "S"),
    (re.compile(r"^(\d{4})\s*-?\s*[QK]([1-4])$"), "Q"),
    (re.compile(r"^[QK]([1-4])[\s-]+(\d{4})$"), "Q<"),
    (re.compile(r"^(\d{4})-M(\d{2})$"), "M"),
    (re.compile(r"^(\d{4})-(\d{2})$"), "M"),
    (re.compile(r"^H([12])\s+(\d{4})$"), "S<"),
]


def parse(text: object) -> Period:
    """Parse an SDMX period or a typed form (``2020Q3``, ``Q3 2020``, ``2020-07``, ``2020 K3``)."""
    if isinstance(text, int) and not isinstance(text, bool):
        return make(text, "A")
    if isinstance(text, float) and text.is_integer():
        return make(int(text), "A")
    s = str(text).strip().upper()
    for pat, kind in _PATTERNS:
        m = pat.match(s)
        if not m:
            continue
        if kind.endswith("<"):
            num, year = int(m.group(1)), int(m.group(2))
            freq = kind[0]
        elif kind == "A":
            return make(int(m.group(1)), "A")
        else:
            year, num = int(m.group(1)), int(m.group(2))
            freq = kind
        return make(year, freq, num)
    raise PeriodError(
        f"'{text}' is not a period; write a year (2020), half year (2020-S1), "
        "quarter (2020-Q3) or month (2020-M07)"
    )


def normalise(text: object) -> str:
    return parse(text).code


def year_range(first: int, last: int) -> list[Period]:
    return [make(y, "A") for y in range(first, last + 1)]
