"""States of the gate pages (卡点)."""
