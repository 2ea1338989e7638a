"""Background entry point: timers that settle due auctions and deadlines."""
