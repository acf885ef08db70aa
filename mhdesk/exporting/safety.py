"""Neutralising formula-looking text in CSV and XLSX that mhdesk writes (OWASP ASVS 5.0, 1.2.10)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from typing import Any

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def _quoted_trigger(text: str) -> bool:
    """Quotes followed by a trigger (``'=x``, ``''=x``): what ``neutralise`` output looks like."""
    rest = text.lstrip("'")
    return len(rest) < len(text) and rest[:1] in TRIGGERS and rest != ""


def neutralise(text: str) -> str:
    """Prefix a text that a spreadsheet would run as a formula with a single quote.

    A text that itself starts with quotes before a trigger (``'=x``) gets one more, so that
    ``unneutralise`` always gives back exactly what was written.
    """
    if text and (text[0] in TRIGGERS or _quoted_trigger(text)):
        return "'" + text
    return text


def unneutralise(text: str) -> str:
    """Undo ``neutralise`` when reading a file mhdesk wrote, so exports round-trip exactly."""
    if _quoted_trigger(text):
        return text[1:]
    return text


class CsvWriter:
    """``csv.writer`` with ``\\n`` line ends that also quotes a row holding a bare CR.

    The csv module quotes only the characters of its own line terminator, so a note with a
    lone CR would be written unquoted and read back as two lines.
    """

    def __init__(self, fh: Any) -> None:
        self._plain = csv.writer(fh, lineterminator="\n")
        self._quoted = csv.writer(fh, lineterminator="\n", quoting=csv.QUOTE_ALL)

    def writerow(self, row: Sequence[Any]) -> None:
        if any(isinstance(c, str) and "\r" in c for c in row):
            self._quoted.writerow(row)
        else:
            self._plain.writerow(row)
