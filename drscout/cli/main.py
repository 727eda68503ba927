"""The ``drscout`` command line: thin click commands over library calls.

The :mod:`drscout.cli` package is the one place that imports the scanner, analysis
and reports packages together (``tests/test_architecture.py`` keeps the layers).
It owns files and exit codes: 0 ok, 1 findings at or over ``--fail-on``,
2 usage or input error, 3 operational error, 130 interrupted (partial results
are still written).
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, get_args

import click
from rich.console import Console

from analysis.model import SEVERITIES, at_or_above
from drscout.cli.analysis import (
    print_what_if,
    site_option,
    what_if_option,
)
from drscout.cli.doctor import doctor_cmd
from drscout.cli.errors import errors_to_exit, fail
from drscout.cli.inputs import read_inputs
from drscout.cli.ldap import ldap_options, ldap_options_from
from drscout.cli.maildns import maildns_options, maildns_options_from
from drscout.cli.progress import ProgressDisplay, outcome
from drscout.cli.reports import (
    SEVERITY_OR_NEVER,
    diff_cmd,
    export_cmd,
    history_cmd,
    history_options,
    report_cmd,
    worksheet_input_option,
    worksheet_option,
    write_reports,
)
from drscout.cli.ssh import ssh_options, ssh_options_from
from drscout.cli.virt import virt_options, virt_options_from
from drscout.cli.winrm import winrm_options, winrm_options_from
from scanner.collectors import registry
from scanner.config import config_option, with_config
from scanner.credentials import AuthProto, PrivProto, SnmpCredential, SnmpV3User, parse_community
from scanner.errors import UsageError
from scanner.files import load_inventory, write_atomic
from scanner.inventory.model import Inventory
from scanner.options import Profile, ScanOptions, SnmpOptions
from scanner.orchestrator import ScanState, scan
from scanner.targets import check_targets, parse_targets

INTERRUPTED = 130
stderr = Console(stderr=True, highlight=False)


def _protocols(literal: Any) -> list[str]:
    """The SNMPv3 protocols one can name ("none" is what leaving the key out means)."""
    return [p for p in get_args(literal) if p != "none"]


def scan_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Options shared by ``scan`` and ``run``."""
    decorators = [
        click.option("--profile", type=click.Choice(get_args(Profile)),
                     default="standard", show_default=True,
                     help="nmap depth: quick (top 100 ports), standard (top 1000 + "
                          "service versions), deep (all ports, more UDP, scripts)."),
        click.option("--service-timing", type=click.Choice(["lan", "nmap"]), default=None,
                     help="How long service detection waits for answers: lan (at most "
                          "2 s for a banner, 3 s per probe; quick and standard) or nmap "
                          "(nmap's own 6 s / 5 s; deep). Use nmap across slow WAN or VPN "
                          "links."),
        click.option("--collectors", default=",".join(registry.NAMES), show_default=True,
                     help=f"Comma-separated collectors to run, from: "
                          f"{', '.join(registry.NAMES)}. The hypervisor and directory "
                          "collectors read the endpoints you give (--vcenter, --libvirt, "
                          "--proxmox, --hyperv, --ldap) whatever this says; naming only "
                          "them skips the network scan (--collectors vmware --vcenter URL "
                          "needs no targets)."),
        click.option("--exclude", multiple=True, metavar="CIDR",
                     help="Address, range or CIDR never to touch (repeatable)."),
        click.option("--snmp-community", "communities", multiple=True, metavar="COMMUNITY",
                     envvar="DRSCOUT_SNMP_COMMUNITIES",
                     help="SNMP v2c community to try, in order (repeatable; prefix 'v1:' "
                          "for SNMPv1). Default: public. Env: DRSCOUT_SNMP_COMMUNITIES."),
        click.option("--snmp-v3-user", envvar="DRSCOUT_SNMP_V3_USER",
                     help="SNMPv3 user name. Env: DRSCOUT_SNMP_V3_USER."),
        click.option("--snmp-v3-auth-key", envvar="DRSCOUT_SNMP_V3_AUTH_KEY",
                     help="SNMPv3 authentication pass phrase (prefer the env var "
                          "DRSCOUT_SNMP_V3_AUTH_KEY: command lines are visible to ps)."),
        click.option("--snmp-v3-priv-key", envvar="DRSCOUT_SNMP_V3_PRIV_KEY",
                     help="SNMPv3 privacy pass phrase (env DRSCOUT_SNMP_V3_PRIV_KEY)."),
        click.option("--snmp-v3-auth-proto", default="sha", show_default=True,
                     type=click.Choice(_protocols(AuthProto)),
                     help="SNMPv3 authentication protocol."),
        click.option("--snmp-v3-priv-proto", default="aes", show_default=True,
                     type=click.Choice(_protocols(PrivProto)),
                     help="SNMPv3 privacy protocol."),
        click.option("--snmp-port", default=161, show_default=True, type=click.IntRange(1, 65535),
                     help="UDP port of the SNMP agents."),
        click.option("--snmp-timeout", default=2.0, show_default=True, type=float,
                     help="Seconds to wait for each SNMP reply."),
        click.option("--snmp-retries", default=1, show_default=True, type=click.IntRange(0, 10),
                     help="SNMP retries per request."),
        click.option("--allow-public", is_flag=True,
                     help="Allow targets outside private address space (you need the "
                          "owner's permission)."),
        click.option("--force", is_flag=True, help="Allow ranges larger than a /16."),
        click.option("--quiet", "-q", is_flag=True, help="No progress display."),
        config_option,
        click.argument("targets", nargs=-1),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def _credentials(kw: dict[str, Any]) -> tuple[SnmpCredential, ...]:
    creds: list[SnmpCredential] = [parse_community(t) for t in kw["communities"]]
    if kw["snmp_v3_user"]:
        creds.append(SnmpV3User(user=kw["snmp_v3_user"], auth_key=kw["snmp_v3_auth_key"],
                                priv_key=kw["snmp_v3_priv_key"],
                                auth_proto=kw["snmp_v3_auth_proto"],
                                priv_proto=kw["snmp_v3_priv_proto"]))
    return tuple(creds)


def build_options(kw: dict[str, Any]) -> ScanOptions:
    """ScanOptions from the shared click options, validating targets and collectors."""
    targets, exclude = parse_targets(kw["targets"]), parse_targets(kw["exclude"])
    check_targets(targets, allow_public=kw["allow_public"], force=kw["force"])
    collectors = tuple(c.strip() for c in kw["collectors"].split(",") if c.strip())
    unknown = sorted(set(collectors) - set(registry.NAMES))
    if unknown or not collectors:
        raise UsageError(f"unknown collector(s): {', '.join(unknown) or '(none)'}; "
                         f"choose from {', '.join(registry.NAMES)}")
    return _something_runs(with_config(ScanOptions(
        targets=targets,
        exclude=exclude,
        profile=kw["profile"],
        service_timing=kw.get("service_timing"),
        collectors=collectors,
        snmp=SnmpOptions(credentials=_credentials(kw), port=kw["snmp_port"],
                         timeout=kw["snmp_timeout"], retries=kw["snmp_retries"]),
        as_root=hasattr(os, "geteuid") and os.geteuid() == 0,
        virt=virt_options_from(kw),
        ldap=ldap_options_from(kw),
        ssh=ssh_options_from(kw),
        winrm=winrm_options_from(kw),
        maildns=maildns_options_from(kw),
    ), kw.get("config_file"), lambda m: stderr.print(f"drscout: warning: {m}", markup=False)))


def _something_runs(options: ScanOptions) -> ScanOptions:
    """Refuse a scan that would run no collector (``--collectors vmware`` without
    ``--vcenter``) rather than write an empty inventory."""
    if not any(c.runs(options) for c in registry.load()):
        raise UsageError(f"nothing to collect: {', '.join(options.collectors or ())} "
                         "read only the endpoints you give (--vcenter, --libvirt, --proxmox, "
                         "--hyperv, --ldap, --ssh-user, --winrm-user)")
    return options


def scan_with(options: ScanOptions, display: ProgressDisplay) -> tuple[Inventory, bool]:
    """Scan with ``display`` receiving the progress; Ctrl-C returns the partial result."""
    state = ScanState(options)
    try:
        return asyncio.run(scan(state, display)), False
    except KeyboardInterrupt:
        return state.inventory(interrupted=True), True


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="drscout")
def cli() -> None:
    """drscout: inventory an office network, find its single points of failure,
    and prefill the disaster-recovery worksheet."""


