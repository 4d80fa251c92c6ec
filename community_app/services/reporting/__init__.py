"""Daily reports sent up to the subdistrict: frozen snapshots, versions, roll-up, reminders."""
