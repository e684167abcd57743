//! The chain on the Rust side (`source`), and the same chain in an interpreter embedded in the
//! test (`__cause__`).

use std::error::Error;
use std::num::ParseIntError;

use error_chains::{LoadError, load_config};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyType;

/// The error `load_config` gives for `text`; the test fails if it gives none.
fn error_of(text: &str) -> LoadError {
    load_config(text).expect_err("this text should not load")
}

/// The module's `ConfigError` class, as Python would import it.
fn config_error_class(py: Python<'_>) -> Bound<'_, PyType> {
    pyo3::wrap_pymodule!(error_chains::error_chains)(py)
        .into_bound(py)
        .getattr("ConfigError")
        .expect("the module has no ConfigError")
        .cast_into::<PyType>()
        .expect("ConfigError is not a class")
}

#[test]
fn a_bad_number_keeps_the_parse_error_as_its_source() {
    let error = error_of("port = 80\nworkers = eight\n");
    assert_eq!(
        error.to_string(),
        "line 2: the value of `workers` is not a number"
    );
    let source = error
        .source()
        .expect("a BadNumber should return its ParseIntError from source()");
    let parse_error = source
        .downcast_ref::<ParseIntError>()
        .expect("the source should be the ParseIntError itself");
    assert_eq!(parse_error, &"eight".parse::<u64>().unwrap_err());
}

#[test]
fn a_line_without_equals_has_no_source() {
    let error = error_of("port 80\n");
    assert_eq!(error, LoadError::MissingEquals { line: 1 });
    assert!(
        error.source().is_none(),
        "MissingEquals has nothing underneath it: source() should be None"
    );
}

#[test]
fn the_python_exception_of_a_bad_number_is_caused_by_a_value_error_with_the_parse_error_s_message()
{
    Python::initialize();
    Python::attach(|py| {
        let error = error_of("timeout = 99999999999999999999\n");
        let message = error.to_string();
        let parse_message = error_of("timeout = 99999999999999999999\n")
            .source()
            .map(ToString::to_string);
        let python_error = PyErr::from(error);
        assert!(python_error.get_type(py).is(config_error_class(py)));
        assert_eq!(python_error.value(py).to_string(), message);
        let cause = python_error
            .cause(py)
            .expect("the ConfigError should have a __cause__: the error underneath it");
        assert!(cause.get_type(py).is(py.get_type::<PyValueError>()));
        assert_eq!(Some(cause.value(py).to_string()), parse_message);
    });
}

#[test]
fn the_python_exception_of_an_error_without_a_source_has_no_cause() {
    Python::initialize();
    Python::attach(|py| {
        let python_error = PyErr::from(error_of("[server]\n"));
        assert!(python_error.get_type(py).is(config_error_class(py)));
        assert!(
            python_error.cause(py).is_none(),
            "MissingEquals has no source, so its exception should have no __cause__"
        );
    });
}
