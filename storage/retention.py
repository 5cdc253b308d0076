"""Retention (保管期限) by record kind, after DA/T 22-2015, and the dossier's archive number (档号).

``TERMS``: 永久, 定期30年, 定期10年 (codes Y, D30, D10 as in DA/T 22's 档号).
``DEFAULTS``: the period each kind is kept when the center has not set its own rule: equipment purchase and
acceptance records (special funds, fixed assets) 定期30年; activities, opening log and notices 定期10年.
``parse_rule(text) -> dict[kind, term]``: "activity=定期10年;equipment=永久" over the defaults; an unknown kind
or term raises ``ValidationError``. ``format_rule(mapping) -> str`` writes it back (only what differs).
``term_for(center, kind) -> str``. ``longest(terms) -> str``: the dossier is kept as long as its longest item.
``archive_number(center, year, term) -> str``: the dossier's 档号 in DA/T 22's order 全宗号-年度-保管期限代码
(with the center code where no 全宗号 is assigned yet), e.g. ``Z118-2017-D30`` or ``GENM-2017-D30``.
"""

from __future__ import annotations

from . import kinds
from .errors import ValidationError

TERMS = ("永久", "定期30年", "定期10年")
CODES = {"永久": "Y", "定期30年": "D30", "定期10年": "D10"}
DEFAULTS = {k.key: k.retention for k in kinds.KINDS.values() if k.retention}  # each kind's ``retention``


def parse_rule(text: str | None) -> dict[str, str]:
    out = dict(DEFAULTS)
    for part in (text or "").replace("；", ";").split(";"):
        if not part.strip():
            continue
        kind, _, term = part.partition("=")
        kind, term = kind.strip(), term.strip()
        if kind not in DEFAULTS:
            names = "、".join(DEFAULTS)
            raise ValidationError("bad_retention_kind", f"保管期限规则里没有“{kind}”这类记录，可用：{names}。",
                                  "retention_rule")
        if term not in TERMS:
            raise ValidationError("bad_retention_term", f"保管期限“{term}”无效，只能是 永久、定期30年 或 定期10年。",
                                  "retention_rule")
        out[kind] = term
    return out


def format_rule(mapping: dict[str, str]) -> str:
    full = parse_rule(";".join(f"{k}={v}" for k, v in mapping.items()))
    return ";".join(f"{k}={v}" for k, v in full.items() if DEFAULTS[k] != v)


def term_for(center, kind: str) -> str:
    return parse_rule(getattr(center, "retention_rule", "") or "").get(kind, "定期10年")


def longest(terms) -> str:
    terms = set(terms)
    return next((t for t in TERMS if t in terms), "定期10年")


def archive_number(center, year: int | str, term: str) -> str:
    prefix = (getattr(center, "fonds_number", "") or "").strip() or center.code
    return f"{prefix}-{year}-{CODES.get(term, 'D10')}"
