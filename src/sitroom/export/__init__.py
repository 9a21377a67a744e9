"""Exports of analyses to files other tools read (graphs for Gephi)."""
