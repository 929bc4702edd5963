"""``ParseFailure``: why a document could not be read, as the readers and the parse workers return it."""

from __future__ import annotations

from typing import Any


class ParseFailure(str):
    """Why a document could not be read; a ``str`` (the reason) that also carries its error type."""

    error_type: str

    def __new__(cls, reason: str, error_type: str = "unreadable_document") -> ParseFailure:
        value = super().__new__(cls, reason)
        value.error_type = error_type
        return value

    def __reduce__(self) -> tuple[Any, ...]:
        return (ParseFailure, (str(self), self.error_type))
