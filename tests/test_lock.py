"""The lock file CI installs from: every dependency pinned, hashed and within pyproject's ranges."""

from __future__ import annotations

import re
import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import ROOT

LOCK = ROOT / "requirements-test.lock"


def pins() -> dict[str, tuple[str, int]]:
    """name -> (version, number of hashes)."""
    out: dict[str, tuple[str, int]] = {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", LOCK.read_text()):
        head = re.match(r"([A-Za-z0-9_.\-]+)==([^\s\\;]+)", block)
        if head:
            out[canonicalize_name(head.group(1))] = (head.group(2), block.count("--hash=sha256:"))
    return out


def test_every_dependency_is_pinned_with_hashes_within_its_range() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = [Requirement(r) for r in project["dependencies"] + project["optional-dependencies"]["test"]]
    locked = pins()
    assert locked, "the lock file pins nothing"
    for requirement in wanted:
        version, hashes = locked[canonicalize_name(requirement.name)]
        assert requirement.specifier.contains(version, prereleases=True), (requirement, version)
        assert hashes > 0, requirement.name
    assert all(hashes > 0 for _, hashes in locked.values())  # --require-hashes needs every one


def test_make_and_ci_install_from_the_lock() -> None:
    makefile = (ROOT / "Makefile").read_text()
    assert "--require-hashes -r $(LOCK)" in makefile and "LOCK   := requirements-test.lock" in makefile
    assert "make test" in (ROOT / ".ci" / "run").read_text()  # which installs from the lock
