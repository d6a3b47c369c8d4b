"""Start-up benchmark: time to first paint of ``famtui`` against a bare one-widget Textual app.

Both run in the same tmux pane of one private tmux server, alternating (the order flips
each round), after warm-up runs. A run's time is from asking tmux to start the command to
the first ``capture-pane`` that shows the app's marker text: for the bare app its one
Static, for famtui its status line, which is in the first frame (the shell, drawn before
the guide loads). famtui's time until the guide is loaded and the recap is on screen is
reported too. The figure is the median of the per-round ratios; the target is at most
1.25. It is reported, not asserted.

    python -m famtui.bench --startup [--runs N] [--json PATH]
"""

from __future__ import annotations

import argparse
import json
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

TARGET = 1.25
BARE_MARKER = "famtui-bench-bare-app"
SHELL_MARKER = "famtui  ◆ "
BARE_APP = f'''\
from textual.app import App
from textual.widgets import Static


class Bare(App):
    def compose(self):
        yield Static("{BARE_MARKER}")


Bare().run()
'''


@dataclass
class Result:
    runs: int
    bare_ms: float
    famtui_ms: float
    median_ratio: float
    ratio_of_medians: float
    famtui_content_ms: float | None
    target: float
    terminal: str

    @property
    def ok(self) -> bool:
        return self.median_ratio <= self.target


class Pane:
    """One tmux pane on a private server; commands are (re)started in it."""

    def __init__(self, tmux: str, socket: Path, width: int, height: int) -> None:
        self.tmux = tmux
        self.socket = str(socket)
        self.width, self.height = width, height

    def _run(self, *args: str) -> str:
        return subprocess.run([self.tmux, "-S", self.socket, *args], check=True,
                              capture_output=True, text=True).stdout

    def open(self) -> None:
        self._run("new-session", "-d", "-s", "bench", "-x", str(self.width), "-y", str(self.height),
                  "sleep 100000")
        self._run("set-option", "-t", "bench", "remain-on-exit", "on")  # a crash stays readable

    def close(self) -> None:
        subprocess.run([self.tmux, "-S", self.socket, "kill-server"], capture_output=True)

    def screen(self) -> str:
        return self._run("capture-pane", "-p", "-t", "bench")

    def time_until(self, command: str, markers: list[str], timeout: float = 30.0) -> list[float]:
        """Start ``command``; seconds until each marker (in order) is first on screen."""
        self._run("respawn-pane", "-k", "-t", "bench", "sleep 100000")
        self._wait_blank()
        found: list[float] = []
        start = time.perf_counter()
        self._run("respawn-pane", "-k", "-t", "bench", command)
        pending = list(markers)
        polls = 0
        while pending:
            screen = self.screen()
            now = time.perf_counter()
            while pending and pending[0] in screen:
                found.append(now - start)
                pending.pop(0)
            polls += 1
            dead = polls % 50 == 0 and self._run("display", "-p", "-t", "bench", "#{pane_dead}").strip()
            if pending and (now - start > timeout or dead == "1"):
                why = "the command ended" if dead == "1" else f"not within {timeout:.0f}s"
                raise RuntimeError(f"'{pending[0]}' did not appear ({why}):\n{screen}")
        self._run("respawn-pane", "-k", "-t", "bench", "sleep 100000")
        return found

    def _wait_blank(self) -> None:
        deadline = time.perf_counter() + 5
        while self.screen().strip() and time.perf_counter() < deadline:
            time.sleep(0.01)


def _setup(folder: Path, progress: str) -> dict[str, str]:
    """A private config and progress file; the environment both commands run with."""
    conf = folder / "config"
    conf.mkdir(parents=True)
    (conf / "config.toml").write_text("# famtui start-up benchmark: the defaults\n")
    (conf / "progress.toml").write_text(f'[profiles.default]\nprogress = "{progress}"\n')
    (folder / "bare.py").write_text(BARE_APP)
    return {
        "HOME": str(folder / "home"),
        "XDG_CONFIG_HOME": str(folder / "home" / ".config"),
        "XDG_DATA_HOME": str(folder / "home" / ".local" / "share"),
        "FAMTUI_CONFIG": str(conf / "config.toml"),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
    }


