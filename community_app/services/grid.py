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
