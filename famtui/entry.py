"""The program's entry point: the one place that chooses between the two faces."""

from __future__ import annotations

from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    from famtui.cli import guarded, parse, run_command

    args = parse(argv)
    if args.command is not None:
        return run_command(args)

    def app() -> int:
        from famtui.context import Context
        from famtui.tui.app import run_app

        return run_app(Context(args))

    return guarded(app)
