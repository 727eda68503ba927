"""Network-plumbing daemons of the office: the internet host, DNS/DHCP, SNMP, LLDP, DHCP clients.

Each function writes its config under the lab state directory and returns a
:class:`Daemon` spec; nothing is started here.  Every daemon is told explicitly
where to keep its files so that none of them touches the machine's own
configuration (/etc, /var/lib) or its services.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests.lab import expected as E
from tests.lab.daemons import Daemon


def tcp_probe(ip: str, port: int) -> list[str]:
    """A command that succeeds once something accepts TCP connections on ip:port."""
    code = f"import socket; socket.create_connection(({ip!r}, {port}), 1).close()"
    return [sys.executable, "-c", code]


def snmp_probe(ip: str, oid: str = "1.3.6.1.2.1.1.3.0") -> list[str]:
    return ["snmpget", "-v2c", "-c", E.SNMP_COMMUNITY, "-t", "1", "-r", "0", "-On", ip, oid]


def internet_http(state: Path) -> Daemon:
    """A tiny web server standing in for "the internet" behind the gateway's WAN port."""
    www = state / "isp" / "www"
    www.mkdir(parents=True, exist_ok=True)
    (www / "index.html").write_text("<html><head><title>Internet</title></head>"
                                    "<body>reachable through NAT</body></html>\n")
    argv = [sys.executable, "-m", "http.server", "80", "--bind", E.INTERNET_HOST_IP,
            "--directory", str(www)]
    return Daemon("internet-http", "drs-isp", argv, state / "isp" / "http.log",
                  tcp_probe(E.INTERNET_HOST_IP, 80))


def _dns_argv(d: Path) -> list[str]:
    """dnsmasq serving the office's records (A+PTR for every fixed host), state in ``d``."""
    d.mkdir(parents=True, exist_ok=True)
    records = [f"--host-record={E.BY_KEY[k].fqdn},{k},{E.BY_KEY[k].ip}" for k in E.DNS_HOSTS]
    return ["dnsmasq", "-k", "--conf-file=/dev/null", f"--pid-file={d / 'dnsmasq.pid'}",
            "--log-facility=-", "--interface=eth0", "--bind-interfaces", "--no-resolv",
            "--no-hosts", f"--domain={E.DOMAIN}", f"--local=/{E.DOMAIN}/",
            "--local=/0.77.10.in-addr.arpa/", *records]


def dnsmasq(state: Path) -> Daemon:
    """DNS (A+PTR for every fixed host) and DHCP for the LAN, from one dnsmasq."""
    d = state / "dns"
    argv = [*_dns_argv(d),
            f"--dhcp-range={E.DHCP_RANGE[0]},{E.DHCP_RANGE[1]},255.255.255.0,1h",
            f"--dhcp-option=option:router,{E.GATEWAY_IP}",
            f"--dhcp-option=option:dns-server,{E.DNS_IP},{E.BY_KEY['dns2'].ip}",
            f"--dhcp-option=option:domain-name,{E.DOMAIN}",
            f"--dhcp-leasefile={d / 'leases'}", "--dhcp-authoritative", "--log-dhcp"]
    code = f"import socket; socket.gethostbyname('gw.{E.DOMAIN}')"
    return Daemon("dnsmasq", "drs-dns", argv, d / "dnsmasq.log", [sys.executable, "-c", code])


def dnsmasq_secondary(state: Path) -> Daemon:
    """A second DNS server (no DHCP) with the same records: DNS is redundant, DHCP is not."""
    host = E.BY_KEY["dns2"]
    d = state / "dns2"
    return Daemon("dnsmasq-dns2", host.ns, _dns_argv(d), d / "dnsmasq.log",
                  tcp_probe(str(host.ip), 53))


