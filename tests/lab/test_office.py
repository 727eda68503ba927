"""The lab office itself works: every service answers, and the lab is sealed off.

These tests guard the ground truth the end-to-end tests rely on: if one fails,
a drscout failure against the lab means nothing.
"""

from __future__ import annotations

import ipaddress
import json
import socket
import subprocess
import sys
from typing import Any

import pytest

from tests.lab import expected as E
from tests.lab.conftest import REPO
from tests.lab.netns import list_lab_namespaces
from tests.lab.office import Office
from tests.lab.topology import ALL_NAMESPACES

pytestmark = pytest.mark.lab
SCAN = E.BY_KEY["scan"].ns
SW_IP = str(E.BY_KEY["sw"].ip)


def probe(office: Office, ns: str, *args: str) -> str:
    res = office.run_in(ns, [sys.executable, "-m", "tests.lab.probes", *args], cwd=REPO)
    assert res.returncode == 0, res.stderr
    return str(res.stdout).strip()


def ip_json(office: Office, ns: str, *args: str) -> list[dict[str, Any]]:
    res = office.run_in(ns, ["ip", "-j", *args])
    assert res.returncode == 0, res.stderr
    return list(json.loads(res.stdout or "[]"))


def snmp(office: Office, *args: str) -> str:
    res = office.run_in(SCAN, ["snmpget", "-t", "2", "-r", "1", "-On", "-Oqv", *args])
    assert res.returncode == 0, res.stderr
    return str(res.stdout).strip()


V3 = ["-v3", "-l", "authPriv", "-u", E.SNMP_V3_USER, "-a", E.SNMP_V3_AUTH_PROTO,
      "-A", E.SNMP_V3_AUTH_KEY, "-x", E.SNMP_V3_PRIV_PROTO]


def test_every_lab_namespace_exists(office: Office) -> None:
    assert set(list_lab_namespaces()) >= set(ALL_NAMESPACES)


@pytest.mark.parametrize("host", E.HOSTS, ids=lambda h: h.key)
def test_fixed_mac_on_every_host(office: Office, host: E.LabHost) -> None:
    ifname = "lan0" if host.key == "gw" else ("br0" if host.key in E.SWITCHES else "eth0")
    (link,) = ip_json(office, host.ns, "link", "show", "dev", ifname)
    assert link["address"] == host.mac


@pytest.mark.parametrize("key", E.SWITCHES)
def test_switch_ports_are_bridged_with_fixed_macs(office: Office, key: str) -> None:
    ports = {link["ifname"]: link for link in ip_json(office, E.BY_KEY[key].ns, "link", "show",
                                                      "master", "br0")}
    expected = {h.switch_port: h.port_mac for h in E.HOSTS
                if h.key not in E.SWITCHES and h.switch == key}
    expected |= {u.core_port: u.core_mac for u in E.UPLINKS if u.core == key}
    expected |= {u.access_port: u.access_mac for u in E.UPLINKS if u.access == key}
    assert {name: link["address"] for name, link in ports.items()} == expected


@pytest.mark.parametrize("key", ["ws1", "ws2"])
def test_workstation_got_dhcp_lease(office: Office, key: str) -> None:
    host = E.BY_KEY[key]
    mac, ip = office.leases()[key]
    assert mac == host.mac
    low, high = (ipaddress.IPv4Address(a) for a in E.DHCP_RANGE)
    assert low <= ipaddress.IPv4Address(ip) <= high
    addrs = ip_json(office, host.ns, "-4", "addr", "show", "dev", "eth0")
    assert ip in [a["local"] for a in addrs[0]["addr_info"]]
    routes = ip_json(office, host.ns, "-4", "route", "show", "default")
    assert [r["gateway"] for r in routes] == [E.GATEWAY_IP]


@pytest.mark.parametrize("key", E.DNS_HOSTS)
def test_dns_forward_and_reverse_from_scanner(office: Office, key: str) -> None:
    host = E.BY_KEY[key]
    fwd = office.run_in(SCAN, ["getent", "ahostsv4", host.fqdn])
    assert fwd.returncode == 0 and fwd.stdout.split()[0] == host.ip
    rev = office.run_in(SCAN, ["getent", "hosts", str(host.ip)])
    assert rev.returncode == 0 and host.fqdn in rev.stdout.split()


