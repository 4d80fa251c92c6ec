"""State of the reporting domain: the subdistrict's roll-up and drill-down, the reminder
card on the secretary's home."""
