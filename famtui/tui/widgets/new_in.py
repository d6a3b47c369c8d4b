"""What you learned in one watched episode: the names, roles, status, relations and facts it
revealed, and nothing else (``View.new_in``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from famtui.relkinds import ending_text
from famtui.tui.text import line, linked
from famtui.tui.widgets.pane import Pane

if TYPE_CHECKING:
    from famtui.episodes import Ep
    from famtui.gate import EntitySummary, NewIn, View


def name_link(who: EntitySummary) -> Content:
    """The name in bold, clickable (opens the page)."""
    from famtui.gate import Link

    return linked(who.name, [Link(0, len(who.name), who.id)]).stylize("bold")


def new_in_content(view: View, new: NewIn) -> Content:
    rows: list[Content] = []

    def section(title: str, items: list[Content]) -> None:
        if items:
            if rows:
                rows.append(Content(""))
            rows.append(line((title, "bold $text-accent")))
            rows.extend(line("• ") + item for item in items)

    section("First met", [name_link(s) + line((f"  {s.kind}", "$text-muted")) for s in new.met])
    section("Now known as", [name_link(w) + line(": ", text) for w, text in new.aliases])
    section("Roles", [name_link(w) + line(": ", text) for w, text in new.roles])
    section("Status", [name_link(w) + line(": ", text) for w, text in new.status])
    section("Relations that began", [name_link(t.source) + line((f"  {t.label.lower()}  ", "$text-muted"))
                                     + name_link(t.target) for t in new.began])
    section("Relations that ended", [name_link(t.source) + line((f"  {t.label.lower()}  ", "$text-muted"))
                                     + name_link(t.target)
                                     + line((f" · {ending_text(t.ended or 'ended')}", "$text-warning"))
                                     for t in new.ended])
    section("Facts", [name_link(w) + line(": ") + linked(text, view.links(text)) for w, text in new.facts])
    return Content("\n").join(rows) if rows else line(("Nothing new about characters and things.",
                                                      "$text-muted"))


class NewInPane(Pane):
    """What one watched episode revealed, by kind of change; names open their pages."""

    def compose(self) -> ComposeResult:
        yield Static(id="new-title", classes="pane-title fill")
        yield Static(id="new-body", classes="prose fill")

    def show_new(self, view: View, ep: Ep) -> bool:
        if not view.admits(ep):
            return False
        new = view.new_in(ep)
        self.item = ep.code
        self.query_one("#new-title", Static).update(line(("What you learned in ", "bold"),
                                                         (new.episode.label, "bold")))
        self.query_one("#new-body", Static).update(new_in_content(view, new))
        self.scroll_home_now()
        return True
