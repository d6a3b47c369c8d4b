"""The command-line face of famtui: every command goes through the spoiler gate."""

from __future__ import annotations

import argparse
import functools
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from famtui import __version__
from famtui.errors import Ambiguous, FamtuiError, NotFound

if TYPE_CHECKING:
    from famtui.context import Context

USAGE_HINT = "see 'famtui --help'"


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one line (exit 2), and with ``--json`` on the
    command line also as the error object on stdout, like every other error."""

    json_errors = False  # set by parse() for the command line at hand

    def error(self, message: str) -> NoReturn:
        prog = self.prog if self.prog.startswith("famtui") else "famtui"
        sys.stderr.write(f"{prog}: {message} ({USAGE_HINT})\n")
        if _Parser.json_errors:
            _json({"error": f"{message} ({USAGE_HINT})", "exit": 2})
        raise SystemExit(2)

    def _get_formatter(self) -> argparse.HelpFormatter:
        # argparse makes a formatter for every add_argument; its default width comes from
        # shutil (whose import is a few ms of every command). The same width, found directly.
        return self.formatter_class(prog=self.prog, width=_columns() - 2)


def _columns(fallback: int = 80) -> int:
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


# -- output helpers ---------------------------------------------------------------------


def _out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _json(data: Any) -> None:
    import json

    _out(json.dumps(data, ensure_ascii=False, indent=2))


def _width() -> int:
    return max(40, min(_columns(88), 88))


def _wrap(text: str, indent: str = "") -> str:
    import textwrap

    return textwrap.fill(text, width=_width(), initial_indent=indent, subsequent_indent=indent)


def _where(view: Any) -> str:
    return f"as of {view.progress}" if view.progress else "before the first episode"


# -- commands ---------------------------------------------------------------------------


def cmd_progress(ctx: Context) -> int:
    args = ctx.args
    if getattr(args, "progress_command", None) == "set":
        ctx.no_saving("progress set")
        target = ctx.guide.parse_episode(args.episode, allow_none=True)
        ctx.store.set_progress(ctx.profile, target)
        view = ctx.guide.view(target, ctx.rules)
        _out(f"Progress ({ctx.profile}): {_progress_text(view)}")
        _announce_next(view)
        return 0
    view = ctx.guide.view(ctx.progress(), ctx.rules)
    if args.json:
        _json({"profile": ctx.profile, "episode": view.progress.code if view.progress else None,
               "title": view.current.title if view.current else None})
    else:
        _out(_progress_text(view))
    return 0


def _progress_text(view: Any) -> str:
    current = view.current
    return f"{current.code} {current.title}" if current else "none"


def _announce_next(view: Any) -> None:
    nxt = view.next
    if nxt is None:
        _out("You have watched every episode in the guide.")
    else:
        _out(f"Next: {nxt.label}")


def cmd_watched(ctx: Context) -> int:
    ctx.no_saving("watched")
    show = ctx.guide
    target = show.parse_episode(ctx.args.episode) if ctx.args.episode else None
    outcome: dict[str, Any] = {}

    def change(state: Any) -> Any:
        from famtui.progress import moved

        current = show.ordinal(state.progress)
        goal = current + 1 if target is None else show.ordinal(target)
        outcome["changed"] = current < goal < show.size
        return moved(state, show.episode_at(goal)) if outcome["changed"] else state

    state = ctx.store.update(ctx.profile, change)
    view = show.view(state.progress, ctx.rules)
    if not outcome["changed"]:
        if target is None:
            _out(f"You have watched every episode in the guide ({_progress_text(view)}).")
        else:
            _out(f"{target} is already watched (progress: {_progress_text(view)}); "
                 "use 'famtui progress set' to move back.")
        return 0
    _out(f"Watched ({ctx.profile}): {_progress_text(view)}")
    _announce_next(view)
    return 0


def cmd_history(ctx: Context) -> int:
    from famtui.progress import watched_on

    if ctx.args.as_of is not None:
        raise FamtuiError("--as-of only looks at the show; 'history' reads what you marked watched")
    state = ctx.state()
    view = ctx.show.view(state.progress, ctx.rules)
    dates = watched_on(state, [line.ep for line in view.episodes()])
    rows = [(view.episode(ep), at) for ep, at in dates.items()]
    if ctx.args.json:
        _json([{"episode": line.code, "title": line.title,
                "watched": at.isoformat() if at is not None else None} for line, at in rows])
        return 0
    if not rows:
        _out(f"Nothing watched yet ({ctx.profile}).")
        return 0
    for line, at in rows:
        when = at.strftime("%Y-%m-%d %H:%M") if at is not None else "(before the history was kept)"
        _out(f"{line.code:<6} {line.title:<32} {when}")
    return 0


def cmd_so_far(ctx: Context) -> int:
    view = ctx.view()
    parts = view.story_so_far()
    if ctx.args.json:
        _json([{"season": part.season, "complete": part.complete, "through": part.through.code,
                "written": part.written, "summary": list(part.summary), "sources": list(part.sources)}
               for part in parts])
        return 0
    if not parts:
        _out(f"Nothing watched yet ({_where(view)}): the story has not started.")
        return 0
    for i, part in enumerate(parts):
        head = (f"Season {part.season}" if part.complete
                else f"Season {part.season}, so far (through {part.through})")
        _out(("\n" if i else "") + head)
        for paragraph in part.summary:
            _out(_wrap(paragraph, "  ") if part.written else _wrap(f"- {paragraph}", "    ")
                 .replace("    - ", "  - ", 1))
    return 0


def cmd_episodes(ctx: Context) -> int:
    view = ctx.view()
    lines = view.episodes()
    if ctx.args.json:
        _json([{"episode": line.code, "title": line.title, "released": line.released.isoformat(),
                "state": line.state, "story_year": line.story_year, "story_date": line.story_date}
               for line in lines])
        return 0
    marks = {"watched": "✓", "next": "▶", "unwatched": " "}
    season = None
    for line in lines:
        if line.ep.season != season:
            season = line.ep.season
            _out(("" if season == lines[0].ep.season else "\n") + f"Season {season}")
        title = line.title if line.title else "—"
        year = str(line.story_year) if line.story_year else ""
        _out(f" {marks[line.state]} {line.code:<6} {title:<28} {line.released.isoformat()}  {year:<4}"
             f"{'  (next)' if line.state == 'next' else ''}".rstrip())
    return 0


def cmd_recap(ctx: Context) -> int:
    view = ctx.view()
    ep = ctx.show.parse_episode(ctx.args.episode)
    recap = view.recap(ep)
    line = recap.episode
    if ctx.args.json:
        _json({"episode": line.code, "title": line.title, "released": line.released.isoformat(),
               "story_year": line.story_year, "story_date": line.story_date,
               "recap": list(recap.paragraphs),
               "imported": [{"id": imp.id, "source": imp.source, "paragraphs": list(imp.paragraphs)}
                            for imp in recap.imported]})
        return 0
    when = f"  · in the story: {line.story_time}" if line.story_time else ""
    _out(f"{line.code} · {line.title}  ({line.released.isoformat()}){when}")
    _out()
    for paragraph in recap.paragraphs:
        _out(_wrap(paragraph))
        _out()
    for imp in recap.imported:
        _out(f"Imported recap: {imp.source}")
        for paragraph in imp.paragraphs:
            _out(_wrap(paragraph, "  "))
        _out()
    if view.next is not None and view.next.ep > line.ep and view.current and view.current.ep == line.ep:
        nxt = view.next
        if nxt.title:
            _out(f"Next: {nxt.label}")
            if nxt.logline:
                _out(_wrap(nxt.logline, "  "))
    return 0


def cmd_characters(ctx: Context) -> int:
    view = ctx.view()
    items = view.entities()
    if ctx.args.json:
        _json([{"id": s.id, "name": s.name, "kind": s.kind, "first_seen": s.first_seen.code}
               for s in items])
        return 0
    if not items:
        _out(f"Nothing met yet ({_where(view)}).")
        return 0
    width = max(len(s.name) for s in items)
    for s in items:
        _out(f"{s.name:<{width}}  {s.kind:<12} first seen {s.first_seen.code:<6}  {s.id}")
    return 0


def pick_entity(view: Any, name: str) -> str:
    """The id of the one visible entity ``name`` names best; NotFound or Ambiguous if none or several."""
    from famtui.search import close_matches, match_entities
    from famtui.textnorm import shown

    if view.entity(name) is not None:  # an id as `characters` lists it (only a visible one)
        return name
    close = close_matches(match_entities(view, name))
    if len(close) > 1:
        found = [page for page in (view.entity(i) for i in close) if page is not None]
        names = "; ".join(f"{page.name} ({page.kind})" for page in found)
        raise Ambiguous(f"'{shown(name)}' matches several {_where(view)}: {names}; "
                        "add a word to pick one", [
                            {"id": p.id, "name": p.name, "kind": p.kind,
                             "first_seen": p.first_seen.code} for p in found])
    if not close or view.entity(close[0]) is None:
        raise NotFound(f"no match for '{shown(name)}' {_where(view)}")
    return close[0]


def cmd_character(ctx: Context) -> int:
    from famtui.cli_relations import card_json, print_cards

    view = ctx.view()
    page = view.entity(pick_entity(view, " ".join(ctx.args.name)))
    if ctx.args.json:
        _json({"id": page.id, "name": page.name, "kind": page.kind,
               "bio": page.bio.text if page.bio else None, "aliases": list(page.aliases),
               "role": page.role, "status": page.status,
               "facts": [{"episode": f.episode.code, "text": f.text} for f in page.facts],
               "appears_in": [ep.code for ep in page.appears_in],
               "relations": [card_json(card) for card in page.relations]})
        return 0
    _out(page.name)
    _out(f"  {page.kind}, first seen {page.first_seen}" + (f" · {page.status}" if page.status else ""))
    if page.bio:
        _out(_wrap(page.bio.text, "  "))
    if page.aliases:
        _out(f"  also known as: {', '.join(page.aliases)}")
    if page.role:
        _out(f"  role: {page.role}")
    count = len(page.appears_in)
    _out(f"  appears in {count} watched episode{'s' if count != 1 else ''}: "
         + ", ".join(ep.code for ep in page.appears_in))
    current = None
    for fact in page.facts:
        if fact.episode != current:
            current = fact.episode
            _out(f"\n  {current}")
        _out(_wrap(f"- {fact.text}", "    ").replace("    - ", "  - ", 1))
    if page.relations:
        _out("\n  Relations")
        print_cards(page.relations, "    ")
    return 0


def cmd_search(ctx: Context) -> int:
    from famtui.searchcache import index_for
    from famtui.textnorm import shown

    view = ctx.view()
    query = " ".join(ctx.args.query)
    if ctx.args.limit < 1:
        raise FamtuiError("--limit must be at least 1")
    hits = index_for(ctx.show, ctx.rules, view).search(view, query, limit=ctx.args.limit)
    if not hits:  # with --json too: the error object, like every command that finds nothing
        raise NotFound(f"no match for '{shown(query)}' {_where(view)}")
    if ctx.args.json:
        _json([hit.as_json() for hit in hits])
        return 0
    for hit in hits:
        _out(f"{hit.title}  [{hit.kind} · {hit.episode}]")
        if hit.field not in ("name", "title"):
            _out(_wrap(hit.snippet, "    "))
    return 0


def cmd_config(ctx: Context) -> int:
    import json

    from famtui.locations import imports_dir, progress_file
    from famtui.record import as_dict

    config = ctx.config
    note = "" if config.exists else " (not present: using the defaults)"
    paths = {
        "config": str(config.path),
        "config_source": config.source,
        "progress": str(progress_file(config.path)),
        "data": str(ctx.data_dir),
        "imports": str(imports_dir()),
    }
    if ctx.args.json:
        _json({"paths": paths, "profile": ctx.profile, "settings": as_dict(ctx.settings)})
        return 0
    _out(f"config file:    {paths['config']}  [{config.source}]{note}")
    _out(f"progress file:  {paths['progress']}")
    _out(f"show guide:     {paths['data']}")
    _out(f"imports:        {paths['imports']}")
    _out(f"profile:        {ctx.profile}")
    _out("settings:")
    for key, value in as_dict(ctx.settings).items():
        _out(f"  {key} = {json.dumps(value, ensure_ascii=False)}")
    return 0


def cmd_check_data(ctx: Context) -> int:
    """A maintainer's command: "ok" or the problems. Figures of the whole guide (which a
    viewer's progress would not show) only with --stats, under a heading that says so."""
    from famtui.datacheck import check

    if ctx.args.as_of is not None:
        raise FamtuiError("check-data checks the whole guide; --as-of does not apply to it")
    root = Path(ctx.args.directory) if ctx.args.directory else ctx.data_dir
    problems, stats = check(root)
    for problem in problems:
        sys.stderr.write(f"{problem}\n")
    if ctx.args.stats and stats is not None:
        _out("The whole guide (every episode, every name; not gated by your progress):")
        for line in stats.lines():
            _out("  " + line)
    if problems:
        sys.stderr.write(f"famtui check-data: {len(problems)} problem"
                         f"{'s' if len(problems) != 1 else ''} in {root}\n")
        return 2
    if stats is not None:
        _out(f"{root}: ok")
    return 0


