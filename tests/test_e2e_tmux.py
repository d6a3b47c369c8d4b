"""The installed ``famtui`` in a real terminal (tmux): first screen, search, n, quit, resume, map.

Each test runs its own tmux server (``-S``, a socket in a temporary folder) with a
temporary config and data home, so nothing touches the real ones or another tmux. It
waits for text on the screen (polls ``capture-pane``) instead of sleeping fixed times.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.tui_support import MINI, write_config

pytestmark = pytest.mark.e2e

TMUX = shutil.which("tmux")
FAMTUI = Path(sys.executable).with_name("famtui")
WIDTH, HEIGHT = 100, 30
TIMEOUT = 20.0


class Terminal:
    def __init__(self, socket: Path, home: Path, config: Path) -> None:
        self.socket = str(socket)
        self.home = home
        self.config = config
        self.started = False

    def tmux(self, *args: str) -> str:
        assert TMUX is not None
        return subprocess.run([TMUX, "-S", self.socket, *args], check=True, capture_output=True,
                              text=True).stdout

    def start(self) -> None:
        env = {
            "HOME": str(self.home),
            "XDG_CONFIG_HOME": str(self.home / ".config"),
            "XDG_DATA_HOME": str(self.home / ".local" / "share"),
            "FAMTUI_CONFIG": str(self.config),
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
        }
        assignments = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        # COLUMNS/LINES (pytest may export them) would override the terminal's real size.
        command = (f"env -u COLUMNS -u LINES {assignments} {shlex.quote(str(FAMTUI))}; "
                   "echo famtui-exit=$?; sleep 60")
        if self.started:  # restart in the same pane: the server stays up
            self.tmux("respawn-pane", "-k", "-t", "e2e", command)
        else:
            self.tmux("new-session", "-d", "-s", "e2e", "-x", str(WIDTH), "-y", str(HEIGHT), command)
            self.started = True

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "e2e")

    def wait_for(self, *texts: str, timeout: float = TIMEOUT) -> str:
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if all(text in screen for text in texts):
                return screen
            if time.monotonic() > deadline:
                size = self.tmux("display", "-p", "-t", "e2e", "#{window_width}x#{window_height}")
                raise AssertionError(f"{texts!r} not on screen after {timeout}s ({size.strip()}):\n{screen}")
            time.sleep(0.05)

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "e2e", *keys)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", "e2e", "-l", text)

    def kill(self) -> None:
        subprocess.run([TMUX or "tmux", "-S", self.socket, "kill-server"], capture_output=True)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    if TMUX is None:
        pytest.skip("tmux is not installed here (CI installs it); the end-to-end test needs it")
    if not FAMTUI.exists():
        pytest.fail(f"the installed famtui command is missing at {FAMTUI}")
    config = write_config(tmp_path / "conf", MINI)
    # A private server whose socket lives (and is removed) with the test: a short path,
    # since socket paths are limited to about 100 characters.
    sockets = Path(tempfile.mkdtemp(prefix="famtui-e2e-"))
    term = Terminal(sockets / "tmux", tmp_path / "home", config)
    try:
        yield term
    finally:
        term.kill()
        shutil.rmtree(sockets, ignore_errors=True)


def progress(config: Path) -> dict:
    return tomllib.loads((config.parent / "progress.toml").read_text())["profiles"]["default"]


def test_first_screen_search_next_quit_and_resume(terminal: Terminal) -> None:
    terminal.start()
    # First run: the welcome asks where the viewer is.
    terminal.wait_for("Welcome to famtui", "I haven't started", "Season 1")
    # Keys are sent one step at a time, each after the screen shows its effect, as a person
    # would: a burst typed within one event-loop tick may reach a widget before focus moves.
    terminal.keys("Down")
    terminal.wait_for("Enter or → to pick")
    terminal.keys("Enter")  # Season 1 -> its episodes
    screen = terminal.wait_for("S1E1   First Light", "Enter saves S1E1")
    assert "Second Wind" not in screen  # titles only up to the highlighted episode
    terminal.keys("Enter")
    screen = terminal.wait_for("S1E1 · First Light", "Alice Arden led the crew", "◆ default",
                               "next: S1E2 · Second Wind")
    assert "Third Rail" not in screen
    assert progress(terminal.config)["progress"] == "S1E1"

    # Search as you type; Enter opens the page.
    terminal.keys("/")
    terminal.wait_for("Type to search everything")
    terminal.type("lantrn")
    terminal.wait_for("Spacecraft (1)", "Lantern")
    terminal.keys("Enter")
    terminal.wait_for("spacecraft · first seen S1E1", "A crewed orbital ship.")

    # n: the next episode is watched, its recap opens, progress is saved.
    terminal.keys("n")
    screen = terminal.wait_for("S1E2 · Second Wind", "Alice Arden met Boris Blok")
    assert progress(terminal.config)["progress"] == "S1E2"
    terminal.keys("/")
    terminal.wait_for("results for lantrn")
    terminal.keys("C-u")
    terminal.wait_for("Type to search everything")
    terminal.type("boris")
    terminal.wait_for("Boris Blok  S1E2")
    terminal.keys("Enter")
    terminal.wait_for("Cosmonaut from the far side")

    terminal.keys("q")
    terminal.wait_for("famtui-exit=0")
    assert progress(terminal.config)["last_view"] == {"screen": "entity", "item": "boris-blok"}

    # Restart: the last view comes back.
    terminal.start()
    screen = terminal.wait_for("Boris Blok", "Cosmonaut from the far side",
                               "◆ default  S1E2 · Second Wind")  # the page and the status line
    assert "Welcome" not in screen

    # The map of this page: Boris and the one relation seen so far, drawn in boxes; Right
    # moves along the edge to Alice, Enter opens her page.
    terminal.keys("m")
    screen = terminal.wait_for("Map: Boris Blok", "│ Boris Blok ├", "┤ Alice Arden │", "─ colleague ─")
    assert "died" not in screen and "Beacon" not in screen  # the end and later ties are hidden
    terminal.keys("Right")
    terminal.keys("Enter")
    terminal.wait_for("Commander of the Lantern", "Colleague of Boris Blok · since S1E2")
    terminal.keys("q")
    terminal.wait_for("famtui-exit=0")
