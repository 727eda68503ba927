"""Timing a whole drscout command in a subprocess: wall, CPU and peak memory.

Benchmarks time what a user waits for (start-up, imports, load, work, writing the files),
not one inner function.  CPU and peak RSS come from ``resource.getrusage`` of the
children, so call this from a process that has no other children running.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any


def drscout_argv(*args: str) -> list[str]:
    """The installed ``drscout`` script beside this interpreter, with ``args``."""
    return [str(Path(sys.executable).with_name("drscout")), *args]


def timed(argv: list[str], stdout: Any = subprocess.DEVNULL) -> dict[str, Any]:
    """Run ``argv`` to completion; its exit code, wall and CPU seconds, and the peak RSS
    of every child so far (the largest child's, which is this one when it is the only)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(argv, stdout=stdout, stderr=subprocess.PIPE, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return {"exit_code": proc.returncode, "wall_s": round(wall, 2), "cpu_s": round(cpu, 2),
            "peak_rss_mb": round(after.ru_maxrss / 1024),
            "stderr": proc.stderr.decode(errors="replace")[-300:]}
