"""``python -m drscout.cli``: the same entry point as the installed ``drscout`` script."""

from drscout.cli.main import main

main()