@cli.command("scan")
@scan_options
@virt_options
@ldap_options
@ssh_options
@winrm_options
@maildns_options
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("inventory.json"), show_default=True,
              help="Inventory JSON file to write.")
@errors_to_exit
def scan_cmd(output: Path, quiet: bool, **kw: Any) -> None:
    """Discover TARGETS (IPs, CIDRs, ranges) and write the inventory JSON."""
    display = ProgressDisplay(stderr, quiet=quiet, title="drscout scan")
    with display:
        inventory, interrupted = scan_with(build_options(kw), display)
    write_atomic(output, inventory.model_dump_json(indent=2))
    display.summary(outcome(inventory, written=str(output), interrupted=interrupted))
    stderr.print(f"inventory: {output} ({len(inventory.assets)} assets, "
                 f"{len(inventory.gaps)} gaps)", markup=False)
    if interrupted:
        fail("interrupted; partial inventory written", INTERRUPTED)


def _exit_for_findings(assessment: Any, fail_on: str) -> int:
    if fail_on == "never":
        return 0
    return 1 if any(at_or_above(f.severity, fail_on) for f in assessment.findings) else 0


def _summary(assessment: Any) -> dict[str, Any]:
    return {
        "assets": len(assessment.inventory.assets),
        "gaps": len(assessment.inventory.gaps),
        "spofs": len(assessment.spofs),
        "findings": {sev: sum(1 for f in assessment.findings if f.severity == sev)
                     for sev in SEVERITIES},
    }


