"""Who uses fapai: bidder accounts (real-name registration), courts and their staff, and
the principal behind each request."""
