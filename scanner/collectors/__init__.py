"""The collectors: each reads one kind of source and returns sightings and gaps.

Every collector is one module or subpackage here, seen by the orchestrator only through
the interface in :mod:`scanner.collectors.base` (a name, the stages it works in, what it
needs, and the tasks it hands out per stage), and listed once in
:mod:`scanner.collectors.registry` with its trust rank.

Adding a collector is a checklist of three files:

1. **The collector** (``scanner/collectors/<name>/``): I/O in ``api.py`` (the only place
   its client library is imported, behind a pyproject extra), pure parsing in
   ``parse.py``, and an object satisfying :class:`~scanner.collectors.base.Collector`
   (for a hypervisor-like API, :class:`~scanner.collectors.virt.endpoints.EndpointCollector`
   is that object).  Failures it understands raise
   :class:`~scanner.errors.CollectorError` with a Gap reason; it never catches
   everything: the orchestrator's guard does that once.
2. **Its registry line** in :mod:`scanner.collectors.registry`: name, trust rank and a
   loader.  ``--collectors`` accepts the name from then on; the orchestrator needs no change.
3. **Its contract test**: a module under ``tests/collectors/<name>/`` with a class that
   inherits ``tests.collectors.contract.CollectorContract`` and gives it a fixture with a
   real run (recorded inputs or a real peer on loopback) and the secrets that run was
   configured with.
"""
