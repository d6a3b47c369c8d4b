"""Search as you type, in the app: one keystroke to its results painted, famtui against fzf.

In one private tmux pane, on a synthetic guide (1x, 100x) at its last episode (everything
visible): famtui with its search pane open, and interactive ``fzf`` reading the same names,
aliases, recap sentences and facts (one a line, already loaded). For every keystroke of a
few typo'd queries, the time from ``send-keys`` to the first ``capture-pane`` that shows
that keystroke's results: famtui's note ``N results for QUERY`` (or ``No match for
QUERY``, ``1 result for``), fzf's prompt with its new ``MATCHED/TOTAL`` count (keystrokes that leave fzf's
count unchanged cannot be told apart on screen and are not timed, for either). The same
polling for both. Reported, not asserted: target famtui's median at most fzf's.
"""

from __future__ import annotations

import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from famtui.bench.startup import Pane, _command, _famtui_argv, private_cache, private_env

QUERIES = ("aleda rosals", "margo madisson", "kusnetzov", "wernher von brown")


def _age(root: Path) -> None:
    past = time.time() - 60
    for folder, _, files in os.walk(root):
        for name in files:
            os.utime(Path(folder) / name, (past, past))


def _wait(pane: Pane, marker: str, start: float, timeout: float = 60.0) -> float:
    while True:
        screen = pane.screen()
        now = time.perf_counter()
        if marker in screen:
            return now - start
        if now - start > timeout:
            raise RuntimeError(f"'{marker}' did not appear within {timeout:.0f}s:\n{screen}")


def _start(pane: Pane, command: str, marker: str) -> None:
    """Start ``command`` in the pane and wait until ``marker`` is on screen; it keeps running."""
    pane._run("respawn-pane", "-k", "-t", "bench", "sleep 100000")
    pane._wait_blank()
    pane._run("respawn-pane", "-k", "-t", "bench", command)
    _wait(pane, marker, time.perf_counter())


def _type(pane: Pane, text: str) -> float:
    start = time.perf_counter()
    pane._run("send-keys", "-t", "bench", "-l", text)
    return start


def _famtui_keys(pane: Pane, command: str, progress: tuple[Path, str, str],
                 plan: list[tuple[str, bool]]) -> list[float]:
    path, text, label = progress
    path.write_text(text)  # no last view: the app opens on the recap in every round
    _start(pane, command, f"◆ default  {label}")
    pane._run("send-keys", "-t", "bench", "/")
    _wait(pane, "Type to search", time.perf_counter())
    times = []
    for query in QUERIES:
        for i, char in enumerate(query):
            prefix = query[: i + 1]
            start = _type(pane, char)
            if prefix.endswith(" "):
                time.sleep(0.2)
                continue
            seen = _wait_any(pane, [f"results for {prefix}\n", f"result for {prefix}\n",
                                    f"No match for {prefix} in"], start)
            if dict(plan).get(prefix, False):
                times.append(seen)
        pane._run("send-keys", "-t", "bench", "C-u")
        _wait(pane, "Type to search", time.perf_counter())
    return times


def _screen(pane: Pane) -> str:
    """The pane's text, each line without its trailing blanks and box edge (both sides' polls
    do this same work, so neither pays more per poll)."""
    return "\n".join(line.rstrip(" │") for line in pane.screen().splitlines()) + "\n"


def _wait_any(pane: Pane, markers: list[str], start: float, timeout: float = 60.0) -> float:
    while True:
        screen = _screen(pane)
        now = time.perf_counter()
        if any(marker in screen for marker in markers):
            return now - start
        if now - start > timeout:
            raise RuntimeError(f"none of {markers} appeared within {timeout:.0f}s:\n{screen}")


def _fzf_keys(pane: Pane, command: str, counts: dict[str, int], total: int,
              plan: list[tuple[str, bool]]) -> list[float]:
    _start(pane, command, f"{total}/{total}")
    times = []
    for query in QUERIES:
        for i, char in enumerate(query):
            prefix = query[: i + 1]
            start = _type(pane, char)
            if prefix.endswith(" ") or not dict(plan).get(prefix, False):
                time.sleep(0.2 if total < 100_000 else 1.5)
                continue
            times.append(_wait_all(pane, [f"> {prefix}", f"{counts[prefix]}/{total}"], start))
        pane._run("send-keys", "-t", "bench", "C-u")
        _wait(pane, f"{total}/{total}", time.perf_counter())
    return times


def _wait_all(pane: Pane, markers: list[str], start: float, timeout: float = 60.0) -> float:
    while True:
        screen = _screen(pane)
        now = time.perf_counter()
        if all(marker in screen for marker in markers):
            return now - start
        if now - start > timeout:
            raise RuntimeError(f"{markers} did not appear within {timeout:.0f}s:\n{screen}")


