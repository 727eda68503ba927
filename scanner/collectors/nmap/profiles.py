"""The nmap arguments drscout uses, in one place so the README can quote them.

Each profile is a frozen record of *exact* nmap arguments.  Run time adds only three
things: ``--unprivileged`` when not root (so nmap behaves the same whether or not the
process happens to hold raw-socket rights), ``root_arguments`` when root, and the UDP pass
when root (UDP scanning needs raw sockets).

Timing was chosen for a small office: ``standard`` on a /24 with ~30 live hosts finishes in
a few minutes with the orchestrator's default batching (up to 64 hosts per nmap, 4 at once),
because ``--version-light`` keeps service probes to the likely ones, ``--max-retries 2``
stops nmap re-probing filtered ports forever, and ``--host-timeout`` bounds any one host
that rate-limits or drops probes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from scanner.collectors.nmap.probes import ServiceTiming
from scanner.errors import UsageError


@dataclass(frozen=True)
class NmapProfile:
    """One port-scan profile.

    ``tcp_arguments`` always run; ``root_arguments`` join the TCP pass only when root;
    ``udp_arguments`` run as a second nmap pass only when root ("" = no UDP pass);
    ``max_seconds`` bounds one nmap process (python-nmap kills it after that).
    """

    name: str
    description: str
    tcp_arguments: str
    root_arguments: str
    udp_arguments: str
    max_seconds: int
    #: how long -sV waits for answers unless ``--service-timing`` says otherwise
    #: (``scanner.collectors.nmap.probes``): LAN-capped waits, or nmap's own
    service_timing: ServiceTiming = "lan"


PROFILES: dict[str, NmapProfile] = {
    "quick": NmapProfile(
        name="quick",
        description="Top 100 TCP ports with light service detection; no UDP, no OS detection.",
        tcp_arguments="-Pn -sV --version-light --top-ports 100 -T4 --max-retries 1 "
        "--host-timeout 120s",
        root_arguments="",
        udp_arguments="",
        max_seconds=600,
    ),
    "standard": NmapProfile(
        name="standard",
        description="Top 1000 TCP ports with service detection; as root also OS detection "
        "and UDP 53, 67, 123, 161.",
        tcp_arguments="-Pn -sV --version-light --top-ports 1000 -T4 --max-retries 2 "
        "--host-timeout 300s",
        root_arguments="-O --osscan-limit --max-os-tries 1",
        udp_arguments="-Pn -sU -sV --version-light -p 53,67,123,161 -T4 --max-retries 2 "
        "--host-timeout 120s",
        max_seconds=1800,
    ),
    "deep": NmapProfile(
        name="deep",
        description="All 65535 TCP ports with full service detection and default scripts; "
        "as root also OS detection and the top 50 UDP ports.",
        tcp_arguments="-Pn -sV -sC -p- -T4 --max-retries 2 --host-timeout 1200s",
        root_arguments="-O --osscan-limit",
        udp_arguments="-Pn -sU -sV --version-light --top-ports 50 -T4 --max-retries 2 "
        "--host-timeout 600s",
        max_seconds=3600,
        service_timing="nmap",
    ),
}

#: Host discovery as root: ARP on the local segment (nmap uses only ARP there), and for
#: routed subnets ICMP echo + timestamp, TCP SYN to common service ports, TCP ACK to web.
DISCOVER_ROOT_ARGUMENTS = (
    "-sn -PR -PE -PP -PS21,22,23,25,53,80,135,139,443,445,3389,8080 -PA80,443 "
    "-T4 --host-timeout 60s"
)
#: Unprivileged nmap cannot send ARP, ICMP or raw SYN: it pings by TCP connect(), so we
#: give it more ports (a refused connection proves the host is up just as well).
DISCOVER_USER_ARGUMENTS = (
    "-sn --unprivileged -PS21,22,23,25,53,80,135,139,443,445,515,631,3389,8080,9100 "
    "-T4 --host-timeout 60s"
)
DISCOVER_MAX_SECONDS = 1800
#: broadcast-dhcp-discover's wait for offers, in seconds (nmap's default is 10).  A DHCP
#: server answers a DISCOVER within about a second, after its own ping check of the
#: address it will offer (the lab's dnsmasq: between 1 and 2 s; ISC dhcpd's ping-timeout:
#: 1 s), and clients retransmit after about 4 s (RFC 2131 4.1), so a server slower than
#: that would fail its clients too.
DHCP_TIMEOUT = 5.0


def get_profile(name: str) -> NmapProfile:
    """The profile called ``name``; a UsageError names the valid ones."""
    try:
        return PROFILES[name]
    except KeyError:
        raise UsageError(
            f"unknown nmap profile {name!r}: choose one of {', '.join(PROFILES)}"
        ) from None


def discover_arguments(exclude: Sequence[str], *, as_root: bool) -> str:
    """The full argument string of a discovery run (targets go separately)."""
    arguments = DISCOVER_ROOT_ARGUMENTS if as_root else DISCOVER_USER_ARGUMENTS
    return arguments + (" --exclude " + ",".join(exclude) if exclude else "")


#: Hypervisor management ports (ESXi 902, Hyper-V 2179, WinRM 5985/5986, Proxmox 8006,
#: libvirt 16509/16514): most are outside nmap's top 1000, and ``--top-ports`` with ``-p``
#: narrows rather than widens the list, so profiles that do not scan every port probe them
#: in a second, small TCP pass.
HYPERVISOR_TCP_ARGUMENTS = (
    "-Pn -sV --version-light -p 902,2179,5985,5986,8006,16509,16514 -T4 --max-retries 2 "
    "--host-timeout 120s"
)


def hypervisor_arguments(profile: NmapProfile, *, as_root: bool) -> str | None:
    """The hypervisor-port pass, or None when the profile's TCP pass already covers it."""
    if "-p-" in profile.tcp_arguments.split():
        return None
    return HYPERVISOR_TCP_ARGUMENTS if as_root else f"{HYPERVISOR_TCP_ARGUMENTS} --unprivileged"


def tcp_arguments(profile: NmapProfile, *, as_root: bool) -> str:
    """The TCP pass: root adds the profile's root-only options, non-root is pinned to
    unprivileged mode so results do not depend on file capabilities of the nmap binary."""
    extra = profile.root_arguments if as_root else "--unprivileged"
    return f"{profile.tcp_arguments} {extra}".strip()


def dhcp_arguments(interface: str | None, timeout: float) -> str:
    """broadcast-dhcp-discover on one interface (or every ethernet one when None)."""
    iface = f"-e {interface} " if interface else ""
    script = "broadcast-dhcp-discover"
    return f"{iface}--script {script} --script-args {script}.timeout={timeout:g}s"
