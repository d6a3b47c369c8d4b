"""The program's entry point: the one place that chooses between the two faces."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence
from types import SimpleNamespace

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


def app_arguments() -> SimpleNamespace:
    """What parsing an empty command line gives (``famtui`` alone, the app), without argparse:
    its import and a parser are a few ms of every start."""
    return SimpleNamespace(command=None, config=None, profile=None, as_of=None, data=None)


def main(argv: Sequence[str] | None = None) -> int:
    from famtui.errors import guarded

    argv = sys.argv[1:] if argv is None else list(argv)
    if argv:
        from famtui.arguments import parse

        args = parse(argv)
    else:
        args = app_arguments()
    if args.command is not None:
        from famtui.cli import run_command

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
