"""The inspection (/shops/inspect?s=<shop id>), a few taps on the phone: every item passes
until tapped as failed, a deadline for the notice, an optional note, 保存巡查.

An offline form (kind "shop_inspection"): the boxes are the browser's own and the whole form
waits in the outbox with no signal. The photo is added after the save and needs signal."""

from __future__ import annotations

import reflex as rx
from reflex.vars.function import ArgsFunctionOperation, FunctionStringVar

from community_app import routes
from community_app.components.i18n import t
from community_app.components.layout import shell
from community_app.components.shops.words import status_badge
from community_app.components.ui import big_button, card, label_for, uuid_field
from community_app.services.shops.views import CheckRow
from community_app.state.shops.forms import FAIL
from community_app.state.shops.inspect import INSPECT_FORM_ID, KIND, InspectState
from community_app.uploads import SHOP_PHOTO

UPLOAD_SCRIPT = "/upload.js"
PHOTO_BOX_ID = "shop-photo"
DAYS = ("1", "2", "3", "5", "7", "14")
BOX = {"width": "28px", "height": "28px", "accentColor": "var(--red-9)"}


def _item(i: CheckRow) -> rx.Component:
    return rx.el.label(
        rx.text(i.label, size="5", flex="1"),
        rx.el.input(type="checkbox", name=FAIL + i.id.to_string(), style=BOX),
        rx.text(t("shops.fail"), size="3", color="var(--red-11)"),
        display="flex", align_items="center", gap="10px", min_height="52px", width="100%",
        border_bottom="1px solid var(--gray-a5)",
        custom_attrs={"data-item": i.label},
    )


def _form() -> rx.Component:
    return rx.form(
        uuid_field(),
        rx.el.input(type="hidden", name="shop_id", value=InspectState.shop.id.to_string()),
        rx.vstack(
            rx.text(t("shops.inspect_hint"), size="3", color_scheme="gray"),
            rx.foreach(InspectState.items, _item),
            label_for(t("shops.deadline_label"), "shop-deadline", size="3", weight="medium"),
            rx.el.select(*[rx.el.option(d, value=d) for d in DAYS], name="deadline_days",
                         id="shop-deadline", default_value="3",
                         style={"minHeight": "44px", "width": "100%", "fontSize": "16px"}),
            label_for(t("shops.note_label"), "shop-note", size="3", weight="medium"),
            rx.text_area(name="note", id="shop-note", rows="2", size="3", width="100%"),
            rx.text(t("shops.photo_hint"), size="2", color_scheme="gray"),
            big_button(rx.icon("clipboard-check"), t("shops.save"), type="submit",
                       id="shop-inspect-save"),
            width="100%", spacing="2",
        ),
        on_submit=InspectState.save, id=INSPECT_FORM_ID, width="100%",
        custom_attrs={"data-sw-outbox": KIND},
    )


def _post_photo() -> rx.event.EventSpec:
    call = FunctionStringVar.create("window.swUpload").call(
        SHOP_PHOTO, PHOTO_BOX_ID, {"inspection": InspectState.inspection_uuid})
    return rx.call_function(ArgsFunctionOperation.create((), call),
                            callback=InspectState.photo_done)


def _saved() -> rx.Component:
    return card(
        rx.text(rx.match(
            InspectState.result,
            ("passed", t("shops.saved.passed")), ("notice", t("shops.saved.notice")),
            ("fixed", t("shops.saved.fixed")), ("still_open", t("shops.saved.still_open")),
            ("closure", t("shops.saved.closure")),
            ("still_closed", t("shops.saved.still_closed")),
            ("reopened", t("shops.saved.reopened")), t("shops.saved.recorded"),
        ), size="5", weight="bold", id="shop-inspect-result"),
        rx.cond(InspectState.result == "notice", rx.link(
            big_button(rx.icon("printer"), t("shops.print_notice"), variant="soft"),
            href=routes.SHOPS_NOTICE + "?r=" + InspectState.notice_id.to_string(),
            width="100%", id="shop-notice-link")),
        rx.script(src=UPLOAD_SCRIPT),
        rx.cond(InspectState.photo_saved, rx.text(t("shops.photo_saved"), size="3"),
                rx.vstack(
                    label_for(t("shops.photo_label"), "shop-photo-input", size="3",
                              weight="medium"),
                    rx.box(rx.el.input(type="file", id="shop-photo-input",
                                       accept="image/jpeg,image/png,.jpg,.jpeg,.png",
                                       style={"minHeight": "44px", "width": "100%"}),
                           id=PHOTO_BOX_ID, width="100%"),
                    rx.button(rx.icon("camera"), t("shops.photo_label"), type="button", size="3",
                              min_height="48px", width="100%", variant="outline",
                              on_click=_post_photo()),
                    width="100%", spacing="2")),
        rx.link(big_button(t("shops.title"), variant="outline"), href=routes.SHOPS,
                width="100%"),
    )


@shell(routes.SHOPS_INSPECT, on_load=[InspectState.load])
def inspect_page() -> rx.Component:
    s = InspectState.shop
    return rx.vstack(
        rx.heading(t("shops.inspect_title"), size="6"),
        rx.hstack(rx.text(s.name, size="6", weight="bold", id="shop-inspect-name"), rx.spacer(),
                  status_badge(s), width="100%", align="center", wrap="wrap"),
        rx.text(s.kind, " · ", s.compound, size="3", color_scheme="gray"),
        rx.cond(s.notice_id > 0, rx.callout(
            rx.text(t("shops.open_notice"), " ", s.deadline), color_scheme="orange",
            width="100%")),
        rx.cond(InspectState.saved, _saved(), _form()),
        width="100%", spacing="3",
    )
