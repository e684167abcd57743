"""Rust `Result` errors arrive in Python as exceptions of the right class."""

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


def test_a_huge_duration_raises_overflow_error():
    with pytest.raises(OverflowError):
        parse_duration("99999999999999999999s")
