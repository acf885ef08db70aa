"""The settings of disclosure control: threshold k, zeros, method, the rule for euro amounts.

They travel with the store in ``meta`` as ``setting.disclosure.<name>`` (see ``Rules.from_store``),
so that every publication made from one store follows the same rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

from mhdesk.errors import MhdeskError

if TYPE_CHECKING:
    from mhdesk.store import Store

#: The lowest threshold mhdesk accepts: below 3 a published count could point to one or two persons.
MIN_K = 3
DEFAULT_K = 5
METHODS = ("suppress", "round5")
#: The count behind each euro amount (same org unit, period and breakdown).
DEFAULT_AMOUNT_COUNTS: Mapping[str, str] = MappingProxyType({"FIU_BEDRAG": "FIU_TRANSACTIES"})
SETTING_PREFIX = "setting.disclosure."


class DisclosureError(MhdeskError):
    """Disclosure control refuses: wrong settings, or the audit found a hidden cell that can be worked back."""


def _truthy(text: str) -> bool:
    return text.strip().lower() in ("1", "true", "ja", "yes", "on")


@dataclass(frozen=True)
class Rules:
    """What may be published.

    ``k``: counts 1 … k−1 are hidden (never below 3). ``hide_zeros``: also hide zeros.
    ``method``: ``"suppress"`` (hide, with secondary suppression and an LP audit) or ``"round5"``
    (round every count to a multiple of 5; the audit then checks the rounding).
    ``amount_protection``: a hidden euro amount must stay uncertain by at least this fraction of
    its value for a reader who solves the published sums. ``amount_counts``: the count behind
    each amount indicator.
    """

    k: int = DEFAULT_K
    hide_zeros: bool = False
    method: str = "suppress"
    amount_protection: float = 0.10
    amount_counts: Mapping[str, str] = field(default_factory=lambda: DEFAULT_AMOUNT_COUNTS)

    def __post_init__(self) -> None:
        if isinstance(self.k, bool) or not isinstance(self.k, int):
            raise DisclosureError(f"drempel k moet een geheel getal zijn, niet {self.k!r}")
        if self.k < MIN_K:
            raise DisclosureError(
                f"drempel k = {self.k} is te laag: mhdesk verbergt altijd minstens de aantallen 1 en 2 (k ≥ {MIN_K})",
                hint=f"Kies k = {MIN_K} of hoger (standaard {DEFAULT_K}).")
        if self.method not in METHODS:
            raise DisclosureError(f"onbekende methode {self.method!r}: kies uit {', '.join(METHODS)}")
        if not 0.0 <= self.amount_protection < 1.0:
            raise DisclosureError(f"amount_protection {self.amount_protection} moet tussen 0 en 1 liggen")

    @classmethod
    def from_store(cls, store: Store) -> Rules:
        """The store's settings (``setting.disclosure.k``, ``.hide_zeros``, ``.method``); defaults where unset."""
        meta = store.meta()
        raw_k = meta.get(SETTING_PREFIX + "k", "").strip()
        try:
            k = int(raw_k) if raw_k else DEFAULT_K
        except ValueError:
            raise DisclosureError(f"instelling {SETTING_PREFIX}k in de store is geen geheel getal: {raw_k!r}",
                                  hint="Zet de drempel opnieuw in de instellingen.") from None
        return cls(k=k, hide_zeros=_truthy(meta.get(SETTING_PREFIX + "hide_zeros", "")),
                   method=meta.get(SETTING_PREFIX + "method", "").strip() or "suppress")

    def save(self, store: Store) -> None:
        """Write these rules into the store's settings (k, hide_zeros, method)."""
        store.set_meta(SETTING_PREFIX + "k", str(self.k))
        store.set_meta(SETTING_PREFIX + "hide_zeros", "1" if self.hide_zeros else "0")
        store.set_meta(SETTING_PREFIX + "method", self.method)
