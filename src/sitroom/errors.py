"""The one exception tree of sitroom: catch :class:`SitroomError` to catch them all."""

from __future__ import annotations


class SitroomError(Exception):
    """Base class of every error sitroom raises on purpose."""


class ConfigError(SitroomError):
    """A setting is missing, malformed or contradictory."""


class StoreError(SitroomError):
    """The store cannot be opened, migrated or written."""


class InputError(SitroomError):
    """An input cannot be read or parsed; carries a machine-readable ``reason``."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


class FetchError(InputError):
    """A network fetch failed or was refused by the guarded HTTP client."""
