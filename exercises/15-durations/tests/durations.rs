use durations::{DurationError, UnknownUnitError, parse_duration};
use pyo3::exceptions::{PyOverflowError, PyValueError};
use pyo3::prelude::*;

#[test]
fn parses_one_number_and_unit() {
    assert_eq!(parse_duration("90s"), Ok(90));
    assert_eq!(parse_duration("2m"), Ok(120));
    assert_eq!(parse_duration("1d"), Ok(86_400));
}

#[test]
fn adds_up_several_parts() {
    assert_eq!(parse_duration("1h30m"), Ok(5_400));
    assert_eq!(parse_duration(" 1m1s "), Ok(61));
}

#[test]
fn rejects_empty_text() {
    assert_eq!(parse_duration("   "), Err(DurationError::Empty));
}

#[test]
fn rejects_a_unit_without_a_number() {
    assert_eq!(
        parse_duration("1hm"),
        Err(DurationError::MissingNumber('m'))
    );
}

#[test]
fn rejects_a_number_without_a_unit() {
    assert_eq!(
        parse_duration("1h30"),
        Err(DurationError::MissingUnit("30".to_string()))
    );
}

#[test]
fn rejects_an_unknown_unit() {
    assert_eq!(parse_duration("5x"), Err(DurationError::UnknownUnit('x')));
}

#[test]
fn reports_overflow_instead_of_wrapping_around() {
    assert_eq!(
        parse_duration("99999999999999999999s"),
        Err(DurationError::Overflow)
    );
    assert_eq!(
        parse_duration("999999999999999d"),
        Err(DurationError::Overflow)
    );
}

#[test]
fn maps_each_error_to_its_python_exception() {
    Python::initialize();
    Python::attach(|py| {
        let unknown = PyErr::from(DurationError::UnknownUnit('x'));
        assert!(unknown.is_instance_of::<UnknownUnitError>(py));
        assert!(unknown.is_instance_of::<PyValueError>(py));
        assert!(PyErr::from(DurationError::Empty).is_instance_of::<PyValueError>(py));
        assert!(!PyErr::from(DurationError::Empty).is_instance_of::<UnknownUnitError>(py));
        assert!(PyErr::from(DurationError::Overflow).is_instance_of::<PyOverflowError>(py));
    });
}