def _command(env: dict[str, str], *argv: str) -> str:
    assignments = " ".join(f"{key}={shlex.quote(value)}" for key, value in env.items())
    return f"env -u COLUMNS -u LINES {assignments} {' '.join(shlex.quote(a) for a in argv)}"


def _famtui_argv() -> list[str]:
    script = Path(sys.executable).with_name("famtui")
    return [str(script)] if script.exists() else [sys.executable, "-m", "famtui"]


def _content_marker(progress: str) -> str:
    """Text that is on screen once the guide is loaded (the status line's progress)."""
    from famtui.gate import Show
    from famtui.locations import bundled_data_dir

    show = Show.load(bundled_data_dir())
    view = show.view(show.parse_episode(progress))
    return f"◆ default  {view.progress_label}"


def measure(runs: int, width: int, height: int, progress: str = "S2E6", warmup: int = 2) -> Result:
    tmux = shutil.which("tmux")
    if tmux is None:
        raise RuntimeError("the start-up benchmark needs tmux (apt-get install tmux)")
    try:
        content: str | None = _content_marker(progress)
    except Exception:  # the guide does not load: first paint only
        content = None
    bare_times: list[float] = []
    famtui_times: list[float] = []
    content_times: list[float] = []
    ratios: list[float] = []
    with tempfile.TemporaryDirectory(prefix="famtui-bench-") as tmp:
        env = _setup(Path(tmp), progress)
        pane = Pane(tmux, Path(tmp) / "tmux", width, height)  # a private server, gone with tmp
        bare = _command(env, sys.executable, str(Path(tmp) / "bare.py"))
        famtui = _command(env, *_famtui_argv())
        famtui_markers = [SHELL_MARKER] + ([content] if content else [])
        pane.open()
        try:
            for _ in range(warmup):
                pane.time_until(bare, [BARE_MARKER])
                pane.time_until(famtui, famtui_markers)
            for i in range(runs):
                order = ("bare", "famtui") if i % 2 == 0 else ("famtui", "bare")
                round_times: dict[str, float] = {}
                for which in order:
                    if which == "bare":
                        round_times[which] = pane.time_until(bare, [BARE_MARKER])[0]
                    else:
                        found = pane.time_until(famtui, famtui_markers)
                        round_times[which] = found[0]
                        if content:
                            content_times.append(found[1])
                bare_times.append(round_times["bare"])
                famtui_times.append(round_times["famtui"])
                ratios.append(round_times["famtui"] / round_times["bare"])
        finally:
            pane.close()
    bare_ms = statistics.median(bare_times) * 1000
    famtui_ms = statistics.median(famtui_times) * 1000
    return Result(
        runs=runs,
        bare_ms=round(bare_ms, 1),
        famtui_ms=round(famtui_ms, 1),
        median_ratio=round(statistics.median(ratios), 3),
        ratio_of_medians=round(famtui_ms / bare_ms, 3),
        famtui_content_ms=round(statistics.median(content_times) * 1000, 1) if content_times else None,
        target=TARGET,
        terminal=f"tmux {width}x{height}",
    )


def report(result: Result) -> str:
    verdict = "within" if result.ok else "OVER"
    lines = [
        f"start-up, time to first paint ({result.terminal}, {result.runs} alternating rounds, medians)",
        f"  bare one-widget Textual app   {result.bare_ms:7.1f} ms",
        f"  famtui (shell, first frame)   {result.famtui_ms:7.1f} ms",
        f"  ratio famtui / bare           {result.median_ratio:7.2f}   "
        f"({verdict} the target of {result.target:.2f}; ratio of medians {result.ratio_of_medians:.2f})",
    ]
    if result.famtui_content_ms is not None:
        lines.append(f"  famtui guide loaded, recap on screen  {result.famtui_content_ms:7.1f} ms")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m famtui.bench --startup",
                                     description="time to first paint of famtui vs a bare Textual app")
    parser.add_argument("--runs", type=int, default=15, help="alternating rounds (default 15)")
    parser.add_argument("--width", type=int, default=100)
    parser.add_argument("--height", type=int, default=30)
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    try:
        result = measure(args.runs, args.width, args.height)
    except (RuntimeError, subprocess.CalledProcessError) as exc:
        sys.stderr.write(f"famtui bench --startup: {exc}\n")
        return 2
    print(report(result))
    if args.json:
        Path(args.json).write_text(json.dumps({**asdict(result), "ok": result.ok}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