def cmd_relations(ctx: Context) -> int:
    from famtui.cli_relations import relations

    return relations(ctx)


def cmd_new(ctx: Context) -> int:
    from famtui.cli_relations import new

    return new(ctx)


def cmd_map(ctx: Context) -> int:
    from famtui.cli_relations import graph

    return graph(ctx)


def cmd_import(ctx: Context) -> int:
    from famtui.importer.command import run

    return run(ctx)


COMMANDS = {
    "progress": cmd_progress,
    "watched": cmd_watched,
    "history": cmd_history,
    "so-far": cmd_so_far,
    "episodes": cmd_episodes,
    "recap": cmd_recap,
    "characters": cmd_characters,
    "character": cmd_character,
    "search": cmd_search,
    "relations": cmd_relations,
    "new": cmd_new,
    "map": cmd_map,
    "config": cmd_config,
    "check-data": cmd_check_data,
    "import": cmd_import,
}


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


def guarded(run: Callable[[], int], as_json: bool = False) -> int:
    """Run one face; a famtui error becomes one line on stderr and its exit code.

    With ``--json`` the answer is JSON on every outcome: an error also prints
    ``{"error": message, "exit": code}`` on stdout (``candidates`` when a name is ambiguous).
    """
    try:
        return run()
    except FamtuiError as exc:
        sys.stderr.write(f"famtui: {exc}\n")
        if as_json:
            answer: dict[str, Any] = {"error": str(exc), "exit": exc.exit_code}
            if isinstance(exc, Ambiguous):
                answer["candidates"] = exc.candidates
            _json(answer)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def run_command(args: argparse.Namespace) -> int:
    """Run the command ``args`` names (the entry point sends the no-command case to the app)."""
    from famtui.context import Context

    return guarded(lambda: COMMANDS[args.command](Context(args)), bool(getattr(args, "json", False)))


def main(argv: Sequence[str] | None = None) -> int:
    """The commands alone (``famtui.entry.main`` is the program's entry point)."""
    args = parse(argv)
    if args.command is None:
        build_parser().print_usage(sys.stderr)
        return 2
    return run_command(args)
