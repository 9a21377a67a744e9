"""Analyses over the enriched store: claim reconciliation, relations, escalation and alerts."""
