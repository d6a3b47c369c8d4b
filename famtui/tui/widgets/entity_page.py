"""A character's or thing's page: everything known about it, as of the viewer's progress."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from famtui.tui.text import line, linked
from famtui.tui.widgets.nav_list import NavList
from famtui.tui.widgets.pane import Open, Pane
from famtui.tui.widgets.recap import entity_option

if TYPE_CHECKING:
    from famtui.gate import EntityPage, View


def summary(page: EntityPage) -> Content:
    return line((f"{page.kind} · first seen {page.first_seen.code}", "$text-muted"))


def details(view: View, page: EntityPage) -> Content:
    rows: list[Content] = []
    if page.aliases:
        rows.append(line(("Also known as  ", "bold"), ", ".join(page.aliases)))
    if page.role:
        rows.append(line(("Role           ", "bold"), page.role))
    for earlier in page.roles[:-1][::-1]:
        rows.append(line(("  earlier      ", "$text-muted"), (f"{earlier.episode.code}  ", "$text-muted"),
                         (earlier.text, "$text-muted")))
    if page.status:
        rows.append(line(("Status         ", "bold"), page.status))
    count = len(page.appears_in)
    appears = ", ".join(ep.code for ep in page.appears_in) or "—"
    rows.append(line(("Appears in     ", "bold"),
                     (f"{count} watched episode{'s' if count != 1 else ''}: ", "$text-muted"), appears))
    return Content("\n").join(rows)


def facts(view: View, page: EntityPage) -> Content:
    rows: list[Content] = []
    current = None
    for fact in page.facts:
        if fact.episode != current:
            current = fact.episode
            if rows:
                rows.append(Content(""))
            rows.append(line((view.episode(current).label, "bold $text-accent")))
        links = [link for link in view.links(fact.text) if link.entity_id != page.id]
        rows.append(line("• ") + linked(fact.text, links))
    return Content("\n").join(rows) if rows else line(("No facts yet.", "$text-muted"))


class EntityPane(Pane):
    """Name, aliases, role and status, facts by episode, appearances, related entities."""

    def compose(self) -> ComposeResult:
        yield Static(id="entity-title", classes="pane-title fill")
        yield Static(id="entity-summary", classes="fill")
        yield Static(id="entity-details", classes="details fill")
        yield Static("Facts by episode", classes="section")
        yield Static(id="entity-facts", classes="prose fill")
        yield Static("Related", classes="section", id="entity-related-title")
        yield NavList(id="entity-related", classes="inline-list")

    def show_entity(self, view: View, entity_id: str) -> EntityPage | None:
        page = view.entity(entity_id)
        if page is None:
            return None
        self.item = page.id
        self.query_one("#entity-title", Static).update(line((page.name, "bold")))
        self.query_one("#entity-summary", Static).update(summary(page))
        self.query_one("#entity-details", Static).update(details(view, page))
        self.query_one("#entity-facts", Static).update(facts(view, page))
        related = self.query_one("#entity-related", NavList)
        related.set_options([entity_option(r.name, r.kind, r.id) for r in page.related])
        related.display = bool(page.related)
        self.query_one("#entity-related-title").display = bool(page.related)
        self.scroll_home_now()
        return page

    def on_option_list_option_selected(self, event: NavList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(Open("entity", event.option.id))
