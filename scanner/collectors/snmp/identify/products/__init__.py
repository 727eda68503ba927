"""Product rules by kind of gear: ``network`` (switches, routers, firewalls, access points)
and ``other`` (power, printers, storage, hypervisors, general-purpose OSes)."""
