"""The pages of the main window, in navigation order: (key, title, "module:Class").

Titles are English source strings translated in the "Pages" context; the main window imports each
page lazily, so a page whose module is not there yet is simply left out.

``NEEDS`` names the Qt-free modules (storage, reports and through them SQLAlchemy, ReportLab…) a page's
module imports. The main window has the database worker import them first (``import_needs``), so the
GUI thread, importing the page itself, only pays for Qt and the page's own code: ReportLab alone took
~0.5 s, in which the window did not repaint. ``tests/gui/test_page_needs.py`` keeps the lists complete.
"""

from PySide6.QtCore import QT_TRANSLATE_NOOP

PAGES = [
    ("overview", QT_TRANSLATE_NOOP("Pages", "Overview"), "gui.pages.overview_page:OverviewPage"),
    ("activities", QT_TRANSLATE_NOOP("Pages", "Activities"), "gui.pages.activities_page:ActivitiesPage"),
    ("equipment", QT_TRANSLATE_NOOP("Pages", "Equipment"), "gui.pages.equipment_page:EquipmentPage"),
    ("opening", QT_TRANSLATE_NOOP("Pages", "Opening hours"), "gui.pages.opening_page:OpeningPage"),
    ("reports", QT_TRANSLATE_NOOP("Pages", "Reports"), "gui.pages.reports_page:ReportsPage"),
    ("exchange", QT_TRANSLATE_NOOP("Pages", "Archive exchange"), "gui.pages.exchange_page:ExchangePage"),
    ("settings", QT_TRANSLATE_NOOP("Pages", "Settings"), "gui.pages.settings_page:SettingsPage"),
]

NEEDS = {
    "overview": ("storage.glance", "storage.centers", "storage.selfcheck"),
    "activities": ("storage.activities", "storage.attachments", "storage.audit", "storage.queries"),
    "equipment": ("storage.equipment", "storage.attachments", "storage.audit", "storage.queries"),
    "opening": ("storage.opening", "storage.hours", "storage.audit", "storage.queries"),
    "reports": ("reports.dossier",),
    "exchange": ("storage.exchange.importer", "storage.exchange.overview", "storage.exchange.verify",
                 "storage.signing"),
    "settings": ("storage.indicators", "storage.selfcheck"),
}


def needs_loaded(key: str) -> bool:
    """Whether every module ``key``'s page needs is imported and finished initialising."""
    import sys

    for name in NEEDS.get(key, ()):
        module = sys.modules.get(name)
        if module is None or getattr(getattr(module, "__spec__", None), "_initializing", False):
            return False
    return True


def import_needs(key: str) -> None:
    """On the database worker: import what ``key``'s page needs (Python lets the GUI thread run meanwhile)."""
    import importlib

    for name in NEEDS.get(key, ()):
        importlib.import_module(name)


def import_page(key: str) -> None:
    """On the GUI thread, while nothing else happens: import ``key``'s page module (Qt and gui/ code only
    once its NEEDS are loaded), so showing the page later only builds it."""
    import sys

    spec = next((spec for k, _title, spec in PAGES if k == key), None)
    if spec is not None and needs_loaded(key) and spec.partition(":")[0] not in sys.modules:
        load_page_class(spec)


def page_available(spec: str) -> bool:
    """Whether the page's module exists, without importing it (imports wait until the page is shown)."""
    import importlib.util

    module_name = spec.partition(":")[0]
    try:
        return importlib.util.find_spec(module_name) is not None
    except ModuleNotFoundError:
        return False


def load_page_class(spec: str):
    """The page class for "module:Class", or None when that module does not exist (yet)."""
    import importlib

    module_name, _, class_name = spec.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as e:
        if e.name and (module_name == e.name or module_name.startswith(e.name + ".")):
            return None
        raise
    return getattr(module, class_name, None)
