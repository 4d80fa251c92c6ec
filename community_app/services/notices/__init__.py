"""Broadcasts and notices (小喇叭): see README.md."""
