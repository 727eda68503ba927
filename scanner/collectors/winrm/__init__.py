"""WinRM collector: Windows servers and workstations read from the inside.

``collect`` = :func:`.api.fetch` (the only place pywinrm is imported: one fixed,
read-only PowerShell script answering JSON) + :func:`.parse.parse` (pure).  Install
with ``pip install drscout[winrm]``.  Not yet run against a live Windows host: the
tests use recorded answers shaped after Microsoft's documentation (fixtures/winrm).
"""

from __future__ import annotations

from scanner.collectors.winrm.options import WinrmCredential, WinrmOptions

NAME = "winrm"

__all__ = ["NAME", "WinrmCredential", "WinrmOptions"]
