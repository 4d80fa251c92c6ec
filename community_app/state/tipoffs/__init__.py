"""States of the tip-offs pages (线索举报): the public form and status check, the admin's queue."""
