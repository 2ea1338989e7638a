"""Use cases: one function per thing a user does, over ports the outer layers implement."""
