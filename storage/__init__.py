"""The archive itself: models, rules, audit trail, backups. No Qt, no ReportLab."""

APP_NAME = "VillageArchive"
APP_VERSION = "0.1.0"
