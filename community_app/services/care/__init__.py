"""Daily care for residents who cannot go out (居家关爱): the care list, each day's tasks
(garbage pickups, the check-in), ticks, and the check-ins missed by the cut-off.
See README.md."""
