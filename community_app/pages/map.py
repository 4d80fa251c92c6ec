"""民情地图: the map workers plan their rounds from."""

from __future__ import annotations

import reflex as rx

from community_app import routes
from community_app.components.i18n import t, unit_label
from community_app.components.layout import shell
from community_app.components.ui import card
from community_app.services.situation_map import LEGEND, Layer, MapBuilding, MapCell, MapUnit
from community_app.state.map import MapState

# Layer colours, mapped once for the cells and the legend.
KEY_COLORS = {
    "home": "#16a34a", "away": "#ca8a04", "rented": "#2563eb", "vacant": "#9ca3af",
    "fever": "#dc2626", "returnee": "#ea580c", "clear": "#86efac", "unreached": "#6b7280",
    "elderly_alone": "#7c3aed", "special": "#db2777", "isolated": "#b91c1c",
    "none": "#e5e7eb",
}


def _cell(cell: MapCell) -> rx.Component:
    return rx.box(
        rx.text(cell.label, size="1", weight="bold", color="white"),
        background=rx.match(cell.key, *KEY_COLORS.items(), "#e5e7eb"),
        min_height="32px", display="flex", align_items="center", justify_content="center",
        border_radius="4px",
        custom_attrs={"data-room": cell.label, "data-key": cell.key},
    )


def _unit(unit: MapUnit) -> rx.Component:
    return rx.vstack(
        rx.text(unit_label(unit.unit), size="1", color_scheme="gray"),
        rx.grid(rx.foreach(unit.cells, _cell),
                grid_template_columns="repeat(" + unit.columns.to_string() + ", minmax(0, 1fr))",
                gap="3px", width="100%"),
        spacing="1", width="100%",
    )


def _building(b: MapBuilding) -> rx.Component:
    return card(
        rx.text(b.label, size="3", weight="bold"),
        rx.grid(rx.foreach(b.units, _unit), columns="2", spacing="2", width="100%"),
        custom_attrs={"data-map-building": b.label},
    )


def _legend() -> rx.Component:
    def entries(layer: Layer) -> rx.Component:
        return rx.flex(
            *[rx.hstack(rx.box(width="14px", height="14px", background=KEY_COLORS[k],
                               border_radius="3px"),
                        rx.text(t(f"map.key.{k}"), size="2"), align="center", spacing="1")
              for k in LEGEND[layer]],
            wrap="wrap", gap="8px",
        )

    return rx.match(MapState.layer, *[(layer.value, entries(layer)) for layer in Layer],
                    rx.fragment())


@shell(routes.MAP, on_load=[MapState.load])
def map_page() -> rx.Component:
    return rx.vstack(
        rx.heading(t("map.title"), size="6"),
        rx.cond(MapState.compounds.length() > 0, rx.vstack(
            rx.select.root(
                rx.select.trigger(width="100%", aria_label=t("map.compound")),
                rx.select.content(rx.foreach(
                    MapState.compounds,
                    lambda c: rx.select.item(c.name, value=c.id.to_string()))),
                value=MapState.compound_id, on_change=MapState.choose_compound, size="3",
            ),
            rx.segmented_control.root(
                *[rx.segmented_control.item(t(f"map.layer.{layer.value}"), value=layer.value)
                  for layer in Layer],
                value=MapState.layer, on_change=MapState.choose_layer, size="2", width="100%",
                id="map-layer",
            ),
            _legend(),
            rx.foreach(MapState.buildings, _building),
            width="100%", spacing="3",
        ), rx.text(t("map.empty"))),
        width="100%",
        spacing="3",
    )
