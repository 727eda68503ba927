"""The one import of asyncssh: without the noise it makes, and with the hint to install it.

asyncssh (2.x) imports cryptography's DSA classes, which warn on every start; that
warning is about a key type drscout never offers, so it is silenced here, once.
"""

from __future__ import annotations

import warnings
from typing import Any

from scanner.collectors.virt.common import missing_extra


def asyncssh() -> Any:
    """The asyncssh module, or a "pip install drscout[ssh]" CollectorError."""
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=".*DSA is deprecated")
            import asyncssh as module
    except ImportError as exc:
        raise missing_extra("ssh", "asyncssh") from exc
    return module
