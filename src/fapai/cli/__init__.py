"""The ``fapai`` command line (Typer)."""
