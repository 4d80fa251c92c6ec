"""Building blocks of the tip-off pages (线索举报)."""
