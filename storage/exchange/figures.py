"""A center's self-check figures per year, computed once when the station imports its archive file.

The station cannot change a village's records; only the next import replaces them. So the self-check of
each year the file covers is run inside the import's transaction and its counts are stored
(``CenterFigures``); the overview and the town report read them instead of checking 315 centers per view.
The check of a year runs to the year's end or to the day the file was made, whichever is earlier: the
station cannot know of later weeks, and a week it has no log for yet is not a gap.
An archive upgraded from before this table has no rows until the next import; ``figures_for`` then
computes the missing ones on the spot (slower, same answer).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from ..asof import LOCAL_TZ  # the centers' zone, as the dossier's
from ..models import Activity, BagImport, Center, CenterFigures, Closure, Equipment, OpeningLog


@dataclass(frozen=True)
class Figures:
    findings: int
    errors: int
    checked_to: date


def local_day(moment: datetime) -> date:
    return moment.astimezone(LOCAL_TZ).date()


def years_covered(s: Session, center_id: int, made_on: date) -> range:
    """From the first year with a dated record to the year the file was made."""
    firsts = [s.scalar(select(func.min(col)).where(model.center_id == center_id))
              for model, col in ((Activity, Activity.start_date), (OpeningLog, OpeningLog.log_date),
                                 (Equipment, Equipment.purchase_date), (Closure, Closure.start_date))]
    first = min((d for d in firsts if d is not None), default=made_on)
    return range(min(first.year, made_on.year), made_on.year + 1)


def compute(s: Session, center: Center, year: int, made_on: date, **shared) -> Figures:
    """``shared``: what ``selfcheck.center_findings`` may be given once for all the years of one center."""
    from .. import selfcheck  # only imports and the fallback check; the overview reads stored counts

    end = min(date(year, 12, 31), made_on)
    found = selfcheck.center_findings(s, center, date(year, 1, 1), end, **shared)
    return Figures(len(found), sum(f.severity == "error" for f in found), end)


def store(s: Session, center_id: int, bag_sha256: str, bagging_time: datetime, profile: str | None = None) -> None:
    """Replace the stored figures of one center, for every year its imported file covers, and its indicator
    checklists under ``profile`` (the station's, by default)."""
    from . import checklists

    center = s.get(Center, center_id)
    made_on = local_day(bagging_time)
    s.execute(delete(CenterFigures).where(CenterFigures.center_id == center_id),
              execution_options={"synchronize_session": False})
    from .. import hours, selfcheck

    rows = []
    shared = {"data": hours.load(s, center), "numbering": selfcheck.numbering_findings(s, center)}
    for year in years_covered(s, center_id, made_on):
        f = compute(s, center, year, made_on, **shared)
        rows.append({"center_id": center_id, "year": year, "findings": f.findings, "errors": f.errors,
                     "checked_to": f.checked_to, "bag_sha256": bag_sha256})
    s.execute(insert(CenterFigures), rows)
    checklists.store(s, center, {r["year"]: r["checked_to"] for r in rows}, profile or checklists.station_profile())


def figures_for(s: Session, year: int, center_ids: list[int], uuids: dict[int, str]) -> dict[int, Figures | None]:
    """Each center's figures for ``year``; None where no imported file covers that year."""
    stored = {cid: Figures(n, e, to) for cid, n, e, to in s.execute(
        select(CenterFigures.center_id, CenterFigures.findings, CenterFigures.errors, CenterFigures.checked_to)
        .where(CenterFigures.year == year))}
    have_any = set(s.scalars(select(CenterFigures.center_id).distinct()))
    out: dict[int, Figures | None] = {}
    missing = [cid for cid in center_ids if cid not in stored and cid not in have_any]
    made = _last_bagging(s, [uuids[cid] for cid in missing]) if missing else {}
    for cid in center_ids:
        if cid in stored:
            out[cid] = stored[cid]
        elif cid in missing and uuids[cid] in made:  # imported before figures were stored
            made_on = local_day(made[uuids[cid]])
            covered = years_covered(s, cid, made_on)
            out[cid] = compute(s, s.get(Center, cid), year, made_on) if year in covered else None
        else:
            out[cid] = None
    return out


def _last_bagging(s: Session, center_uuids: list[str]) -> dict[str, datetime]:
    """When the file whose records the station holds (the last one imported) was made, per center."""
    out = {}
    for i in range(0, len(center_uuids), 500):
        out.update(s.execute(select(BagImport.center_uuid, BagImport.bagging_date).where(
            BagImport.result == "imported", BagImport.center_uuid.in_(center_uuids[i:i + 500]))
            .order_by(BagImport.id)).all())
    return {k: v for k, v in out.items() if v is not None}
