"""A Rust class in Python's sequence and mapping protocols, checked against a list and a dict."""

import ast
import pathlib

import pytest

import py_container
from py_container import Row

COLUMNS = ["id", "x", "y", "z", "w"]
VALUES = [7, 3, -4, 3, 12]


def make():
    """A fresh Row, and the list and dict it should behave like."""
    return Row(COLUMNS, VALUES), list(VALUES), dict(zip(COLUMNS, VALUES))


def test_len_is_the_number_of_values():
    assert len(Row(COLUMNS, VALUES)) == 5
    assert len(Row([], [])) == 0


def test_an_int_index_gets_what_the_list_gets_negative_ones_too():
    row, values, _ = make()
    assert [row[i] for i in range(-5, 5)] == [values[i] for i in range(-5, 5)]


@pytest.mark.parametrize("index", [5, 6, 100, -6, -100])
def test_an_index_out_of_range_raises_index_error_like_the_list(index):
    row, values, _ = make()
    with pytest.raises(IndexError):
        values[index]
    with pytest.raises(IndexError, match="out of range"):
        row[index]


BOUNDS = [None, *range(-7, 8)]


@pytest.mark.parametrize("step", [None, 1, 2, 3, -1, -2, -3])
def test_every_slice_gives_what_the_list_gives(step):
    row, values, _ = make()
    wrong = [
        (start, stop, row[start:stop:step], values[start:stop:step])
        for start in BOUNDS
        for stop in BOUNDS
        if row[start:stop:step] != values[start:stop:step]
    ]
    assert wrong == [], "(start, stop, the row's slice, the list's slice) that differ"


def test_a_slice_is_a_new_list_of_the_values():
    row, _, _ = make()
    assert type(row[1:3]) is list
    assert row[::-1] == VALUES[::-1]
    assert row[10:] == []


def test_a_slice_with_step_zero_raises_value_error_like_the_list():
    row, values, _ = make()
    with pytest.raises(ValueError):
        values[::0]
    with pytest.raises(ValueError):
        row[::0]


def test_a_column_name_gets_what_the_dict_gets():
    row, _, by_name = make()
    assert {name: row[name] for name in COLUMNS} == by_name


def test_an_unknown_column_name_raises_key_error_with_the_name_like_the_dict():
    row, _, by_name = make()
    with pytest.raises(KeyError):
        by_name["v"]
    with pytest.raises(KeyError) as excinfo:
        row["v"]
    assert excinfo.value.args == ("v",)


def test_setting_by_index_and_by_name_changes_what_the_list_and_dict_would():
    row, values, by_name = make()
    row[1] = 30
    values[1] = 30
    row[-1] = 120
    values[-1] = 120
    row["y"] = 40
    values[COLUMNS.index("y")] = 40
    assert [row[i] for i in range(5)] == values
    assert row["x"] == 30 and row["w"] == 120


def test_setting_out_of_range_raises_and_changes_nothing():
    row, _, _ = make()
    row[0] = 70  # a good assignment first
    with pytest.raises(IndexError):
        row[5] = 1
    with pytest.raises(IndexError):
        row[-6] = 1
    with pytest.raises(KeyError):
        row["v"] = 1
    with pytest.raises(TypeError):
        row[1:3] = [1, 2]
    assert [row[i] for i in range(5)] == [70, *VALUES[1:]]


def test_in_looks_among_the_values_like_the_list():
    row, values, _ = make()
    for value in [-4, 3, 12, 0, 5, -100]:
        assert (value in row) == (value in values), value


def test_for_and_list_walk_the_values_with_getitem_until_index_error():
    # Row has no __iter__: Python falls back on __getitem__(0), (1), ... until IndexError.
    row, values, _ = make()
    assert list(row) == values
    assert [value for value in Row(["a"], [1])] == [1]


def test_every_method_in_the_type_stub_exists_in_the_module(exercise_dir):
    stub = ast.parse(pathlib.Path(exercise_dir, "py_container.pyi").read_text())
    classes = [node for node in stub.body if isinstance(node, ast.ClassDef)]
    assert classes, "the stub declares no class"
    missing = []
    for declared in classes:
        actual = getattr(py_container, declared.name, None)
        if not isinstance(actual, type):
            missing.append(declared.name)
            continue
        for item in declared.body:
            if isinstance(item, ast.FunctionDef) and not hasattr(actual, item.name):
                missing.append(f"{declared.name}.{item.name}")
    assert missing == []
