"""An episode's recap, names linked, and the next episode's teaser at the end."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.content import Content
from textual.style import Style
from textual.widgets import Static
from textual.widgets.option_list import Option

from famtui.episodes import Ep
from famtui.tui.text import line, linked
from famtui.tui.widgets.line_list import LineList
from famtui.tui.widgets.pane import Open, Pane

if TYPE_CHECKING:
    from famtui.gate import View


SENTENCE_STYLE = "on $accent 25%"


def find_sentence(texts: list[str], focus: str) -> tuple[int, int, int] | None:
    """(paragraph, start, end) of the sentence in ``texts`` that holds ``focus``."""
    for index, text in enumerate(texts):
        at = text.find(focus)
        if at == -1:
            continue
        start = max(text.rfind(". ", 0, at), text.rfind("! ", 0, at), text.rfind("? ", 0, at))
        start = 0 if start == -1 else start + 2
        ends = [i for i in (text.find(". ", at), text.find("! ", at), text.find("? ", at)) if i != -1]
        end = min(ends) + 1 if ends else len(text)
        return index, start, end
    return None


def entity_option(name: str, kind: str, entity_id: str) -> Option:
    return Option(line(name, ("  " + kind, "$text-muted")), id=entity_id)


def following(view: View, ep: Ep):
    """The episode line after ``ep``, as the view shows it (or None after the last)."""
    lines = view.episodes()
    codes = [item.ep for item in lines]
    i = codes.index(ep) + 1
    return lines[i] if i < len(lines) else None


def teaser(view: View, ep: Ep) -> Content:
    nxt = following(view, ep)
    if nxt is None:
        return line(("That was the last episode in the guide.", "$text-muted"))
    head = line(("Next: ", "bold"), (nxt.label, "bold"))
    if nxt.state == "watched":
        return head + line(("  (watched)", "$text-muted"))
    if nxt.logline:
        head = head + "\n" + line((nxt.logline, "italic"))
    if nxt.state == "next":
        head = head + "\n" + line(("Press n once you have watched it.", "$text-muted"))
    return head


class RecapPane(Pane):
    """Title, paragraphs with visible names as links, the names as a list, the teaser."""

    def compose(self) -> ComposeResult:
        yield Static(id="recap-title", classes="pane-title fill")
        yield Static(id="recap-body", classes="prose fill")  # (and the "what you learned" link)
        yield Static(id="recap-next", classes="teaser fill")
        yield Static("Named in this episode", classes="section", id="recap-names-title")
        yield LineList(id="recap-names", classes="inline-list")

    def show_recap(self, view: View, ep: Ep, focus: str = "") -> bool:
        """Show the recap; with ``focus`` (text from a search hit), the sentence holding it is
        highlighted and scrolled into view."""
        if not view.admits(ep):
            return False
        recap = view.recap(ep)
        self.item = ep.code
        when = recap.episode.story_time
        self.query_one("#recap-title", Static).update(line(
            (recap.episode.label, "bold"), ("   released " + recap.episode.released.isoformat(),
                                            "$text-muted"),
            (f"   in the story: {when}" if when else "", "$text-muted")))
        texts: list[str] = list(recap.paragraphs)
        every = (*recap.paragraphs, *(p for imported in recap.imported for p in imported.paragraphs))
        links = {p: view.links(p) for p in every}  # each paragraph's links, found once
        paragraphs = [linked(p, links[p]) for p in recap.paragraphs]
        for imported in recap.imported:
            texts.append("Imported recap: " + imported.source)
            paragraphs.append(line(("Imported recap: ", "bold"), imported.source))
            texts.extend(imported.paragraphs)
            paragraphs.extend(linked(p, links[p]) for p in imported.paragraphs)
        found = find_sentence(texts, focus) if focus else None
        if found is not None:
            index, start, end = found
            paragraphs[index] = paragraphs[index].stylize(SENTENCE_STYLE, start, end)
        learned = line(("What you learned in ", "bold"), (ep.code, "bold"), ("  (press l)", "$text-muted"))
        learned = learned.stylize_before(Style.from_meta({"@click": "screen.learned"}), 0, len(learned))
        body = self.query_one("#recap-body", Static)
        body.update(Content("\n\n").join([*paragraphs, learned]))
        self.query_one("#recap-next", Static).update(teaser(view, ep))
        names = {summary.id: summary for summary in view.entities()}
        named: dict[str, None] = {}
        for paragraph_links in links.values():
            for link in paragraph_links:
                named.setdefault(link.entity_id, None)
        options = [entity_option(names[i].name, names[i].kind, i) for i in named if i in names]
        names_list = self.query_one("#recap-names", LineList)
        names_list.set_options(options)
        names_list.display = bool(options)
        self.query_one("#recap-names-title").display = bool(options)
        self.scroll_home_now()
        if found is not None:
            self.call_after_refresh(self._scroll_to_sentence, texts, found)
        return True

    def _scroll_to_sentence(self, texts: list[str], found: tuple[int, int, int], tries: int = 8) -> None:
        """Scroll so the highlighted sentence is near the top (lines counted as Textual wraps),
        once the pane has been laid out (it has just been switched in)."""
        body = self.query_one("#recap-body", Static)
        if body.content_region.width == 0 or body.virtual_region.height == 0:
            if tries:
                self.call_after_refresh(self._scroll_to_sentence, texts, found, tries - 1)
            return
        width = body.content_region.width
        index, start, _end = found
        lines = sum(len(textwrap.wrap(text, width)) + 1 for text in texts[:index])
        lines += max(len(textwrap.wrap(texts[index][:start], width)) - 1, 0)
        self.scroll_to(y=max(body.virtual_region.y + lines - 1, 0), animate=False)

    def on_line_list_option_selected(self, event: LineList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(Open("entity", event.option.id))
