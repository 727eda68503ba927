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
    assert set(findings) == {"DRS-001:dns", "DRS-001:dhcp", "DRS-002", "DRS-003:sw",
                             "DRS-003:printer", "DRS-004:sw", "DRS-005", "DRS-008",
                             "DRS-102:process:file-shares"}
    assert findings["DRS-102:process:file-shares"].evidence == ["fs1 + fs2"]
    dns = findings["DRS-001:dns"]
    assert dns.rule == "single-provider" and dns.asset_ids == ["dnsmasq"]
    assert "53/udp domain (dnsmasq 2.89), seen by nmap" in dns.evidence
    assert "default route via 10.0.0.1 reported by localhost" in findings["DRS-002"].evidence
    assert findings["DRS-003:sw"].severity == "high"
    assert findings["DRS-003:sw"].evidence == ["sw (10.0.0.2): telnet: 23/tcp telnet, seen by nmap"]
    assert "80/tcp http, seen by nmap" in findings["DRS-003:printer"].evidence[0]
    assert findings["DRS-004:sw"].evidence[1] == "161/udp snmp, seen by nmap"
    assert all(f.reference and f.recommendation for f in findings.values())


def test_quiet_when_redundant_or_safe() -> None:
    ids = finding_ids(gateway_pair_office())
    assert "DRS-002" not in ids  # two gateways
    assert "DRS-005" not in ids  # a UPS is present
    assert not any(i.startswith("DRS-003") for i in ids)  # ups offers https only
    assert "DRS-001:file" not in finding_ids(one_switch_office())  # fs1 + fs2
    assert "DRS-003:fs2" not in finding_ids(one_switch_office())  # nas with 80 and 443


def test_cleartext_services_are_recognised() -> None:
    box = asset("old", "10.0.0.60", "server", (), services=[
        svc(21, "ftp"), svc(513, "login"), svc(5900, "vnc"), svc(5901, "vnc", tunnel="ssl"),
        svc(80, "http")])
    findings = {f.id: f for f in run_rules(build_context(one_switch_office([box])))}
    old = findings["DRS-003:old"]
    assert old.severity == "high"
    assert len(old.evidence) == 3  # ftp, rlogin, plain vnc; not the TLS vnc nor http on a server
    assert "management page" not in old.title


def test_hostile_device_strings_are_cleaned() -> None:
    evil = asset("evil", "10.0.0.70", "switch", (), services=[
        svc(23, "telnet", product="=cmd|' /C calc'!A0\x1b[31m\r\nINJECTED")])
    evil = evil.model_copy(update={"name": "<script>x</script>\x07"})
    finding = {f.id: f for f in run_rules(build_context(one_switch_office([evil])))}["DRS-003:evil"]
    assert not any(ch in "".join(finding.evidence) for ch in "\x1b\r\n\x07")


def test_rules_tuple_lists_every_rule_module() -> None:
    """Other rule modules (virt_*) may be registered after these."""
    assert [r.__module__.rsplit(".", 1)[1] for r in RULES][:10] == [
        "single_provider", "single_internet", "cleartext_admin", "snmp_default", "no_ups",
        "eol", "ups_battery", "no_backup", "disk_full", "long_uptime"]
