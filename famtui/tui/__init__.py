"""The terminal app: a thin Textual face over the headless core (``famtui`` with no command)."""
