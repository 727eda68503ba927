"""A real dnsmasq serving test mail domains, in network namespaces made here (``drsm-*``).

Topology (every address lives in namespaces this module creates; nothing touches the
root namespace's network)::

    drsm-dns  10.78.0.53  dnsmasq: the office's DNS server (zones below)  -+
    drsm-mx   10.78.0.25  mail.onprem.test: a listener on 25/tcp (SMTP)    -+- br0 in drsm-cl
    drsm-cl   10.78.0.2   where drscout runs (resolver: 10.78.0.53, search contoso.test)

Zones, one per case (dnsmasq ``--mx-host``, ``--txt-record``, ``--cname``, ``--srv-host``;
a ``--cname`` needs its target known locally, so the provider names get ``--host-record``
addresses from TEST-NET-1, which nothing answers):

* ``contoso.test``: Microsoft 365 (MX ``*.mail.protection.outlook.com``, SPF include,
  ``MS=ms`` verification, autodiscover/enterpriseregistration/lyncdiscover CNAMEs, DMARC);
* ``fabrikam.test``: Google Workspace (``aspmx.l.google.com`` MX, ``_spf.google.com``);
* ``onprem.test``: MX ``mail.onprem.test`` = 10.78.0.25 (in scope), autodiscover SRV to it,
  SPF with a SendGrid include;
* ``exchange.test``: MX and an autodiscover CNAME to the same in-scope host (Exchange);
* ``filtered.test``: MX at Proofpoint Essentials (a filter), SPF naming Microsoft 365;
* ``hostile.test``: TXT and MX text chosen to break spreadsheets and HTML.

Teardown stops the processes it started (by PID), then whatever still runs in its
namespaces, and deletes them.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.lab.star import Member, build_star

NS_CL, NS_DNS, NS_MX = "drsm-cl", "drsm-dns", "drsm-mx"
NAMESPACES = (NS_CL, NS_DNS, NS_MX)
CL_IP, DNS_IP, MX_IP = "10.78.0.2", "10.78.0.53", "10.78.0.25"
SUBNET = "10.78.0.0/24"
SEARCH = "contoso.test"
#: what the hostile zone says: every output must neutralise or escape these
HOSTILE_SPF = "v=spf1 include:=1+2.evil.test include:<script>alert(1)</script>.test -all"
HOSTILE_MS = "MS=ms<img src=x onerror=alert(1)>"
ZONES = (
    "--mx-host=contoso.test,contoso-test.mail.protection.outlook.com,0",
    "--txt-record=contoso.test,v=spf1 include:spf.protection.outlook.com -all",
    "--txt-record=contoso.test,MS=ms12345678",
    "--txt-record=_dmarc.contoso.test,v=DMARC1; p=quarantine",
    "--host-record=autodiscover.outlook.com,192.0.2.10",
    "--host-record=enterpriseregistration.windows.net,192.0.2.11",
    "--host-record=webdir.online.lync.com,192.0.2.12",
    "--cname=autodiscover.contoso.test,autodiscover.outlook.com",
    "--cname=enterpriseregistration.contoso.test,enterpriseregistration.windows.net",
    "--cname=lyncdiscover.contoso.test,webdir.online.lync.com",
    "--mx-host=fabrikam.test,aspmx.l.google.com,1",
    "--mx-host=fabrikam.test,alt1.aspmx.l.google.com,5",
    "--txt-record=fabrikam.test,v=spf1 include:_spf.google.com ~all",
    "--txt-record=fabrikam.test,google-site-verification=drsm-test-token",
    "--mx-host=onprem.test,mail.onprem.test,10",
    f"--host-record=mail.onprem.test,{MX_IP}",
    "--srv-host=_autodiscover._tcp.onprem.test,mail.onprem.test,443,0,0",
    "--txt-record=onprem.test,v=spf1 mx include:sendgrid.net -all",
    "--mx-host=exchange.test,mail.exchange.test,10",
    f"--host-record=mail.exchange.test,{MX_IP}",
    "--cname=autodiscover.exchange.test,mail.exchange.test",
    "--mx-host=filtered.test,mx1-us1.ppe-hosted.com,10",
    "--txt-record=filtered.test,v=spf1 include:spf.protection.outlook.com "
    "include:_spf-us.ppe-hosted.com -all",
    "--mx-host=hostile.test,mx.hostile.test,10",
    f"--txt-record=hostile.test,{HOSTILE_SPF}",
    f"--txt-record=hostile.test,{HOSTILE_MS}",
)
_SMTP = ("import socket\n"
         "s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\n"
         f"s.bind(('{MX_IP}', 25)); s.listen(8)\n"
         "while True:\n"
         "    c, _ = s.accept()\n"
         "    c.sendall(b'220 mail.onprem.test ESMTP Postfix\\r\\n'); c.close()\n")


def unavailable() -> str | None:
    """Why the lab cannot run here, or None."""
    if os.geteuid() != 0:
        return "the dnsmasq lab needs root (network namespaces)"
    for tool in ("dnsmasq", "ip"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (scripts/lab-setup installs dnsmasq-base)"
    return None


def sh(*argv: str, check: bool = True, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, check=False)
    if check and done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv[:8])} failed ({done.returncode}): "
                           f"{(done.stderr or done.stdout)[-600:]}")
    return done


def in_ns(ns: str, *argv: str, check: bool = True,
          timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return sh("ip", "netns", "exec", ns, *argv, check=check, timeout=timeout)


@dataclass(frozen=True)
class DnsLab:
    dns_pid: int
    smtp_pid: int
    #: dnsmasq's --log-queries output: which questions reached the office's DNS server
    log: Path

    def queries(self) -> list[str]:
        """Every question dnsmasq logged so far (``query[MX] contoso.test from ...``)."""
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return [line for line in text.splitlines() if " query[" in line]

    @contextlib.contextmanager
    def dns_frozen(self) -> Iterator[None]:
        """The fault case: the office's DNS server is there but stops answering (dnsmasq
        stopped with SIGSTOP, resumed afterwards for the other tests)."""
        os.kill(self.dns_pid, signal.SIGSTOP)
        try:
            yield
        finally:
            os.kill(self.dns_pid, signal.SIGCONT)


def _network() -> None:
    build_star(NS_CL, CL_IP, (Member(NS_DNS, "dns0", "pdns", DNS_IP, "02:78:00:00:00:53"),
                Member(NS_MX, "mx0", "pmx", MX_IP, "02:78:00:00:00:25")), DNS_IP, SEARCH)


def _wait_dns(proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"dnsmasq exited ({proc.returncode})")
        probe = in_ns(NS_CL, sys.executable, "-c",
                      "import dns.resolver as r; x = r.Resolver(configure=False); "
                      f"x.nameservers = ['{DNS_IP}']; x.lifetime = 1; "
                      "x.resolve('contoso.test', 'MX')", check=False, timeout=10)
        smtp = in_ns(NS_CL, "bash", "-c", f"exec 3<>/dev/tcp/{MX_IP}/25", check=False,
                     timeout=10)
        if probe.returncode == 0 and smtp.returncode == 0:
            return
        time.sleep(0.3)
    raise RuntimeError("dnsmasq did not answer, or the SMTP listener did not open, in 30 s")


def _stop(procs: list[subprocess.Popen[bytes]]) -> None:
    for proc in procs:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
    for ns in NAMESPACES:  # anything left inside our own namespaces only
        for pid in (int(p) for p in sh("ip", "netns", "pids", ns, check=False).stdout.split()
                    if p.isdigit()):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        sh("ip", "netns", "del", ns, check=False)
        shutil.rmtree(Path("/etc/netns") / ns, ignore_errors=True)


@contextlib.contextmanager
def dns_lab() -> Iterator[DnsLab]:
    """The whole lab for the block; everything it made is removed afterwards."""
    procs: list[subprocess.Popen[bytes]] = []
    work = Path(tempfile.mkdtemp(prefix="drsm-dnsmasq-"))
    log = work / "queries.log"
    try:
        _network()
        procs.append(subprocess.Popen(
            ["ip", "netns", "exec", NS_DNS, "dnsmasq", "--keep-in-foreground", "--no-resolv",
             "--no-hosts", "--no-dhcp-interface=dns0", "--bind-interfaces",
             f"--listen-address={DNS_IP}", "--except-interface=lo", "--local=/test/",
             "--pid-file=", "--log-queries", f"--log-facility={log}",
             "--conf-file=/dev/null", *ZONES],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        procs.append(subprocess.Popen(["ip", "netns", "exec", NS_MX, sys.executable, "-c",
                                       _SMTP], stdout=subprocess.DEVNULL,
                                      stderr=subprocess.DEVNULL))
        _wait_dns(procs[0])
        yield DnsLab(dns_pid=procs[0].pid, smtp_pid=procs[1].pid, log=log)
    finally:
        _stop(procs)
        shutil.rmtree(work, ignore_errors=True)
