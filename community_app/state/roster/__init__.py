"""States of the roster domain (招募令, teams, the shift roster)."""
