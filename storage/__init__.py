"""The archive itself: models, rules, audit trail, backups. No Qt, no ReportLab."""

APP_NAME = "VillageArchive"
__version__ = "0.1.0"  # the one place: setup.cfg, --version and the About box read it
APP_VERSION = __version__
