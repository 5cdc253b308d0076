"""Closures (闭馆公告) and the daily opening log (开放登记)."""

from __future__ import annotations

from datetime import date

from storage import hours, opening, records, rules
from storage.models import Closure, OpeningLog

from ..context import Change
from ..models.base import fmt
from ..widgets import BAD_COLOUR, combo, date_edit, line_edit
from .base import EditDialog


class ClosureDialog(EditDialog):
    """A closure (or extra opening). Warns while typing when the notice goes up under 7 days ahead."""

    CHANGED = Change.CLOSURE
    MODEL = Closure

    def __init__(self, ctx, uuid: str | None = None, parent=None):
        super().__init__(ctx, uuid, parent)
        self.setWindowTitle(self.tr("Closure notice") if uuid is None else self.tr("Edit closure notice"))

    def built(self) -> None:
        self.update_warning()

    def build(self) -> None:
        c = self.record
        f = self.form
        kinds = [("closure", self.tr("Closure")), ("extra", self.tr("Extra opening"))]
        kind = f.add("kind", self.tr("Kind"), combo(kinds, c.kind if c else "closure"))
        start = f.add("start_date", self.tr("From"), date_edit(c.start_date if c else None))
        end = f.add("end_date", self.tr("To"), date_edit(c.end_date if c else None))
        notice = f.add("notice_date", self.tr("Posted on"), date_edit(c.notice_date if c and c.notice_date else
                                                                       date.today()))
        f.add("start_time", self.tr("Start time (extra opening)"),
              line_edit(fmt(c.start_time) if c else "", example_value="08:00"))
        f.add("end_time", self.tr("End time (extra opening)"),
              line_edit(fmt(c.end_time) if c else "", example_value="09:00"))
        f.add("reason", self.tr("Reason"), line_edit(c.reason if c else ""))
        from PySide6.QtWidgets import QLabel

        self.warning = QLabel()
        self.warning.setObjectName("late_warning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(f"color: {BAD_COLOUR}; font-weight: bold;")
        f.form.addRow(self.warning)
        for w in (start, notice):
            w.dateChanged.connect(self.update_warning)
        kind.currentIndexChanged.connect(self.update_warning)

        def follow(qdate, end=end, start=start):
            if end.date() < qdate:
                end.setDate(qdate)

        start.dateChanged.connect(follow)

    def update_warning(self) -> None:
        late = False
        if self.form.value("kind") == "closure":
            start = date.fromisoformat(self.form.value("start_date"))
            notice = date.fromisoformat(self.form.value("notice_date"))
            late = rules.closure_posted_late(start, notice)
        self.warning.setText(self.tr("Posted under 7 days before the closure: the rules ask for a notice "
                                     "7 days ahead. You can still save it; the self-check will list it.")
                             if late else "")
        self.warning.setVisible(late)

    def fields(self) -> dict:
        return {k: self.form.value(k) for k in ("kind", "start_date", "end_date", "notice_date", "start_time",
                                                 "end_time", "reason")}

    def write(self, s, values: dict):
        actor = self.ctx.archive.actor
        if self.uuid is None:
            return opening.add_closure(s, actor, self.ctx.own_center(s), **values)
        c = records.get(s, Closure, self.uuid)
        opening.update_closure(s, actor, c, **values)
        return c


def today_defaults(s, keeper_name: str = "") -> dict:
    """Today's entry (its uuid, to correct it) or, when none, today's scheduled opening and closing time
    and the keeper on duty for one-click logging. Runs on the worker."""
    from storage import centers

    today = date.today()
    center = centers.own_center(s)
    existing = opening.log_for_day(s, center, today)
    if existing is not None:
        return {"uuid": existing.uuid}
    slots = [sl for sl in hours.load(s, center).slots if rules.slot_in_effect(sl, today)]
    opened = min((sl.start_time for sl in slots), default=None)
    closed = max((sl.end_time for sl in slots), default=None)
    return {"log_date": today, "opened_at": fmt(opened) or "09:00", "closed_at": fmt(closed) or "17:00",
            "on_duty": center.keeper or keeper_name}


class OpeningLogDialog(EditDialog):
    CHANGED = Change.OPENING_LOG
    MODEL = OpeningLog
    ATTACHMENTS = True

    def __init__(self, ctx, uuid: str | None = None, parent=None, defaults: dict | None = None):
        super().__init__(ctx, uuid, parent, defaults)
        self.setWindowTitle(self.tr("Opening log") if uuid is None else self.tr("Edit opening log"))

    def built(self) -> None:
        self.form.fields["visitors"].setFocus()

    def build(self) -> None:
        e = self.record
        d = self.defaults
        f = self.form
        f.add("log_date", self.tr("Date"), date_edit(e.log_date if e else d.get("log_date")))
        f.add("opened_at", self.tr("Opened at"), line_edit(fmt(e.opened_at) if e else d.get("opened_at", ""),
                                                           example_value="09:00"))
        f.add("closed_at", self.tr("Closed at"), line_edit(fmt(e.closed_at) if e else d.get("closed_at", ""),
                                                           example_value="17:30"))
        f.add("visitors", self.tr("Visitors"), line_edit(str(e.visitors) if e else "", example_value="35"))
        f.add("on_duty", self.tr("On duty"), line_edit(e.on_duty if e else d.get("on_duty", "")))
        f.add("notes", self.tr("Notes"), line_edit(e.notes if e else ""))

    def fields(self) -> dict:
        return {k: self.form.value(k) for k in ("log_date", "opened_at", "closed_at", "visitors", "on_duty",
                                                 "notes")}

    def write(self, s, values: dict):
        actor = self.ctx.archive.actor
        if self.uuid is None:
            return opening.log_opening(s, actor, self.ctx.own_center(s), **values)
        entry = records.get(s, OpeningLog, self.uuid)
        opening.update_log(s, actor, entry, **values)
        return entry
