"""A plain (non-editable) install carries the guide and the default config inside the package."""

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(f"building the wheel failed: {result.stderr[-1500:]}")
    [built] = out.glob("famtui-*.whl")
    return built


def test_wheel_contains_guide_and_default_config(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "famtui/_bundled/config/famtui.toml" in names
    episodes = {n for n in names if n.startswith("famtui/_bundled/data/episodes/")}
    assert len(episodes) == len(list((ROOT / "data" / "episodes").glob("*.toml")))
    assert any(n.startswith("famtui/_bundled/data/characters/") for n in names)


def test_installed_package_finds_its_data_outside_the_repo(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = {
        **os.environ,
        "PYTHONPATH": str(site),
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "c"),
        "XDG_DATA_HOME": str(tmp_path / "d"),
    }
    env.pop("FAMTUI_CONFIG", None)

    def famtui(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "famtui", *args],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=env,
            check=False,
        )

    config = json.loads(famtui("config", "--json").stdout)
    assert config["paths"]["data"] == str(site / "famtui" / "_bundled" / "data")
    assert famtui("check-data").returncode == 0
    rows = json.loads(famtui("--as-of", "S1E1", "episodes", "--json").stdout)
    assert rows[0]["state"] == "watched" and len(rows) == len(
        list((ROOT / "data" / "episodes").glob("*.toml"))
    )
