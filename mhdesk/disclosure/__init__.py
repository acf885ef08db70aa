"""What may be published: suppression of small counts, secondary suppression and its LP audit.

Everything mhdesk publishes (``export --public``, ``central export --public``, public charts,
the desk view in public mode, the council report) goes through :func:`protect`::

    from mhdesk.disclosure import Rules, protect
    protected = protect(frame, store.catalogue, Rules.from_store(store))
    protected.frame          # hidden cells: value NaN, status "C", column "suppression"
    protected.audit.summary  # "12 cellen verborgen, waarvan 4 ter bescherming van andere; audit geslaagd"

Protect the WHOLE publication at once (every table, chart and page of it): a cell that
appears in several tables is one variable, so linked tables hide the same cells.
``protect`` raises :class:`DisclosureError` when the audit fails; then nothing may be published.
See ``docs/disclosure.md``. No Qt here; pandas/numpy/scipy are imported inside functions.
"""

from __future__ import annotations

from mhdesk.disclosure.protect import (
    FOOTNOTE_EN,
    FOOTNOTE_NL,
    MARK,
    AuditResult,
    Interval,
    Protected,
    audit_hidden,
    protect,
)
from mhdesk.disclosure.rules import MIN_K, DisclosureError, Rules

__all__ = [
    "FOOTNOTE_EN", "FOOTNOTE_NL", "MARK", "MIN_K", "AuditResult", "DisclosureError", "Interval", "Protected",
    "Rules", "audit_hidden", "protect",
]
