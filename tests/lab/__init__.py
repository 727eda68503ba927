"""The simulated office LAN that drscout's end-to-end tests and demo run against.

Everything lives in Linux network namespaces named ``drs-*`` that are never
connected to the root namespace; see :mod:`tests.lab.office`.
"""
