"""Errors that reach the user as one plain line on stderr."""

from __future__ import annotations


class FamtuiError(Exception):
    """A problem the user can fix; printed as one line, never as a traceback."""

    exit_code = 2


class NotFound(FamtuiError):
    """Nothing visible matched (exit 1)."""

    exit_code = 1


class BeyondProgress(FamtuiError):
    """The request reaches past the viewer's progress (exit 1)."""

    exit_code = 1


class Ambiguous(NotFound):
    """Several visible entries match about equally (exit 1); ``candidates`` for JSON."""

    def __init__(self, message: str, candidates: list[dict]) -> None:
        super().__init__(message)
        self.candidates = candidates
