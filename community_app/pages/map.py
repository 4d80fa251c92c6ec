"""民情地图: the map workers plan their rounds from.

Invariants
- The page never scrolls sideways at 360px: the layer tabs sit in a two-column grid (every
  tab whole, none cut at the edge), the façades in the card's width.
- A flat is a link only when the service says the person may open it (`MapCell.opens`);
  the page it opens checks the scope again.
- The search box takes an address (compound, building, room), never a name.
"""

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


def _face(cell: MapCell, **props) -> rx.Component:
    return rx.box(
        rx.text(cell.label, size="1", weight="bold", color="white"),
        background=rx.match(cell.key, *KEY_COLORS.items(), "#e5e7eb"),
        min_height="44px", display="flex", align_items="center", justify_content="center",
        border_radius="4px",
        # A flat the search found: a thick dark ring, visible on every layer colour.
        outline=rx.cond(cell.match, "3px solid #111827", "none"), outline_offset="1px",
        custom_attrs={"data-room": cell.label, "data-key": cell.key,
                      "data-match": rx.cond(cell.match, "1", "0")},
        **props,
    )


def _cell(cell: MapCell) -> rx.Component:
    hid = cell.household_id.to_string()
    href = rx.match(cell.opens, ("visit", routes.SURVEY_VISIT + "?h=" + hid),
                    routes.LEDGER + "?h=" + hid)
    return rx.cond(
        cell.opens != "",
        rx.link(_face(cell), href=href, underline="none", display="block",
                custom_attrs={"data-flat": hid}),
        _face(cell),
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


def _layer_tab(layer: Layer) -> rx.Component:
    chosen = MapState.layer == layer.value
    return rx.button(
        t(f"map.layer.{layer.value}"), on_click=MapState.choose_layer(layer.value),
        variant=rx.cond(chosen, "solid", "soft"), size="3", min_height="44px", width="100%",
        role="radio", custom_attrs={"aria-checked": rx.cond(chosen, "true", "false"),
                                    "data-layer": layer.value},
    )


def _layer_tabs() -> rx.Component:
    # Two columns: the four tabs always fit whole at 360px (a one-row strip cut the last).
    return rx.grid(*[_layer_tab(layer) for layer in Layer], columns="2", gap="6px",
                   width="100%", role="radiogroup", id="map-layer")


def _search() -> rx.Component:
    return rx.vstack(
        rx.form(
            rx.hstack(
                rx.el.label(t("map.search_label"), html_for="map-q", class_name="sr-only",
                            style={"position": "absolute", "width": "1px", "height": "1px",
                                   "overflow": "hidden", "clip": "rect(0 0 0 0)"}),
                rx.input(name="q", id="map-q", placeholder=t("map.search"), size="3",
                         width="100%", max_length=30, default_value=MapState.q,
                         type="search"),
                rx.button(rx.icon("search"), type="submit", size="3", min_height="44px",
                          min_width="44px", aria_label=t("map.search_go"), id="map-search"),
                width="100%",
            ),
            on_submit=MapState.search,
            key="map-search-" + MapState.q,
            width="100%",
        ),
        rx.cond(MapState.q != "", rx.hstack(
            rx.cond(MapState.found > 0,
                    rx.text(t("map.found"), " ", MapState.found, size="2", id="map-found"),
                    rx.text(t("map.not_found"), size="2", id="map-found")),
            rx.spacer(),
            rx.button(t("map.clear_search"), variant="ghost", size="2", min_height="44px",
                      on_click=MapState.clear_search, id="map-clear"),
            width="100%", align="center",
        )),
        width="100%", spacing="1",
    )


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
            _layer_tabs(),
            _search(),
            _legend(),
            rx.foreach(MapState.buildings, _building),
            width="100%", spacing="3",
        ), rx.text(t("map.empty"))),
        width="100%",
        spacing="3",
    )
