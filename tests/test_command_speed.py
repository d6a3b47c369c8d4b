"""What makes the commands fast changes nothing they answer.

- a command's parser knows only that command, and parses exactly as the whole one;
- ``search`` indexes only what the view may see, and finds exactly what a whole index finds;
- a command imports neither ``dataclasses`` (nor ``inspect``) nor ``shutil``.
"""

from __future__ import annotations

import argparse
import functools
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from famtui.arguments import _COMMAND_PARSERS, build_parser, chosen_command
from famtui.errors import FamtuiError
from famtui.gate import Show, TitleRules
from famtui.search import SearchIndex
from tests.conftest import DATA, MINI, ROOT
from tests.test_guidecache import _age

# -- the parser ------------------------------------------------------------------------

TOKENS = ["progress", "set", "S2E6", "none", "recap", "search", "aleda", "--json", "--limit", "3",
          "character", "ed", "--config", "--config=x.toml", "--conf", "--profile", "--p", "kids",
          "--as-of", "--as", "--data", "--d", "d/", "--help", "-h", "--version", "--", "watched",
          "import", "--list", "check-data", "--stats", "map", "relations", "--kind", "spouse",
          "episodes", "nosuch", "-x", "", "--=", "--da=y"]


def _parse(parser: argparse.ArgumentParser, argv: list[str]) -> tuple[str, object]:
    try:
        return "ok", vars(parser.parse_args(argv))
    except SystemExit as exc:
        return "exit", exc.code


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(argv=st.lists(st.sampled_from(TOKENS), max_size=6))
def test_a_commands_own_parser_parses_as_the_whole_one(argv: list[str],
                                                       capsys: pytest.CaptureFixture) -> None:
    only = chosen_command(argv)
    whole = _parse(build_parser(), argv)
    whole_out = capsys.readouterr()
    if only is None:
        return
    assert _parse(build_parser(only), argv) == whole
    assert capsys.readouterr() == whole_out  # errors and help, word for word


@pytest.mark.parametrize(("argv", "command"), [
    (["progress"], "progress"),
    (["--profile", "search", "recap", "S2E6"], "recap"),
    (["--as", "S1E1", "search", "x"], "search"),
    (["--data=d", "episodes"], "episodes"),
    (["--help"], None),
    (["--version", "progress"], None),
    (["-h", "progress"], None),
    (["--", "progress"], None),
    (["nosuch", "progress"], None),
    ([], ""),  # the app: global options alone
    (["--profile", "kids", "--data=d"], ""),
    (["--profile"], ""),  # the missing value is the parser's to report, as the whole one would
])
def test_the_chosen_command(argv: list[str], command: str | None) -> None:
    assert chosen_command(argv) == command


def test_the_app_without_arguments_gets_what_an_empty_command_line_parses_to() -> None:
    from famtui.entry import app_arguments

    empty = vars(build_parser().parse_args([]))
    assert vars(app_arguments()) == vars(build_parser("").parse_args([])) == empty


def test_the_app_started_alone_imports_no_argument_parser(tmp_path: Path) -> None:
    code = ("import sys, famtui.entry as e\n"
            "e.has_terminal = lambda: False\n"  # stops before the app, then loads what it loads
            "e.main([])\n"
            "from famtui.context import Context\n"
            "from famtui.tui.app import FamtuiApp\n"
            "FamtuiApp(Context(e.app_arguments()))\n"
            "print(sorted(m for m in ('argparse', 'famtui.arguments', 'famtui.cli') if m in sys.modules))")
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_CACHE_HOME": str(tmp_path / "cache"), "XDG_DATA_HOME": str(tmp_path / "data")}
    env.pop("FAMTUI_CONFIG", None)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env)
    assert done.stdout.strip() == "[]", done.stderr


def test_every_command_has_its_own_parser() -> None:
    whole = build_parser()
    sub = next(a for a in whole._actions if isinstance(a, argparse._SubParsersAction))
    assert list(sub.choices) == list(_COMMAND_PARSERS)
    for name in _COMMAND_PARSERS:
        only = next(a for a in build_parser(name)._actions if isinstance(a, argparse._SubParsersAction))
        assert list(only.choices) == [name]


# -- search over the visible prefix ----------------------------------------------------


@functools.cache
def _show(root: Path) -> Show:
    return Show.load(root)


@functools.cache
def _whole(root: Path, rules: TitleRules) -> SearchIndex:
    return SearchIndex(_show(root), rules)


@functools.cache
def _words(root: Path) -> list[str]:
    words = {w for doc in _show(root).documents() for w in doc.text.split()}
    return sorted(words)


def _same_hits(root: Path, data: st.DataObject) -> None:
    try:
        show = _show(root)
    except FamtuiError as exc:  # the guide is edited by others; `famtui check-data` reports it
        pytest.skip(f"the guide does not load right now: {exc}")
    rules = TitleRules(data.draw(st.booleans(), label="show_next"), data.draw(st.booleans(), label="hide"))
    progress = data.draw(st.integers(-1, show.size - 1), label="progress")
    view = show.view(show.episode_at(progress), rules)
    words = data.draw(st.lists(st.sampled_from(_words(root)), min_size=1, max_size=3), label="words")
    query = " ".join(w[: data.draw(st.integers(2, max(2, len(w))))] for w in words)
    limit = data.draw(st.sampled_from([1, 5, 20]), label="limit")
    prefix = SearchIndex(show, rules, upto=view.horizon)
    assert len(prefix.docs) <= len(_whole(root, rules).docs)
    assert prefix.search(view, query, limit) == _whole(root, rules).search(view, query, limit)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_an_index_of_the_visible_prefix_finds_what_a_whole_one_finds_fixture(data: st.DataObject) -> None:
    _same_hits(MINI, data)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_an_index_of_the_visible_prefix_finds_what_a_whole_one_finds_real_guide(data: st.DataObject) -> None:
    _same_hits(DATA, data)


def test_an_index_of_a_prefix_refuses_a_later_view() -> None:
    show = _show(MINI)
    early = show.view(show.first)
    index = SearchIndex(show, upto=early.horizon)
    assert index.search(early, "a") is not None
    with pytest.raises(ValueError):
        index.search(show.view(show.last), "a")


# -- what a command imports ------------------------------------------------------------

PROBE = """\
import sys
from famtui.entry import main
code = main(sys.argv[1:])
heavy = sorted(m for m in ("dataclasses", "inspect", "shutil", "textual", "rich") if m in sys.modules)
sys.stderr.write("imported: " + ",".join(heavy) + "\\n")
"""


@pytest.mark.parametrize("command", [["progress"], ["recap", "S1E1"], ["search", "alice"], ["episodes"]])
def test_a_command_does_not_import_dataclasses_or_shutil(command: list[str], mini: Path) -> None:
    _age(mini)  # a guide this fresh is not compiled
    argv = [sys.executable, "-c", PROBE, "--data", str(mini), "--as-of", "S1E2", *command]
    subprocess.run(argv, capture_output=True, check=True, cwd=ROOT, timeout=60)  # compiles the guide
    run = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT, timeout=60)  # as every later run
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip()
    assert run.stderr.strip().splitlines()[-1] == "imported:", run.stderr
