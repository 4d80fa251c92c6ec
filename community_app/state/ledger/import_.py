"""The roster import page (/import): a dry run of the chosen file, then applying it.

The file never travels over the websocket nor through Reflex's `/_upload`: the page posts
it to the upload routes (community_app/uploads.py), which authorise from that request's
own cookie, run the service and answer the batch uuid. The page hands that answer to
`checked` / `applied_batch`, which read the stored report back by uuid (a guarded read
of the actor's own community): counts and rows always come from the database.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field, ValidationError

from community_app import db
from community_app.i18n import CATALOG, tr
from community_app.models import ImportStatus, Role
from community_app.services.errors import ServiceError
from community_app.services.ledger import roster_import, roster_parse
from community_app.state.base import AppState
from community_app.state.guard import current_actor, guarded

# What an upload route may refuse with (its catalog key); anything else reads as junk.
_ROUTE_KEYS = ("import.err.", "err.session", "err.denied", "err.bad_request")


class UploadAnswer(BaseModel):
    """An upload route's JSON as upload.js hands it on: untrusted, only its ids are used."""

    ok: bool = False
    batch: str = Field("", max_length=36)
    key: str = Field("", max_length=80)
    params: dict[str, int | Annotated[str, Field(max_length=200)]] = Field(
        default_factory=dict, max_length=4)
    reason: str = Field("", max_length=20)  # upload.js: no_file, busy, network


def _answer_of(answer: object) -> UploadAnswer:
    try:
        return UploadAnswer.model_validate(answer if isinstance(answer, dict) else {})
    except ValidationError:
        raise ServiceError("err.bad_request") from None


def _batch_of(data: UploadAnswer) -> str:
    """The batch uuid of a successful upload; a refusal raises its message."""
    if data.ok and data.batch:
        return data.batch
    if data.reason == "no_file":
        raise ServiceError("import.err.no_file")
    if data.reason == "network":
        raise ServiceError("import.err.upload_failed")
    if data.key in CATALOG and data.key.startswith(_ROUTE_KEYS):
        try:  # every placeholder of the message must be filled, in both languages
            for text in CATALOG[data.key]:
                text.format(**data.params)
        except (KeyError, IndexError, ValueError):
            raise ServiceError("err.bad_request") from None
        raise ServiceError(data.key, **data.params)
    raise ServiceError("err.bad_request")


def _issue_text(issue: roster_parse.RowIssue, lang: str) -> str:
    where = tr("import.row", lang, row=issue.row)
    if issue.field:
        where += f" · {tr(f'import.field.{issue.field}', lang)}"
    return f"{where}: {tr(issue.key, lang, other_row=issue.other_row)}"


class ImportState(AppState):
    batch_uuid: str = ""
    filename: str = ""
    chosen: str = ""
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
        self.chosen = ""

    @guarded(Role.admin)
    def choose(self, value: str) -> None:
        """The file input changed: show its name (the browser says C:\\fakepath\\name)."""
        if not isinstance(value, str):
            raise ServiceError("err.bad_request")
        self.chosen = value.replace("\\", "/").rsplit("/", 1)[-1][:200]

    @guarded(Role.admin)
    async def checked(self, answer: dict) -> None:
        """The check route stored a dry run: show its report, read back by batch uuid."""
        data = _answer_of(answer)
        if data.reason == "busy":  # a second tap while the first uploads
            return
        self._clear()  # a refused file leaves no earlier report (nor its apply button)
        report = await db.run(roster_import.batch_report, actor=current_actor(),
                              batch_uuid=_batch_of(data))
        self.batch_uuid, self.filename, self.rows_ok = (report.batch_uuid, report.filename,
                                                        report.rows_ok)
        self.errors = [_issue_text(e, self.lang) for e in report.errors]
        self.duplicates = [_issue_text(d, self.lang) for d in report.duplicates]
        self.summary = tr("import.summary", self.lang, total=report.rows_total,
                          ok=report.rows_ok, errors=len(report.errors),
                          dups=len(report.duplicates))

    @guarded(Role.admin)
    async def applied_batch(self, answer: dict) -> None:
        """The apply route wrote the batch shown here: the counts come from its report."""
        data = _answer_of(answer)
        if data.reason == "busy":
            return
        batch = _batch_of(data)
        if not self.batch_uuid or batch != self.batch_uuid:
            raise ServiceError("import.err.changed")
        report = await db.run(roster_import.batch_report, actor=current_actor(),
                              batch_uuid=batch)
        if report.status != ImportStatus.applied:
            raise ServiceError("import.err.changed")
        self.applied = tr("import.applied", self.lang, **report.applied)
        self.notice = self.applied
        self.rows_ok = 0
