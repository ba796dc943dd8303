"""Pasokh's domain: aggregates that record events, and pure policies. Standard library only."""
