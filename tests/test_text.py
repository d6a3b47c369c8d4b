"""The app's content builders: text stays data, offsets stay valid, a line is its parts summed."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from textual.content import Content

from famtui.tui.text import clean, highlighted, line, plain

TEXT = st.lists(st.sampled_from(["a", " ", "\n", "\t", "\x1b", "\r", "\x7f", "[", "[/]", "é", "🚀", "Ж"]),
                max_size=8).map("".join)
STYLE = st.sampled_from(["", "bold", "$text-muted", "bold $text-accent underline"])
PART = st.one_of(
    TEXT,
    st.tuples(TEXT, STYLE),
    TEXT.map(lambda text: highlighted(text, [(0, 1)] if text else [])),
    st.tuples(TEXT, STYLE).map(lambda pair: plain(*pair)),
)


def summed(*parts: Content | str | tuple[str, str]) -> Content:
    """What ``line`` promises: each part as ``Content``, added one by one."""
    out = Content("")
    for part in parts:
        if isinstance(part, Content):
            out += part
        elif isinstance(part, tuple):
            out += plain(*part)
        else:
            out += plain(part)
    return out


@settings(max_examples=400, deadline=None)
@given(parts=st.lists(PART, max_size=5))
def test_a_line_is_its_parts_added_one_by_one(parts: list) -> None:
    made, expected = line(*parts), summed(*parts)
    assert made.plain == expected.plain
    assert list(made.spans) == list(expected.spans)


@given(text=TEXT)
def test_clean_keeps_every_offset_and_lets_no_control_character_through(text: str) -> None:
    cleaned = clean(text)
    assert len(cleaned) == len(text)
    assert all(ch.isprintable() or ch == "\n" for ch in cleaned)
    assert all(a == b for a, b in zip(text, cleaned, strict=True) if a.isprintable() or a == "\n")


def test_markup_in_a_line_is_text() -> None:
    made = line("[b]", ("[/]", "bold"), Content("🚀 Привет"))
    assert made.plain == "[b][/]🚀 Привет"
    assert [(span.start, span.end, span.style) for span in made.spans] == [(3, 6, "bold")]
