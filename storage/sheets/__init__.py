"""Spreadsheets in and out: import activities, equipment and the opening log from
.xlsx/.csv with a validation report; export registers and blank templates to .xlsx. No Qt.

    check_file(path, kind)                       -> SheetCheck (preview: rows, problems; writes nothing)
    import_file(archive, kind, path, only_valid=False, progress=None, cancelled=None) -> ImportReport
    export_sheet(archive, kind, out, year=None)  -> rows written
    write_template(kind, out)

``kind`` is a spreadsheet kind of ``storage.kinds`` ("activity", "equipment", "opening_log"; the older
spellings "activities" and "opening-log" are accepted too).
"""

from .columns import KINDS


def __getattr__(name: str):
    """The readers and writers load on first use: the command-line parser reads KINDS without paying for openpyxl."""
    if name not in __all__:  # submodule names land here during their own import: never import from here then
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from . import exporter, importer, readers, templates, validation

    return next(getattr(m, name) for m in (exporter, importer, readers, templates, validation) if hasattr(m, name))


KIND_NAMES = {name: kind.title for name, kind in KINDS.items()}

__all__ = ["KINDS", "KIND_NAMES", "ImportReport", "Problem", "SheetCheck", "Table", "check_file", "check_table",
           "export_sheet", "import_checked", "import_file", "import_table", "read_bytes", "read_table",
           "write_template"]
