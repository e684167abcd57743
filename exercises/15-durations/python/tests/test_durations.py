"""Rust `Result` errors arrive in Python as exceptions of the right class."""

import ast
import builtins
import pathlib

import pytest

import durations
from durations import UnknownUnitError, parse_duration


def test_parses_seconds_minutes_hours_and_days():
    assert [parse_duration(t) for t in ["90s", "2m", "1h", "1d"]] == [90, 120, 3600, 86400]


def test_adds_up_several_parts():
    assert parse_duration("1h30m") == 5400


def test_empty_text_raises_value_error():
    with pytest.raises(ValueError, match="empty duration"):
        parse_duration("")


def test_a_missing_unit_raises_plain_value_error():
    with pytest.raises(ValueError) as excinfo:
        parse_duration("90")
    assert excinfo.type is ValueError
    assert "90" in str(excinfo.value)


def test_an_unknown_unit_raises_the_module_s_own_exception():
    with pytest.raises(UnknownUnitError, match="'x'"):
        parse_duration("5x")


def test_the_custom_exception_is_still_caught_as_value_error():
    try:
        parse_duration("5w")
    except ValueError as error:
        caught = error
    assert isinstance(caught, durations.UnknownUnitError)


def test_the_exception_class_belongs_to_the_durations_module():
    # The first argument of create_exception! is the module the class says it is from, which
    # Python shows in every traceback: durations.UnknownUnitError.
    assert durations.UnknownUnitError.__module__ == "durations", (
        f"UnknownUnitError says it is from {durations.UnknownUnitError.__module__!r}: "
        "the first argument of create_exception! should be the module's name, durations"
    )


def test_a_huge_duration_raises_overflow_error():
    with pytest.raises(OverflowError):
        parse_duration("99999999999999999999s")


def test_every_name_in_the_type_stub_exists_in_the_module_with_its_base_class(exercise_dir):
    stub = ast.parse(pathlib.Path(exercise_dir, "durations.pyi").read_text())
    functions = [n.name for n in stub.body if isinstance(n, ast.FunctionDef)]
    classes = [n for n in stub.body if isinstance(n, ast.ClassDef)]
    assert functions and classes, "the stub should declare the function and the exception"
    assert [name for name in functions if not callable(getattr(durations, name, None))] == []
    for cls in classes:
        actual = getattr(durations, cls.name, None)
        assert isinstance(actual, type), f"the module has no class {cls.name}"
        for base in cls.bases:
            assert issubclass(actual, getattr(builtins, ast.unparse(base))), (cls.name, base)