@cli.command("run")
@scan_options
@virt_options
@ldap_options
@ssh_options
@winrm_options
@maildns_options
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path),
              default=Path("drscout-report"), show_default=True,
              help="Folder for the report files.")
@click.option("--fail-on", type=SEVERITY_OR_NEVER, default="never", show_default=True,
              help="Exit 1 when a finding of this severity or worse exists.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary on stdout.")
@site_option
@worksheet_option
@history_options
@errors_to_exit
def run_cmd(output: Path, fail_on: str, as_json: bool, quiet: bool, site_file: Path | None,
            **kw: Any) -> None:
    """Scan TARGETS (default: this machine's private subnets), analyse, write the report folder."""
    inputs = read_inputs(site_file, kw.get("worksheet"))
    display = ProgressDisplay(stderr, quiet=quiet, title="drscout run",
                              steps=("analysis", "reports"))
    with display:
        inventory, interrupted = scan_with(build_options(kw), display)
        with display.step("analysis"):
            assessment = inputs.assess(inventory)
        with display.step("reports"):
            paths = write_reports(assessment, output, kw, inputs.worksheet)
    display.summary(outcome(inventory, assessment,
                            f"{output}/ ({len(paths)} files){paths.notes_text()}", interrupted))
    for note in paths.notes:
        stderr.print(note, markup=False, soft_wrap=True)
    if as_json:
        click.echo(json.dumps({**_summary(assessment), "files": [str(p) for p in paths]}))
    stderr.print(f"report: {output / 'gap-report.html'}", markup=False)
    if interrupted:
        fail("interrupted; partial report written", INTERRUPTED)
    sys.exit(_exit_for_findings(assessment, fail_on))


@cli.command("analyze")
@click.argument("inventory_file", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True,
              help="Print the assessment (SPOFs, findings, priorities) as JSON on stdout.")
@click.option("--fail-on", type=SEVERITY_OR_NEVER, default="never", show_default=True,
              help="Exit 1 when a finding of this severity or worse exists.")
@site_option
@worksheet_input_option
@what_if_option
@errors_to_exit
def analyze_cmd(inventory_file: Path, as_json: bool, fail_on: str, site_file: Path | None,
                worksheet: Path | None, what_if_name: str | None) -> None:
    """Analyse an inventory file: SPOFs, blast radius, findings, priorities."""
    inputs = read_inputs(site_file, worksheet)
    assessment = inputs.assess(load_inventory(inventory_file))
    if what_if_name is not None:
        print_what_if(assessment, what_if_name)
        sys.exit(0)
    if as_json:
        from reports.inventory_json import render_assessment_json

        click.echo(render_assessment_json(assessment))  # bytes: no 150 MB str copy
    else:
        _print_assessment(assessment)
    sys.exit(_exit_for_findings(assessment, fail_on))


def _print_assessment(assessment: Any) -> None:
    out = Console(highlight=False)
    names = {a.id: a.name for a in assessment.inventory.assets}
    out.print(f"{len(assessment.inventory.assets)} assets, {len(assessment.spofs)} single "
              f"points of failure, {len(assessment.findings)} findings", markup=False)
    for spof in assessment.spofs:
        stops = ", ".join(names.get(x, x) for x in spof.blast_radius)
        out.print(f"SPOF {spof.label}: {spof.reason}; impact: {spof.impact.text()}; "
                  f"stops: {stops}", markup=False)
    for finding in assessment.findings:
        out.print(f"[{finding.severity}] {finding.id} {finding.title}", markup=False)


cli.add_command(report_cmd)
cli.add_command(export_cmd)
cli.add_command(history_cmd)
cli.add_command(diff_cmd)
cli.add_command(doctor_cmd)


def main() -> None:
    cli(prog_name="drscout")


if __name__ == "__main__":
    main()
