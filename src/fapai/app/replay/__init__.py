"""Re-running an auction from its ``fapai-replay/1`` file (shared/spec/replay-format.md)."""
