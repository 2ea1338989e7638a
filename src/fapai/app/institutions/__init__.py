"""Auxiliary institutions (网拍辅助机构): the database, admission, agreements, designation
by lottery and removal (seed 003; docs/institutions.md)."""
