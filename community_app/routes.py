"""Every route of the app, in one place."""

HOME = "/"
LOGIN = "/login"
HOUSEHOLD_LOGIN = "/login/household"
# Plain HTTP routes (api.py): swap a login ticket for the HttpOnly cookie; clear it.
AUTH_SESSION = "/auth/session"  # ?t=<one-use ticket>&next=<local path>
AUTH_LOGOUT = "/auth/logout"  # ?next=<local path>
BUILDINGS = "/buildings"
BUILDING = "/building"  # ?id=<building id>
STAFF = "/staff"
ME = "/me"
SURVEY = "/survey"
SURVEY_BUILDING = "/survey/building"  # ?id=<building id>
SURVEY_VISIT = "/survey/visit"  # ?h=<household id>
SURVEY_FOLLOWUPS = "/survey/followups"
SURVEY_NOTICE = "/survey/notice"  # ?h=<household id>
SURVEY_REVIEW = "/survey/review"
SELF_FILL = "/f"  # ?c=<door-notice code>; public
REPORT = "/report"
MAP = "/map"  # ?c=<compound id>&layer=<layer>
PATROL = "/patrol"  # ?id=<plan id>; without it, tonight's first plan of the signed-in walker
PATROL_PLAN = "/patrol/plan"
PATROL_LOG = "/patrol/log"  # ?night=YYYY-MM-DD
ISOLATION = "/isolation"
ISOLATION_CASE = "/isolation/case"  # ?id=<case id>
ISOLATION_NEW = "/isolation/new"  # ?household=<household id>
# Errands: the household's "ask for supplies" page (?household=<id> when a worker asks for one),
# the volunteer queue and own run, the admin overview and settlement.
ERRAND_ASK = "/ask"
ERRANDS = "/errands"
ERRAND_RUN = "/errands/run"
ERRANDS_ADMIN = "/errands/admin"
# Needs recorded on survey visits, to turn into errand requests (grid worker / admin).
ERRAND_NEEDS = "/errands/needs"
LEDGER = "/ledger"
# Plain HTTP downloads of the ledger (api.py), with the page's filter as the query string.
EXPORT_CSV = "/export/ledger.csv"
EXPORT_XLSX = "/export/ledger.xlsx"
IMPORT = "/import"
CAMPAIGN_END = "/campaign/end"
NOTICES = "/notices"  # the admin's notices and daily broadcast schedule (小喇叭)
# The subdistrict (街道): its officer's home, listing its communities; creating one.
SUBDISTRICT = "/subdistrict"
SUBDISTRICT_NEW = "/subdistrict/new"
SUBDISTRICT_LOANS = "/subdistrict/loans"  # cadres lent to communities (下沉干部)
SUBDISTRICT_CARE = "/subdistrict/care"  # ?c=<community id>: its care list, granted + logged
SUBDISTRICT_PRIVACY = "/subdistrict/privacy"  # the community admin's grants and view log
