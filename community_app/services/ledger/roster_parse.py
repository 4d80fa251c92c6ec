"""Reading a roster file (CSV or XLSX) into checked rows: no database access here.

Invariants
- Size and row caps are checked before parsing goes far (MAX_BYTES, MAX_ROWS), and every
  refusal is a catalog key the import page can show.
- A row is either fully parsed (`ParsedRow`) or refused with every issue found in it;
  nothing is guessed or half-kept.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from typing import Any

from community_app.models import Relation, Sex, utcnow
from community_app.services.errors import ServiceError
from community_app.services.text import has_forbidden

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000

# Column aliases (lower-cased, spaces removed) -> field.
HEADERS: dict[str, str] = {
    "小区": "compound", "小区名称": "compound", "compound": "compound",
    "楼栋": "building", "楼号": "building", "building": "building",
    "单元": "unit", "unit": "unit",
    "楼层": "floor", "层": "floor", "floor": "floor",
    "房号": "room", "门牌号": "room", "室": "room", "room": "room",
    "姓名": "name", "name": "name",
    "性别": "sex", "sex": "sex", "gender": "sex",
    "出生年份": "birth_year", "出生年": "birth_year", "birth_year": "birth_year",
    "birthyear": "birth_year",
    "电话": "phone", "手机": "phone", "手机号": "phone", "联系电话": "phone", "phone": "phone",
    "与户主关系": "relation", "关系": "relation", "relation": "relation",
    "独居老人": "elderly_alone", "elderly_alone": "elderly_alone",
    "残疾": "disabled", "残疾人": "disabled", "disabled": "disabled",
    "慢性病": "chronic_illness", "chronic_illness": "chronic_illness",
    "孕妇": "pregnant", "pregnant": "pregnant",
    "婴幼儿": "infant", "infant": "infant",
}
REQUIRED = ("compound", "building", "unit", "floor", "room", "name", "sex", "birth_year")
GROUPS = ("elderly_alone", "disabled", "chronic_illness", "pregnant", "infant")
SEXES = {"男": Sex.male, "女": Sex.female, "male": Sex.male, "female": Sex.female,
         "m": Sex.male, "f": Sex.female}
RELATIONS = {
    "户主": Relation.head, "本人": Relation.head, "配偶": Relation.spouse, "妻": Relation.spouse,
    "夫": Relation.spouse, "子女": Relation.child, "子": Relation.child, "女": Relation.child,
    "父母": Relation.parent, "父亲": Relation.parent, "母亲": Relation.parent,
    "孙辈": Relation.grandchild, "孙子": Relation.grandchild, "孙女": Relation.grandchild,
    "租户": Relation.tenant, "租客": Relation.tenant, "其他": Relation.other,
    **{r.value: r for r in Relation},
}
YES = {"是", "1", "yes", "y", "true", "√", "✓"}
NO = {"否", "0", "no", "n", "false", ""}
LIMITS = {"compound": 100, "building": 50, "room": 10, "name": 50, "phone": 20}


@dataclass
class RowIssue:
    row: int  # the line in the spreadsheet (the header is row 1)
    key: str  # catalog key of the reason
    field: str = ""  # which column, for errors
    other_row: int = 0  # for duplicates within the file: the earlier row


@dataclass
class ParsedRow:
    line: int
    compound: str
    building: str
    unit: int
    floor: int
    room: str
    name: str
    sex: Sex
    birth_year: int
    phone: str
    relation: Relation
    groups: dict[str, bool]


# --- parsing ----------------------------------------------------------------------------


def _decode(content: bytes) -> str:
    if content.startswith(b"\xef\xbb\xbf"):
        return content[3:].decode("utf-8")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("gb18030")  # a superset of GBK: Chinese Excel's "CSV"
    except UnicodeDecodeError:
        raise ServiceError("import.err.encoding") from None


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_table(filename: str, content: bytes) -> list[list[str]]:
    if len(content) > MAX_BYTES:
        raise ServiceError("import.err.too_big", mb=MAX_BYTES // (1024 * 1024))
    if not content.strip():
        raise ServiceError("import.err.empty")
    if content[:4] == b"PK\x03\x04":
        return _xlsx_table(content)
    if filename.lower().endswith((".xlsx", ".xlsm")):
        raise ServiceError("import.err.format")
    text = _decode(content)
    rows = []
    try:
        for raw in csv.reader(io.StringIO(text)):
            rows.append([c.strip() for c in raw])
            if len(rows) > MAX_ROWS + 1:
                raise ServiceError("import.err.too_many", rows=MAX_ROWS)
    except csv.Error:  # e.g. NUL bytes: not a text table
        raise ServiceError("import.err.format") from None
    return rows


def _xlsx_table(content: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise ServiceError("import.err.format") from None
    try:
        sheet = book.worksheets[0]
        rows = []
        for values in sheet.iter_rows(values_only=True):
            rows.append([_cell(v) for v in values])
            if len(rows) > MAX_ROWS + 1:
                raise ServiceError("import.err.too_many", rows=MAX_ROWS)
        return rows
    finally:
        book.close()


@dataclass(frozen=True)
class Columns:
    """Where each field sits in the file's rows (the header read once).

    A mapping at heart, kept in a small type so the one way to read a cell (`cell`) and
    the guarantee that every REQUIRED field has a column travel together.
    """

    index: dict[str, int]  # field -> column; the first matching header wins

    def cell(self, cells: list[str], name: str) -> str:
        """The trimmed text of field `name` in one row; "" when the row is short."""
        at = self.index.get(name)
        return cells[at].strip() if at is not None and at < len(cells) else ""


def column_map(header: list[str]) -> Columns:
    """The columns of a header row; a file missing a required column is refused."""
    found: dict[str, int] = {}
    for index, title in enumerate(header):
        key = HEADERS.get(title.replace(" ", "").lower())
        if key and key not in found:
            found[key] = index
    missing = [name for name in REQUIRED if name not in found]
    if missing:
        raise ServiceError("import.err.missing_columns", columns=", ".join(missing))
    return Columns(index=found)


def _int(text: str, low: int, high: int) -> int | None:
    text = text.strip()
    if text.endswith(("层", "单元")):
        text = text.rstrip("层单元")
    if not text.isdigit():
        return None
    value = int(text)
    return value if low <= value <= high else None


def parse_row(
    line: int, cells: list[str], cols: Columns
) -> tuple[ParsedRow | None, list[RowIssue]]:
    """One body row checked: the parsed row, or None and every issue found in it."""

    def get(name: str) -> str:
        return cols.cell(cells, name)

    issues: list[RowIssue] = []

    def bad(name: str, key: str) -> None:
        issues.append(RowIssue(row=line, key=key, field=name))

    for name in REQUIRED:
        if not get(name):
            bad(name, "import.err.required")
    for name, limit in LIMITS.items():
        if len(get(name)) > limit:
            bad(name, "import.err.too_long")
    for name in cols.index:  # a cell with a control character is refused like any typed text
        if has_forbidden(get(name)):
            bad(name, "reason.control")
    unit = _int(get("unit"), 1, 20) if get("unit") else 0
    floor = _int(get("floor"), 1, 60) if get("floor") else 0
    year = _int(get("birth_year"), 1900, utcnow().year) if get("birth_year") else 0
    if unit is None:
        bad("unit", "import.err.bad_number")
    if floor is None:
        bad("floor", "import.err.bad_number")
    if year is None:
        bad("birth_year", "import.err.bad_year")
    sex = SEXES.get(get("sex").lower())
    if get("sex") and sex is None:
        bad("sex", "import.err.bad_sex")
    phone = get("phone").replace(" ", "").replace("-", "")
    if phone and not (phone.lstrip("+").isdigit() and 5 <= len(phone) <= 20):
        bad("phone", "import.err.bad_phone")
    relation = RELATIONS.get(get("relation").lower(), None) if get("relation") else Relation.head
    if relation is None:
        bad("relation", "import.err.bad_relation")
    groups: dict[str, bool] = {}
    for name in GROUPS:
        value = get(name).lower()
        if value in YES:
            groups[name] = True
        elif value in NO:
            groups[name] = False
        else:
            bad(name, "import.err.bad_flag")
    if issues:
        return None, issues
    return ParsedRow(line=line, compound=get("compound"), building=get("building"), unit=unit,
                floor=floor, room=get("room"), name=get("name"), sex=sex, birth_year=year,
                phone=phone, relation=relation, groups=groups), []
