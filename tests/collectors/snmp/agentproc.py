"""Stopping a test's own snmpd (started by PID) and removing its throwaway namespace."""

from __future__ import annotations

import subprocess


def stop(proc: subprocess.Popen[str] | None, ns: str) -> None:
    """Terminate the agent we started (kill after 10 s), then delete its namespace."""
    if proc is not None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    subprocess.run(["ip", "netns", "del", ns], check=False, capture_output=True)
