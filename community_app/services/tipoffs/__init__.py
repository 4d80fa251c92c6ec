"""Tip-offs (线索举报): see README.md."""
