"""The court's money on a double-entry ledger: postings caused by deposits, the close,
refunds and payouts; the checks that prove it holds; what each user may see of it."""
