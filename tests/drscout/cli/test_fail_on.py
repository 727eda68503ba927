"""``--fail-on``: exit 1 exactly when a finding at that severity or worse exists, with
the severities ordered as :data:`analysis.model.SEVERITIES` (their one home)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from analysis import assess
from analysis.model import SEVERITIES, at_or_above
from drscout.cli.main import cli
from tests.analysis.offices import one_switch_office


def test_at_or_above_follows_the_one_list() -> None:
    assert at_or_above("critical", "info") and at_or_above("high", "high")
    assert not at_or_above("medium", "high")
    assert SEVERITIES == ("critical", "high", "medium", "low", "info")


@pytest.fixture(scope="module")
def inventory(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """The office's inventory file and the severity of its worst finding."""
    office = one_switch_office()
    worst = min((f.severity for f in assess(office).findings), key=SEVERITIES.index)
    path = tmp_path_factory.mktemp("fail-on") / "inv.json"
    path.write_text(office.model_dump_json())
    return str(path), worst


def test_fail_on_counts_the_worst_finding(inventory: tuple[str, str]) -> None:
    path, worst = inventory
    assert worst != "critical"  # else there is no stricter threshold to pass
    stricter = SEVERITIES[SEVERITIES.index(worst) - 1]
    codes = {level: CliRunner().invoke(cli, ["analyze", path, "--fail-on", level]).exit_code
             for level in (*SEVERITIES, "never")}
    assert codes == {level: 1 if level != "never" and at_or_above(worst, level) else 0
                     for level in (*SEVERITIES, "never")}
    assert codes[worst] == 1 and codes[stricter] == 0


def test_fail_on_refuses_an_unknown_severity(inventory: tuple[str, str]) -> None:
    result = CliRunner().invoke(cli, ["analyze", inventory[0], "--fail-on", "severe"])
    assert result.exit_code == 2 and "critical" in result.output
