"""Wire the office: namespaces, switch bridges (STP on), cables, addresses, routes, gateway rules.

Only lab namespaces are ever touched.  The sole default routes point at the
lab gateway (10.77.0.1) from inside LAN namespaces; the gateway and the
"internet" namespace have no default route at all, so a packet for any address
outside 10.77.0.0/24 and 203.0.113.0/24 is dropped inside the lab.
"""

from __future__ import annotations

from tests.lab import expected as E
from tests.lab.netns import add_addr, add_ns, default_route, in_ns, sh, veth

ISP_NS = "drs-isp"
ALL_NAMESPACES: tuple[str, ...] = (ISP_NS, *(h.ns for h in E.HOSTS))

GW_RULES: tuple[tuple[str, ...], ...] = (
    ("-t", "nat", "-A", "POSTROUTING", "-o", "wan0", "-j", "MASQUERADE"),
    ("-P", "FORWARD", "DROP"),
    ("-A", "FORWARD", "-m", "conntrack", "--ctstate", "ESTABLISHED,RELATED", "-j", "ACCEPT"),
    ("-A", "FORWARD", "-i", "lan0", "-o", "wan0", "-j", "ACCEPT"),
    ("-A", "INPUT", "-i", "wan0", "-m", "conntrack", "--ctstate", "ESTABLISHED,RELATED",
     "-j", "ACCEPT"),
    ("-A", "INPUT", "-i", "wan0", "-m", "conntrack", "--ctstate", "NEW", "-j", "DROP"),
)


def build() -> None:
    """Create every namespace and cable; daemons are started afterwards."""
    add_ns(ISP_NS, None)
    for host in E.HOSTS:
        add_ns(host.ns, E.DNS_IP)
    for key in E.SWITCHES:
        _switch(key)
    for uplink in E.UPLINKS:
        _uplink(uplink)
    for host in E.HOSTS:
        if host.key not in E.SWITCHES:
            _plug(host.key)
    _wan()
    _gateway_rules()


#: kernel STP with the fastest timers it accepts (centiseconds): ports forward after ~4 s
STP_TIMERS = ("forward_delay", "200", "hello_time", "100", "max_age", "600")


def _switch(key: str) -> None:
    """A Linux bridge with STP on; the core (sw) gets the best priority so it is the root."""
    sw = E.BY_KEY[key]
    priority = "4096" if key == "sw" else "32768"
    sh(["ip", "-n", sw.ns, "link", "add", "br0", "address", sw.mac, "type", "bridge",
        "stp_state", "1", *STP_TIMERS, "priority", priority])
    sh(["ip", "-n", sw.ns, "link", "set", "br0", "up"])
    add_addr(sw.ns, "br0", f"{sw.ip}/{E.LAN_PREFIX}")
    default_route(sw.ns, E.GATEWAY_IP)


def _plug(key: str) -> None:
    """Cable host ``key`` to its own switch port; the gateway's LAN port is called lan0."""
    host, sw = E.BY_KEY[key], E.BY_KEY[E.BY_KEY[key].switch]
    ifname = "lan0" if key == "gw" else "eth0"
    veth(host.ns, ifname, host.mac, sw.ns, host.switch_port, host.port_mac)
    sh(["ip", "-n", sw.ns, "link", "set", host.switch_port, "master", "br0"])
    sh(["ip", "-n", sw.ns, "link", "set", host.switch_port, "alias", f"{key} uplink"])
    if host.ip is None:
        return
    add_addr(host.ns, ifname, f"{host.ip}/{E.LAN_PREFIX}")
    if key != "gw":
        default_route(host.ns, E.GATEWAY_IP)


def _uplink(u: E.Uplink) -> None:
    """Cable an access switch to the core: a bridge port on each side."""
    access, core = E.BY_KEY[u.access], E.BY_KEY[u.core]
    veth(access.ns, u.access_port, u.access_mac, core.ns, u.core_port, u.core_mac)
    for ns, port, far in ((access.ns, u.access_port, u.core), (core.ns, u.core_port, u.access)):
        sh(["ip", "-n", ns, "link", "set", port, "master", "br0"])
        sh(["ip", "-n", ns, "link", "set", port, "alias", f"uplink to {far}"])


def _wan() -> None:
    gw = E.BY_KEY["gw"]
    veth(gw.ns, "wan0", E.GW_WAN_MAC, ISP_NS, "eth0", E.INTERNET_MAC)
    add_addr(gw.ns, "wan0", f"{E.WAN_GW_IP}/24")
    add_addr(ISP_NS, "eth0", f"{E.INTERNET_HOST_IP}/24")


def _gateway_rules() -> None:
    gw = E.BY_KEY["gw"]
    in_ns(gw.ns, ["sysctl", "-q", "-w", "net.ipv4.ip_forward=1"])
    for rule in GW_RULES:
        in_ns(gw.ns, ["iptables", "-w", *rule])
