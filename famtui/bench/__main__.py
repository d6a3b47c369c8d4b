"""``python -m famtui.bench``: search; ``--startup``, ``--commands``, ``--keys``: see each module."""

from __future__ import annotations

import importlib
import importlib.util
import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if "--startup" in args:
        args.remove("--startup")
        if importlib.util.find_spec("famtui.bench.startup") is None:
            print("the start-up benchmark (famtui.bench.startup) is not available in this build")
            return 0
        return int(importlib.import_module("famtui.bench.startup").main(args) or 0)
    if "--keys" in args:
        args.remove("--keys")
        from famtui.bench.keystroke import main as keys_main

        return keys_main(args)
    if "--commands" in args:
        args.remove("--commands")
        from famtui.bench.commands import main as commands_main

        return commands_main(args)
    from famtui.bench.search_bench import main as search_main

    return search_main(args)


if __name__ == "__main__":
    raise SystemExit(main())
