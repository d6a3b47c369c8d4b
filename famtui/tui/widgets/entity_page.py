"""A character's or thing's page: everything known about it, as of the viewer's progress."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static
from textual.widgets.option_list import Option

from famtui.tui.text import line, linked
from famtui.tui.widgets.nav_list import NavList
from famtui.tui.widgets.pane import Open, Pane
from famtui.tui.widgets.rows import bullet_row

if TYPE_CHECKING:
    from famtui.gate import EntityPage, RelationCard, View


def summary(page: EntityPage) -> Content:
    return line((f"{page.kind} · first seen {page.first_seen.code}", "$text-muted"))


#: label/value rows on a page: (row id, label)
ROWS = (("aliases", "Also known as"), ("role", "Role"), ("earlier", "Earlier"),
        ("status", "Status"), ("appears", "Appears in"))


def details(view: View, page: EntityPage) -> dict[str, Content]:
    """The value of each label row that has one; the label column gives a hanging indent."""
    rows: dict[str, Content] = {}
    if page.aliases:
        rows["aliases"] = line(", ".join(page.aliases))
    if page.role:
        rows["role"] = line(page.role)
    earlier = page.roles[:-1][::-1]
    if earlier:
        rows["earlier"] = Content("\n").join(
            line((f"{role.episode.code}  ", "$text-muted"), (role.text, "$text-muted")) for role in earlier)
    if page.status:
        rows["status"] = line(page.status)
    count = len(page.appears_in)
    appears = ", ".join(ep.code for ep in page.appears_in) or "—"
    rows["appears"] = line((f"{count} watched episode{'s' if count != 1 else ''}: ", "$text-muted"),
                           appears)
    return rows


def card_option(card: RelationCard, index: int) -> Option:
    """``Married to Karen Baldwin · since S1E1 · divorced, S3E1`` (and its note, dimmed)."""
    prompt = line((card.label + " ", "$text-muted"), (card.other.name, "bold"),
                  (f" · since {card.since.code}", "$text-muted"))
    if card.until is not None and card.ended is not None:
        prompt += line((f" · {card.ended.replace('-', ' ')}, {card.until.code}", "$text-warning"))
    if card.note:
        prompt += line("\n", ("  " + card.note, "italic $text-muted"))
    return Option(prompt, id=f"{card.other.id}#{index}")  # two cards may name the same other


def facts(view: View, page: EntityPage) -> list[Widget]:
    """Facts grouped under the episode that reveals them, one hanging bullet each."""
    rows: list[Widget] = []
    current = None
    for fact in page.facts:
        if fact.episode != current:
            current = fact.episode
            rows.append(Static(line((view.episode(current).label, "bold $text-accent")),
                               classes="fact-episode"))
        links = [link for link in view.links(fact.text) if link.entity_id != page.id]
        rows.append(bullet_row(linked(fact.text, links)))
    return rows or [Static(line(("No facts yet.", "$text-muted")))]


class EntityPane(Pane):
    """Name, bio, aliases, role and status, facts by episode, appearances, relation cards."""

    def reset(self) -> None:
        super().reset()
        self.query_one("#entity-facts").remove_children()

    def compose(self) -> ComposeResult:
        yield Static(id="entity-title", classes="pane-title fill")
        yield Static(id="entity-summary", classes="fill")
        yield Static(id="entity-bio", classes="bio fill")
        with Vertical(id="entity-details", classes="details"):
            for row_id, label in ROWS:
                with Horizontal(id=f"entity-row-{row_id}", classes="row"):
                    yield Static(line((label, "bold")), classes="row-label")
                    yield Static(id=f"entity-{row_id}", classes="row-value fill")
        yield Static("Facts by episode", classes="section")
        yield Vertical(id="entity-facts", classes="prose")
        yield Static("Relations", classes="section", id="entity-relations-title")
        yield NavList(id="entity-relations", classes="inline-list")

    def show_entity(self, view: View, entity_id: str) -> EntityPage | None:
        page = view.entity(entity_id)
        if page is None:
            return None
        self.item = page.id
        self.query_one("#entity-title", Static).update(line((page.name, "bold")))
        self.query_one("#entity-summary", Static).update(summary(page))
        rows = details(view, page)
        for row_id, _label in ROWS:
            self.query_one(f"#entity-{row_id}", Static).update(rows.get(row_id, ""))
            self.query_one(f"#entity-row-{row_id}").display = row_id in rows
        box = self.query_one("#entity-facts")
        box.remove_children()
        box.mount_all(facts(view, page))
        bio = self.query_one("#entity-bio", Static)
        bio.update(line((page.bio.text, "italic")) if page.bio else "")
        bio.display = page.bio is not None
        cards = self.query_one("#entity-relations", NavList)
        cards.set_options([card_option(card, i) for i, card in enumerate(page.relations)])
        cards.display = bool(page.relations)
        self.query_one("#entity-relations-title").display = bool(page.relations)
        self.scroll_home_now()
        return page

    def on_option_list_option_selected(self, event: NavList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(Open("entity", event.option.id.split("#")[0]))
