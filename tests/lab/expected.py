"""Ground truth of the simulated office, as data.

The lab builder (:mod:`tests.lab.office`) is driven by these records and the
end-to-end tests compare drscout's Inventory and Assessment against them, so
the two can never disagree about what the office contains.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LAN = "10.77.0.0/24"
LAN_PREFIX = 24
DOMAIN = "office.lan"
GATEWAY_IP = "10.77.0.1"
DNS_IP = "10.77.0.10"
DHCP_RANGE = ("10.77.0.100", "10.77.0.150")
WAN_NET = "203.0.113.0/24"
WAN_GW_IP = "203.0.113.1"
INTERNET_HOST_IP = "203.0.113.10"
INTERNET_MAC = "02:77:00:00:02:0a"
GW_WAN_MAC = "02:77:00:00:02:01"

#: Lab-only SNMP credentials (never valid anywhere else).
SNMP_COMMUNITY = "public"
SNMP_V3_USER = "drsadmin"
SNMP_V3_AUTH_PROTO = "SHA"
SNMP_V3_AUTH_KEY = "drs-lab-auth-pw"
SNMP_V3_PRIV_PROTO = "AES"
SNMP_V3_PRIV_KEY = "drs-lab-priv-pw"
#: LLDP-MIB root, served by lldpd through the switch's AgentX master.
LLDP_MIB = "1.0.8802.1.1.2"
WEB_TITLE = "Office Intranet"


@dataclass(frozen=True)
class LabHost:
    """One device of the office and what drscout should conclude about it."""

    key: str
    ip: str | None  # None: address leased by DHCP from DHCP_RANGE
    mac: str
    roles: tuple[str, ...]
    tcp_ports: tuple[int, ...] = ()
    udp_ports: tuple[int, ...] = ()
    spof: bool = False
    names: tuple[str, ...] = field(default=())
    #: key of the lab switch this host is cabled to
    switch: str = "sw"

    @property
    def ns(self) -> str:
        return f"drs-{self.key}"

    @property
    def fqdn(self) -> str:
        return f"{self.key}.{DOMAIN}"

    @property
    def port_mac(self) -> str:
        """MAC of the switch port (bridge side of the veth) this host plugs into."""
        return self.mac[:-5] + "01" + self.mac[-3:]

    @property
    def switch_port(self) -> str:
        return f"p-{self.key}"


def _mac(last: int) -> str:
    return f"02:77:00:00:00:{last:02x}"


def _host(key: str, last: int | None, mac_last: int, roles: tuple[str, ...],
          **kw: object) -> LabHost:
    ip = None if last is None else f"10.77.0.{last}"
    names = (f"{key}.{DOMAIN}", key)
    return LabHost(key=key, ip=ip, mac=_mac(mac_last), roles=roles, names=names, **kw)  # type: ignore[arg-type]


HOSTS: tuple[LabHost, ...] = (
    _host("gw", 1, 0x01, ("gateway",), udp_ports=(161,), spof=True),
    _host("sw", 2, 0x02, ("switch",), udp_ports=(161,), spof=True),
    _host("sw2", 3, 0x03, ("switch",), udp_ports=(161,), spof=True),
    _host("sw3", 4, 0x04, ("switch",), udp_ports=(161,)),
    _host("dns", 10, 0x0A, ("dns", "dhcp"), tcp_ports=(53,), udp_ports=(53, 67), spof=True),
    _host("dns2", 11, 0x0B, ("dns",), tcp_ports=(53,), udp_ports=(53,)),
    _host("files", 20, 0x14, ("file",), tcp_ports=(139, 445)),
    _host("files2", 21, 0x15, ("file",), tcp_ports=(139, 445), switch="sw3"),
    _host("web", 30, 0x1E, ("web",), tcp_ports=(80,), spof=True, switch="sw2"),
    _host("db", 40, 0x28, ("database",), tcp_ports=(5432,), spof=True),
    _host("ws1", None, 0x65, ("workstation",), switch="sw2"),
    _host("ws2", None, 0x66, ("workstation",), switch="sw3"),
    _host("hv", 50, 0x32, ("hypervisor",), tcp_ports=(16509,)),
    _host("scan", 250, 0xFA, ("scanner",)),
)
BY_KEY: dict[str, LabHost] = {h.key: h for h in HOSTS}

#: host key -> the roles for which it is the single provider (a SPOF). DNS (dns + dns2) is
#: redundant with evidence: DHCP hands both out together (services_net.dnsmasq). files and
#: files2 are two standalone Samba servers with their own share directories and nothing
#: replicating them: two separate workloads, each a SPOF of file sharing (issue 10).
SPOFS: dict[str, tuple[str, ...]] = {
    "gw": ("gateway",),
    "sw": ("switch",),
    "sw2": ("switch",),
    "dns": ("dhcp",),
    "web": ("web",),
    "db": ("database",),
    "files": ("file",),
    "files2": ("file",),
    # the only hypervisor: a SPOF of the default "Virtualization" process only (its VMs
    # carry none of the lab's other processes; with the site file it is no SPOF at all)
    "hv": ("hypervisor",),
}
NON_SPOFS: tuple[str, ...] = ("dns2", "ws1", "ws2", "scan")
#: hosts whose names the lab DNS serves (A and PTR).
DNS_HOSTS: tuple[str, ...] = ("gw", "sw", "sw2", "sw3", "dns", "dns2", "files", "files2", "web",
                              "db", "hv", "scan")
#: hosts running lldpd, so the switch's LLDP-MIB lists them as neighbours.
LLDP_HOSTS: tuple[str, ...] = ("gw", "dns", "files", "web", "db")


@dataclass(frozen=True)
class Uplink:
    """A cable between an access switch and the core switch (both ports bridged, STP on)."""

    access: str
    access_port: str
    core: str
    core_port: str
    number: int

    @property
    def access_mac(self) -> str:
        return f"02:77:00:00:03:{self.number:02x}"

    @property
    def core_mac(self) -> str:
        return f"02:77:00:00:04:{self.number:02x}"


#: The physical layer: sw is the core (STP root); sw2 hangs off one uplink (a SPOF),
#: sw3 off two (STP blocks one: redundant, not a SPOF).
SWITCHES: tuple[str, ...] = ("sw", "sw2", "sw3")
UPLINKS: tuple[Uplink, ...] = (
    Uplink("sw2", "up1", "sw", "p-sw2", 1),
    Uplink("sw3", "up1", "sw", "p-sw3a", 2),
    Uplink("sw3", "up2", "sw", "p-sw3b", 3),
)
SINGLE_UPLINK_SWITCH = "sw2"
DOUBLE_UPLINK_SWITCH = "sw3"


def lldp_neighbour_count(switch: str) -> int:
    """LLDP neighbours (one per port) the switch's lldpd should list."""
    hosts = sum(1 for k in LLDP_HOSTS if BY_KEY[k].switch == switch)
    return hosts + sum(1 for u in UPLINKS if switch in (u.access, u.core))


#: The hypervisor host hv: libvirtd's test driver serves HV_NODE (written by the lab) on
#: HV_LIBVIRT_PORT without authentication; the node file is named after the host, so the
#: test driver reports the host as "hv".  Guests: name -> (MAC, vCPUs, MiB, runstate 1/5).
HV_LIBVIRT_PORT = 16509
HV_VMS: dict[str, tuple[str, int, int, int]] = {
    "erp": ("52:54:00:77:32:01", 2, 4096, 1),
    "mail": ("52:54:00:77:32:02", 2, 2048, 1),
    "old-fax": ("52:54:00:77:32:03", 1, 512, 5),
}


def hv_libvirt_uri(node_file: str) -> str:
    """The libvirt URI of the hv host's test driver for the node file at ``node_file``."""
    return f"test+tcp://{BY_KEY['hv'].ip}:{HV_LIBVIRT_PORT}{node_file}"
