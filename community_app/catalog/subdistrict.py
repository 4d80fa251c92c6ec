"""UI strings of the subdistrict domain (街道): key -> (zh-CN, English)."""

STRINGS: dict[str, tuple[str, str]] = {
    "subdistrict.err.not_found": ("找不到该社区，或不在本街道。", "No such community in this subdistrict."),
}
