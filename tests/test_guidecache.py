"""The compiled guide: served while the data is unchanged, rebuilt the moment anything changes."""

from __future__ import annotations

import dataclasses
import marshal
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import famtui.loader
from famtui import guidecache, model
from famtui.gate import Show
from famtui.record import field_types, is_record
from tests.conftest import DATA, MINI


def _age(root: Path, seconds: float = 3600) -> None:
    """Date every file back, as a guide installed a while ago (fresh files are never cached)."""
    past = time.time() - seconds
    for folder, _, files in os.walk(root):
        for name in files:
            os.utime(Path(folder) / name, (past, past))


@pytest.fixture
def guide(tmp_path: Path) -> Path:
    root = tmp_path / "guide"
    shutil.copytree(MINI, root)
    _age(root)
    return root


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every time the guide is read from TOML (a miss of the compiled guide)."""
    calls: list[Path] = []
    real = famtui.loader.load_catalog

    def spy(root: Path) -> model.Catalog:
        calls.append(root)
        return real(root)

    monkeypatch.setattr(famtui.loader, "load_catalog", spy)
    return calls


def _cache_file(root: Path) -> Path:
    state = guidecache.stamp(root)
    assert state is not None
    return state.path


def _titles(root: Path) -> list[str | None]:
    show = Show.load(root)
    return [line.title for line in show.view(show.last).episodes()]


def test_the_second_load_is_served_compiled_and_equal(guide: Path, loads: list[Path]) -> None:
    first = Show.load(guide)
    assert _cache_file(guide).is_file()
    second = Show.load(guide)
    assert len(loads) == 1
    assert second._catalog == first._catalog
    assert second._appearances == first._appearances
    view_a, view_b = first.view(first.last), second.view(second.last)
    assert view_a.entities() == view_b.entities()
    pages = [view_a.entity(s.id) for s in view_a.entities()]
    assert pages == [view_b.entity(s.id) for s in view_b.entities()]


def test_lists_of_records_are_built_when_first_read(guide: Path) -> None:
    """An entity's facts, bio, roles... (most of a guide) are decoded on first use, once,
    the same from any thread."""
    from concurrent.futures import ThreadPoolExecutor

    first = Show.load(guide)
    second = Show.load(guide)
    entity = next(iter(second._catalog.entities.values()))
    left = [name for name in ("facts", "bio", "roles", "relations") if name not in vars(entity)]
    assert left, "nothing was left to decode on first use"
    original = first._catalog.entities[entity.id]
    with ThreadPoolExecutor(4) as pool:
        seen = list(pool.map(lambda name: getattr(entity, name), left * 8))
    assert seen == [getattr(original, name) for name in left * 8]
    assert all(name in vars(entity) for name in left)  # kept: decoded once


def test_the_real_guide_round_trips() -> None:
    show = Show.load(DATA)
    compiled = guidecache.CompiledGuide(show._catalog, show._appearances)
    again = guidecache.decode(guidecache.encode(compiled))
    assert again == compiled
    assert type(again.catalog.episodes[0].ep) is type(compiled.catalog.episodes[0].ep)


def test_an_edited_file_is_seen_at_once(guide: Path, loads: list[Path]) -> None:
    before = _titles(guide)
    path = guide / "episodes" / "s1e01.toml"
    path.write_text(path.read_text().replace(f'title = "{before[0]}"', 'title = "A New Title"'))
    assert _titles(guide)[0] == "A New Title"
    assert len(loads) == 2


def test_an_edit_keeping_the_size_is_seen(guide: Path, loads: list[Path]) -> None:
    """Same size, a different mtime (even one in the past): the key changes."""
    before = _titles(guide)
    path = guide / "episodes" / "s1e01.toml"
    text = path.read_text()
    swapped = before[0][::-1]
    path.write_text(text.replace(f'title = "{before[0]}"', f'title = "{swapped}"'))
    assert len(path.read_text()) == len(text)
    _age(guide, 7200)
    assert _titles(guide)[0] == swapped
    assert len(loads) == 2


def test_an_added_and_a_deleted_file_are_seen(guide: Path, loads: list[Path]) -> None:
    show = Show.load(guide)
    ids = {s.id for s in show.view(show.last).entities()}
    extra = guide / "characters" / "zed-new.toml"
    extra.write_text(f'id = "zed-new"\nkind = "character"\nname = "Zed New"\nfirst_seen = "{show.first}"\n')
    _age(guide)
    show = Show.load(guide)
    assert {s.id for s in show.view(show.last).entities()} == ids | {"zed-new"}
    extra.unlink()
    show = Show.load(guide)
    assert {s.id for s in show.view(show.last).entities()} == ids
    assert len(loads) == 3


def test_another_data_directory_is_another_guide(guide: Path, tmp_path: Path, loads: list[Path]) -> None:
    other = tmp_path / "other"
    shutil.copytree(guide, other)
    path = other / "episodes" / "s1e01.toml"
    first_title = _titles(guide)[0]
    path.write_text(path.read_text().replace(f'title = "{first_title}"', 'title = "Elsewhere"'))
    _age(other)
    assert _titles(other)[0] == "Elsewhere"
    assert _titles(guide)[0] == first_title
    assert _titles(other)[0] == "Elsewhere"
    assert _cache_file(guide) != _cache_file(other)
    assert len(loads) == 2  # each directory compiled once, then served


def test_a_new_famtui_version_recompiles(guide: Path, loads: list[Path],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    Show.load(guide)
    monkeypatch.setattr(guidecache, "__version__", "99.0.0")
    Show.load(guide)
    Show.load(guide)
    assert len(loads) == 2


def test_a_new_schema_recompiles(guide: Path, loads: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    Show.load(guide)
    monkeypatch.setattr(guidecache, "schema", lambda: "a model with one more field")
    Show.load(guide)
    assert len(loads) == 2


def test_the_schema_names_every_field_of_the_model() -> None:
    """Derived from the classes: a field added to the model changes the key with no list to edit."""
    text = guidecache.schema()
    classes = [cls for cls in vars(model).values()
               if is_record(cls) and cls.__module__ == model.__name__]
    assert {"Catalog", "Episode", "Entity", "Relation"} <= {cls.__name__ for cls in classes}
    for cls in classes:
        assert f"{cls.__module__}.{cls.__qualname__}(" in text, cls.__name__
        for name in field_types(cls):
            assert f"{name}:" in text, (cls.__name__, name)


def test_a_type_the_codec_cannot_store_is_refused_not_guessed() -> None:
    @dataclasses.dataclass(frozen=True)
    class Odd:
        value: complex

    with pytest.raises(guidecache.Unsupported):
        guidecache._codecs(Odd, {})


def _valid_header(root: Path, payload: bytes) -> bytes:
    state = guidecache.stamp(root)
    assert state is not None
    return guidecache.MAGIC + state.key + guidecache.check_bytes(payload) + payload


BAD_FILES: dict[str, Callable[[Path, bytes], bytes]] = {
    "empty": lambda root, blob: b"",
    "truncated": lambda root, blob: blob[: len(blob) // 2],
    "header only": lambda root, blob: blob[: len(guidecache.MAGIC) + 10],
    "one byte flipped": lambda root, blob: blob[:-20] + bytes([blob[-20] ^ 0xFF]) + blob[-19:],
    "foreign": lambda root, blob: b"\x89PNG\r\n\x1a\n" + os.urandom(500),
    "random": lambda root, blob: os.urandom(len(blob)),
    "another key": lambda root, blob: guidecache.MAGIC + b"\0" * 32 + blob[len(guidecache.MAGIC) + 32:],
    # A file that passes every check but holds the wrong shape, or code: never run, ignored.
    "wrong shape": lambda root, blob: _valid_header(root, marshal.dumps(("not", "a", "guide"))),
    "code object": lambda root, blob: _valid_header(
        root, marshal.dumps(compile("raise SystemExit('ran')", "cache", "exec"))),
}


@pytest.mark.parametrize("damage", list(BAD_FILES), ids=list(BAD_FILES))
def test_a_corrupt_cache_file_is_ignored_and_rebuilt(guide: Path, loads: list[Path], damage: str) -> None:
    expected = _titles(guide)
    cache = _cache_file(guide)
    cache.write_bytes(BAD_FILES[damage](guide, cache.read_bytes()))
    assert _titles(guide) == expected
    assert len(loads) == 2
    assert _titles(guide) == expected  # rebuilt: served again
    assert len(loads) == 2


def test_a_corrupt_cache_is_no_error_for_a_command(mini_cli, mini: Path) -> None:
    _age(mini)
    first = mini_cli("episodes", "--as-of", "S1E2")
    assert first.code == 0
    cache = _cache_file(mini)
    cache.write_bytes(cache.read_bytes()[:100])
    again = mini_cli("episodes", "--as-of", "S1E2")
    assert (again.code, again.out, again.err) == (0, first.out, "")


def test_an_unwritable_cache_directory_still_loads(guide: Path, loads: list[Path],
                                                   monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache directory would be")
    monkeypatch.setattr(guidecache, "cache_dir", lambda: blocker / "guides")
    assert _titles(guide) == _titles(guide)
    assert len(loads) == 2


def test_a_guide_written_just_now_is_not_compiled_until_it_settles(tmp_path: Path, loads: list[Path]) -> None:
    """An mtime may not change on a second edit within the same clock tick: fresh files are not cached."""
    root = tmp_path / "fresh"
    shutil.copytree(MINI, root)
    os.utime(root / "episodes" / "s1e01.toml")  # just now
    Show.load(root)
    assert not _cache_file(root).exists()
    _age(root)
    Show.load(root)
    Show.load(root)
    assert len(loads) == 3 - 1


def test_a_change_to_the_code_that_builds_it_makes_it_stale(monkeypatch) -> None:
    """A development checkout or an upgrade that keeps the version: new gate code, new key."""
    from famtui import guidecache

    before = guidecache._code()
    real_stat = Path.stat

    def touched(self: Path, *args, **kwargs):
        info = real_stat(self, *args, **kwargs)
        if self.name == "gate.py":
            return os.stat_result((*info[:6], info.st_size + 1, *info[7:10]))
        return info

    monkeypatch.setattr(Path, "stat", touched)
    assert guidecache._code() != before
