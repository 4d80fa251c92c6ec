"""The volunteer's own run (/errands/run): starting a run, the merged shopping list with item
outcomes, each held request with amount, photos and delivery, and the photo upload sheet.

Every step of the run (bought, unavailable, substitute, amount, delivered) is a form of its
own carrying its ids and client UUID, kept in the outbox when there is no signal
(state/errands/run_steps.py); the substitute sheet opens in the browser (sheets.js).
"""

from __future__ import annotations

import reflex as rx
from reflex.vars.function import ArgsFunctionOperation, FunctionStringVar

from community_app import routes
from community_app.components.errands.badges import OUTCOMES, PAYMENTS, label, status_badge
from community_app.components.i18n import t
from community_app.components.layout import shell
from community_app.components.photo import photo_viewer
from community_app.components.sheets import browser_sheet, close_button, open_button, title
from community_app.components.ui import big_button, card, sheet, uuid_field
from community_app.services.errands.my_run import MyRequest, ShoppingEntry, ShoppingLine
from community_app.state.errands.ask import WINDOWS
from community_app.state.errands.run_steps import KIND as STEP_KIND
from community_app.state.errands.run_steps import SUBSTITUTE_FORM
from community_app.state.errands.volunteer import VolunteerState
from community_app.uploads import ERRAND_PHOTO


def _outcome(line: ShoppingLine) -> rx.Var:
    """The line's outcome: an item step since the run was drawn over the run's own."""
    key = line.item_id.to_string()
    return rx.cond(VolunteerState.outcomes.contains(key), VolunteerState.outcomes[key],
                   line.outcome)


def _substitute(line: ShoppingLine) -> rx.Var:
    key = line.item_id.to_string()
    return rx.cond(VolunteerState.substitutes.contains(key), VolunteerState.substitutes[key],
                   line.substitute)


def _item_step(line: ShoppingLine, step: str, text: rx.Var | str, **props) -> rx.Component:
    """Bought / unavailable: a tiny form of its own, kept in the outbox when tapped offline."""
    return rx.form(
        uuid_field(),
        rx.el.input(type="hidden", name="item_id", value=line.item_id.to_string()),
        rx.el.input(type="hidden", name="step", value=step),
        rx.button(text, type="submit", size="3", min_height="48px", width="100%",
                  variant=rx.cond(_outcome(line) == step, "solid", "outline"),
                  custom_attrs={"data-action": step}, **props),
        on_submit=VolunteerState.submit_step,
        id=f"step-{step}-" + line.item_id.to_string(),  # run_steps.item_form_id
        custom_attrs={"data-sw-outbox": STEP_KIND},
    )


def _outcome_buttons(line: ShoppingLine) -> rx.Component:
    return rx.grid(
        _item_step(line, "bought", t("errands.bought")),
        open_button(SUBSTITUTE_FORM, {"item_id": line.item_id, "title": line.place,
                                      "substitute": _substitute(line)},
                    t("errands.substitute"), size="3", min_height="48px",
                    variant=rx.cond(_outcome(line) == "substituted", "solid", "outline"),
                    color_scheme="orange", custom_attrs={"data-action": "substitute"}),
        _item_step(line, "unavailable", t("errands.unavailable"), color_scheme="gray"),
        grid_template_columns="repeat(3, minmax(0, 1fr))",
        gap="6px",
        width="100%",
    )


def _substitute_sheet() -> rx.Component:
    """The one substitute form of the page, opened for a line in the browser (sheets.js)."""
    return browser_sheet(
        SUBSTITUTE_FORM,
        rx.el.input(type="hidden", name="step", value="substituted"),
        rx.text(t("errands.substitute_with"), size="4", weight="bold"),
        title(),
        rx.input(name="substitute", placeholder=t("errands.substitute_with"), size="3",
                 width="100%", max_length=60, id="substitute-input",
                 aria_label=t("errands.substitute_with")),
        big_button(t("errands.save"), type="submit", id="substitute-save", margin_top="8px"),
        close_button(t("common.cancel"), size="4", width="100%", min_height="52px",
                     variant="soft", color_scheme="gray"),
        hidden=("item_id",), on_submit=VolunteerState.submit_step, outbox=STEP_KIND,
        label=t("errands.substitute_with"),
    )


