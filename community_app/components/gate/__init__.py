"""Components of the gate domain (卡点)."""
