"""Pages of the reporting domain (the subdistrict's roll-up and one community's report);
importing this package registers them. The secretary's send page reads several domains
and sits at the top: pages/report_submit.py."""

from community_app.pages.reporting import community, rollup  # noqa: F401
