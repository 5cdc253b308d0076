"""Spreadsheets in and out (issue 6): import activities, equipment and the opening log from
.xlsx/.csv with a validation report; export registers and blank templates to .xlsx. No Qt.

    check_file(path, kind)                       -> SheetCheck (preview: rows, problems; writes nothing)
    import_file(archive, kind, path, only_valid=False, progress=None, cancelled=None) -> ImportReport
    export_sheet(archive, kind, out, year=None)  -> rows written
    write_template(kind, out)

``kind`` is "activities", "equipment" or "opening-log".
"""

from .columns import KINDS
from .exporter import export_sheet
from .importer import ImportReport, check_file, import_checked, import_file, import_table
from .readers import Table, read_bytes, read_table
from .templates import write_template
from .validation import Problem, SheetCheck, check_table

KIND_NAMES = {name: kind.title for name, kind in KINDS.items()}

__all__ = ["KINDS", "KIND_NAMES", "ImportReport", "Problem", "SheetCheck", "Table", "check_file", "check_table",
           "export_sheet", "import_checked", "import_file", "import_table", "read_bytes", "read_table",
           "write_template"]
