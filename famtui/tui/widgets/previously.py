"""'Previously on': the last episodes watched, and where each main character was left."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from famtui.tui.text import line, linked
from famtui.tui.widgets.pane import Pane

if TYPE_CHECKING:
    from famtui.gate import EntityPage, View

EPISODES = 3
PEOPLE = 8


def last_watched(view: View, count: int = EPISODES) -> list:
    watched = [e for e in view.episodes() if e.state == "watched"]
    return watched[-count:]


def main_characters(view: View, recent: list, limit: int = PEOPLE) -> list[EntityPage]:
    """Characters named in the recent episodes, the most often seen first."""
    seen: Counter[str] = Counter()
    for episode in recent:
        for paragraph in view.recap(episode.ep).paragraphs:
            for link in view.links(paragraph):
                seen[link.entity_id] += 1
    pages = [view.entity(entity_id) for entity_id in seen]
    people = [p for p in pages if p is not None and p.kind == "character"]
    people.sort(key=lambda p: (-len(p.appears_in), -seen[p.id], p.name.casefold()))
    return people[:limit]


def where_left(view: View, page: EntityPage) -> Content:
    head = line((page.name, "bold"))
    bits = [b for b in (page.role, page.status) if b]
    if bits:
        head += line(("  " + " · ".join(bits), "$text-muted"))
    if page.facts:
        fact = page.facts[-1]
        head += "\n" + line((f"  {fact.episode.code}  ", "$text-muted"))
        head += linked(fact.text, [lk for lk in view.links(fact.text) if lk.entity_id != page.id])
    return head


class PreviouslyPane(Pane):
    """A catch-up before the next episode, built only from what has been watched."""

    def compose(self) -> ComposeResult:
        yield Static(id="previously-title", classes="pane-title fill")
        yield Static(id="previously-episodes", classes="prose fill")
        yield Static("Where we left them", classes="section")
        yield Static(id="previously-people", classes="prose fill")

    def show_previously(self, view: View) -> bool:
        recent = last_watched(view)
        if not recent:
            return False
        self.item = view.progress.code if view.progress else ""
        nxt = view.next
        before = line(("  before ", "$text-muted"), nxt.label) if nxt else line(
            ("  you have watched every episode", "$text-muted"))
        self.query_one("#previously-title", Static).update(
            line(("Previously on For All Mankind", "bold")) + before)
        blocks = []
        for episode in recent:
            recap = view.recap(episode.ep)
            first = recap.paragraphs[0] if recap.paragraphs else ""
            head = line((episode.label, "bold $text-accent"))
            blocks.append(head + "\n" + linked(first, view.links(first)))
        self.query_one("#previously-episodes", Static).update(Content("\n\n").join(blocks))
        people = [where_left(view, page) for page in main_characters(view, recent)]
        self.query_one("#previously-people", Static).update(
            Content("\n\n").join(people) if people else line(("No one yet.", "$text-muted")))
        self.scroll_home_now()
        return True
