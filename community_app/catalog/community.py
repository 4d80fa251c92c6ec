# ruff: noqa: E501
"""UI strings of the community domain (buildings, staff accounts, household logins):
key -> (zh-CN, English)."""

STRINGS: dict[str, tuple[str, str]] = {
    "buildings.title": ("楼栋", "Buildings"),
    "buildings.worker": ("网格员", "Grid worker"),
    "buildings.none": ("未分配", "Unassigned"),
    "buildings.households": ("户", "households"),
    "building.open_account": ("为此户开通登录", "Open a login for this household"),
    "building.account_issued": ("已开通。请把户码和密码交给居民（只显示这一次）：", "Done. Give the household this code and PIN (shown only once):"),
    "building.account_replayed": ("此操作已完成过，密码不会再次显示。", "This was already done; the PIN is not shown again."),
    "building.household": ("户", "Household"),
    "staff.title": ("人员与网格", "Staff and grids"),
    "staff.new": ("新增人员", "Add a person"),
    "staff.name": ("姓名", "Name"),
    "staff.phone": ("手机号", "Phone"),
    "staff.role": ("角色", "Role"),
    "staff.create": ("创建账号", "Create account"),
    "staff.created": ("账号已创建。初始密码（只显示这一次）：", "Account created. Initial password (shown only once):"),
    "staff.disable": ("停用", "Disable"),
    "staff.enable": ("启用", "Enable"),
    "staff.disabled": ("已停用", "Disabled"),
    "staff.assign": ("分配楼栋", "Assign buildings"),
    "staff.assign_save": ("保存楼栋分配", "Save building assignment"),
    "staff.assigned": ("楼栋分配已保存。", "Building assignment saved."),
    "staff.buildings_count": ("栋", "buildings"),
    "community.written_down": ("我已记下", "I wrote it down"),
    "community.phone_label": ("社区电话", "Community office phone"),
    "community.phone_hint": ("印在门上的摸排通知单上，住户可以打这个电话。", "Printed on the door notices; households can call it."),
    "community.phone_saved": ("社区电话已保存。", "The community phone was saved."),
    "community.phone_invalid": ("社区电话只能是数字（可以带 - 或空格），例如 010-62881234。", "The phone may hold digits only (with - or spaces), e.g. 010-62881234."),
    "field.phone_community": ("社区电话", "Community phone"),
}
