"""A Rust error and its source arrive as an exception and its __cause__; Rust's log records
arrive in Python's logging."""

import logging
import traceback

import pytest

from error_chains import ConfigError, load_config

LOGGER = "error_chains"  # the Rust crate's module path, the target of its log records


def raised_by(text: str) -> ConfigError:
    with pytest.raises(ConfigError) as excinfo:
        load_config(text)
    return excinfo.value


def test_a_bad_number_raises_config_error_caused_by_a_value_error():
    error = raised_by("port = 80\nworkers = eight\n")
    assert str(error) == "line 2: the value of `workers` is not a number"
    assert type(error.__cause__) is ValueError, (
        f"__cause__ is {error.__cause__!r}: it should be a ValueError made from the Rust error's "
        "source(), set with PyErr::set_cause"
    )


@pytest.mark.parametrize(
    ("value", "why"),
    [("eight", "invalid digit"), ("-1", "invalid digit"), ("", "empty string"),
     ("99999999999999999999", "too large")],
)
def test_the_cause_says_why_the_value_is_no_number(value, why):
    error = raised_by(f"workers = {value}\n")
    assert error.__cause__ is not None, "the ConfigError has no __cause__"
    assert why in str(error.__cause__)


def test_the_traceback_says_the_value_error_directly_caused_the_config_error():
    error = raised_by("workers = eight\n")
    assert error.__suppress_context__, "a cause set like `raise ... from ...` hides the context"
    shown = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    assert "The above exception was the direct cause of the following exception" in shown, shown
    assert shown.index("ValueError") < shown.index("ConfigError"), "the cause is shown first"


def test_a_line_without_equals_raises_config_error_with_no_cause():
    error = raised_by("[server]\nport = 80\n")
    assert str(error) == "line 1: expected `name = number`"
    assert error.__cause__ is None, "nothing underneath MissingEquals, so no __cause__"
    assert isinstance(error, ValueError), "ConfigError is a ValueError too"


def records_of(caplog):
    """(logger, level, message) of every record from the Rust crate's logger."""
    return [(r.name, r.levelname, r.getMessage()) for r in caplog.records if r.name == LOGGER]


NO_RECORDS = (
    "no log record reached Python's logging: does the module's #[pymodule_init] install "
    "pyo3-log's logger, and do the TODOs in load_config log? If records reached an earlier "
    "test and not this one, the logger is installed but remembers the level Python had at "
    "first (pyo3_log::init() caches it): build it with Logger::new(py, Caching::Loggers)."
)


def test_loading_logs_how_many_settings_at_info_under_the_crate_s_logger(caplog):
    caplog.set_level(logging.INFO, logger=LOGGER)
    assert load_config("# a comment\nport = 80\n\nworkers = 8\n") == {"port": 80, "workers": 8}
    records = records_of(caplog)
    assert records, NO_RECORDS
    assert records == [(LOGGER, "INFO", "loaded 2 settings")]


def test_a_name_set_twice_logs_a_warning_that_names_its_line(caplog):
    caplog.set_level(logging.INFO, logger=LOGGER)
    assert load_config("port = 80\nport = 8080\n") == {"port": 8080}
    records = records_of(caplog)
    assert records, NO_RECORDS
    assert records == [
        (LOGGER, "WARNING", "line 2: `port` is set again; the last value wins"),
        (LOGGER, "INFO", "loaded 1 settings"),
    ]


def test_a_level_python_disables_is_not_logged(caplog):
    caplog.set_level(logging.WARNING, logger=LOGGER)
    load_config("port = 80\nport = 8080\n")
    records = records_of(caplog)
    assert records, NO_RECORDS
    assert [level for _, level, _ in records] == ["WARNING"], (
        "the logger's level is WARNING: the info record should be left out"
    )


def test_debug_records_appear_when_python_enables_debug(caplog):
    caplog.set_level(logging.DEBUG, logger=LOGGER)
    load_config("port = 80\n")
    records = records_of(caplog)
    assert records, NO_RECORDS
    assert (LOGGER, "DEBUG", "line 1: port = 80") in records


def test_a_level_python_changes_later_takes_effect(caplog):
    caplog.set_level(logging.ERROR, logger=LOGGER)
    load_config("port = 80\n")
    assert records_of(caplog) == []
    caplog.set_level(logging.INFO, logger=LOGGER)
    load_config("port = 80\n")
    assert records_of(caplog) == [(LOGGER, "INFO", "loaded 1 settings")], (
        "after Python lowered the level to INFO the info record should arrive: a logger that "
        "caches each Python logger's level at first use misses the change (Caching::Loggers "
        "asks Python every time)"
    )

