"""Shouwang (守望): field work for a residential community's epidemic prevention."""
