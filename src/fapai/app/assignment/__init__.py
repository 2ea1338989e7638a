"""Designation by lottery: the public record of a draw and its re-check."""
