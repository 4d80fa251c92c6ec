"""Errors a service raises for the user: a catalog key plus parameters, translated by the state."""

from __future__ import annotations

from typing import Any


class ServiceError(Exception):
    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


class Denied(ServiceError):
    """The actor may not do this, or the record is outside the actor's scope."""

    def __init__(self, key: str = "err.denied") -> None:
        super().__init__(key)