def test_dhcp_client_names_registered_in_dns(office: Office) -> None:
    for key in ("ws1", "ws2"):
        res = office.run_in(SCAN, ["getent", "ahostsv4", E.BY_KEY[key].fqdn])
        assert res.returncode == 0 and res.stdout.split()[0] == office.leases()[key][1]


def test_samba_negotiates_smb2_on_445(office: Office) -> None:
    dialect = probe(office, SCAN, "smb2", str(E.BY_KEY["files"].ip))
    assert dialect.startswith("0x02") or dialect.startswith("0x03")
    assert probe(office, SCAN, "tcp", str(E.BY_KEY["files"].ip), "139") == "open"


def test_nginx_serves_intranet_title_on_80(office: Office) -> None:
    assert probe(office, SCAN, "http-title", f"http://{E.BY_KEY['web'].fqdn}/") == E.WEB_TITLE


def test_postgres_accepts_connections_on_5432(office: Office) -> None:
    res = office.run_in(SCAN, ["pg_isready", "-h", str(E.BY_KEY["db"].ip), "-p", "5432"])
    assert res.returncode == 0, res.stdout + res.stderr
    assert "accepting connections" in res.stdout


@pytest.mark.parametrize("key", ["sw", "sw2", "sw3", "gw"])
def test_snmp_v2c_default_community(office: Office, key: str) -> None:
    ip = str(E.BY_KEY[key].ip)
    assert snmp(office, "-v2c", "-c", E.SNMP_COMMUNITY, ip, "1.3.6.1.2.1.1.5.0") == \
        f'"{E.BY_KEY[key].fqdn}"'
    assert "Linux" in snmp(office, "-v2c", "-c", "public", ip, "1.3.6.1.2.1.1.1.0")


def test_snmp_v3_authpriv_on_switch_and_wrong_key_refused(office: Office) -> None:
    assert snmp(office, *V3, "-X", E.SNMP_V3_PRIV_KEY, SW_IP, "1.3.6.1.2.1.1.5.0") == \
        f'"{E.BY_KEY["sw"].fqdn}"'
    bad = office.run_in(SCAN, ["snmpget", "-t", "1", "-r", "0", *V3[:-1], "-A", "wrong-auth-pw",
                               "-x", "AES", "-X", E.SNMP_V3_PRIV_KEY, SW_IP, "1.3.6.1.2.1.1.1.0"])
    assert bad.returncode != 0


def test_lldp_mib_served_through_agentx_lists_neighbours(office: Office) -> None:
    rem_sys_name = f"{E.LLDP_MIB}.1.4.1.1.9"
    res = office.run_in(SCAN, ["snmpwalk", "-v2c", "-c", "public", "-On", "-Oqv", SW_IP,
                               rem_sys_name])
    assert res.returncode == 0, res.stderr
    names = {line.strip('"') for line in res.stdout.split()}
    on_sw = [k for k in E.LLDP_HOSTS if E.BY_KEY[k].switch == "sw"]
    access = [u.access for u in E.UPLINKS if u.core == "sw"]
    assert names == {E.BY_KEY[k].fqdn for k in [*on_sw, *access]}
    loc = snmp(office, "-v2c", "-c", "public", SW_IP, f"{E.LLDP_MIB}.1.3.3.0")
    assert loc == f'"{E.BY_KEY["sw"].fqdn}"'


def _walk(office: Office, ip: str, oid: str) -> dict[str, str]:
    res = office.run_in(SCAN, ["snmpwalk", "-v2c", "-c", "public", "-On", "-Oq", ip, oid])
    assert res.returncode == 0, res.stderr
    return dict(line.split(" ", 1) for line in res.stdout.splitlines() if " " in line)


def test_bridge_mib_served_from_the_live_bridge(office: Office) -> None:
    """pass_persist BRIDGE-MIB: STP blocks exactly one of sw3's two uplinks, and sw2's
    forwarding table has ws1's MAC on the bridge port of p-ws1."""
    sw3 = str(E.BY_KEY["sw3"].ip)
    states = _walk(office, sw3, ".1.3.6.1.2.1.17.2.15.1.3")
    assert sorted(states.values()).count("2") == 1, states  # blocking(2)
    sw2 = str(E.BY_KEY["sw2"].ip)
    ports = _walk(office, sw2, ".1.3.6.1.2.1.17.1.4.1.2")  # bridge port -> ifIndex
    ifnames = _walk(office, sw2, ".1.3.6.1.2.1.31.1.1.1.1")
    ws1 = ".".join(str(int(b, 16)) for b in E.BY_KEY["ws1"].mac.split(":"))
    fdb_port = _walk(office, sw2, f".1.3.6.1.2.1.17.4.3.1.2.{ws1}")
    (port,) = fdb_port.values()
    if_index = ports[f".1.3.6.1.2.1.17.1.4.1.2.{port}"]
    assert ifnames[f".1.3.6.1.2.1.31.1.1.1.1.{if_index}"].strip('"') == "p-ws1"


