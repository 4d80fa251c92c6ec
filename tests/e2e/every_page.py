"""Every page of the app, for every role that may open it, with real ids from the demo.

One list shared by the walks that visit every page (the language test, axe-core): a new
page is added here once and every walk sees it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from community_app import routes
from community_app.models import Community, Household

ADMIN, WORKER, VOLUNTEER, HOUSEHOLD = "admin", "grid_worker", "volunteer", "household"
SUBDISTRICT = "subdistrict"  # the officer above the communities: its own pages only
COMMUNITY_ROLES = (ADMIN, WORKER, VOLUNTEER, HOUSEHOLD)
ROLES = (*COMMUNITY_ROLES, SUBDISTRICT)


@dataclass(frozen=True)
class PageVisit:
    path: str  # with its query string
    roles: tuple[str, ...]


def _household_id(demo) -> int:
    code = demo.logins[HOUSEHOLD][0]
    with Session(demo.engine) as session:
        return session.exec(select(Household.id).where(Household.code == code)).one()


def shop_pages(demo) -> list[PageVisit]:
    """复工门店巡查: the register, a demo shop's inspection, its open notice, the ledger."""
    from community_app.models import Rectification

    with Session(demo.engine) as session:
        notice = session.exec(select(Rectification).order_by(Rectification.id)).first()
    grid = (ADMIN, WORKER)
    found = [PageVisit(f"{routes.SHOPS_INSPECT}?s={notice.shop_id}", grid),
             PageVisit(f"{routes.SHOPS_NOTICE}?r={notice.id}", grid)] if notice else []
    return [PageVisit(routes.SHOPS, grid), PageVisit(routes.SHOPS_LEDGER, grid), *found]


def pages(demo, case_id: int | None = None) -> list[PageVisit]:
    """Each signed-in page with the ids it needs (the demo's building and household); with
    `case_id` (the `isolated_household` fixture) also the isolation case's page."""
    building, home = demo.building_id, _household_id(demo)
    grid = (ADMIN, WORKER)
    case = [PageVisit(f"{routes.ISOLATION_CASE}?id={case_id}", grid)] if case_id else []
    return [*case,
        PageVisit(routes.HOME, COMMUNITY_ROLES),
        PageVisit(routes.ME, COMMUNITY_ROLES),
        PageVisit(routes.BUILDINGS, grid),
        PageVisit(f"{routes.BUILDING}?id={building}", grid),
        PageVisit(routes.STAFF, (ADMIN,)),
        PageVisit(routes.SURVEY, grid),
        PageVisit(f"{routes.SURVEY_BUILDING}?id={building}", grid),
        PageVisit(f"{routes.SURVEY_VISIT}?h={home}", grid),
        PageVisit(routes.SURVEY_FOLLOWUPS, grid),
        PageVisit(f"{routes.SURVEY_NOTICE}?h={home}", grid),
        PageVisit(routes.SURVEY_REVIEW, grid),
        PageVisit(routes.REPORT, (ADMIN,)),
        PageVisit(routes.REPORT_SUBMIT, (ADMIN,)),
        PageVisit(routes.MAP, grid),
        PageVisit(routes.PATROL, (VOLUNTEER, WORKER)),
        PageVisit(routes.PATROL_PLAN, (ADMIN,)),
        PageVisit(routes.PATROL_LOG, (ADMIN,)),
        PageVisit(routes.NOTICES, (ADMIN,)),
        PageVisit(routes.DISINFECTION, (ADMIN, WORKER, VOLUNTEER)),
        PageVisit(routes.CARE, grid),
        *shop_pages(demo),
        PageVisit(routes.ISOLATION, grid),
        PageVisit(f"{routes.ISOLATION_NEW}?household={home}", grid),
        PageVisit(routes.ERRAND_ASK, (HOUSEHOLD, WORKER, ADMIN)),
        PageVisit(routes.ERRANDS, (VOLUNTEER,)),
        PageVisit(routes.ERRAND_RUN, (VOLUNTEER,)),
        PageVisit(routes.ERRANDS_ADMIN, (ADMIN,)),
        PageVisit(routes.ERRAND_NEEDS, grid),
        PageVisit(routes.LEDGER, grid),
        PageVisit(routes.IMPORT, (ADMIN,)),
        PageVisit(routes.CAMPAIGN_END, (ADMIN,)),
        *_subdistrict_pages(demo),
        PageVisit(routes.ROSTER, (ADMIN,)),
        PageVisit(routes.ROSTER_RECRUIT, (ADMIN,)),
        PageVisit(routes.SHIFTS, (VOLUNTEER,)),
        PageVisit(routes.TIPOFFS, (ADMIN,)),
        PageVisit(routes.DONATIONS, (ADMIN,)),
        PageVisit(routes.GATE, (ADMIN, WORKER, VOLUNTEER)),
        PageVisit(routes.GATE_ADMIN, (ADMIN,)),
        PageVisit(f"{routes.GATE_CARDS}?h={home}", (ADMIN,)),
    ]


def _subdistrict_pages(demo) -> list[PageVisit]:
    with Session(demo.engine) as session:
        community = session.exec(select(Community.id).order_by(Community.id)).first()
    return [PageVisit(routes.SUBDISTRICT, (SUBDISTRICT,)),
            PageVisit(routes.SUBDISTRICT_NEW, (SUBDISTRICT,)),
            PageVisit(routes.SUBDISTRICT_LOANS, (SUBDISTRICT,)),
            PageVisit(f"{routes.SUBDISTRICT_CARE}?c={community}", (SUBDISTRICT,)),
            PageVisit(routes.REPORTING, (SUBDISTRICT,)),
            PageVisit(f"{routes.REPORTING_COMMUNITY}?c={community}", (SUBDISTRICT,)),
            PageVisit(routes.SUBDISTRICT_PRIVACY, (ADMIN,))]


# Pages anyone may open, signed in or not.
PUBLIC = (routes.LOGIN, routes.HOUSEHOLD_LOGIN, routes.SELF_FILL, routes.JOIN,
          routes.TIP_STATUS)


def for_role(demo, role: str, case_id: int | None = None) -> list[str]:
    return [visit.path for visit in pages(demo, case_id) if role in visit.roles]
