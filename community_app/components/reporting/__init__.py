"""Components of the reporting domain: a submitted report's versions, the roll-up table,
the reminder card on the secretary's home."""
