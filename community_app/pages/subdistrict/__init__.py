"""The subdistrict's pages (街道): its home, a new community, lent cadres, the care list,
and the community admin's privacy page."""

from community_app.pages.subdistrict import care, index, loans, new, privacy  # noqa: F401
