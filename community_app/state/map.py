"""The situation map page: choose a compound and a layer, see every building's façade;
search a flat by its address (never by a name), tap a flat to open its household."""

from __future__ import annotations

from community_app import db
from community_app.models import Role
from community_app.services import situation_map
from community_app.services.errors import ServiceError
from community_app.services.situation_map import Layer, MapBuilding
from community_app.services.survey.rounds import CompoundChoice
from community_app.state.base import AppState
from community_app.state.common import form_dict
from community_app.state.guard import current_actor, guarded

MAP_ROLES = (Role.admin, Role.grid_worker)


class MapState(AppState):
    compounds: list[CompoundChoice] = []
    compound_id: str = ""
    layer: str = Layer.occupancy.value
    buildings: list[MapBuilding] = []
    q: str = ""  # the address searched for, "" for the whole compound
    found: int = 0  # flats the search found

    async def _draw(self) -> None:
        chosen = int(self.compound_id) if self.compound_id.isdigit() else 0
        view = await db.run(situation_map.map_view, actor=current_actor(), compound_id=chosen,
                            layer=Layer(self.layer), q=self.q)
        self.compounds, self.buildings, self.found = view.compounds, view.buildings, view.found
        self.compound_id = str(view.compound_id) if view.compound_id else ""

    @guarded(*MAP_ROLES)
    async def load(self) -> None:
        # Keeps the compound chosen before (a reconnect re-runs the load), if still in scope.
        await self._draw()

    @guarded(*MAP_ROLES)
    async def choose_compound(self, compound_id: str | list[str]) -> None:
        if compound_id not in {str(c.id) for c in self.compounds}:
            raise ServiceError("err.bad_request")
        self.compound_id, self.q = compound_id, ""
        await self._draw()

    @guarded(*MAP_ROLES)
    async def choose_layer(self, layer: str | list[str]) -> None:
        if layer not in {x.value for x in Layer} or not self.compound_id:
            raise ServiceError("err.bad_request")
        self.layer = layer
        await self._draw()

    @guarded(*MAP_ROLES)
    async def search(self, form_data: dict) -> None:
        text = form_dict(form_data).get("q", "")
        if not isinstance(text, str) or len(text.strip()) > situation_map.MAX_QUERY:
            raise ServiceError("err.bad_request")
        self.q = text.strip()
        await self._draw()

    @guarded(*MAP_ROLES)
    async def clear_search(self) -> None:
        self.q = ""
        await self._draw()
