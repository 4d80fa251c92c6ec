"""Components of the shops domain (复工门店巡查)."""
