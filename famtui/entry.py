"""The program's entry point: the one place that chooses between the two faces."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence

#: Textual paints a changed screen on the next tick of a grid, 60 a second by default: what
#: a keystroke changed waits up to 17 ms for it. On a finer grid it is painted as soon as it
#: is ready; a frame is still painted only when something changed. TEXTUAL_FPS, if the
#: viewer sets it, wins.
FRAMES_PER_SECOND = "500"

NO_TERMINAL = ("famtui: the app needs a terminal (stdin and stdout); without one use the commands: "
               "famtui progress, episodes, recap EP, characters, character NAME, search QUERY "
               "(see 'famtui --help')")


def has_terminal() -> bool:
    """Both ends of the app's conversation are a terminal."""
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):  # closed or replaced streams
        return False


def main(argv: Sequence[str] | None = None) -> int:
    from famtui.cli import guarded, parse, run_command

    args = parse(argv)
    if args.command is not None:
        return run_command(args)

    if not has_terminal():
        sys.stderr.write(NO_TERMINAL + "\n")
        return 2

    def app() -> int:
        # Start-up makes many objects and frees few: the cyclic collector would run a dozen
        # times for nothing. Off until the first frame is painted (the app turns it back on).
        gc.disable()
        os.environ.setdefault("TEXTUAL_FPS", FRAMES_PER_SECOND)  # read when Textual is imported
        try:
            from famtui.context import Context
            from famtui.tui.app import run_app

            return run_app(Context(args))
        finally:
            gc.enable()

    return guarded(app)