def run_scale(scale: int, tmux: str, fzf: str, rounds: int) -> dict:
    from famtui.bench.synth import generate
    from famtui.gate import Show

    with tempfile.TemporaryDirectory(prefix=f"famtui-bench-keys-{scale}x-") as tmp:
        folder = Path(tmp)
        sys.stderr.write(f"  keystrokes {scale}x: writing the guide...\n")
        synthetic = generate(folder / "guide", scale)
        _age(folder / "guide")
        corpus = folder / "corpus.txt"
        corpus.write_text("\n".join(synthetic.lines) + "\n", encoding="utf-8")
        total = len(synthetic.lines)
        prefixes = [q[: i + 1] for q in QUERIES for i in range(len(q)) if not q[: i + 1].endswith(" ")]
        counts = {}
        for prefix in dict.fromkeys(prefixes):
            out = subprocess.run([fzf, "--filter", prefix], stdin=corpus.open("rb"), capture_output=True)
            counts[prefix] = out.stdout.count(b"\n")
        plan = []  # which keystrokes are timed: those that change fzf's count
        for query in QUERIES:
            previous = total
            for i in range(len(query)):
                prefix = query[: i + 1]
                if prefix.endswith(" "):
                    continue
                plan.append((prefix, counts[prefix] != previous))
                previous = counts[prefix]

        with private_cache(folder / "home" / ".cache"):  # the app's own cache: compiled for it
            show = Show.load(folder / "guide")
        label = show.view(show.last).progress_label
        conf = folder / "config"
        conf.mkdir()
        (conf / "config.toml").write_text(f'data_dir = "{folder / "guide"}"\n')
        progress = (conf / "progress.toml", f'[profiles.default]\nprogress = "{show.last}"\n', label)
        env = private_env(folder, conf / "config.toml")
        famtui = _command(env, *_famtui_argv())
        fzf_cmd = f"{_command(env, fzf, '--no-mouse')} < {shlex.quote(str(corpus))}"
        pane = Pane(tmux, folder / "tmux", 120, 40)
        pane.open()
        famtui_times: list[float] = []
        fzf_times: list[float] = []
        try:
            for i in range(rounds):
                sys.stderr.write(f"  keystrokes {scale}x: round {i + 1} of {rounds}...\n")
                for which in (("famtui", "fzf") if i % 2 == 0 else ("fzf", "famtui")):
                    if which == "famtui":
                        famtui_times += _famtui_keys(pane, famtui, progress, plan)
                    else:
                        fzf_times += _fzf_keys(pane, fzf_cmd, counts, total, plan)
        finally:
            pane.close()
    famtui_ms = statistics.median(famtui_times) * 1000
    fzf_ms = statistics.median(fzf_times) * 1000
    return {"scale": scale, "items": total, "keystrokes": len(famtui_times),
            "famtui_ms": round(famtui_ms, 1), "fzf_ms": round(fzf_ms, 1),
            "ratio": round(famtui_ms / fzf_ms, 2)}


def measure(scales: list[int], rounds: int = 2) -> list[dict]:
    tmux, fzf = shutil.which("tmux"), shutil.which("fzf")
    if tmux is None or fzf is None:
        raise RuntimeError("the keystroke benchmark needs tmux and fzf (apt-get install tmux fzf)")
    return [run_scale(scale, tmux, fzf, rounds) for scale in scales]


def report(rows: list[dict]) -> str:
    lines = ["search in the app: one keystroke to its results painted (tmux 120x40, medians; "
             "target famtui at most fzf)"]
    for row in rows:
        lines.append(f"  {row['scale']:>3}x  {row['items']:>7} items  famtui {row['famtui_ms']:7.1f} ms"
                     f"   fzf {row['fzf_ms']:7.1f} ms   ratio {row['ratio']:.2f}"
                     f"   ({row['keystrokes']} keystrokes)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    import argparse
    import json

    parser = argparse.ArgumentParser(prog="python -m famtui.bench --keys",
                                     description="search keystroke to results painted: famtui vs fzf")
    parser.add_argument("--scales", default="1,100", help="synthetic guide scales (default 1,100)")
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds per scale (default 2)")
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    try:
        rows = measure([int(s) for s in args.scales.split(",") if s.strip()], args.rounds)
    except (RuntimeError, subprocess.CalledProcessError) as exc:
        sys.stderr.write(f"famtui bench --keys: {exc}\n")
        return 2
    print(report(rows))
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2) + "\n")
    return 0
