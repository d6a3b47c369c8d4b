"""``famtui import``: the command-line face of the importer.

Importing reads the guide without the stored imports, so one broken import file never
stops the user from importing, listing or removing others. What is printed is gated
by the viewer's progress: a name or title they have not reached is left out, and a
withheld sentence is given by its position, never quoted.
"""

from __future__ import annotations

import json
import shutil
import sys
import textwrap
from pathlib import Path
from typing import Any

from famtui.errors import FamtuiError
from famtui.gate import Show, View


def _out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _item(text: str) -> None:
    """One indented line of the report, wrapped to the terminal."""
    width = max(40, min(shutil.get_terminal_size((88, 24)).columns, 100))
    _out(textwrap.fill(text, width=width, initial_indent="  ", subsequent_indent="    ",
                       break_on_hyphens=False))


def _json(data: Any) -> None:
    _out(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def run(ctx: Any) -> int:
    """Entry point from :mod:`famtui.cli` (``ctx`` is its ``Context``)."""
    args = ctx.args
    if args.remove or (args.files and not args.dry_run):
        ctx.no_saving("import --remove" if args.remove else "import (without --dry-run)")
    if args.list or args.remove:
        if args.files or args.episode or args.dry_run or (args.list and args.remove):
            raise FamtuiError("use --list or --remove ID on their own")
        return _list(args.json) if args.list else _remove(args.remove, args.json)
    if not args.files:
        raise FamtuiError("name the article file(s) to import, or use --list or --remove ID "
                          "(see 'famtui import --help')")
    if args.episode and len(args.files) > 1:
        raise FamtuiError("--episode names the episode of one article; import the files one by one")
    show = Show.load(ctx.data_dir)
    episode = show.parse_episode(args.episode) if args.episode else None
    view = show.view(_progress(ctx, show), ctx.rules)
    return _import(show, view, [Path(f) for f in args.files], episode, args.dry_run, args.json)


def _progress(ctx: Any, show: Show) -> Any:
    """The viewer's progress (or --as-of), read without the stored imports."""
    if ctx.args.as_of is not None:
        return show.parse_episode(ctx.args.as_of, allow_none=True)
    from famtui.locations import progress_file
    from famtui.progress import ProgressStore

    def exists(ep: Any) -> bool:
        try:
            show.ordinal(ep)
        except FamtuiError:
            return False
        return True

    return ProgressStore(progress_file(ctx.config.path), exists).get(ctx.profile).progress


def _import(show: Show, view: View, paths: list[Path], episode: Any, dry_run: bool,
            as_json: bool) -> int:
    from famtui.importer.api import import_file

    reports: list[dict[str, Any]] = []
    failed = 0
    for path in paths:
        try:
            result = import_file(show, path, episode=episode, dry_run=dry_run, viewer=view)
        except FamtuiError as exc:
            failed += 1
            sys.stderr.write(f"famtui: {exc}\n")
            reports.append({"source": path.name, "error": str(exc)})
            continue
        if result.disagreement:
            sys.stderr.write(f"famtui: note: {path.name}: {result.disagreement}\n")
        report = result.report(view)
        reports.append(report)
        if not as_json:
            _print(report, view, dry_run)
    if as_json:
        if len(paths) > 1:
            _json(reports)
        elif failed:  # one file that failed: the error object every --json command answers
            _json({"error": reports[0]["error"], "exit": 2, "source": reports[0]["source"]})
        else:
            _json(reports[0])
    return 2 if failed else 0


def _print(report: dict[str, Any], view: View, dry_run: bool) -> None:
    line = view.episode(_ep(report["episode"]))
    where = f"{report['episode']} · {report['title']}" if report["title"] else report["episode"]
    how = ("as given with --episode" if report["episode_source"] == "given"
           else f"confidence {report['confidence']:.2f}: " + ", ".join(report["evidence"]))
    _out(f"{report['source']}: {where}  ({how})")
    if line.state != "watched":
        _item(f"{report['episode']} is after your progress; the recap will appear once you have "
              "watched it")
    known = report["links"]
    if known:
        names: dict[str, list[str]] = {}
        for link in known:
            mentions = names.setdefault(link["name"], [])
            if link["mention"] != link["name"]:
                mentions.append(link["mention"])
        parts = [f"{name} ({', '.join(m)})" if m else name for name, m in names.items()]
        _item("linked: " + "; ".join(parts))
        near = sorted({f"{link['mention']} → {link['name']}" for link in known if link.get("near")},
                      key=str.casefold)
        if near:
            _item("near-matches (misspelt in the article): " + "; ".join(near))
    if report["unlinked"]:
        _item("not linked: " + ", ".join(report["unlinked"]))
    flagged = report["flagged"]
    if flagged:
        spots = ", ".join(f"¶{f['paragraph']}.{f['sentence']}" for f in flagged)
        _item(f"withheld {len(flagged)} sentence{'s' if len(flagged) != 1 else ''} that name what "
              f"comes after {report['episode']}: {spots}")
    if dry_run:
        _out("  dry run: nothing stored")
    elif report["duplicate"]:
        _out(f"  already imported as {report['id']}; nothing changed")
    else:
        _out(f"  stored as {report['id']} ({report['paragraphs']} paragraphs); "
             f"'famtui recap {report['episode']}' shows it")


def _ep(code: str) -> Any:
    from famtui.episodes import parse_code

    return parse_code(code)


def _list(as_json: bool) -> int:
    from famtui.importer.store import scan
    from famtui.locations import imports_dir

    directory = imports_dir()
    records, broken = scan(directory)
    for problem in broken:
        sys.stderr.write(f"famtui: {problem}\n")
    if as_json:
        _json([{"id": r.id, "episode": r.episode.code, "source": r.source,
                "imported": r.imported.isoformat(), "confidence": r.confidence,
                "episode_source": r.episode_source, "paragraphs": len(r.paragraphs)}
               for r in records])
    elif not records and not broken:
        _out(f"No imported recaps yet (they are kept in {directory}).")
    else:
        for r in records:
            _out(f"{r.id:<16} {r.episode.code:<6} {r.confidence:.2f}  "
                 f"{r.imported.strftime('%Y-%m-%d %H:%M')}  {r.source}")
    return 2 if broken else 0


def _remove(import_id: str, as_json: bool) -> int:
    from famtui.importer.store import remove
    from famtui.locations import imports_dir

    record = remove(imports_dir(), import_id)
    if as_json:
        _json({"removed": import_id, "episode": record.episode.code if record else None,
               "source": record.source if record else None})
    elif record:
        _out(f"Removed {import_id} ({record.source}, {record.episode.code}).")
    else:
        _out(f"Removed {import_id} (it was unreadable).")
    return 0
