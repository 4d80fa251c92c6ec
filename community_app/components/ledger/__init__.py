"""Components of the ledger (台账) pages."""
