"""招募令 and the one shift roster: recruitment, teams, shifts, attendance (README.md)."""
