"""Errors a user may see. Each carries a message meant for a person, never a traceback."""

from __future__ import annotations


class MhdeskError(Exception):
    """A refusal or failure explained in plain words (exit status 1)."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message}\n{self.hint}"


class WrongPassphrase(MhdeskError):
    def __init__(self, path: object = None) -> None:
        where = f" ({path})" if path else ""
        super().__init__(f"wrong passphrase, or not an mhdesk store{where}")


class StoreNotFound(MhdeskError):
    pass


class StoreExists(MhdeskError):
    pass


class StoreDamaged(MhdeskError):
    pass


class StoreTooNew(MhdeskError):
    pass


class UsageError(MhdeskError):
    """Wrong use of the command (exit status 2)."""
