"""Disinfection log (消杀): planned rounds per compound and building, the records, overdue
rounds, history and export. See README.md."""
