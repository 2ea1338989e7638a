"""Remedies against an auction (issue 18): objections filed online (执行异议), the court's
docket and its clocks, the objection's effects on the auction, and complaints about the
platform's service. The rules are ``fapai.domain.remedies``; these are the use cases."""
