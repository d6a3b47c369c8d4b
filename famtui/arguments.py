"""The command line: one parser per command, and the whole one for anything unusual.

Imported only when there is a command line to read: ``famtui`` alone (the app) needs no
parser at all (see :mod:`famtui.entry`).
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from famtui import __version__

USAGE_HINT = "see 'famtui --help'"


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one line (exit 2), and with ``--json`` on the
    command line also as the error object on stdout, like every other error."""

    json_errors = False  # set by parse() for the command line at hand

    def error(self, message: str) -> NoReturn:
        prog = self.prog if self.prog.startswith("famtui") else "famtui"
        sys.stderr.write(f"{prog}: {message} ({USAGE_HINT})\n")
        if _Parser.json_errors:  # the same object as every other error's (see famtui.errors)
            import json

            sys.stdout.write(json.dumps({"error": f"{message} ({USAGE_HINT})", "exit": 2},
                                        ensure_ascii=False, indent=2) + "\n")
        raise SystemExit(2)

    def _get_formatter(self) -> argparse.HelpFormatter:
        # argparse makes a formatter for every add_argument; its default width comes from
        # shutil (whose import is a few ms of every command). The same width, found directly.
        return self.formatter_class(prog=self.prog, width=terminal_columns() - 2)


def terminal_columns(fallback: int = 80) -> int:
    """The terminal's width as shutil.get_terminal_size finds it ($COLUMNS, then the tty, then
    ``fallback``), without importing shutil (a few ms of every command)."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or fallback


def _globals(parser: argparse.ArgumentParser, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--config", metavar="PATH", default=default,
                        help="config file (default: platform config dir; or $FAMTUI_CONFIG)")
    parser.add_argument("--profile", metavar="NAME", default=default,
                        help="whose progress to use (default: the config's default_profile)")
    parser.add_argument("--as-of", metavar="EP", dest="as_of", default=default,
                        help="show the series as of EP for this command only; saves nothing")
    parser.add_argument("--data", metavar="DIR", default=default,
                        help="read the show guide from DIR instead of the bundled one")


GLOBAL_VALUES = ("--config", "--profile", "--as-of", "--data")  # the global options that take a value


@functools.cache
def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line, built once per process (argparse construction is not cheap).

    With ``only``, the parser knows that one command alone (none for ``""``, the app): parsing a
    command line that names it (or, for ``""``, only global options) gives the same result for a
    fraction of the cost (see :func:`chosen_command`).
    """
    parser = _Parser(prog="famtui", description="A spoiler-safe companion for For All Mankind. "
                     "Without a command, opens the terminal app.")
    parser.add_argument("--version", action="version", version=f"famtui {__version__}")
    _globals(parser, suppress=False)
    # prog given: argparse would otherwise build a help formatter (and import shutil) to find it
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser, prog="famtui")

    def command(name: str, help_text: str, json: str | None = "print JSON") -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        _globals(sub, suppress=True)
        if json:
            sub.add_argument("--json", action="store_true", help=json)
        return sub

    for name, build in _COMMAND_PARSERS.items():
        if only is None or only == name:
            build(command)
    return parser


Adder = Callable[..., argparse.ArgumentParser]


def _progress_parser(command: Adder) -> None:
    progress = command("progress", "print progress, or 'progress set EP' to move it")
    progress_cmds = progress.add_subparsers(dest="progress_command", metavar="set",
                                            parser_class=_Parser, prog="famtui progress")
    setter = progress_cmds.add_parser("set", help="set progress, forward or back")
    setter.add_argument("episode", metavar="EP", help="e.g. S2E6, s02e06, 2x06, or none")
    _globals(setter, suppress=True)


def _watched_parser(command: Adder) -> None:
    watched = command("watched", "mark the next episode watched, or everything up to EP", json=None)
    watched.add_argument("episode", metavar="EP", nargs="?")


def _recap_parser(command: Adder) -> None:
    recap = command("recap", "one episode's recap (only episodes you have watched)")
    recap.add_argument("episode", metavar="EP")


