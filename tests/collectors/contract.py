"""The contract every collector keeps, checked on a real run (napalm's BaseTestGetters).

A collector's test module holds a class that inherits :class:`CollectorContract`, sets
``name`` and gives two fixtures: ``options``, a scan that reaches a real peer (recorded
inputs or a real program on loopback) and finds something, and ``failing_options``, a
scan whose target fails (a refused login, a dead address), or None when nothing can
refuse the collector.  The run goes through the real orchestrator with a registry of
this one collector, so the real guard, stages and inventory builder are part of it;
only a transport may be swapped (override ``entry``), parsing always runs for real.

The contract: the collector is in the registry with a trust rank and its Needs; a run
gives CollectorResults of this collector; a failure is Gap data with a known reason,
understood by the collector (not an exception the orchestrator had to catch); no
configured secret appears anywhere in what was collected; and no string carries a
control character.
"""

from __future__ import annotations

import asyncio
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, get_args

import pytest

from scanner.collectors.base import Needs, Stage
from scanner.collectors.registry import REGISTRY, Entry
from scanner.inventory.model import Gap, Inventory
from scanner.inventory.sighting import CollectorResult
from scanner.options import ScanOptions
from scanner.orchestrator import ScanState, scan

ROOT = Path(__file__).resolve().parents[2]
REASONS = frozenset(get_args(Gap.model_fields["reason"].annotation))
#: what the orchestrator's broad except writes: the collector did not understand this
_CRASH = re.compile(r"^[A-Z]\w*(Error|Exception|Warning|Exit|Interrupt): ")
#: C0 controls other than tab and line breaks, DEL, and C1 controls
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Collected:
    """One run of one collector through the orchestrator."""

    results: tuple[CollectorResult, ...]
    inventory: Inventory
    secrets: tuple[str, ...]

    def text(self) -> str:
        """Everything the run produced, serialised: results, inventory, and their reprs."""
        parts = [r.model_dump_json() for r in self.results] + [self.inventory.model_dump_json()]
        return "\n".join([*parts, repr(self.results), repr(self.inventory)])


def registered(name: str) -> Entry:
    [entry] = [e for e in REGISTRY if e.name == name]
    return entry


def run_alone(entry: Entry, options: ScanOptions) -> Collected:
    """A scan with this one collector in the registry."""
    state = ScanState(options)
    inventory = asyncio.run(scan(state, registry=(entry,)))
    return Collected(tuple(state.results), inventory, tuple(options.secrets()))


def strings(value: Any) -> Iterator[str]:
    """Every string in a ``model_dump()``, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(key)
            yield from strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings(item)


def _extras() -> set[str]:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return set(pyproject["project"].get("optional-dependencies", {}))


class CollectorContract:
    """Inherit it; set ``name``; override ``options`` and ``failing_options``."""

    name: ClassVar[str]

    @pytest.fixture(scope="class")
    @classmethod
    def options(cls) -> ScanOptions:
        raise NotImplementedError("a collector's contract test gives a real run")

    @pytest.fixture(scope="class")
    @classmethod
    def failing_options(cls) -> ScanOptions | None:
        return None

    @pytest.fixture(scope="class")
    @classmethod
    def entry(cls) -> Entry:
        return registered(cls.name)

    @pytest.fixture(scope="class")
    @classmethod
    def collected(cls, entry: Entry, options: ScanOptions) -> Collected:
        return run_alone(entry, options)

    @pytest.fixture(scope="class")
    @classmethod
    def failure(cls, entry: Entry, failing_options: ScanOptions | None) -> Collected | None:
        return None if failing_options is None else run_alone(entry, failing_options)

    def test_registered_with_a_trust_rank_and_needs(self) -> None:
        entry = registered(self.name)
        collector = entry.load()
        assert entry.trust >= 1 and collector.name == self.name
        assert isinstance(collector.needs, Needs)
        assert collector.stages and set(collector.stages) <= set(get_args(Stage))
        assert collector.needs.extra is None or collector.needs.extra in _extras()

    def test_a_run_gives_results_of_this_collector(self, collected: Collected) -> None:
        mine = [r for r in collected.results if r.collector == self.name]
        assert mine and all(isinstance(r, CollectorResult) for r in mine)
        assert any(r.sightings for r in mine), "a run against a real peer found nothing"
        assert all(s.collector == self.name for r in mine for s in r.sightings)

    def test_a_failure_is_gap_data_the_collector_understood(
            self, failure: Collected | None) -> None:
        if failure is None:
            pytest.skip(f"nothing can refuse {self.name}")
        gaps = [g for g in failure.inventory.gaps if g.collector == self.name]
        assert gaps, "the failing run left no gap"
        assert {g.reason for g in gaps} <= REASONS
        crashes = [g.detail for g in gaps if _CRASH.match(g.detail)]
        assert crashes == []

    def test_no_configured_secret_appears(self, collected: Collected,
                                          failure: Collected | None) -> None:
        if registered(self.name).load().needs.credentials:
            assert collected.secrets, "configure the secrets this collector must hide"
        for run in [collected, *([failure] if failure else [])]:
            text = run.text()
            assert [s for s in run.secrets if s in text] == []

    def test_strings_carry_no_control_characters(self, collected: Collected) -> None:
        found = [s for r in collected.results for s in strings(r.model_dump(mode="json"))
                 if _CONTROL.search(s)]
        assert found == []
