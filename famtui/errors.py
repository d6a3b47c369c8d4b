"""Errors that reach the user as one plain line on stderr, and how they end a run."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable


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


def guarded(run: Callable[[], int], report: Callable[[FamtuiError], None] | None = None) -> int:
    """Run one face; a famtui error becomes one line on stderr and its exit code (and is also
    given to ``report``: the commands' ``--json`` answer). Ctrl+C ends quietly (130), and so
    does a closed pipe (``famtui episodes | head``)."""
    try:
        return run()
    except FamtuiError as exc:
        sys.stderr.write(f"famtui: {exc}\n")
        if report is not None:
            report(exc)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
