"""Hostile config, progress and data files: one clear line, exit 2, nothing changed."""

from __future__ import annotations

from pathlib import Path

import pytest

HOSTILE = {
    "nul byte": b'theme = "a\x00b"\n',
    "binary": bytes(range(256)) * 4,
    "latin-1": 'theme = "caf\xe9"\n'.encode("latin-1"),
    "huge": b'theme = "' + b"x" * (5 * 1024 * 1024) + b'"\n',
    "huge value": b'theme = "' + b"x" * 100_000 + b'"\n',
    "deep nesting": b"a = " + b"[" * 5000 + b"]" * 5000 + b"\n",
    "table instead of bool": b"[show_next_title]\nx = 1\n",
    "markup": b'"[bold red]x[/]" = 1\n',
    "rtl and emoji": 'default_profile = "\u202e🚀"\n'.encode(),
    "only bom": b"\xef\xbb\xbf",
}


@pytest.mark.parametrize("content", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_config(cli, tmp_path: Path, content: bytes) -> None:
    config = tmp_path / "conf" / "config.toml"
    config.parent.mkdir()
    config.write_bytes(content)
    result = cli("--config", str(config), "episodes")
    assert result.code == 2, result
    assert result.err.startswith("famtui: ") and result.err.count("\n") == 1
    assert len(result.err) < 400 and "Traceback" not in result.err
    assert config.read_bytes() == content
    assert sorted(p.name for p in config.parent.iterdir()) == ["config.toml"]


PROGRESS = {
    **HOSTILE,
    "huge episode": b'[profiles.default]\nprogress = "' + b"S1E1" * 50_000 + b'"\n',
    "episode out of range": b'[profiles.default]\nprogress = "S99E99"\n',
    "int progress": b"[profiles.default]\nprogress = 7\n",
    "array of profiles": b'profiles = ["a"]\n',
}


@pytest.mark.parametrize("content", PROGRESS.values(), ids=PROGRESS.keys())
def test_hostile_progress_file(mini_cli, content: bytes) -> None:
    progress = mini_cli.config.parent / "progress.toml"
    progress.write_bytes(content)
    for args in (["progress"], ["watched"], ["progress", "set", "S1E1"], ["episodes"]):
        result = mini_cli(*args)
        assert result.code == 2, (args, result)
        assert result.err.count("\n") == 1 and len(result.err) < 400
        assert str(progress) in result.err
    assert progress.read_bytes() == content


def test_config_path_that_is_a_directory(cli, tmp_path: Path) -> None:
    result = cli("--config", str(tmp_path), "progress")
    assert result.code == 2 and "is a directory" in result.err


def test_markup_in_paths_is_printed_as_text(cli, tmp_path: Path) -> None:
    folder = tmp_path / "[bold]x" / "["  # the path holds "[bold]x/[/config.toml"
    folder.mkdir(parents=True)
    config = folder / "config.toml"
    config.write_text("nope = 1\n")
    result = cli("--config", str(config), "progress")
    assert result.code == 2 and "[bold]x/[/config.toml" in result.err


def test_data_dir_with_hostile_files(cli, mini: Path) -> None:
    (mini / "characters" / "evil.toml").write_bytes(b'id = "evil"\x00')
    (mini / "things" / "x.toml").write_bytes(b"\xff\xfe\x00\x00")
    result = cli("--data", str(mini), "characters")
    assert result.code == 2 and result.err.count("\n") == 1
    check = cli("check-data", str(mini))
    assert check.code == 2 and "evil.toml:1: contains a NUL byte" in check.err
