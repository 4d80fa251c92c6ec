"""复工门店巡查: shops, the checklist, inspections, rectification notices (README.md)."""
