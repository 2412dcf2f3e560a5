"""Readers for tabular inputs (NMC capability tables, bargaining actor tables)."""
