"""Adapters that implement the app's ports with SQLAlchemy (SQLite, PostgreSQL)."""
