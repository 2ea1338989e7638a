"""The court's double-entry ledger (fund security, OJA Art 6(8), seed 001)."""
