"""Run history: every ``drscout run`` recorded in an embedded SQLite store, and diffs
between two runs (or two inventory files) for people and for CI."""