def snmpd(state: Path, key: str, sysservices: int, agentx: Path | None) -> Daemon:
    """net-snmp agent with the default community (a finding on purpose) and a v3 user.

    sysDescr stays net-snmp's own ("Linux HOST KERNEL ..."), as on a real Linux-based
    switch or router, so classification has to work from the agent's real answers."""
    host = E.BY_KEY[key]
    d = state / key / "snmp"
    (d / "persist").mkdir(parents=True, exist_ok=True)
    lines = [
        # The lab shares the PID namespace and disks with this machine: hide the
        # host-resources software tables so walks never expose unrelated processes.
        "view labview included .1",
        # host-resources software and file-system tables, disk I/O: this machine's, not the lab's
        *(f"view labview excluded .1.3.6.1.2.1.25.{n}" for n in ("2.3", "3.8", 4, 5, 6)),
        "view labview excluded .1.3.6.1.4.1.2021.13.15",
        "view labview excluded .1.3.6.1.4.1.8072.1.2",  # agent module table: noise
        f"rocommunity {E.SNMP_COMMUNITY} {E.LAN} -V labview",
        f"createUser {E.SNMP_V3_USER} {E.SNMP_V3_AUTH_PROTO} \"{E.SNMP_V3_AUTH_KEY}\" "
        f"{E.SNMP_V3_PRIV_PROTO} \"{E.SNMP_V3_PRIV_KEY}\"",
        f"rouser {E.SNMP_V3_USER} priv -V labview",
        f"sysname {host.fqdn}",
        "syslocation Office server cupboard",
        f"syscontact it@{E.DOMAIN}",
        f"sysservices {sysservices}",
    ]
    if agentx is not None:
        lines += ["master agentx", f"agentXSocket {agentx}", "agentXPerms 0660 0755"]
    if "switch" in host.roles:  # BRIDGE-MIB from the live bridge (net-snmp has none for Linux)
        script = Path(__file__).with_name("bridge_mib.py")
        lines.append(f"pass_persist .1.3.6.1.2.1.17 {sys.executable} {script} br0")
    conf = d / "snmpd.conf"
    conf.write_text("\n".join(lines) + "\n")
    conf.chmod(0o600)
    argv = ["snmpd", "-f", "-Lo", "-C", "-c", str(conf), "-p", str(d / "snmpd.pid"), "-I", "-smux",
            f"udp:{host.ip}:161"]
    env = {"SNMP_PERSISTENT_DIR": str(d / "persist"), "MIBS": ""}
    return Daemon(f"snmpd-{key}", host.ns, argv, d / "snmpd.log", snmp_probe(str(host.ip)), env)


def lldpd(state: Path, key: str, ifaces: str, agentx: Path | None) -> Daemon:
    """lldpd with its own control socket and config; on the switch it feeds LLDP-MIB via AgentX."""
    host = E.BY_KEY[key]
    d = state / key / "lldpd"
    d.mkdir(parents=True, exist_ok=True)
    conf = d / "lldpd.conf"
    conf.write_text(f"configure system hostname {host.fqdn}\n"
                    f"configure system description \"drscout lab {key}\"\n"
                    "configure lldp tx-interval 5\n")
    sock = d / "lldpd.socket"
    argv = ["lldpd", "-d", "-u", str(sock), "-O", str(conf), "-I", ifaces, "-m", str(host.ip)]
    if agentx is not None:
        argv += ["-X", str(agentx)]
    ready = ["lldpcli", "-u", str(sock), "show", "configuration"]
    return Daemon(f"lldpd-{key}", host.ns, argv, d / "lldpd.log", ready)


DHCLIENT_SCRIPT = """#!/bin/sh
# Lab dhclient hook: configure the address and default route only; never resolv.conf.
case "$reason" in
  BOUND|RENEW|REBIND|REBOOT)
    if [ -n "$old_ip_address" ] && [ "$old_ip_address" != "$new_ip_address" ]; then
      ip -4 addr flush dev "$interface"
    fi
    ip -4 addr replace "$new_ip_address/$new_subnet_mask" dev "$interface"
    for r in $new_routers; do ip -4 route replace default via "$r" dev "$interface"; break; done
    ;;
  EXPIRE|FAIL|RELEASE|STOP)
    ip -4 addr flush dev "$interface"
    ;;
esac
exit 0
"""


def dhclient(state: Path, key: str) -> Daemon:
    """ISC dhclient in the foreground, sending the workstation's hostname so DNS registers it."""
    host = E.BY_KEY[key]
    d = state / key / "dhcp"
    d.mkdir(parents=True, exist_ok=True)
    script = d / "dhclient-script"
    script.write_text(DHCLIENT_SCRIPT)
    script.chmod(0o755)
    conf = d / "dhclient.conf"
    conf.write_text(f"send host-name \"{key}\";\n"
                    "request subnet-mask, broadcast-address, routers, domain-name, "
                    "domain-name-servers;\n")
    argv = ["dhclient", "-4", "-d", "-v", "-cf", str(conf), "-sf", str(script),
            "-lf", str(d / "leases"), "-pf", str(d / "dhclient.pid"), "eth0"]
    ready = ["sh", "-c", "ip -4 -o addr show dev eth0 | grep -q 'inet '"]
    return Daemon(f"dhclient-{key}", host.ns, argv, d / "dhclient.log", ready)
