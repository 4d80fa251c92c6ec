"""The ledger (台账) of inspections and rectification notices, on screen and as Excel.

Invariants: the actor's scope (access.compound_ids) bounds both; inspectors' names are
masked; every cell of the download goes through `spreadsheet` (safe cells, no control
characters) and the column titles and words are in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session, select

from community_app.i18n import tr
from community_app.models import Compound, Rectification, Shop, ShopInspection, ShopInspectionResult
from community_app.services import clock, spreadsheet
from community_app.services.auth import Actor
from community_app.services.shops.access import compound_ids
from community_app.services.shops.views import inspector_names

LEDGER_LIMIT = 500
COLUMNS = ("time", "shop", "kind", "compound", "inspector", "result", "failed", "number",
           "deadline", "notice_status")


@dataclass
class LedgerRow:
    inspection_id: int = 0
    at: str = ""  # local YYYY-MM-DD HH:MM
    shop: str = ""
    kind: str = ""
    compound: str = ""
    inspector: str = ""  # masked
    passed: bool = True
    failed: list[str] = field(default_factory=list)
    notice_id: int = 0  # the notice this inspection served
    number: str = ""
    deadline: str = ""
    notice_status: str = ""  # open | fixed | closure, or empty


def ledger_rows(session: Session, *, actor: Actor, limit: int = LEDGER_LIMIT) -> list[LedgerRow]:
    """Newest first, within the actor's scope."""
    ids = compound_ids(session, actor=actor)
    rows = session.exec(
        select(ShopInspection, Shop, Compound.name)
        .join(Shop, Shop.id == ShopInspection.shop_id)
        .join(Compound, Compound.id == Shop.compound_id)
        .where(Shop.compound_id.in_(ids))
        .order_by(ShopInspection.inspected_at.desc(), ShopInspection.id.desc()).limit(limit)
    ).all()
    inspection_ids = [r[0].id for r in rows]
    failed: dict[int, list[str]] = {}
    for inspection_id, label in session.exec(
            select(ShopInspectionResult.inspection_id, ShopInspectionResult.label)
            .where(ShopInspectionResult.inspection_id.in_(inspection_ids),
                   ShopInspectionResult.ok.is_(False))
            .order_by(ShopInspectionResult.check_item_id)).all():
        failed.setdefault(inspection_id, []).append(label)
    served = {r.inspection_id: r for r in session.exec(select(Rectification).where(
        Rectification.inspection_id.in_(inspection_ids))).all()}
    names = inspector_names(session, {r[0].inspector_id for r in rows})
    out = []
    for inspection, shop, compound in rows:
        rect = served.get(inspection.id)
        out.append(LedgerRow(
            inspection_id=inspection.id,
            at=clock.local(inspection.inspected_at).strftime("%Y-%m-%d %H:%M"),
            shop=shop.name, kind=shop.kind, compound=compound,
            inspector=names.get(inspection.inspector_id, ""), passed=inspection.passed,
            failed=failed.get(inspection.id, []), notice_id=rect.id if rect else 0,
            number=rect.number if rect else "",
            deadline=rect.deadline.isoformat() if rect else "",
            notice_status=str(rect.status) if rect else ""))
    return out


def export_xlsx(session: Session, *, actor: Actor, lang: str = "zh") -> bytes:
    """The ledger as one Excel sheet, titled in the reader's language."""
    rows = ledger_rows(session, actor=actor, limit=100_000)
    header = [tr(f"shops.col.{c}", lang) for c in COLUMNS]
    passed, failed = tr("shops.result.passed", lang), tr("shops.result.failed", lang)

    def cells(r: LedgerRow) -> list[object]:
        status = tr(f"shops.notice_status.{r.notice_status}", lang) if r.notice_status else ""
        return [r.at, r.shop, r.kind, r.compound, r.inspector, passed if r.passed else failed,
                "、".join(r.failed), r.number, r.deadline, status]

    return spreadsheet.xlsx_bytes(tr("shops.ledger_title", lang), header,
                                  (cells(r) for r in rows))


def export_file_name(lang: str) -> str:
    return tr("shops.export_file", lang, day=f"{clock.local_day():%Y%m%d}")