def _character_parser(command: Adder) -> None:
    character = command("character", "the page of the best match among what you have met")
    character.add_argument("name", metavar="NAME", nargs="+")


def _relations_parser(command: Adder) -> None:
    relations = command("relations", "every relation you have seen, or one character's")
    relations.add_argument("name", metavar="NAME", nargs="*")
    relations.add_argument("--kind", metavar="K", help="only this kind (e.g. spouse, commands)")


def _new_parser(command: Adder) -> None:
    new = command("new", "what one watched episode revealed (default: the last one watched)")
    new.add_argument("episode", metavar="EP", nargs="?")


def _map_parser(command: Adder) -> None:
    graph = command("map", "the network of relations you have seen, or one character's",
                    json="print JSON ({nodes, edges})")
    graph.add_argument("name", metavar="NAME", nargs="*")


def _search_parser(command: Adder) -> None:
    search = command("search", "fuzzy search over everything you have seen")
    search.add_argument("query", metavar="QUERY", nargs="+")
    search.add_argument("--limit", type=int, default=20, metavar="N", help="at most N results")


def _import_parser(command: Adder) -> None:
    imp = command("import", "file recap articles (text files) under their episode, spoiler-gated")
    imp.add_argument("files", metavar="FILE", nargs="*", help="article saved as a text file")
    imp.add_argument("--episode", metavar="EP", help="the episode the article recaps (skip detection)")
    imp.add_argument("--dry-run", action="store_true", dest="dry_run", help="report only; store nothing")
    imp.add_argument("--list", action="store_true", help="list the imported recaps")
    imp.add_argument("--remove", metavar="ID", help="delete one imported recap")


def _check_data_parser(command: Adder) -> None:
    check = command("check-data", "validate and leak-lint a show-guide directory", json=None)
    check.add_argument("directory", metavar="DIR", nargs="?", help="default: the guide in use")
    check.add_argument("--stats", action="store_true", help="also print the guide's figures")


def _plain(name: str, help_text: str) -> Callable[[Adder], None]:
    def build(command: Adder) -> None:
        command(name, help_text)

    return build


# Every command's parser, in the order --help lists them.
_COMMAND_PARSERS: dict[str, Callable[[Adder], None]] = {
    "progress": _progress_parser,
    "watched": _watched_parser,
    "history": _plain("history", "when you marked each episode watched (this profile)"),
    "so-far": _plain("so-far", "the story so far: each season you have watched, in short"),
    "episodes": _plain("episodes", "the episode list as your progress allows"),
    "recap": _recap_parser,
    "characters": _plain("characters", "every character and thing you have met"),
    "character": _character_parser,
    "relations": _relations_parser,
    "new": _new_parser,
    "map": _map_parser,
    "search": _search_parser,
    "config": _plain("config", "the paths in use and the effective settings"),
    "import": _import_parser,
    "check-data": _check_data_parser,
}


def chosen_command(argv: Sequence[str]) -> str | None:
    """The command an argument list names, found the way argparse finds it: the first
    argument that is neither a global option nor a global option's value; ``""`` when the list
    holds global options alone (the app). None when it holds anything else before a command
    (``--help``, an unknown option, a word that is no command): then the whole parser decides."""
    args = iter(argv)
    for arg in args:
        if arg == "--":
            return None
        if arg.startswith("--"):
            name = arg.partition("=")[0]
            matches = [option for option in GLOBAL_VALUES if option.startswith(name)]
            if len(matches) != 1:
                return None  # --help, --version, an ambiguous or unknown option
            if "=" not in arg:
                next(args, None)
            continue
        return arg if arg in _COMMAND_PARSERS else None
    return ""


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line as a namespace; every global option present (None when not given)."""
    if argv is None:
        argv = sys.argv[1:]
    _Parser.json_errors = "--json" in argv
    args = build_parser(chosen_command(argv)).parse_args(argv)
    for name in ("config", "profile", "as_of", "data"):
        if not hasattr(args, name):
            setattr(args, name, None)
    return args
