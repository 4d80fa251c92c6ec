"""Cells that leave the app: never let a spreadsheet read a value as a formula.

Text stored before control characters were refused (or written around the app) may still
hold one; XLSX cannot carry them (openpyxl raises on the first), so every writer here
strips them instead of failing half-way through a download.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterable, Iterator
from typing import Any

from openpyxl import Workbook

from community_app.services.text import has_forbidden, strip_forbidden

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """Numbers stay numbers; text that a spreadsheet would evaluate is prefixed with '."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def clean_row(row: list[Any]) -> list[Any]:
    """The row as written: text without control characters, then neutralised again.

    One check per row keeps exports fast; the rare dirty row is stripped cell by cell and
    re-neutralised ("\x00=cmd" must not become the formula "=cmd").
    """
    if not has_forbidden("".join([v for v in row if type(v) is str])):
        return row
    return [safe_cell(strip_forbidden(v)) if isinstance(v, str) else v for v in row]


def xlsx_bytes(title: str, header: list[str], rows: Iterable[list[object]]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(clean_row([safe_cell(h) for h in header]))
    for row in rows:
        sheet.append(clean_row([safe_cell(v) for v in row]))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def csv_chunks(rows: Iterator[list[Any]], head: list[str], chunk_rows: int = 500,
               counter: list[int] | None = None) -> Iterator[bytes]:
    """UTF-8 with BOM (Excel opens Chinese correctly), flushed every `chunk_rows` rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(head)
    yield b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")
    buffer.seek(0)
    buffer.truncate()
    pending = 0
    for row in rows:
        writer.writerow(clean_row(row))
        pending += 1
        if counter is not None:
            counter[0] += 1
        if pending >= chunk_rows:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
            pending = 0
    if pending:
        yield buffer.getvalue().encode("utf-8")


def xlsx_file(rows: Iterator[list[Any]], head: list[str], sheet: str) -> tuple[Any, int]:
    """A write-only workbook spooled to a temporary file; returns (file at 0, rows)."""
    book = Workbook(write_only=True)
    ws = book.create_sheet(sheet[:31])
    ws.append(clean_row(head))
    count = 0
    for row in rows:
        ws.append(clean_row(row))
        count += 1
    out = tempfile.TemporaryFile()
    book.save(out)
    out.seek(0)
    return out, count
