"""Run history: every ``drscout run`` recorded in an embedded SQLite store.

What changed between two runs is computed by :mod:`analysis.changes`; this package only
stores and fetches runs."""
