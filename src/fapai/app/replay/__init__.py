"""Re-running an auction from its ``fapai-replay/1`` file (docs/replay-format.md)."""
