"""The shape of a building as people see it from outside: unit blocks, floors top down.

Rooms are numbered floor + two-digit flat (3rd floor, 2nd flat -> "302") in every unit.
"""

from __future__ import annotations

from collections.abc import Iterator

from community_app.models import Building


def room_label(floor: int, index: int) -> str:
    return f"{floor}{index:02d}"


def facade(building: Building) -> Iterator[tuple[int, list[str]]]:
    """(unit, rooms from the top floor down, left to right) for each unit."""
    for unit in range(1, building.units + 1):
        yield unit, [room_label(floor, index)
                     for floor in range(building.floors, 0, -1)
                     for index in range(1, building.rooms_per_floor + 1)]


def seen_from(units: int, rooms_per_floor: int, side: str) -> list[tuple[int, list[int]]]:
    """(unit, flat indices) left to right for someone standing on `side` of the building.

    As registered, unit 1 is on the left and flats run 01, 02, ... left to right when
    seen from the front. From the back the same wall is seen mirrored: the last unit is
    on the left and, inside each unit, the flats run from the highest number down
    (for 2 units x 2 flats: unit 2 [02, 01], then unit 1 [02, 01]). Floors do not change.
    """
    unit_order = list(range(1, units + 1))
    flat_order = list(range(1, rooms_per_floor + 1))
    if side == "back":
        unit_order.reverse()
        flat_order.reverse()
    return [(unit, list(flat_order)) for unit in unit_order]
