"""Auxiliary institutions (网拍辅助机构) under the city measure (rules.md §6.2)."""
