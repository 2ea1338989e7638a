"""Seized property being disposed of: its record and disclosure, its photos and video,
its stage in the disposal's state machine and the facts (steps) of each act."""
