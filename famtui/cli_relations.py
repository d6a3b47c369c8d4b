"""The CLI's relations, new and map commands, and the relation cards of ``character``.

Everything comes from the view (the gate); text from the guide is printed as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from famtui.cli import _json, _out, _where, _wrap
from famtui.errors import FamtuiError, NotFound

if TYPE_CHECKING:
    from famtui.context import Context


def card_json(card: Any) -> dict[str, Any]:
    return {"id": card.other.id, "name": card.other.name, "kind": card.kind, "label": card.label,
            "since": card.since.code, "until": card.until.code if card.until else None,
            "ended": card.ended, "note": card.note}


def print_cards(cards: Sequence[Any], indent: str) -> None:
    for card in cards:
        _out(_wrap(card.text, indent))
        if card.note:
            _out(_wrap(card.note, indent + "  "))


def _named(view: Any, words: Sequence[str]) -> str | None:
    """The id of the visible entity ``words`` name (as ``character`` picks it), None for no words."""
    from famtui.cli import pick_entity

    return pick_entity(view, " ".join(words)) if words else None


def relations(ctx: Context) -> int:
    from famtui.relkinds import KINDS
    from famtui.textnorm import shown

    view = ctx.view()
    kind = ctx.args.kind
    if kind is not None and kind not in KINDS:
        raise FamtuiError(f"unknown relation kind '{shown(kind)}'; one of {', '.join(KINDS)}")
    entity_id = _named(view, ctx.args.name)
    if entity_id is not None:
        cards = [c for c in view.relations(entity_id) if kind is None or c.kind == kind]
        if ctx.args.json:
            _json([card_json(card) for card in cards])
            return 0
        page = view.entity(entity_id)
        if not cards:
            _out(f"{page.name}: no relations {_where(view)}.")
            return 0
        _out(page.name)
        print_cards(cards, "  ")
        return 0
    ties = [t for t in view.ties() if kind is None or kind in (t.kind, _inverse(t.kind))]
    if ctx.args.json:
        _json([{"source": t.source.id, "source_name": t.source.name, "target": t.target.id,
                "target_name": t.target.name, "kind": t.kind, "label": t.label, "since": t.since.code,
                "until": t.until.code if t.until else None, "ended": t.ended, "note": t.note}
               for t in ties])
        return 0
    if not ties:
        _out(f"No relations {_where(view)}.")
        return 0
    for tie in ties:
        end = f" · {tie.ended.replace('-', ' ')}, {tie.until}" if tie.ended and tie.until else ""
        _out(_wrap(f"{tie.source.name} — {tie.label.lower()} — {tie.target.name} · since {tie.since}{end}"))
    return 0


def _inverse(kind: str) -> str:
    from famtui.relkinds import inverse

    return inverse(kind)


def new(ctx: Context) -> int:
    view = ctx.view()
    if ctx.args.episode:
        ep = ctx.show.parse_episode(ctx.args.episode)
    elif view.progress is not None:
        ep = view.progress
    else:
        raise NotFound("nothing watched yet: no episode has revealed anything")
    delta = view.new_in(ep)

    def pairs(items: Sequence[Any]) -> list[dict[str, str]]:
        return [{"id": who.id, "name": who.name, "text": text} for who, text in items]

    def ties(items: Sequence[Any]) -> list[dict[str, Any]]:
        return [{"source": t.source.id, "target": t.target.id, "kind": t.kind, "label": t.label,
                 "since": t.since.code, "until": t.until.code if t.until else None, "ended": t.ended}
                for t in items]

    if ctx.args.json:
        _json({"episode": delta.episode.code, "title": delta.episode.title,
               "met": [{"id": s.id, "name": s.name, "kind": s.kind} for s in delta.met],
               "aliases": pairs(delta.aliases), "roles": pairs(delta.roles), "status": pairs(delta.status),
               "facts": pairs(delta.facts), "began": ties(delta.began), "ended": ties(delta.ended)})
        return 0
    _out(f"What you learned in {delta.episode.label}")
    if delta.empty:
        _out("  Nothing new about characters and things.")
    sections = [
        ("First met", [f"{s.name} ({s.kind})" for s in delta.met]),
        ("Now known as", [f"{who.name}: {text}" for who, text in delta.aliases]),
        ("Roles", [f"{who.name}: {text}" for who, text in delta.roles]),
        ("Status", [f"{who.name}: {text}" for who, text in delta.status]),
        ("Relations that began", [f"{t.source.name} — {t.label.lower()} — {t.target.name}"
                                  for t in delta.began]),
        ("Relations that ended", [f"{t.source.name} — {t.label.lower()} — {t.target.name} · "
                                  f"{(t.ended or 'ended').replace('-', ' ')}" for t in delta.ended]),
        ("Facts", [f"{who.name}: {text}" for who, text in delta.facts]),
    ]
    for title, rows in sections:
        if rows:
            _out(f"\n  {title}")
            for row in rows:
                _out(_wrap(f"- {row}", "    ").replace("    - ", "  - ", 1))
    return 0


def graph(ctx: Context) -> int:
    from famtui.graph import build

    view = ctx.view()
    network = build(view, _named(view, ctx.args.name))
    if ctx.args.json:
        _json(network.as_json())
        return 0
    lines = network.lines()
    if not lines:
        _out(f"No relations {_where(view)}.")
        return 0
    for text in lines:
        _out(text)
    return 0
