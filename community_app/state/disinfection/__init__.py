"""States of the disinfection log (消杀)."""
