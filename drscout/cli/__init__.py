"""The ``drscout`` command line: thin click commands, one per library call.

``main`` holds the command group and the exit-code mapping; the other modules hold option
groups and commands for one concern each (analysis, reports, hypervisor options, progress)."""
