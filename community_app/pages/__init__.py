"""One module per page; importing this package registers them all."""

from community_app.pages import campaign_end, home, login, me, report
from community_app.pages import map as situation_map
from community_app.pages.community import buildings, staff
from community_app.pages.errands import admin as errand_admin
from community_app.pages.errands import ask as errands
from community_app.pages.errands import index as errand_volunteer
from community_app.pages.errands import needs as errand_needs
from community_app.pages.isolation import case as isolation_case
from community_app.pages.isolation import index as isolation
from community_app.pages.isolation import new as isolation_new
from community_app.pages.ledger import index as ledger
from community_app.pages.patrol import index as patrol
from community_app.pages.patrol import log as patrol_log
from community_app.pages.patrol import plan as patrol_plan
from community_app.pages.survey import index as survey
from community_app.pages.survey import self_fill
from community_app.pages.survey import visit as survey_visit

__all__ = [
    "buildings",
    "campaign_end",
    "errand_admin",
    "errand_needs",
    "errand_volunteer",
    "errands",
    "home",
    "isolation",
    "isolation_case",
    "isolation_new",
    "ledger",
    "login",
    "me",
    "patrol",
    "patrol_log",
    "patrol_plan",
    "report",
    "self_fill",
    "situation_map",
    "staff",
    "survey",
    "survey_visit",
]
