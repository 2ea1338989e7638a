"""HTTP entry point: the API, server-rendered pages and live updates."""
