"""States of the donations pages (捐款捐物)."""