def _shopping_line(line: ShoppingLine) -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.text(line.place, " ×", line.quantity, size="3"),
            rx.spacer(),
            rx.text(label("outcome", _outcome(line), OUTCOMES), size="2", color_scheme="gray"),
            width="100%",
        ),
        rx.cond(line.note != "", rx.text(line.note, size="2", color_scheme="gray")),
        rx.cond(_substitute(line) != "",
                rx.text("→ ", _substitute(line), size="2", weight="bold")),
        _outcome_buttons(line),
        width="100%",
        spacing="1",
        padding_y="4px",
        border_top="1px solid var(--gray-a4)",
        custom_attrs={"data-item-line": line.item_id.to_string()},
    )


def _shopping_entry(e: ShoppingEntry) -> rx.Component:
    return card(
        rx.text(e.label, " ×", e.total, size="5", weight="bold"),
        rx.foreach(e.lines, _shopping_line),
        custom_attrs={"data-shopping": e.label},
    )


def _my_request(r: MyRequest) -> rx.Component:
    return card(
        rx.hstack(rx.text(r.place, size="4", weight="bold"), rx.spacer(),
                  status_badge(r.status, "2"), width="100%", wrap="wrap"),
        rx.text(r.summary, size="3"),
        rx.text(t("errands.window"), ": ", label("window", r.window, WINDOWS), " · ",
                label("payment", r.payment, PAYMENTS), size="2"),
        rx.cond(r.note != "", rx.text(r.note, size="2", color_scheme="gray")),
        rx.cond(
            r.phone != "",
            rx.link(rx.button(rx.icon("phone"), t("errands.call"), size="3", variant="soft",
                              min_height="48px", width="100%"),
                    href="tel:" + r.phone, width="100%"),
        ),
        rx.cond(
            r.status == "claimed",
            rx.button(t("errands.release"), size="3", variant="soft", color_scheme="gray",
                      min_height="48px", on_click=VolunteerState.release(r.id)),
        ),
        rx.cond(
            (r.status == "shopping") | (r.status == "delivered"),
            rx.form(
                uuid_field(),
                rx.el.input(type="hidden", name="request_id", value=r.id.to_string()),
                rx.el.input(type="hidden", name="step", value="amount"),
                rx.hstack(
                    rx.input(name="amount", placeholder=t("errands.amount"), input_mode="decimal",
                             default_value=r.amount, size="3", flex="1", min_width="0",
                             id="amount-" + r.id.to_string()),
                    rx.button(t("errands.save"), size="3", type="submit", min_height="48px",
                              id="amount-save-" + r.id.to_string()),
                    width="100%",
                ),
                on_submit=VolunteerState.submit_step,
                id="amount-form-" + r.id.to_string(),  # run_steps.request_form_id
                width="100%",
                custom_attrs={"data-sw-outbox": STEP_KIND},
            ),
        ),
        rx.cond(
            (r.status == "shopping") | (r.status == "delivered"),
            rx.grid(
                rx.button(rx.icon("camera"), t("errands.photo_delivery"), size="3",
                          variant="outline", min_height="48px",
                          on_click=VolunteerState.choose_photo(r.id, "delivery"),
                          id="photo-door-" + r.id.to_string()),
                rx.button(rx.icon("receipt"), t("errands.photo_receipt"), size="3",
                          variant="outline", min_height="48px",
                          on_click=VolunteerState.choose_photo(r.id, "receipt")),
                grid_template_columns="repeat(2, minmax(0, 1fr))",
                gap="6px",
                width="100%",
            ),
        ),
        rx.cond(
            r.has_delivery_photo,
            rx.button(rx.icon("image"), t("errands.photo_view"), size="3", variant="soft",
                      min_height="48px",
                      on_click=VolunteerState.show_photo(r.id, "delivery"),
                      id="photo-view-" + r.id.to_string()),
        ),
        rx.cond(
            r.status == "shopping",
            rx.form(
                uuid_field(),
                rx.el.input(type="hidden", name="request_id", value=r.id.to_string()),
                rx.el.input(type="hidden", name="step", value="delivered"),
                # No door photo yet: said plainly before, and the household is told too.
                rx.cond(~r.has_delivery_photo,
                        rx.callout(t("errands.no_door_photo"), color_scheme="orange",
                                   size="1", width="100%",
                                   id="no-door-photo-" + r.id.to_string())),
                big_button(rx.cond(r.has_delivery_photo, t("errands.deliver"),
                                   t("errands.deliver_no_photo")),
                           color_scheme="green", type="submit",
                           id="deliver-" + r.id.to_string()),
                on_submit=VolunteerState.submit_step,
                id="delivered-form-" + r.id.to_string(),  # run_steps.request_form_id
                width="100%",
                custom_attrs={"data-sw-outbox": STEP_KIND},
            ),
        ),
        custom_attrs={"data-request": r.id.to_string()},
    )


