"""Designating platforms and auxiliary institutions by a lottery anyone can re-check.

When the court, not the applicant, chooses (OJA Art 5; Shanghai detailed rules
items 12-13, 统一随机指定), the choice must be random yet provable after the fact,
and it should even out how much work each candidate receives (seed 001, 委托平衡机制).
"""
