"""Widgets of the terminal app, one role per module."""
