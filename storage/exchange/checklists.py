"""Each village's indicator checklist (达标对照表) per year, measured when the station imports its file.

The checklist is ``storage.indicators.measure`` for the year (to the year's end or the day the file was
made, as the stored self-check counts), under the station's regional profile (``Settings``). Measuring
315 villages per report would take seconds, so the import stores the lines (``CenterIndicator``); the
town report reads them. Lines missing for the report's profile (an archive upgraded from before this
table, or a profile changed since the import) are measured when the report is made.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from ..models import Center, CenterFigures, CenterIndicator


@dataclass(frozen=True)
class Line:
    key: str
    label: str
    threshold: str
    measured: str
    met: bool | None


def station_profile() -> str:
    from .. import indicators
    from ..settings import Settings

    return indicators.profile(Settings.load().indicator_profile).key


def measure(s: Session, center: Center, year: int, checked_to: date, profile: str) -> list[Line]:
    from .. import indicators

    return [Line(r.key, r.label, r.threshold, r.measured, r.met)
            for r in indicators.measure(s, center, date(year, 1, 1), checked_to, profile)]


def store(s: Session, center: Center, years: dict[int, date], profile: str) -> None:
    """Replace the center's stored checklists: ``years`` maps each year to the day its check runs to."""
    s.execute(delete(CenterIndicator).where(CenterIndicator.center_id == center.id),
              execution_options={"synchronize_session": False})
    rows = [{"center_id": center.id, "year": year, "profile": profile, "key": ln.key, "position": i,
             "label": ln.label, "threshold": ln.threshold, "measured": ln.measured, "met": ln.met}
            for year, to in years.items() for i, ln in enumerate(measure(s, center, year, to, profile))]
    if rows:
        s.execute(insert(CenterIndicator), rows)


def checklists_for(s: Session, year: int, center_ids: list[int], profile: str) -> dict[int, list[Line] | None]:
    """Each center's checklist for ``year``; None where no imported file covers that year."""
    out: dict[int, list[Line]] = {}
    q = (select(CenterIndicator.center_id, CenterIndicator.key, CenterIndicator.label, CenterIndicator.threshold,
                CenterIndicator.measured, CenterIndicator.met)
         .where(CenterIndicator.year == year, CenterIndicator.profile == profile)
         .order_by(CenterIndicator.center_id, CenterIndicator.position))
    for cid, *line in s.execute(q):
        out.setdefault(cid, []).append(Line(*line))
    covered = dict(s.execute(select(CenterFigures.center_id, CenterFigures.checked_to)
                             .where(CenterFigures.year == year)).all())
    result: dict[int, list[Line] | None] = {}
    for cid in center_ids:
        if cid in out:
            result[cid] = out[cid]
        elif cid in covered:  # stored under another profile, or before checklists were stored
            result[cid] = measure(s, s.get(Center, cid), year, covered[cid], profile)
        else:
            result[cid] = None
    return result
