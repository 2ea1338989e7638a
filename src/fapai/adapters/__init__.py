"""Concrete implementations of the app's ports other than storage: crypto, the bank."""
