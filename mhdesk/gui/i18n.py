"""Languages: Dutch (the source text) by default, English from ``resources/i18n/mhdesk_en.qm``."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from mhdesk.resources import resource_path

LANGUAGES = {"nl": "Nederlands", "en": "English"}

_installed: list[QTranslator] = []


def install(language: str) -> None:
    """Install the translators for ``language`` ("nl" or "en"), replacing earlier ones."""
    app = QCoreApplication.instance()
    if app is None:
        return
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    locale = QLocale(QLocale.Language.English if language == "en" else QLocale.Language.Dutch,
                     QLocale.Country.UnitedKingdom if language == "en" else QLocale.Country.Netherlands)
    QLocale.setDefault(locale)
    qt = QTranslator()
    if qt.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    if language == "en":
        own = QTranslator()
        if own.load(str(resource_path("i18n", "mhdesk_en.qm"))):
            app.installTranslator(own)
            _installed.append(own)


def nl_number(value: int) -> str:
    """Dutch thousands separator: 1.234 (also used in the English window: figures stay Dutch)."""
    return f"{value:,}".replace(",", ".")


def nl_amount_cents(cents: int) -> str:
    """Euro cents as Dutch money text: 1.234,56."""
    sign = "-" if cents < 0 else ""
    q, r = divmod(abs(cents), 100)
    return f"{sign}{nl_number(q)},{r:02d}"
