"""Record: the core's value classes behave as the frozen dataclasses they replace."""

from __future__ import annotations

import copy
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from famtui.model import Catalog, Fact
from famtui.record import FrozenInstanceError, Record, as_dict, field_types, is_record, replace


class Point(Record):
    x: int
    y: int
    label: str = "p"


class Box(Record, frozen=False):
    width: int
    items: list[int]
    _derived: int

    def __post_init__(self) -> None:
        self._derived = self.width * 2


def test_fields_defaults_and_arguments() -> None:
    assert Point._fields == ("x", "y", "label")
    assert field_types(Point) == {"x": "int", "y": "int", "label": "str"}
    assert Point(1, 2).label == "p"
    assert Point(1, y=2, label="q") == Point(1, 2, "q") == Point(label="q", y=2, x=1)
    for bad in ((), (1,), (1, 2, "q", 4)):
        with pytest.raises(TypeError):
            Point(*bad)
    with pytest.raises(TypeError):
        Point(1, 2, z=3)
    with pytest.raises(TypeError):
        Point(1, 2, x=3)


def test_a_field_without_a_default_after_one_with_a_default_is_refused() -> None:
    with pytest.raises(TypeError):
        class Bad(Record):  # defining it is the test
            a: int = 1
            b: int


def test_frozen_eq_hash_repr() -> None:
    p = Point(1, 2)
    with pytest.raises(FrozenInstanceError):
        p.x = 3  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del p.y
    assert p == Point(1, 2) and p != Point(1, 3) and p != (1, 2, "p")
    assert hash(p) == hash(Point(1, 2)) and len({p, Point(1, 2), Point(2, 1)}) == 2
    assert repr(p) == "Point(x=1, y=2, label='p')"


class Other(Record):
    x: int
    y: int
    label: str = "p"


def test_records_of_other_classes_are_never_equal() -> None:
    assert Point(1, 2) != Other(1, 2)


@given(st.integers(), st.integers(), st.text(), st.integers(), st.integers(), st.text())
def test_equality_and_hash_follow_the_fields(x1: int, y1: int, l1: str, x2: int, y2: int, l2: str) -> None:
    a, b = Point(x1, y1, l1), Point(x2, y2, l2)
    assert (a == b) == ((x1, y1, l1) == (x2, y2, l2))
    if a == b:
        assert hash(a) == hash(b)


def test_mutable_record_post_init_and_private_state() -> None:
    box = Box(3, [1])
    assert box._derived == 6 and Box._fields == ("width", "items")
    box.width = 4
    assert box.width == 4 and box == Box(4, [1])
    with pytest.raises(TypeError):
        hash(box)


def test_replace_as_dict_copy_and_pickle() -> None:
    p = Point(1, 2)
    assert replace(p, y=5) == Point(1, 5) and p == Point(1, 2)
    with pytest.raises(TypeError):
        replace(p, z=1)
    assert as_dict(p) == {"x": 1, "y": 2, "label": "p"}
    assert copy.copy(p) == p and copy.deepcopy(p) == p and pickle.loads(pickle.dumps(p)) == p


def test_the_model_is_made_of_records() -> None:
    assert is_record(Catalog) and is_record(Fact) and not is_record(Record) and not is_record(Point(1, 2))
    assert "_index" not in Catalog._fields


class Later(Record):
    name: str
    parts: tuple[int, ...]
    tags: tuple[str, ...] = ()


def _stored_later(name: str, parts: tuple, tags: tuple, calls: list[str]) -> Later:
    """A Later whose parts and tags are left to decode on first use, as the compiled guide
    leaves an entity's facts (famtui.guidecache)."""
    obj = object.__new__(Later)

    def decode(field: str):
        def run(stored: tuple) -> tuple:
            calls.append(field)
            return tuple(stored)
        return run

    obj.__dict__.update(name=name, _lazy={"parts": (decode("parts"), list(parts)),
                                          "tags": (decode("tags"), list(tags))})
    return obj


def test_a_field_left_to_decode_is_decoded_once_on_first_read() -> None:
    calls: list[str] = []
    later = _stored_later("a", (1, 2), ("x",), calls)
    assert calls == []
    assert later.parts == (1, 2) and later.parts == (1, 2)  # a field without a default
    assert later.tags == ("x",)  # a field with a default (a class attribute)
    assert calls == ["parts", "tags"]
    assert later == Later("a", (1, 2), ("x",)) and hash(later) == hash(Later("a", (1, 2), ("x",)))
    assert Later.tags == ()  # the default, read on the class, is still the value
    with pytest.raises(AttributeError):
        _ = later.nothing


def test_equality_and_repr_decode_what_they_read() -> None:
    calls: list[str] = []
    assert repr(_stored_later("b", (3,), (), calls)) == "Later(name='b', parts=(3,), tags=())"
    assert _stored_later("b", (3,), (), []) != Later("b", (4,), ())
