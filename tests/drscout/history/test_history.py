"""History store and diff on the two recorded lab scans (files2 unplugged, db gained an address)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from analysis import assess
from analysis.changes.diff import diff
from drscout.cli.main import cli
from drscout.history.store import HistoryStore, RunCounts, default_db_path
from reports.diff_md import render_diff_md
from scanner.errors import InputFileError, UsageError
from scanner.files import load_inventory

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "reports"
BEFORE, AFTER = FIXTURES / "lab-before.json", FIXTURES / "lab-after.json"


def test_default_db_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_db_path() == tmp_path / "drscout" / "history.sqlite"


def test_store_round_trips_inventories(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.sqlite")
    assert store.runs() == []
    first = store.record(load_inventory(BEFORE), RunCounts(spofs=5, findings=6))
    second = store.record(load_inventory(AFTER), RunCounts(spofs=7, findings=7))
    assert (first, second) == (1, 2)
    runs = store.runs()
    assert [(r.id, r.assets, r.spofs, r.targets) for r in runs] == [
        (1, 11, 5, "10.77.0.0/24"), (2, 10, 7, "10.77.0.0/24")]
    assert store.inventory(1) == load_inventory(BEFORE)
    with pytest.raises(UsageError):
        store.inventory(3)


def test_store_rejects_a_file_that_is_not_sqlite(tmp_path: Path) -> None:
    bad = tmp_path / "h.sqlite"
    bad.write_text("not a database" * 100)
    with pytest.raises(InputFileError):
        HistoryStore(bad).runs()


def test_diff_of_the_changed_lab() -> None:
    result = diff(assess(load_inventory(BEFORE)), assess(load_inventory(AFTER)))
    assert [a.name for a in result.assets_gone] == ["files2.office.lan"]
    assert result.assets_new == []
    changes = {(c.name, f.field): (f.old, f.new) for c in result.assets_changed
               for f in c.changes}
    assert changes == {("db.office.lan", "ip"): (["10.77.0.40"], ["10.77.0.40", "10.77.0.41"])}
    # files and files2 share a role, not their files: files2's own SPOFs go with it, and
    # any SPOF that appears is about files (the one file server left)
    assert all("mac-027700000015" in s.id for s in result.spofs_resolved)
    assert all("mac-027700000014" in s.id for s in result.spofs_new)
    assert [f.id for f in result.findings_new] == ["DRS-001:file"]
    assert result.findings_resolved == []
    assert all("files2.office.lan gone" in r.title for r in result.redundancy_lost)
    assert [i.id for i in result.new_at_or_above("critical")] == []
    assert result.new_at_or_above("high") == [*result.findings_new, *result.spofs_new,
                                              *result.redundancy_lost]
    reverse = diff(assess(load_inventory(AFTER)), assess(load_inventory(BEFORE)))
    assert [a.name for a in reverse.assets_new] == ["files2.office.lan"]
    assert [f.id for f in reverse.findings_resolved] == ["DRS-001:file"]
    md = render_diff_md(result)
    assert "| db.office.lan | ip | 10.77.0.40 | 10.77.0.40, 10.77.0.41 |" in md


def test_cli_run_ids_history_and_fail_on_new(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite"
    store = HistoryStore(db)
    store.record(load_inventory(BEFORE), RunCounts(0, 0))
    store.record(load_inventory(AFTER), RunCounts(0, 0))
    runner = CliRunner()
    listed = runner.invoke(cli, ["history", "--db", str(db), "--json"])
    assert listed.exit_code == 0
    assert [r["id"] for r in json.loads(listed.stdout)] == [1, 2]
    table = runner.invoke(cli, ["diff", "1", "2", "--db", str(db)])
    assert table.exit_code == 0 and "files2.office.lan" in table.stdout
    failing = runner.invoke(cli, ["diff", "1", "2", "--db", str(db), "--fail-on-new", "high",
                                  "--json"])
    assert failing.exit_code == 1
    assert json.loads(failing.stdout)["assets_gone"][0]["id"] == "mac-027700000015"
    passing = runner.invoke(cli, ["diff", str(BEFORE), str(AFTER), "--fail-on-new", "critical",
                                  "--markdown"])
    assert passing.exit_code == 0 and passing.stdout.startswith("# drscout diff")
    missing = runner.invoke(cli, ["diff", "1", "9", "--db", str(db)])
    assert missing.exit_code == 2 and "no run 9" in missing.stderr


def test_report_records_nothing_and_run_records_by_default(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    result = CliRunner().invoke(cli, ["report", str(BEFORE), "-o", str(tmp_path / "r")])
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "xdg").exists()
    from drscout.cli.reports import record_run

    run_id = record_run(assess(load_inventory(BEFORE)), {"db": None, "no_history": False})
    assert run_id == 1
    with sqlite3.connect(tmp_path / "xdg" / "drscout" / "history.sqlite") as conn:
        assert conn.execute("SELECT count(*) FROM runs").fetchone() == (1,)


def _store_raw(path: Path, payload: bytes) -> None:
    import zlib
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE runs SET inventory = ? WHERE id = 1", (zlib.compress(payload),))


def test_a_stored_run_gets_the_same_checks_as_an_inventory_file(tmp_path: Path) -> None:
    """A run whose stored inventory breaks a rule the schema cannot state (two assets
    with one id, a link to no asset) is refused in one line, as load_inventory would."""
    store = HistoryStore(tmp_path / "h.sqlite")
    store.record(load_inventory(BEFORE), RunCounts(spofs=5, findings=6))
    raw = json.loads(BEFORE.read_text())
    raw["assets"].append(dict(raw["assets"][0]))
    _store_raw(store.path, json.dumps(raw).encode())
    with pytest.raises(InputFileError, match=r"run 1 .* unreadable: .*assets\[") as err:
        store.inventory(1)
    assert "\n" not in str(err.value)
    _store_raw(store.path, b'{"assets": [{"id": 5}]}')
    with pytest.raises(InputFileError, match=r"unreadable: assets\.0\.") as err:
        store.inventory(1)
    assert "\n" not in str(err.value)