def test_scanner_reaches_internet_through_gateway_nat(office: Office) -> None:
    assert probe(office, SCAN, "http-title", f"http://{E.INTERNET_HOST_IP}/") == "Internet"
    log = (office.state_dir / "isp" / "http.log").read_text()
    assert f"{E.WAN_GW_IP} - -" in log  # seen masqueraded, as the gateway's WAN address
    assert f"{E.BY_KEY['scan'].ip} - -" not in log


def test_gateway_drops_new_inbound_connections(office: Office) -> None:
    web = str(E.BY_KEY["web"].ip)
    office.run_in("drs-isp", ["ip", "route", "add", E.LAN, "via", E.WAN_GW_IP], check=True)
    try:
        assert probe(office, "drs-isp", "tcp", web, "80").startswith("blocked")
    finally:
        office.run_in("drs-isp", ["ip", "route", "del", E.LAN, "via", E.WAN_GW_IP], check=True)
    assert probe(office, SCAN, "tcp", web, "80") == "open"  # the same port from inside: fine


# --- isolation: no lab namespace can reach the root namespace -----------------------------


def test_every_lab_link_stays_inside_the_lab(office: Office) -> None:
    """Each veth's peer lives in a named drs-* namespace; no other link kinds exist.

    A peer in the root namespace would show up with a netns id that has no
    iproute2 name (the root namespace is not in /run/netns).
    """
    for ns in ALL_NAMESPACES:
        names = {e["nsid"]: e.get("name") for e in ip_json(office, ns, "netns", "list-id")}
        for link in ip_json(office, ns, "-d", "link", "show"):
            kind = link.get("linkinfo", {}).get("info_kind")
            if link["ifname"] == "lo":
                continue
            assert kind in ("veth", "bridge"), (ns, link["ifname"], kind)
            if kind == "veth":
                peer_ns = names.get(link["link_netnsid"])
                assert peer_ns in ALL_NAMESPACES, (ns, link["ifname"], peer_ns)


def test_root_namespace_has_no_link_into_the_lab(office: Office) -> None:
    ids = subprocess.run(["ip", "-j", "netns", "list-id"], capture_output=True, text=True,
                         check=True).stdout
    lab_ids = {e["nsid"] for e in json.loads(ids or "[]")
               if str(e.get("name", "")).startswith("drs-")}
    links = json.loads(subprocess.run(["ip", "-j", "-d", "link", "show"], capture_output=True,
                                      text=True, check=True).stdout)
    assert not [lk["ifname"] for lk in links if lk.get("link_netnsid") in lab_ids]


@pytest.mark.parametrize("ns", ALL_NAMESPACES)
def test_routes_only_lead_to_the_lab_gateway(office: Office, ns: str) -> None:
    lab_nets = [ipaddress.IPv4Network(E.LAN), ipaddress.IPv4Network(E.WAN_NET)]
    for route in ip_json(office, ns, "-4", "route", "show"):
        gw = route.get("gateway")
        if route["dst"] == "default":
            assert ns not in ("drs-gw", "drs-isp") and gw == E.GATEWAY_IP
        if route["dst"] != "default":
            assert any(ipaddress.IPv4Network(route["dst"]).subnet_of(n) for n in lab_nets)


def test_root_loopback_unreachable_from_lab(office: Office) -> None:
    """A listener on the root namespace's 127.0.0.1 is invisible from every lab namespace."""
    with socket.socket() as canary:
        canary.bind(("127.0.0.1", 0))
        canary.listen(8)
        port = str(canary.getsockname()[1])
        here = subprocess.run([sys.executable, "-m", "tests.lab.probes", "tcp", "127.0.0.1", port],
                              capture_output=True, text=True, cwd=REPO, check=True)
        assert here.stdout.strip() == "open"  # the canary answers where it lives
        for ns in ALL_NAMESPACES:
            assert probe(office, ns, "tcp", "127.0.0.1", port).startswith("blocked"), ns
