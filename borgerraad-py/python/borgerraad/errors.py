"""Exceptions of borgerraad, one class per kind of core error.

Every exception carries the message of the Rust core and, where known,
``source`` (file name), ``line``, ``record`` (the record's id) and ``field``.
"""
from __future__ import annotations

from typing import Optional


class BorgerraadError(Exception):
    """Base class of every borgerraad error."""

    kind: str = "BorgerraadError"

    def __init__(
        self,
        message: str,
        source: Optional[str] = None,
        line: Optional[int] = None,
        record: Optional[str] = None,
        field: Optional[str] = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.source = source
        self.line = line
        self.record = record
        self.field = field

    def __str__(self) -> str:
        return self.message


class ParseError(BorgerraadError, ValueError):
    """The input could not be read: malformed JSON or CSV, a wrong type, an impossible date, a wrong header."""

    kind = "ParseError"


class ValidationError(BorgerraadError, ValueError):
    """A well-formed record breaks a rule of the register."""

    kind = "ValidationError"


class UnknownError(BorgerraadError, ValueError):
    """A code given as an argument is not known (a regime, a rule, a schema...)."""

    kind = "UnknownError"


class ConfigError(BorgerraadError, ValueError):
    """A taxonomy, rule set, regime or deadline table is inconsistent."""

    kind = "ConfigError"


class RangeError(BorgerraadError, ValueError):
    """A date lies outside what the calendars cover (1700-2200)."""

    kind = "RangeError"


class IoError(BorgerraadError, OSError):
    """Reading or writing a file failed."""

    kind = "IoError"


__all__ = [
    "BorgerraadError",
    "ConfigError",
    "IoError",
    "ParseError",
    "RangeError",
    "UnknownError",
    "ValidationError",
]
