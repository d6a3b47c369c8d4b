"""progress.toml as a user's file: symlinks written through, errors on the right line, and an
app that names the broken file (issue 14, item 10)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui_support import MINI, SIZE, make_app, write_config


def test_a_symlinked_progress_file_is_written_through_to_its_target(tmp_path: Path, cli) -> None:
    config = write_config(tmp_path / "conf", MINI)
    dots = tmp_path / "dotfiles"
    dots.mkdir()
    real = dots / "progress.toml"
    real.write_text('[profiles.default]\nprogress = "S1E1"\n')
    link = config.parent / "progress.toml"
    link.symlink_to(real)
    assert cli("--config", str(config), "progress", "set", "S1E3").code == 0
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert 'progress = "S1E3"' in real.read_text()
    assert sorted(p.name for p in dots.iterdir()) == ["progress.toml"]  # no temp file left
    assert cli("--config", str(config), "watched").code == 0
    assert link.is_symlink() and 'progress = "S2E1"' in real.read_text()


@pytest.mark.parametrize(("text", "line", "words"), [
    ('# mine\n\n[profiles.default]\nupdated = 2024-01-01T00:00:00Z\nprogress = "S9E9"\n', 5, "S9E9"),
    ('[profiles.default]\nprogress = "S1E1"\n\n[profiles.kid]\nprogress = "S1E1"\nprogres = "x"\n', 6,
     "did you mean 'progress'"),
    ('[profiles.default]\nprogress = "S1E1"\n\n[profiles.default.last_view]\nscreen = "x"\nitem = 3\n', 6,
     "last_view"),
    ('[profiles.default]\nprogress = "S1E1"\nupdated = "yesterday"\n', 3, "date-time"),
    ('\n\nprofiles.default.progress = 7\n', 3, "must be a string"),
    ('[profiles.default]\n\n\nprogress = "S1E1"\n[profiles."bad name"]\nprogress = "S1E1"\n', 5,
     "not a valid profile name"),
])
def test_progress_errors_name_the_line_that_holds_the_fault(tmp_path: Path, cli, text: str, line: int,
                                                            words: str) -> None:
    config = write_config(tmp_path / "conf", MINI)
    progress = config.parent / "progress.toml"
    progress.write_text(text)
    result = cli("--config", str(config), "progress")
    assert result.code == 2 and result.err.count("\n") == 1
    assert f"progress.toml:{line}: " in result.err and words in result.err
    assert progress.read_text() == text


async def test_a_broken_progress_file_is_named_on_the_load_error_screen(tmp_path: Path) -> None:
    config = write_config(tmp_path / "conf", MINI)
    (config.parent / "progress.toml").write_text('[profiles.default]\nprogress = "S7E7"\n')
    app = make_app(config)
    async with app.run_test(size=SIZE) as pilot:
        await app.wait_ready()
        await pilot.pause()
        shown = str(app.main.query_one("#problem").content)
        assert "progress file" in shown and "progress.toml:2" in shown
        assert "show guide" not in shown and "check-data" not in shown


async def test_on_the_load_error_screen_only_quit_help_and_palette_apply(tmp_path: Path) -> None:
    config = write_config(tmp_path / "conf", MINI)
    path = config.parent / "progress.toml"
    path.write_text('[profiles.default]\nprogress = "S7E7"\n')
    app = make_app(config)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.wait_ready()
        await pilot.pause()
        # every key a viewer might try: none may crash the app (Esc used to) or touch the file
        await pilot.press("escape", "n", "w", "b", "s", "slash", "c", "tab", "escape")
        await pilot.pause()
        assert app.is_running and app.return_code is None
        from famtui.tui.widgets.key_bar import KeyBar, fit

        bar = app.main.query_one(KeyBar)
        assert [k.description for k in fit(bar.keys(), 80)] == ["Quit", "Help", "palette"]
    assert path.read_text() == '[profiles.default]\nprogress = "S7E7"\n'
