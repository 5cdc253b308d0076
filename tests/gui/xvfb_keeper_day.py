"""The keeper's day in a real window under Xvfb at 1366x768 in large text, from the overview strip: record
today's activity with two photos, log today's opening, generate this quarter's dossier and press OK in the print
dialog (printing to a PDF file: Xvfb has no printer). Screenshots of each step (ImageMagick's ``import``); every button and
field checked to lie on the screen; the last audit rows printed (they name the profile's keeper).

    cp demo.db /tmp/day.db
    xvfb-run -a -s "-screen 0 1366x768x24" python tests/gui/xvfb_keeper_day.py /tmp/day.db /tmp/day-shots

Not collected by pytest (it needs an X server); the same steps run offscreen in tests/gui/test_screen.py."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PIL import Image  # noqa: E402
from PySide6.QtCore import QCoreApplication, QRect, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QGuiApplication, QInputMethodEvent  # noqa: E402
from PySide6.QtPrintSupport import QPrintDialog, QPrinter  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractButton,
    QApplication,
    QComboBox,
    QFileDialog,
    QLineEdit,
    QWidget,
)
from sqlalchemy import select  # noqa: E402

from gui import i18n  # noqa: E402
from gui.app import Shell, make_app  # noqa: E402
from storage.models import AuditEntry  # noqa: E402
from storage.settings import Settings  # noqa: E402


class Day:
    def __init__(self, archive: Path, out: Path):
        self.out = out
        out.mkdir(parents=True, exist_ok=True)
        self.app = make_app([sys.argv[0]])
        settings = Settings(text_size="large")
        i18n.setup(self.app, settings)
        self.shell = Shell(settings)
        self.shell.start(archive)
        self.problems: list[str] = []

    def pump(self, seconds: float = 0.5) -> None:
        end = time.time() + seconds
        while time.time() < end:
            self.app.processEvents()
            time.sleep(0.02)
        self.shell.ctx.wait_idle()
        self.app.processEvents()

    def shot(self, name: str) -> None:
        target = self.out / f"{name}.png"
        subprocess.run(["import", "-window", "root", str(target)], check=True)
        print("screenshot", target)

    def check_on_screen(self, top: QWidget, label: str) -> None:
        screen = QGuiApplication.primaryScreen().geometry()
        if not screen.contains(top.frameGeometry()):
            self.problems.append(f"{label}: window {top.frameGeometry()} outside {screen}")
        for w in top.findChildren(QWidget):
            if not isinstance(w, (QAbstractButton, QLineEdit, QComboBox)) or not w.isVisible():
                continue
            if w.visibleRegion().isEmpty():
                continue  # scrolled away inside a scroll area: reached by scrolling
            rect = QRect(w.mapToGlobal(w.rect().topLeft()), w.size())
            if not screen.contains(rect):
                self.problems.append(f"{label}: {type(w).__name__} at {rect}")

    def type_text(self, widget, text: str) -> None:
        widget.setFocus()
        widget.selectAll()
        event = QInputMethodEvent("", [])
        event.setCommitString(text)
        QCoreApplication.sendEvent(widget, event)
        self.app.processEvents()

    def run(self) -> int:
        self.pump(2)
        w = self.shell.window
        self.check_on_screen(w, "overview")
        self.shot("1-overview")
        strip = w.pages["overview"].action_buttons

        QTest.mouseClick(strip["record_activity"], Qt.LeftButton)
        self.pump(1)
        dialog = w.pages["activities"].open_dialogs[-1]
        f = dialog.form.fields
        self.type_text(f["title"], "广场舞培训班")
        self.type_text(f["location"], "城东村文体广场")
        self.type_text(f["participants"], "26")
        photos = []
        for i, colour in enumerate(("red", "green")):
            path = self.out / f"photo{i + 1}.jpg"
            Image.new("RGB", (640, 480), colour).save(path)
            photos.append(str(path))
        QFileDialog.getOpenFileNames = staticmethod(lambda *a, **k: (photos, ""))
        add = next(b for b in dialog.findChildren(QAbstractButton) if b.text().startswith("添加文件"))
        QTest.mouseClick(add, Qt.LeftButton)
        self.pump(1)
        self.check_on_screen(dialog, "activity dialog")
        self.shot("2-activity-dialog")
        QTest.mouseClick(dialog.save_button, Qt.LeftButton)
        self.pump(1.5)
        self.shot("3-activities-after-save")

        w.show_page("overview")
        self.pump(0.5)
        QTest.mouseClick(strip["log_today"], Qt.LeftButton)
        self.pump(1)
        log_dialog = w.pages["opening"].log.open_dialogs[-1]
        self.type_text(log_dialog.form.fields["visitors"], "31")
        self.check_on_screen(log_dialog, "log dialog")
        self.shot("4-log-today-dialog")
        QTest.mouseClick(log_dialog.save_button, Qt.LeftButton)
        self.pump(1)
        self.shot("5-opening-log-after-save")

        reports = w.page("reports")
        pdf = self.out / "quarter-dossier.pdf"
        make_printer = reports.make_printer

        def to_pdf():  # Xvfb has no printer: the dialog's OK prints to this file
            printer = make_printer()
            printer.setOutputFormat(QPrinter.PdfFormat)
            printer.setOutputFileName(str(pdf))
            return printer

        reports.make_printer = to_pdf
        seen = []

        def press_ok():
            dialog = next((t for t in QApplication.topLevelWidgets() if isinstance(t, QPrintDialog) and t.isVisible()),
                          None)
            if dialog is None:
                QTimer.singleShot(300, press_ok)
                return
            self.app.processEvents()
            self.check_on_screen(dialog, "print dialog")
            seen.append(dialog.frameGeometry())
            subprocess.run(["import", "-window", "root", str(self.out / "7-print-dialog.png")], check=True)
            dialog.accept()

        w.show_page("overview")
        self.pump(0.5)
        QTimer.singleShot(500, press_ok)
        QTest.mouseClick(strip["print_quarter"], Qt.LeftButton)
        for _ in range(120):
            self.pump(0.5)
            if seen and pdf.exists():
                break
        self.pump(1)
        print("print dialog at", seen, "·", reports.status.text(), "· PDF", pdf.exists())
        self.check_on_screen(w, "reports")
        self.shot("6-reports-after-print")

        with self.shell.ctx.archive.session() as s:
            rows = s.execute(select(AuditEntry.actor, AuditEntry.action, AuditEntry.entity)
                             .order_by(AuditEntry.id.desc()).limit(6)).all()
        print("audit rows:", [tuple(r) for r in rows])
        print("problems:", self.problems or "none")
        w.save_state = lambda: None
        self.shell.shutdown()
        return 1 if self.problems else 0


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    sys.exit(Day(Path(sys.argv[1]), Path(sys.argv[2])).run())
