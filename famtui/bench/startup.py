"""Start-up benchmark: famtui's **time to content** against a bare one-widget Textual app.

Both run in the same tmux pane of one private tmux server, alternating (the order flips
each round), after warm-up runs. A run's time is from asking tmux to start the command to
the first ``capture-pane`` that shows every marker: for the bare app its one Static; for
famtui the viewer's progress in the status line, their episode in the episode list and the
first words of its recap (the content, not just a frame). The first frame (famtui's status
line) is reported too. The figure is the median of the per-round ratios of time to
content; the target is at most 1.25. The compiled guide is warm (the warm-up runs build
it); ``--cold`` removes it before every famtui run (the first run after an install or a
data change). Reported, not asserted.

    python -m famtui.bench --startup [--runs N] [--cold] [--json PATH]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
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
    famtui_ms: float  # time to content
    median_ratio: float  # of time to content
    ratio_of_medians: float
    famtui_first_frame_ms: float
    target: float
    terminal: str
    cache: str

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
        """Start ``command``; seconds until each marker (in this order) is first on screen."""
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
    return private_env(folder, conf / "config.toml")


def private_env(folder: Path, config: Path) -> dict[str, str]:
    """The environment of a benchmarked command: a home, XDG folders and config of its own."""
    return {
        "HOME": str(folder / "home"),
        "XDG_CONFIG_HOME": str(folder / "home" / ".config"),
        "XDG_DATA_HOME": str(folder / "home" / ".local" / "share"),
        "XDG_CACHE_HOME": str(folder / "home" / ".cache"),
        "FAMTUI_CONFIG": str(config),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
    }


def _command(env: dict[str, str], *argv: str) -> str:
    assignments = " ".join(f"{key}={shlex.quote(value)}" for key, value in env.items())
    # Byte-code caching on, as for an installed famtui (and the bare app's Textual)
    return (f"env -u COLUMNS -u LINES -u PYTHONDONTWRITEBYTECODE {assignments} "
            f"{' '.join(shlex.quote(a) for a in argv)}")


def _famtui_argv() -> list[str]:
    script = Path(sys.executable).with_name("famtui")
    return [str(script)] if script.exists() else [sys.executable, "-m", "famtui"]


@contextlib.contextmanager
def private_cache(folder: Path) -> Iterator[None]:
    """Compile guides into ``folder`` while this runs, never into the user's own cache."""
    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(folder)
    try:
        yield
    finally:
        if old is None:
            del os.environ["XDG_CACHE_HOME"]
        else:
            os.environ["XDG_CACHE_HOME"] = old


def content_markers(progress: str) -> list[str]:
    """Text on screen once the content is: the status line's progress, the episode in the
    list and the first words of its recap (a few words: the first line holds them)."""
    from famtui.gate import Show
    from famtui.locations import bundled_data_dir

    show = Show.load(bundled_data_dir())
    ep = show.parse_episode(progress)
    view = show.view(ep)
    words = view.recap(ep).paragraphs[0].split()[:4]
    return [f"◆ default  {view.progress_label}", f"✓ {ep.code} ", " ".join(words)]


def measure(runs: int, width: int, height: int, progress: str = "S2E7", warmup: int = 2,
            cold: bool = False) -> Result:
    tmux = shutil.which("tmux")
    if tmux is None:
        raise RuntimeError("the start-up benchmark needs tmux (apt-get install tmux)")
    with tempfile.TemporaryDirectory(prefix="famtui-bench-") as tmp, private_cache(Path(tmp)):
        content = content_markers(progress)
    bare_times: list[float] = []
    famtui_times: list[float] = []
    frame_times: list[float] = []
    ratios: list[float] = []
    with tempfile.TemporaryDirectory(prefix="famtui-bench-") as tmp:
        env = _setup(Path(tmp), progress)
        pane = Pane(tmux, Path(tmp) / "tmux", width, height)  # a private server, gone with tmp
        bare = _command(env, sys.executable, str(Path(tmp) / "bare.py"))
        famtui = _command(env, *_famtui_argv())
        cache = Path(env["XDG_CACHE_HOME"])
        pane.open()
        try:
            def run_famtui() -> list[float]:
                if cold:
                    shutil.rmtree(cache, ignore_errors=True)
                return pane.time_until(famtui, [SHELL_MARKER, *content])

            for _ in range(warmup):
                pane.time_until(bare, [BARE_MARKER])
                run_famtui()
            for i in range(runs):
                order = ("bare", "famtui") if i % 2 == 0 else ("famtui", "bare")
                round_times: dict[str, float] = {}
                for which in order:
                    if which == "bare":
                        round_times[which] = pane.time_until(bare, [BARE_MARKER])[0]
                    else:
                        found = run_famtui()
                        round_times[which] = found[-1]  # every marker on screen: the content
                        frame_times.append(found[0])
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
        famtui_first_frame_ms=round(statistics.median(frame_times) * 1000, 1),
        target=TARGET,
        terminal=f"tmux {width}x{height}",
        cache="cold" if cold else "warm",
    )


def report(result: Result) -> str:
    verdict = "within" if result.ok else "OVER"
    return "\n".join([
        f"start-up, time to content ({result.terminal}, {result.runs} alternating rounds, medians, "
        f"compiled guide {result.cache})",
        f"  bare one-widget Textual app             {result.bare_ms:7.1f} ms",
        f"  famtui: progress, list and recap shown  {result.famtui_ms:7.1f} ms"
        f"   (first frame {result.famtui_first_frame_ms:.1f} ms)",
        f"  ratio famtui / bare                     {result.median_ratio:7.2f}   "
        f"({verdict} the target of {result.target:.2f}; ratio of medians {result.ratio_of_medians:.2f})",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m famtui.bench --startup",
                                     description="time to content of famtui vs a bare Textual app")
    parser.add_argument("--runs", type=int, default=15, help="alternating rounds (default 15)")
    parser.add_argument("--width", type=int, default=120)
    parser.add_argument("--height", type=int, default=40)
    parser.add_argument("--progress", default="S2E7", help="the viewer's saved progress (default S2E7)")
    parser.add_argument("--cold", action="store_true", help="remove the compiled guide before each run")
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    try:
        result = measure(args.runs, args.width, args.height, args.progress, cold=args.cold)
    except (RuntimeError, subprocess.CalledProcessError) as exc:
        sys.stderr.write(f"famtui bench --startup: {exc}\n")
        return 2
    print(report(result))
    if args.json:
        Path(args.json).write_text(json.dumps({**asdict(result), "ok": result.ok}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
