"""What you learned in one watched episode: the names, roles, status, relations and facts it
revealed, and nothing else (``View.new_in``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from famtui.relkinds import ending_text
from famtui.tui.text import line, linked
from famtui.tui.widgets.pane import Pane
from famtui.tui.widgets.rows import bullet_row

if TYPE_CHECKING:
    from famtui.episodes import Ep
    from famtui.gate import EntitySummary, NewIn, View


def name_link(who: EntitySummary) -> Content:
    """The name in bold, clickable (opens the page)."""
    from famtui.gate import Link

    return linked(who.name, [Link(0, len(who.name), who.id)]).stylize("bold")


def new_in_rows(view: View, new: NewIn) -> list[Widget]:
    """One heading per kind of change, then a bullet per item whose wrapped lines start under
    its first word (a hanging indent, as on a character's page)."""
    rows: list[Widget] = []

    def section(title: str, items: list[Content]) -> None:
        if items:
            # a heading after another section has a blank line above it (.fact-episode)
            rows.append(Static(line((title, "bold $text-accent")), classes="fact-episode" if rows else ""))
            rows.extend(bullet_row(item) for item in items)

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
    return rows or [Static(line(("Nothing new about characters and things.", "$text-muted")))]


class NewInPane(Pane):
    """What one watched episode revealed, by kind of change; names open their pages."""

    DEFAULT_CSS = """
    NewInPane #new-body {
        height: auto;
    }

    """

    def compose(self) -> ComposeResult:
        yield Static(id="new-title", classes="pane-title fill")
        yield Vertical(id="new-body", classes="prose")

    def reset(self) -> None:
        super().reset()
        self.query_one("#new-body", Vertical).remove_children()

    def show_new(self, view: View, ep: Ep) -> bool:
        if not view.admits(ep):
            return False
        new = view.new_in(ep)
        self.item = ep.code
        self.query_one("#new-title", Static).update(line(("What you learned in ", "bold"),
                                                         (new.episode.label, "bold")))
        body = self.query_one("#new-body", Vertical)
        with self.app.batch_update():
            body.remove_children()
            body.mount_all(new_in_rows(view, new))
        self.scroll_home_now()
        return True
