"""Architecture rules: a headless core, and one module that reads the raw catalog."""

import ast
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "famtui"
# Modules allowed to touch the raw catalog: the loader, the linter, the gate, the data checker and
# the compiled guide (which stores what the loader read).
RAW_READERS = {"model", "loader", "lint", "gate", "datacheck", "guidecache"}
RAW_MODULES = {"famtui.model", "famtui.loader", "famtui.lint", "famtui.datacheck"}
CORE = [
    "famtui.episodes",
    "famtui.model",
    "famtui.loader",
    "famtui.lint",
    "famtui.gate",
    "famtui.guidecache",
    "famtui.search",
    "famtui.progress",
    "famtui.config",
    "famtui.locations",
    "famtui.imports",
    "famtui.cli",
    "famtui.arguments",
    "famtui.context",
    "famtui.entry",
    "famtui.datacheck",
    "famtui.graph",
    "famtui.maplayout",
    "famtui.cli_relations",
]


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_only_the_gate_and_loader_read_the_raw_catalog() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        name = path.relative_to(PACKAGE).with_suffix("").as_posix().replace("/", ".")
        if name in RAW_READERS:
            continue
        raw = {m for m in _imports(path) if any(m == r or m.startswith(r + ".") for r in RAW_MODULES)}
        allowed = {"famtui.datacheck", "famtui.datacheck.check"} if name == "cli" else set()
        if raw - allowed:
            offenders.append(f"{name}: {sorted(raw - allowed)}")
    assert offenders == []


def test_nothing_outside_the_gate_touches_its_private_catalog() -> None:
    for path in PACKAGE.rglob("*.py"):
        if path.stem != "gate":
            assert "._catalog" not in path.read_text(), path


def test_headless_core_does_not_import_textual() -> None:
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in CORE)
        + "from famtui.cli import main\n"
        + "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        + "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == ""


def _module_imports(module: str) -> set[str]:
    return _imports(PACKAGE / (module.replace(".", "/") + ".py"))


def test_the_faces_stand_on_the_core_not_on_each_other() -> None:
    """The app never imports the CLI, the CLI never imports the app; only the entry point picks."""
    tui = [p for p in (PACKAGE / "tui").rglob("*.py")]
    for path in tui:
        assert not any(m == "famtui.cli" or m.startswith("famtui.cli.") for m in _imports(path)), path
    assert not any(m.startswith("famtui.tui") for m in _module_imports("cli")), "cli imports the app"
    assert not any(m.startswith(("famtui.tui", "famtui.cli")) for m in _module_imports("context"))
    choosers = [p for p in PACKAGE.rglob("*.py")
                if any(m.startswith("famtui.tui") for m in _imports(p)) and "tui" not in p.parts
                and "bench" not in p.parts]
    assert [p.name for p in choosers] == ["entry.py"]


def test_nothing_unpickles() -> None:
    """The compiled guide is plain data (marshal); nothing that runs code on load is imported."""
    banned = {"pickle", "_pickle", "shelve", "dill", "cloudpickle", "jsonpickle"}
    for path in PACKAGE.rglob("*.py"):
        assert not {m.split(".")[0] for m in _imports(path)} & banned, path


def test_a_warm_command_imports_only_what_it_needs(tmp_path: Path, mini: Path) -> None:
    """With the guide compiled: no TOML loader, no linter, no rapidfuzz, no Textual, no tempfile."""
    import os
    import time

    past = time.time() - 3600
    for folder, _, files in os.walk(mini):
        for name in files:
            os.utime(Path(folder) / name, (past, past))
    code = (
        "import sys, io, contextlib\n"
        "from famtui.entry import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['--data', {str(mini)!r}, '--as-of', 'S1E2', sys.argv[1], *sys.argv[2:]]) == 0\n"
        "heavy = ('textual', 'rich', 'rapidfuzz', 'famtui.loader', 'famtui.lint',\n"
        "         'tempfile', 'famtui.search', 'famtui.mentions')\n"
        "print(','.join(m for m in heavy if m in sys.modules))\n"
    )
    env = {**os.environ}
    for command in (["episodes"], ["episodes"], ["recap", "S1E1"], ["progress"], ["characters"]):
        result = subprocess.run([sys.executable, "-c", code, *command], capture_output=True, text=True,
                                cwd=ROOT, env=env, check=True)
        loaded = result.stdout.strip()
        if command == ["episodes"] and "famtui.loader" in loaded:
            continue  # the first run reads the TOML and compiles the guide
        assert loaded == "", (command, loaded)
