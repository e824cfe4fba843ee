"""The GUI's language: which translation is loaded and which locale formats numbers, money and dates.

The choice is read once, when the app starts (Settings > Language takes effect after a restart): retranslating
every page while it is on screen would mean rebuilding each one, and people change this once, if ever.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

LANGUAGE_SETTING = "language"
SYSTEM = "system"
# What Settings offers, in its order; "system" follows the operating system (English when it is neither).
LANGUAGES = (SYSTEM, "da", "sv", "en")
TRANSLATED = ("da", "sv")
TRANSLATIONS = Path(__file__).resolve().parent / "translations"
# The default country for numbers without a country code, for each translated language.
LANGUAGE_COUNTRY = {"da": "DK", "sv": "SE"}

_installed: list[QTranslator] = []
_language: str | None = None  # what install() chose last


def language_for(choice: str | None, system: QLocale | None = None) -> str:
    """The language the GUI shows for a setting value: "da", "sv" or "en"."""
    if choice in TRANSLATED or choice == "en":
        return choice
    system = system if system is not None else QLocale.system()
    code = system.name().split("_")[0]
    return code if code in TRANSLATED else "en"


def locale_for(choice: str | None, system: QLocale | None = None) -> QLocale:
    """The locale that formats numbers, money and dates.

    "System" keeps the system's own locale (an English GUI on a German system still writes 1.234,50); a chosen
    language uses the system's locale when it speaks that language (sv_FI stays Finnish-Swedish), else the
    language's home country. The C locale (no locale set at all) formats as US English.
    """
    system = system if system is not None else QLocale.system()
    language = language_for(choice, system)
    system_language = system.name().split("_")[0]
    if choice in (None, "", SYSTEM) and system.language() != QLocale.Language.C:
        return system
    if system_language == language:
        return system
    return QLocale({"da": "da_DK", "sv": "sv_SE"}.get(language, "en_US"))


def qt_translations_folder() -> Path:
    """Where Qt's own .qm files are: Qt's configured path, else the PySide6 package's (a frozen app's copy)."""
    configured = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    if configured.is_dir():
        return configured
    import PySide6

    package = Path(PySide6.__file__).resolve().parent
    for folder in (package / "Qt" / "translations", package / "translations"):
        if folder.is_dir():
            return folder
    return configured


def install(choice: str | None, app: QCoreApplication | None = None, *, system: QLocale | None = None) -> str:
    """Load the translations for `choice` (replacing any loaded before) and make its locale the default.

    Returns the language shown. English loads its own file too: it holds the plural forms ("1 recipient",
    "2 recipients") of texts written once with %n.
    """
    app = app or QCoreApplication.instance()
    assert app is not None, "install() needs the QApplication made first"
    language = language_for(choice, system)
    QLocale.setDefault(locale_for(choice, system))
    global _language
    _language = language
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    candidates = [(TRANSLATIONS, f"smsdesk_{language}")]
    if language in TRANSLATED:
        # Qt's own texts (standard buttons, the file dialog), shipped inside PySide6.
        candidates.append((qt_translations_folder(), f"qtbase_{language}"))
    for folder, name in candidates:
        translator = QTranslator(app)
        if translator.load(name, str(folder)):
            app.installTranslator(translator)
            _installed.append(translator)
    return language


def loaded_files() -> list[str]:
    """The translation files in use (for the frozen build's smoke test and for bug reports)."""
    return [translator.filePath() for translator in _installed]


def current_language() -> str:
    """The language the GUI shows (install()'s choice; the system's before install() ran)."""
    return _language or language_for(None)


def default_country() -> str:
    """The country for numbers without a country code until one is picked: Denmark unless the GUI is Swedish."""
    return LANGUAGE_COUNTRY.get(current_language(), "DK")
