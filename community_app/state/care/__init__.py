"""States of daily care (居家关爱)."""
