"""fapai (法拍): an online judicial auction system for Chinese courts."""

__version__ = "0.1.0"
