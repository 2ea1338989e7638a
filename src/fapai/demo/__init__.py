"""Demonstration data for ``fapai serve --demo``: a seeding program above ``app/`` that
walks demo courts, cases and auctions through the real use cases, and the simulated
bidders that keep the live demo auction moving. Used by ``cli/`` only."""
