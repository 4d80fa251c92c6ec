"""States of the notices pages (小喇叭): the admin's /notices and the home cards."""
