"""The volunteer's run steps as forms (pages/errands/run.py): bought, unavailable, substitute,
amount paid, delivered; each kept in the phone's outbox (kind "run_step") until stored.

Every step is a form that carries what it is about (the item or the request) and its client
UUID, so it applies the same whether it is sent at once, after a reconnect or from the
outbox once the signal is back: the server holds no "which line is being substituted".
`VolunteerState.submit_step` (volunteer.py) applies a tapped one; `REPLAYER` a kept one.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from community_app import db
from community_app.models import Role
from community_app.services.auth import Actor
from community_app.services.errands import my_run as errand_run
from community_app.services.errands.my_run import StepShown
from community_app.state.outbox import Replayer

KIND = "run_step"  # the forms' data-sw-outbox kind
SUBSTITUTE_FORM = "substitute-form"  # the one substitute sheet of the run page


class StepForm(BaseModel):
    uuid: str = Field(min_length=32, max_length=36)
    step: str = Field(pattern=r"^(bought|unavailable|substituted|amount|delivered)$")
    item_id: int = Field(default=0, ge=0)
    request_id: int = Field(default=0, ge=0)
    substitute: str = Field(default="", max_length=60)
    amount: str = Field(default="", max_length=12)


def item_form_id(item_id: object, step: str) -> str:
    """The id of a shopping line's bought / unavailable form (built the same in the page)."""
    return f"step-{step}-{item_id}"


def request_form_id(request_id: object, step: str) -> str:
    """The id of a held request's amount / delivered form."""
    return f"{step}-form-{request_id}"


def form_id(data: StepForm) -> str:
    """The form a step came from: its UUID is drawn anew for the next step."""
    if data.step == "substituted":
        return SUBSTITUTE_FORM
    if data.step in ("bought", "unavailable"):
        return item_form_id(data.item_id, data.step)
    return request_form_id(data.request_id, data.step)


async def apply_step(actor: Actor, data: StepForm, lang: str = "zh",
                     redraw: bool = True) -> StepShown:
    return await db.run(errand_run.step_and_show, actor=actor, uuid=data.uuid, step=data.step,
                        item_id=data.item_id, request_id=data.request_id,
                        substitute=data.substitute, amount=data.amount, lang=lang,
                        redraw=redraw)


async def _replay(actor: Actor, form: dict) -> bool:
    return (await apply_step(actor, StepForm.model_validate(form), redraw=False)).applied


# Registered for the kind "run_step" by the composition root (community_app.py).
REPLAYER = Replayer(roles=(Role.volunteer,), apply=_replay, saved_key="errands.steps_saved",
                    refused_key="errands.steps_refused")
