from __future__ import annotations

import atexit
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from famtui.entry import main

ROOT = Path(__file__).resolve().parent.parent
MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
DATA = ROOT / "data"
SHARED = ROOT.parent / "shared"

# Test modules may load a guide while they are collected, before the per-test homes exist:
# what they compile goes to a private cache for this run, never the real one.
_CACHE = tempfile.mkdtemp(prefix="famtui-test-cache-")
os.environ["XDG_CACHE_HOME"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, True)


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own config, data and cache homes; never the real ones."""
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.delenv("FAMTUI_CONFIG", raising=False)
    return home


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A private copy of the tiny fixture guide (tests may break it)."""
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    return target


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    def run(*args: str) -> Result:
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse usage errors and --help
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def mini_cli(cli: Callable[..., Result], mini: Path) -> Callable[..., Result]:
    """The CLI over the fixture guide, with a config file in a temp folder."""
    config = mini.parent / "conf" / "config.toml"
    config.parent.mkdir()
    config.write_text(f'data_dir = "{mini}"\n')

    def run(*args: str) -> Result:
        return cli("--config", str(config), *args)

    run.config = config  # type: ignore[attr-defined]
    return run
