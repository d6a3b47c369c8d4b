"""The command-line face of famtui: every command goes through the spoiler gate."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from famtui.arguments import terminal_columns
from famtui.errors import Ambiguous, FamtuiError, NotFound, guarded

if TYPE_CHECKING:
    from argparse import Namespace

    from famtui.context import Context

# -- output helpers ---------------------------------------------------------------------


def _out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _json(data: Any) -> None:
    import json

    _out(json.dumps(data, ensure_ascii=False, indent=2))


def _width() -> int:
    return max(40, min(terminal_columns(88), 88))


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


def _json_error(exc: FamtuiError) -> None:
    """With ``--json`` the answer is JSON on every outcome: an error also prints
    ``{"error": message, "exit": code}`` on stdout (``candidates`` when a name is ambiguous)."""
    answer: dict[str, Any] = {"error": str(exc), "exit": exc.exit_code}
    if isinstance(exc, Ambiguous):
        answer["candidates"] = exc.candidates
    _json(answer)


def run_command(args: Namespace) -> int:
    """Run the command ``args`` names (the entry point sends the no-command case to the app)."""
    from famtui.context import Context

    as_json = bool(getattr(args, "json", False))
    return guarded(lambda: COMMANDS[args.command](Context(args)), _json_error if as_json else None)


def main(argv: Sequence[str] | None = None) -> int:
    """The commands alone (``famtui.entry.main`` is the program's entry point)."""
    from famtui.arguments import build_parser, parse

    args = parse(argv)
    if args.command is None:
        build_parser().print_usage(sys.stderr)
        return 2
    return run_command(args)
