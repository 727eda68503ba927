"""Roles from the inside (issue 12 item 6): a fact read over SSH, WinRM or LDAP outranks
a guess from the outside, and the role's evidence says where it was read."""

from __future__ import annotations

from scanner.inventory.model import Asset, Fact, NetworkContext, Service
from scanner.inventory.roles import assign_roles

NET = NetworkContext()


def _facts(asset: Asset, role: str) -> list[Fact]:
    return [f for f in asset.provenance if f.field == "role" and f.value == role]


def _typed(kind: str, collector: str, evidence: str, **kw: object) -> Asset:
    return Asset(id="h", name="h", type=kind, ips=["10.0.0.5"],  # type: ignore[arg-type]
                 provenance=[Fact(field="type", value=kind, collector=collector,
                                  confidence=0.9, evidence=evidence)], **kw)


def test_a_workstation_typed_over_winrm_says_so() -> None:
    pc = assign_roles(_typed("workstation", "winrm",
                             "WinRM: Microsoft Windows 11 Pro (ProductType 1)",
                             os="Microsoft Windows 11 Pro"), NET)
    (fact,) = _facts(pc, "workstation")
    assert (fact.collector, fact.confidence) == ("winrm", 0.95)
    assert fact.evidence == ("device type workstation from the inside: "
                             "WinRM: Microsoft Windows 11 Pro (ProductType 1)")


def test_a_client_caption_does_not_override_a_server_type_read_inside() -> None:
    """Windows 10 Enterprise multi-session reports ProductType 3: a server, although its
    caption lacks "Server"; the old caption rule must not add the workstation role."""
    vdi = assign_roles(_typed("server", "winrm", "WinRM: Microsoft Windows 10 Enterprise for "
                              "Virtual Desktops (ProductType 3)",
                              os="Microsoft Windows 10 Enterprise for Virtual Desktops"), NET)
    assert "workstation" not in vdi.roles
    guessed = assign_roles(Asset(id="g", name="g", type="other", ips=["10.0.0.6"],
                                 os="Microsoft Windows 10 Enterprise"), NET)
    assert "workstation" in guessed.roles  # from the outside the caption rule still works


def test_an_outside_type_keeps_the_plain_evidence() -> None:
    sw = assign_roles(_typed("switch", "snmp", "sysObjectID says switch"), NET)
    (fact,) = _facts(sw, "switch")
    assert (fact.evidence, fact.confidence) == ("device type switch", 0.8)


def test_a_role_read_over_ssh_outranks_the_port_guess() -> None:
    port = Service(port=53, protocol="udp", name="domain", collector="nmap")
    host = Asset(id="d", name="d", type="server", ips=["10.0.0.7"], services=[port],
                 provenance=[Fact(field="role", value="dns", collector="ssh", confidence=0.95,
                                  evidence="dnsmasq listens on 53/udp (read on d over SSH)")])
    (fact,) = _facts(assign_roles(host, NET), "dns")
    assert fact.collector == "ssh" and "over SSH" in fact.evidence
