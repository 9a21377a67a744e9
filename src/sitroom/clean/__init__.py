"""Cleaning: text normalisation, canonical URLs and duplicate detection."""
