"""复工门店巡查 states: the register, the inspection form, the notice, the ledger."""
