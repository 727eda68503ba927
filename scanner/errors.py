"""The one exception root. Library code raises these; the CLI maps them to exit codes."""

from __future__ import annotations

from scanner.inventory.model import GapReason


class DrscoutError(Exception):
    """Root of every error drscout raises on purpose."""

    exit_code = 3


class UsageError(DrscoutError):
    """Bad input from the user: a bad target, an unreadable or invalid file (exit 2)."""

    exit_code = 2


class InputFileError(UsageError):
    """An inventory, assessment or config file that cannot be read or validated."""


class OperationalError(DrscoutError):
    """The environment stops us: nmap missing, no raw-socket permission (exit 3)."""

    exit_code = 3


class MissingToolError(OperationalError):
    """A required external program (nmap) is not installed."""


class CollectorError(DrscoutError):
    """A collector could not talk to its target. The orchestrator turns it into a Gap."""

    def __init__(self, message: str, reason: GapReason = "error") -> None:
        super().__init__(message)
        self.reason = reason