PHOTO_UPLOAD_ID = "errand-photo"
UPLOAD_SCRIPT = "/upload.js"
# Visually hidden but focusable: the label around it is the button people tap.
_HIDDEN = {"position": "absolute", "width": "1px", "height": "1px", "opacity": "0",
           "overflow": "hidden"}


def _post_photo() -> rx.event.EventSpec:
    """Post the chosen photo (assets/upload.js) to the photo route, which authorises from that
    request's own cookie; its answer goes to VolunteerState.photo_stored."""
    call = FunctionStringVar.create("window.swUpload").call(
        ERRAND_PHOTO, PHOTO_UPLOAD_ID,
        {"request": VolunteerState.photo_for, "kind": VolunteerState.photo_kind})
    return rx.call_function(ArgsFunctionOperation.create((), call),
                            callback=VolunteerState.photo_stored)


def _photo_sheet() -> rx.Component:
    return rx.cond(
        VolunteerState.photo_for > 0,
        sheet(
            rx.script(src=UPLOAD_SCRIPT),
            rx.text(rx.cond(VolunteerState.photo_kind == "receipt", t("errands.photo_receipt"),
                            t("errands.photo_delivery")), size="4", weight="bold"),
            rx.el.label(
                rx.el.input(type="file", accept="image/jpeg,image/png,.jpg,.jpeg,.png",
                            on_change=VolunteerState.pick_photo, style=_HIDDEN),
                rx.hstack(rx.icon("camera"), rx.text(t("errands.photo_pick"), size="3",
                                                     weight="medium"),
                          align="center", justify="center", min_height="48px", width="100%",
                          border="1px solid var(--accent-a8)", border_radius="var(--radius-3)",
                          color="var(--accent-11)"),
                id=PHOTO_UPLOAD_ID,
                position="relative",
                display="block",
                cursor="pointer",
                width="100%",
            ),
            rx.cond(VolunteerState.photo_name != "",
                    rx.text(VolunteerState.photo_name, size="2", id="photo-chosen")),
            big_button(t("errands.photo_upload"), id="photo-upload", on_click=_post_photo()),
            rx.button(t("common.cancel"), size="3", variant="soft", color_scheme="gray",
                      min_height="48px", on_click=VolunteerState.cancel_photo),
        ),
    )


@shell(routes.ERRAND_RUN, on_load=[VolunteerState.load_run])
def run_page() -> rx.Component:
    return rx.vstack(
        rx.link(t("errands.go_queue"), href=routes.ERRANDS, size="3"),
        rx.heading(t("errands.my_run"), size="6"),
        rx.hstack(rx.text(t("errands.owed_me"), size="3"), rx.spacer(),
                  rx.text("¥", VolunteerState.owed, size="5", weight="bold", id="owed-me"),
                  width="100%"),
        rx.cond(
            VolunteerState.has_claimed,
            rx.form(uuid_field(), big_button(t("errands.start_run"), type="submit",
                                             id="start-run"),
                    on_submit=VolunteerState.start_run, id="run-form", width="100%"),
        ),
        rx.cond(
            VolunteerState.shopping.length() > 0,
            rx.vstack(rx.heading(t("errands.shopping_list"), size="4"),
                      rx.foreach(VolunteerState.shopping, _shopping_entry),
                      width="100%", spacing="2", id="shopping-list"),
        ),
        rx.cond(
            VolunteerState.mine.length() > 0,
            rx.vstack(rx.foreach(VolunteerState.mine, _my_request), width="100%", spacing="2"),
            rx.text(t("errands.run_empty"), size="4"),
        ),
        _substitute_sheet(),
        _photo_sheet(),
        photo_viewer(VolunteerState.photo_url, VolunteerState.hide_photo),
        width="100%",
        spacing="3",
        id="errand-run",
    )
