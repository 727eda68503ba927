"""Each risk rule fires on the facts it names, cites them, and stays quiet otherwise."""

from __future__ import annotations

from analysis import assess
from analysis.context import build_context
from analysis.rules import RULES, run_rules
from tests.analysis.offices import asset, gateway_pair_office, one_switch_office, svc


def finding_ids(inv) -> set[str]:  # type: ignore[no-untyped-def]
    return {f.id for f in run_rules(build_context(inv))}


def test_one_switch_office_findings() -> None:
    findings = {f.id: f for f in assess(one_switch_office()).findings}
    # the graph findings (DRS-10x) are tested with the SPOF semantics
    assert {i for i in findings if not i.startswith("DRS-10")} == {
        "DRS-001:dns", "DRS-001:dhcp", "DRS-002", "DRS-003:telnet", "DRS-003:http-only",
        "DRS-004", "DRS-005", "DRS-008"}
    dns = findings["DRS-001:dns"]
    assert dns.rule == "single-provider" and dns.asset_ids == ["dnsmasq"]
    assert "53/udp domain (dnsmasq 2.89), seen by nmap" in dns.evidence
    assert "default route via 10.0.0.1 reported by localhost" in findings["DRS-002"].evidence
    assert findings["DRS-003:telnet"].severity == "high"
    assert findings["DRS-003:telnet"].evidence == ["sw (10.0.0.2): 23/tcp telnet, seen by nmap"]
    assert findings["DRS-003:http-only"].asset_ids == ["printer"]
    assert "80/tcp http, seen by nmap" in findings["DRS-003:http-only"].evidence[0]
    assert findings["DRS-004"].evidence[1] == "sw (10.0.0.2): 161/udp snmp, seen by nmap"
    assert all(f.reference and f.recommendation for f in findings.values())


def test_quiet_when_redundant_or_safe() -> None:
    ids = finding_ids(gateway_pair_office())
    assert "DRS-002" not in ids  # two gateways
    assert "DRS-005" not in ids  # a UPS is present
    assert not any(i.startswith("DRS-003") for i in ids)  # ups offers https only
    assert "DRS-001:file" not in finding_ids(one_switch_office())  # fs1 + fs2
    http_only = {f.id: f for f in run_rules(build_context(one_switch_office()))}
    assert "fs2" not in http_only["DRS-003:http-only"].asset_ids  # nas with 80 and 443


def test_cleartext_services_are_recognised() -> None:
    box = asset("old", "10.0.0.60", "server", (), services=[
        svc(21, "ftp"), svc(513, "login"), svc(5900, "vnc"), svc(5901, "vnc", tunnel="ssl"),
        svc(80, "http")])
    findings = {f.id: f for f in run_rules(build_context(one_switch_office([box])))}
    on_old = {i: f for i, f in findings.items() if "old" in f.asset_ids}
    assert set(on_old) == {"DRS-003:ftp", "DRS-003:r-services", "DRS-003:vnc"}
    assert on_old["DRS-003:r-services"].severity == "high"
    # one line each: ftp, rlogin, plain vnc; not the TLS vnc nor http on a server
    assert sum(len(f.evidence) for f in on_old.values()) == 3


def test_hostile_device_strings_are_cleaned() -> None:
    evil = asset("evil", "10.0.0.70", "switch", (), services=[
        svc(23, "telnet", product="=cmd|' /C calc'!A0\x1b[31m\r\nINJECTED")])
    evil = evil.model_copy(update={"name": "<script>x</script>\x07"})
    finding = {f.id: f for f in run_rules(build_context(one_switch_office([evil])))}[
        "DRS-003:telnet"]
    assert "evil" in finding.asset_ids
    assert not any(ch in "".join(finding.evidence) for ch in "\x1b\r\n\x07")


def test_rules_tuple_lists_every_rule_module() -> None:
    """Other rule modules (virt_*) sit between these and the newest rule, desktop_vm."""
    names = [r.__module__.rsplit(".", 1)[1] for r in RULES]
    assert names[:11] == [
        "single_provider", "single_internet", "cleartext_admin", "snmp_default", "no_ups",
        "eol", "ups_battery", "no_backup", "disk_full", "long_uptime", "backup_rpo"]
    assert names[-1] == "desktop_vm"


def test_one_finding_per_problem_lists_every_asset() -> None:
    """A default SNMP community on four devices is one finding with four asset ids,
    evidence for each, and an effort band that grows with the count."""
    agents = [asset(f"sw{i}", f"10.0.0.{80 + i}", "switch", (), snmp_community_default=True,
                    services=[svc(161, "snmp", "udp")]) for i in range(4)]
    findings = run_rules(build_context(one_switch_office(agents)))
    snmp = [f for f in findings if f.rule == "snmp-default-community"]
    assert len(snmp) == 1
    assert set(snmp[0].asset_ids) == {"sw", "sw0", "sw1", "sw2", "sw3"}
    for agent in ["sw0", "sw1", "sw2", "sw3"]:
        assert sum(f"{agent} (10.0.0." in e for e in snmp[0].evidence) == 2  # answer + port
    assert (snmp[0].effort, snmp[0].cost) == ("minutes", "none")
    more = [asset(f"ap{i}", f"10.0.1.{i}", "wireless", (), snmp_community_default=True)
            for i in range(6)]
    grown = [f for f in run_rules(build_context(one_switch_office(agents + more)))
             if f.rule == "snmp-default-community"]
    assert grown[0].effort == "hours" and "11 device(s)" in grown[0].effort_cost_reason
    per_rule: dict[str, int] = {}
    for f in findings:
        per_rule[f.id] = per_rule.get(f.id, 0) + 1
    assert max(per_rule.values()) == 1


def test_every_finding_of_every_rule_has_effort_and_cost() -> None:
    for office in (one_switch_office(), gateway_pair_office()):
        for f in assess(office).findings:
            assert f.effort in ("minutes", "hours", "days") and f.cost in ("none", "low", "high")
