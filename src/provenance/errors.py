"""Errors that carry the input they are about, so every failure prints as one useful line."""

from __future__ import annotations


class ProvenanceError(Exception):
    """Base class: ``str(err)`` is the one line a user sees (``origin: problem``)."""

    def __init__(self, message: str, origin: str | None = None) -> None:
        self.origin = origin
        self.message = message
        super().__init__(f"{origin}: {message}" if origin else message)


class InputError(ProvenanceError):
    """An input that cannot be read as an article (empty, binary, too large, unreachable...)."""


class ModelError(ProvenanceError):
    """The spaCy model is missing or cannot be loaded."""


class RubricError(ProvenanceError):
    """A rubric file that is not valid; ``origin`` names the file and the key path."""
