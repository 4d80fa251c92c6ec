"""Per-domain UI strings, merged into community_app.i18n.CATALOG.

Each domain owns one module with a `STRINGS: dict[str, tuple[str, str]]` (zh, en),
keys prefixed by the domain; tests/test_i18n.py refuses overlapping keys.
"""
