"""Command benchmark: ``famtui progress``, ``recap`` and ``search`` against bare Python.

Each command runs as a whole process, as a user runs it, alternating with the baseline
``python -c "import rapidfuzz, tomllib"`` (the order flips each round); the figure is the
median of the per-round ratios (target at most 2). With the compiled guide warm, and again
cold (the cache removed before each famtui run: the first run after an install or a data
change). Then the guide load at 1x/10x/100x synthetic scales, cold (TOML) and warm
(compiled), each in a fresh process. Reported, not asserted.

    python -m famtui.bench --commands [--runs N] [--scales 1,10,100] [--json PATH]

Byte-code caching is left on (``PYTHONDONTWRITEBYTECODE`` is dropped from the environment):
an installed famtui, like the baseline's modules, runs from compiled ``.pyc`` files.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET = 2.0
BASELINE = [sys.executable, "-c", "import rapidfuzz, tomllib"]
COMMANDS = (("progress",), ("recap", "S2E6"), ("search", "aleda"))
PROGRESS = "S2E7"
LOAD_SCRIPT = """\
import sys, time
from pathlib import Path
start = time.perf_counter()
from famtui.gate import Show
show = Show.load(Path(sys.argv[1]))
print(time.perf_counter() - start)
"""


def _env(folder: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    conf = folder / "config"
    conf.mkdir(parents=True, exist_ok=True)
    (conf / "config.toml").write_text("# famtui command benchmark: the defaults\n")
    (conf / "progress.toml").write_text(f'[profiles.default]\nprogress = "{PROGRESS}"\n')
    env.update({
        "HOME": str(folder / "home"),
        "XDG_CONFIG_HOME": str(folder / "home" / ".config"),
        "XDG_DATA_HOME": str(folder / "home" / ".local" / "share"),
        "XDG_CACHE_HOME": str(folder / "home" / ".cache"),
        "FAMTUI_CONFIG": str(conf / "config.toml"),
    })
    return env


def _famtui() -> list[str]:
    script = Path(sys.executable).with_name("famtui")
    return [str(script)] if script.exists() else [sys.executable, "-c",
                                                  "import sys; from famtui.entry import main; "
                                                  "sys.exit(main())"]


def _time(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def _pairs(command: tuple[str, ...], env: dict[str, str], runs: int, cold: bool) -> dict:
    cache = Path(env["XDG_CACHE_HOME"])
    famtui = [*_famtui(), *command]
    base_times, famtui_times, ratios = [], [], []
    for i in range(runs):
        times = {}
        for which in (("base", "famtui") if i % 2 == 0 else ("famtui", "base")):
            if which == "base":
                times[which] = _time(BASELINE, env)
            else:
                if cold:
                    shutil.rmtree(cache, ignore_errors=True)
                times[which] = _time(famtui, env)
        base_times.append(times["base"])
        famtui_times.append(times["famtui"])
        ratios.append(times["famtui"] / times["base"])
    return {"command": "famtui " + " ".join(command), "cache": "cold" if cold else "warm",
            "base_ms": round(statistics.median(base_times) * 1000, 1),
            "famtui_ms": round(statistics.median(famtui_times) * 1000, 1),
            "median_ratio": round(statistics.median(ratios), 2)}


def _age(root: Path) -> None:
    """Date a freshly written guide back a minute (files this new are not cached: racy)."""
    past = time.time() - 60
    for folder, _, files in os.walk(root):
        for name in files:
            os.utime(Path(folder) / name, (past, past))


def _loads(scale: int, folder: Path, env: dict[str, str], runs: int) -> dict:
    from famtui.locations import bundled_data_dir

    if scale == 1:
        root = bundled_data_dir()
    else:
        from famtui.bench.synth import generate

        root = folder / f"x{scale}"
        sys.stderr.write(f"  writing the {scale}x guide...\n")
        generate(root, scale)
        _age(root)
    cache = Path(env["XDG_CACHE_HOME"])
    argv = [sys.executable, "-c", LOAD_SCRIPT, str(root)]

    def load() -> float:
        out = subprocess.run(argv, env=env, check=True, capture_output=True, text=True).stdout
        return float(out.strip())

    cold, warm = [], []
    for _ in range(runs):
        shutil.rmtree(cache, ignore_errors=True)
        cold.append(load())
        warm.append(load())
    return {"scale": scale, "cold_s": round(statistics.median(cold), 3),
            "warm_s": round(statistics.median(warm), 3)}


def report(rows: list[dict], loads: list[dict]) -> str:
    lines = [f"commands, whole processes, median of per-round ratios to `{' '.join(BASELINE[1:])}`"
             f" (target at most {TARGET:.0f}x with the cache warm)"]
    for row in rows:
        lines.append(f"  {row['command']:<22} {row['cache']:<5} {row['famtui_ms']:7.1f} ms"
                     f"  base {row['base_ms']:6.1f} ms  ratio {row['median_ratio']:5.2f}")
    if loads:
        lines.append("guide load (Show.load in a fresh process, median): cold = TOML, warm = compiled")
        for row in loads:
            lines.append(f"  {row['scale']:>3}x  cold {row['cold_s'] * 1000:9.1f} ms"
                         f"  warm {row['warm_s'] * 1000:8.1f} ms")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m famtui.bench --commands",
                                     description="famtui commands vs bare Python; guide load times")
    parser.add_argument("--runs", type=int, default=9, help="alternating rounds per command (default 9)")
    parser.add_argument("--scales", default="1,10,100", help="guide scales to load ('' for none)")
    parser.add_argument("--load-runs", type=int, default=3, help="cold/warm loads per scale")
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.load_runs < 1:
        parser.error("--runs and --load-runs must be at least 1")
    scales = [int(s) for s in args.scales.split(",") if s.strip()]
    rows: list[dict] = []
    loads: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="famtui-bench-") as tmp:
        env = _env(Path(tmp))
        subprocess.run([*_famtui(), "progress"], env=env, check=True, capture_output=True)  # warm-up
        for cold in (False, True):
            for command in COMMANDS:
                sys.stderr.write(f"  {' '.join(command)} ({'cold' if cold else 'warm'})...\n")
                subprocess.run([*_famtui(), *command], env=env, check=True, capture_output=True)
                rows.append(_pairs(command, env, args.runs, cold))
        for scale in scales:
            loads.append(_loads(scale, Path(tmp), env, args.load_runs))
    print(report(rows, loads))
    if args.json:
        Path(args.json).write_text(json.dumps({"commands": rows, "loads": loads}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
