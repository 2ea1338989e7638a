"""The hash-chained audit trail (全流程留痕)."""
