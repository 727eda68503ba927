"""Three KVM hosts as libvirt test-driver node files: the office the libvirt
tests serve.  kvm1 has a VM on local disk and one on the NFS pool; kvm2 runs
VMs on the NFS pool given more memory than it has; kvm3 holds a powered-off VM."""

from __future__ import annotations

from pathlib import Path

NAS_IP = "10.9.0.60"
_DIR_POOL = """<pool type='dir'><name>default</name><capacity>107374182400</capacity>
<allocation>0</allocation><available>107374182400</available><source/>
<target><path>/var/lib/libvirt/images</path></target></pool>"""
_NFS_POOL = f"""<pool type='netfs'><name>nas</name><capacity>1099511627776</capacity>
<allocation>0</allocation><available>1099511627776</available><source><host name='{NAS_IP}'/>
<dir path='/export/vms'/><format type='nfs'/></source><target><path>/mnt/nas</path></target>
</pool>"""


def _domain(name: str, mac: str, disk: str, mib: int, state: int = 1) -> str:
    return f"""<domain type='test' xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>
<name>{name}</name><memory unit='MiB'>{mib}</memory><vcpu>2</vcpu>
<test:runstate>{state}</test:runstate><os><type arch='x86_64'>hvm</type></os><devices>
<disk type='file' device='disk'><source file='{disk}'/><target dev='vda' bus='virtio'/></disk>
<interface type='user'><mac address='{mac}'/></interface></devices></domain>"""


def _node(memory_kib: int, *parts: str) -> str:
    cpu = ("<cpu><nodes>1</nodes><sockets>1</sockets><cores>8</cores><threads>1</threads>"
           "<active>8</active><mhz>2000</mhz><model>x86_64</model></cpu>")
    return f"<node>{cpu}<memory>{memory_kib}</memory>{''.join(parts)}</node>"


NODES = {
    "kvm1": _node(16 * 1024 * 1024,
                  _domain("web1", "52:54:00:00:01:01", "/var/lib/libvirt/images/web1.qcow2", 2048),
                  _domain("db1", "52:54:00:00:01:02", "/mnt/nas/db1.qcow2", 4096),
                  _DIR_POOL, _NFS_POOL),
    "kvm2": _node(8 * 1024 * 1024,
                  _domain("app2", "52:54:00:00:02:01", "/mnt/nas/app2.qcow2", 6144),
                  _domain("mail2", "52:54:00:00:02:02", "/mnt/nas/mail2.qcow2", 6144),
                  _DIR_POOL, _NFS_POOL),
    "kvm3": _node(8 * 1024 * 1024,
                  _domain("old3", "52:54:00:00:03:01", "/var/lib/libvirt/images/old3.qcow2",
                          1024, state=5),
                  _DIR_POOL),
}
EXPECTED_HOSTS = {"web1": "kvm1", "db1": "kvm1", "app2": "kvm2", "mail2": "kvm2",
                  "old3": "kvm3"}


def write(directory: Path) -> dict[str, Path]:
    directory.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, xml in NODES.items():
        out[name] = directory / f"{name}.xml"
        out[name].write_text(xml)
    return out
