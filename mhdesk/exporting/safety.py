"""Neutralising formula-looking text in CSV and XLSX that mhdesk writes (OWASP ASVS 5.0, 1.2.10)."""

from __future__ import annotations

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """Prefix a text that a spreadsheet would run as a formula with a single quote."""
    if text and text[0] in TRIGGERS:
        return "'" + text
    return text


def unneutralise(text: str) -> str:
    """Undo ``neutralise`` when reading a file mhdesk wrote, so exports round-trip exactly."""
    if len(text) > 1 and text[0] == "'" and text[1] in TRIGGERS:
        return text[1:]
    return text
