"""Rows with a hanging indent: a bullet or a label on the left, text that wraps under itself."""

from __future__ import annotations

from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static


def bullet_row(text: Content, bullet: str = "•") -> Horizontal:
    """``• text`` where the text's second line starts under its first, not under the bullet."""
    return Horizontal(Static(bullet, classes="bullet"), Static(text, classes="bullet-text"),
                      classes="row")
