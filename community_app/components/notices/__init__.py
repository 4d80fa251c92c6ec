"""Components of the notices domain (小喇叭)."""
