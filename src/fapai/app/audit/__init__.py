"""The tamper-evident trail (全流程留痕): appending, sealing and verifying it."""
