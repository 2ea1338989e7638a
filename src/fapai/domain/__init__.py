"""Pure rules and state machines: standard library only, no I/O, no clock, no randomness.

The clock and any random source are passed in by the caller, so every rule can
be replayed and tested deterministically.
"""
