"""Analysing: responses and daily sums -> metrics, curves, stage detail and insights."""
