"""Bound and Py: changing the caller's own objects, and keeping one after the call returns."""

import ast
import collections
import gc
import pathlib
import sys
import weakref

import pytest

import py_handles
from py_handles import append_squares, count_into


class Log(list):
    """A list that a weakref can point to (a plain list cannot)."""


@pytest.fixture
def make_recorder():
    """The class `py_handles.Recorder`, or a failure that says why it is missing."""
    cls = getattr(py_handles, "Recorder", None)
    if cls is None:
        pytest.fail(
            "py_handles has no Recorder yet: write its methods, then add Recorder to the "
            "#[pymodule_export] list in src/lib.rs",
            pytrace=False,
        )
    return cls


def test_count_into_changes_the_callers_dict_in_place():
    counts = {"the": 10, "unrelated": 7}
    identity = id(counts)
    result = count_into(counts, "the cat sat on the mat".split())
    assert result is None, "count_into changes the dict it was given; it returns nothing"
    assert id(counts) == identity
    assert counts == {"the": 12, "unrelated": 7, "cat": 1, "sat": 1, "on": 1, "mat": 1}


def test_count_into_keeps_a_dict_subclass_and_its_type():
    counts = collections.Counter({"a": 1})
    count_into(counts, ["a", "b"])
    assert type(counts) is collections.Counter
    assert counts == collections.Counter({"a": 2, "b": 1})


def test_count_into_raises_type_error_for_a_count_that_is_not_an_int():
    counts = {"a": "many"}
    with pytest.raises(TypeError):
        count_into(counts, ["a"])
    assert counts == {"a": "many"}


def test_append_squares_extends_the_callers_list():
    target = ["kept"]
    identity = id(target)
    n = 2500  # more than one batch
    assert append_squares(target, n) is None
    assert id(target) == identity
    assert target == ["kept"] + [i * i for i in range(n)]


def test_append_squares_lets_go_of_the_list_when_it_returns():
    target = []
    before = sys.getrefcount(target)
    append_squares(target, 10)
    assert sys.getrefcount(target) == before, "the handle taken across detach must be released"


def test_a_recorder_appends_to_the_very_list_it_was_given(make_recorder):
    log = []
    recorder = make_recorder(log)
    item = {"event": "start"}
    recorder.record(item)
    recorder.record(2)
    assert log == [item, 2], "record must append to the caller's list, not to a copy of it"
    assert recorder.target is log, "target must be the list given to Recorder(...), not a copy"
    assert log[0] is item, "record appends the object itself, not a copy"


def test_a_recorder_holds_exactly_one_reference_to_its_list(make_recorder):
    log = []
    before = sys.getrefcount(log)
    recorder = make_recorder(log)
    assert sys.getrefcount(log) == before + 1
    del recorder
    assert sys.getrefcount(log) == before


def test_the_kept_list_outlives_the_callers_reference_and_dies_with_the_recorder(make_recorder):
    log = Log()
    alive = weakref.ref(log)
    recorder = make_recorder(log)
    del log
    gc.collect()
    assert alive() is not None, "the Recorder must keep the list alive on its own"
    recorder.record("later")
    assert alive() == ["later"]
    del recorder
    gc.collect()
    assert alive() is None, "the list must be freed with the Recorder"


def test_a_recorder_refuses_what_is_not_a_list(make_recorder):
    with pytest.raises(TypeError):
        make_recorder({"not": "a list"})


def test_every_name_in_the_type_stub_exists_in_the_module(exercise_dir):
    stub = ast.parse(pathlib.Path(exercise_dir, "py_handles.pyi").read_text())
    names = [
        node.name for node in stub.body if isinstance(node, (ast.FunctionDef, ast.ClassDef))
    ]
    assert names, "the stub declares nothing"
    missing = [name for name in names if not callable(getattr(py_handles, name, None))]
    assert missing == []
