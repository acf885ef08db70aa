"""Reading what a person types into a cell: Dutch number forms, then the import's own checks.

No Qt here: the same rules serve typing and pasting. Typed text is first brought into the
plain form files use (``1.234`` → ``1234``, ``1.234,56`` → ``1234.56``, ``€`` and spaces
dropped), then checked by ``mhdesk.checks.check_value`` — so entry refuses exactly what an
import refuses, with the same Dutch messages.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mhdesk.catalogue import Indicator

_THOUSANDS_DOT = re.compile(r"^-?\d{1,3}(\.\d{3})+$")
_THOUSANDS_COMMA = re.compile(r"^-?\d{1,3}(,\d{3}){2,}$")


class CellInputError(ValueError):
    """A refusal of typed input; the message is Dutch and says what to type instead."""


def normalise_typed(text: str, *, is_amount: bool) -> str:
    s = text.strip().replace("\u00a0", "").replace(" ", "").replace("€", "").replace("−", "-")
    if not s:
        return s
    if _THOUSANDS_DOT.match(s):
        return s.replace(".", "")
    if is_amount:
        if "," in s and "." in s:
            if s.rfind(",") > s.rfind("."):   # 1.234,56
                return s.replace(".", "").replace(",", ".")
            return s.replace(",", "")         # 1,234.56
        if _THOUSANDS_COMMA.match(s):
            return s.replace(",", "")
        return s.replace(",", ".")            # 12,50
    return s


def parse_cell(text: str, indicator: Indicator) -> int | None:
    """The storage value (count, or euro cents) of typed text; None for an empty cell (delete)."""
    from mhdesk.checks import check_value

    norm = normalise_typed(text, is_amount=indicator.is_amount)
    result = check_value(indicator, norm)
    if result.error:
        shown = text.strip()
        raise CellInputError(result.error.replace(f"'{norm}'", f"'{shown}'", 1))
    return result.stored


def format_for_edit(stored: int | None, *, is_amount: bool) -> str:
    """The text an editor starts with: Dutch, without thousands separators for easy correction."""
    if stored is None:
        return ""
    if is_amount:
        q, r = divmod(stored, 100)
        return f"{q},{r:02d}"
    return str(stored)
