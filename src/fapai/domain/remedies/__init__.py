"""Remedies against an auction: execution objections (执行异议), their statutory clocks
and the grounds on which an upheld objection revokes the auction (rules.md §1.14, §4.6)."""
