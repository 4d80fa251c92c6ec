"""The roster import page (/import): a dry run of the uploaded file, then applying it.

Uploaded rosters are read from memory in the handler and never saved to the public upload
directory; "apply" uploads the same selected file again, so no roster bytes are parked in
server state.
"""

from __future__ import annotations

import reflex as rx

from community_app import db
from community_app.i18n import tr
from community_app.models import Role
from community_app.services.errors import ServiceError
from community_app.services.ledger import roster_import, roster_parse
from community_app.state.base import AppState
from community_app.state.guard import current_actor, guarded


def _issue_text(issue: roster_parse.RowIssue, lang: str) -> str:
    where = tr("import.row", lang, row=issue.row)
    if issue.field:
        where += f" · {tr(f'import.field.{issue.field}', lang)}"
    return f"{where}: {tr(issue.key, lang, other_row=issue.other_row)}"


async def _read_one(files: object) -> tuple[str, bytes]:
    """The single uploaded file, read from memory with the size cap; nothing saved."""
    if not isinstance(files, list) or len(files) != 1 or not isinstance(files[0], rx.UploadFile):
        raise ServiceError("import.err.no_file")
    upload = files[0]
    content = await upload.read(roster_parse.MAX_BYTES + 1)
    if len(content) > roster_parse.MAX_BYTES:
        raise ServiceError("import.err.too_big", mb=roster_parse.MAX_BYTES // (1024 * 1024))
    return str(upload.name or "roster")[:200], content


class ImportState(AppState):
    batch_uuid: str = ""
    filename: str = ""
    summary: str = ""
    rows_ok: int = 0
    errors: list[str] = []
    duplicates: list[str] = []
    applied: str = ""

    def _clear(self) -> None:
        self.batch_uuid = self.filename = self.summary = self.applied = ""
        self.rows_ok = 0
        self.errors, self.duplicates = [], []

    @guarded(Role.admin)
    def load(self) -> None:
        self._clear()

    @guarded(Role.admin)
    async def check_file(self, files: list[rx.UploadFile]) -> None:
        name, content = await _read_one(files)
        self._clear()
        report = await db.run(roster_import.dry_run, actor=current_actor(), filename=name,
                              content=content)
        self.batch_uuid, self.filename, self.rows_ok = report.batch_uuid, name, report.rows_ok
        self.errors = [_issue_text(e, self.lang) for e in report.errors]
        self.duplicates = [_issue_text(d, self.lang) for d in report.duplicates]
        self.summary = tr("import.summary", self.lang, total=report.rows_total,
                          ok=report.rows_ok, errors=len(report.errors),
                          dups=len(report.duplicates))

    @guarded(Role.admin)
    async def apply_file(self, files: list[rx.UploadFile]) -> None:
        _, content = await _read_one(files)
        if not self.batch_uuid:
            raise ServiceError("import.err.changed")
        counts = await db.run(roster_import.apply, actor=current_actor(),
                              batch_uuid=self.batch_uuid, content=content)
        key = "import.already_applied" if counts.already_applied else "import.applied"
        self.applied = tr(key, self.lang, **counts.counts())
        self.notice = self.applied
        self.rows_ok = 0
