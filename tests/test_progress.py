import os
from pathlib import Path

import pytest

from famtui.episodes import Ep
from famtui.errors import FamtuiError
from famtui.progress import LastView, ProgressStore

EPISODES = {Ep(1, n) for n in range(1, 11)} | {Ep(2, n) for n in range(1, 11)}


def store_at(tmp_path: Path) -> ProgressStore:
    return ProgressStore(tmp_path / "conf" / "progress.toml", lambda ep: ep in EPISODES)


def test_missing_file_means_no_progress(tmp_path: Path) -> None:
    assert store_at(tmp_path).get("default").progress is None


def test_profiles_are_kept_apart_in_one_file(tmp_path: Path) -> None:
    store = store_at(tmp_path)
    store.set_progress("ana", Ep(2, 6))
    store.set_progress("ben", Ep(1, 3))
    store.set_last_view("ana", LastView("character", "margo-madison"))
    fresh = store_at(tmp_path)
    assert fresh.get("ana").progress == Ep(2, 6)
    assert fresh.get("ana").last_view == LastView("character", "margo-madison")
    assert fresh.get("ben").progress == Ep(1, 3)
    assert fresh.get("ben").last_view is None
    store.set_progress("ana", None)
    assert fresh.get("ana").progress is None and fresh.get("ben").progress == Ep(1, 3)


def test_writes_are_atomic_and_leave_no_temp_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = store_at(tmp_path)
    store.set_progress("default", Ep(1, 1))
    before = store.path.read_bytes()
    calls = []
    real_replace = os.replace

    def failing_replace(src, dst):
        calls.append((src, dst))
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError):
        store.set_progress("default", Ep(1, 2))
    monkeypatch.setattr(os, "replace", real_replace)
    assert calls and Path(calls[0][0]).parent == store.path.parent
    assert store.path.read_bytes() == before
    assert sorted(p.name for p in store.path.parent.iterdir()) == ["progress.toml", "progress.toml.lock"]


def test_leftover_temp_files_are_cleaned_by_the_next_writer(tmp_path: Path) -> None:
    store = store_at(tmp_path)
    store.set_progress("default", Ep(1, 1))
    leftover = store.path.parent / ".progress.toml.abc123.tmp"
    leftover.write_text("half a fi")
    store.set_progress("default", Ep(1, 2))
    assert not leftover.exists()
    assert store.get("default").progress == Ep(1, 2)


BROKEN = {
    "bad toml": 'profiles = {\n',
    "wrong type": '[profiles.default]\nprogress = 7\n',
    "unknown key": '[profiles.default]\nprogres = "S1E1"\n',
    "unknown top key": 'version = 2\n',
    "unknown episode": '[profiles.default]\nprogress = "S9E1"\n',
    "not a code": '[profiles.default]\nprogress = "yesterday"\n',
    "bad profile name": '[profiles."a b"]\nprogress = "S1E1"\n',
    "bad last view": '[profiles.default]\nlast_view = 3\n',
    "empty": '',
    "nul": 'progress = "S1E1"\x00\n',
}


@pytest.mark.parametrize("content", BROKEN.values(), ids=BROKEN.keys())
def test_broken_file_is_reported_and_never_rewritten(tmp_path: Path, content: str) -> None:
    store = store_at(tmp_path)
    store.path.parent.mkdir(parents=True)
    store.path.write_text(content)
    before = store.path.read_bytes()
    with pytest.raises(FamtuiError) as info:
        store.get("default")
    message = str(info.value)
    assert "\n" not in message and str(store.path) in message
    with pytest.raises(FamtuiError):
        store.set_progress("default", Ep(1, 1))
    assert store.path.read_bytes() == before


def test_unknown_key_suggests_the_right_one(tmp_path: Path) -> None:
    store = store_at(tmp_path)
    store.path.parent.mkdir(parents=True)
    store.path.write_text('[profiles.default]\nprogres = "S1E1"\n')
    with pytest.raises(FamtuiError, match="did you mean 'progress'"):
        store.get("default")
