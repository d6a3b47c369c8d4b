"""`famtui` without a terminal says what to use instead and exits 2 at once (issue 14, item 9)."""

from __future__ import annotations

import subprocess
import sys

import pytest

COMMAND = [sys.executable, "-c", "import sys; from famtui.entry import main; sys.exit(main([]))"]


@pytest.mark.parametrize("where", ["devnull", "pipe"])
def test_the_app_without_a_terminal_exits_2_with_one_line(where: str) -> None:
    if where == "devnull":
        done = subprocess.run(COMMAND, stdin=subprocess.DEVNULL, capture_output=True, timeout=30)
    else:
        done = subprocess.run(COMMAND, input=b"", capture_output=True, timeout=30)
    assert done.returncode == 2
    assert done.stdout == b""
    lines = done.stderr.decode().splitlines()
    assert len(lines) == 1 and "needs a terminal" in lines[0] and "famtui search" not in lines[0]
    assert "search QUERY" in lines[0]


def test_a_terminal_on_stdin_but_a_pipe_on_stdout_is_refused_too() -> None:
    # `famtui | head` typed in a terminal: stdin is a tty, stdout a pipe
    import os
    import pty

    leader, follower = pty.openpty()
    try:
        done = subprocess.run(COMMAND, stdin=follower, capture_output=True, timeout=30)
    finally:
        os.close(follower)
        os.close(leader)
    assert done.returncode == 2 and done.stdout == b""
    assert done.stderr.decode().count("\n") == 1 and "needs a terminal" in done.stderr.decode()
