"""Mutants of criteria_scoring_fill killed (session 17): filled in by a helper."""
