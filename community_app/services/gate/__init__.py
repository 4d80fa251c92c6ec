"""The compound gate (卡点): checkpoints, duty, resident passes, the gate register."""
